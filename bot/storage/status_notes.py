"""Status notes as the database keeps them: one JSON column, language -> text.

A status (and a proposal) carries a note per data language (:class:`Texts`) and possibly one
note whose language nobody stated (the plain ``note`` import column, a feed's plain
``#description``, the notes recorded before migration 0010). Both live in the ``notes``
column, the unstated one under ``"und"`` (BCP 47: undetermined), so one column says
everything an operator or a file said, and nothing is guessed into the data.
"""

from __future__ import annotations

import json

from bot.domain.languages import DATA_CODES
from bot.domain.records import Texts

__all__ = ["UNSTATED", "notes_json", "read_notes"]

UNSTATED = "und"
"""The key of a note whose language was not stated."""


def notes_json(note: str | None, notes: Texts) -> str | None:
    """The ``notes`` column for an unstated note and the notes per language (None if none)."""
    found = dict(notes)
    if note and note.strip():
        found[UNSTATED] = note
    return json.dumps(found, ensure_ascii=False, sort_keys=True) if found else None


def read_notes(raw: object) -> tuple[str | None, Texts]:
    """The unstated note and the notes per language kept in a ``notes`` column.

    Keys that are not data languages (none are written) are ignored rather than failing a
    resident's answer."""
    if not isinstance(raw, str) or not raw:
        return None, Texts()
    found = json.loads(raw)
    if not isinstance(found, dict):
        return None, Texts()
    unstated = found.get(UNSTATED)
    texts = {
        lang: text for lang, text in found.items() if lang in DATA_CODES and isinstance(text, str)
    }
    return (unstated if isinstance(unstated, str) and unstated else None), Texts(texts)
