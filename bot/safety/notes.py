"""Which status note a reader sees, and how: their own language plain, another one labelled.

Notes are written by operators and partners and are not translated. A status carries a note
per data language when its writer said which (``note_ar`` … import columns, an operator's
/setstatus in their language) and possibly one whose language nobody stated (the plain
``note`` column, notes older than migration 0010). A reader sees one note: the first of
their :data:`~bot.domain.languages.FALLBACK` languages that has one; a reader must not meet
another language mixed silently into their answer, so a note in another language is
labelled ("Note (in English): …"). The language of an unstated note is guessed from its
letters (Sorani ەێۆڵڕ, Kurmanji êîûçş); a note with no letters of either script is shown as
a plain note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.domain.languages import FALLBACK, language
from bot.domain.records import Texts
from bot.i18n.catalogues import N_, Translator

__all__ = ["note_language", "note_line", "notes_line", "typed_notes"]

_SORANI = frozenset("ەێۆڵڕڤ")
_KURMANJI = frozenset("êîûçşÊÎÛÇŞ")
_ARABIC_SCRIPT = frozenset({"ar", "ckb"})

_PLAIN = N_("📝 Note: {note}")
_IN = {
    # TRANSLATORS: an operator's note written in another language, shown as written.
    "ar": N_("📝 Note (in Arabic): {note}"),
    "ckb": N_("📝 Note (in Sorani Kurdish): {note}"),
    "ku": N_("📝 Note (in Kurmanji Kurdish): {note}"),
    "en": N_("📝 Note (in English): {note}"),
}


def _arabic_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" and ch.isalpha()


def note_language(note: str) -> str | None:
    """The language a note is most likely written in, or None without letters to tell."""
    arabic = sum(1 for ch in note if _arabic_letter(ch))
    latin = sum(1 for ch in note if (ch.isalpha() and ch.isascii()) or ch in _KURMANJI)
    if not arabic and not latin:
        return None
    if arabic >= latin:
        return "ckb" if any(ch in _SORANI for ch in note) else "ar"
    return "ku" if any(ch in _KURMANJI for ch in note) else "en"


def _labelled(tr: Translator, note: str, lang: str | None) -> str:
    if lang is None or lang == tr.code:
        return tr.gettext(_PLAIN, note=note)
    return tr.gettext(_IN[lang], note=note)


def note_line(tr: Translator, note: str) -> str:
    """The line for a note whose language was not stated: labelled with the language its
    letters suggest when that is not the reader's."""
    return _labelled(tr, note, note_language(note))


def _keep(text: str) -> str:
    return text


def notes_line(
    tr: Translator, note: str | None, notes: Mapping[str, str], fit: Callable[[str], str] = _keep
) -> str | None:
    """The one note line for this reader, or None without a note.

    ``note`` is the note whose language was not stated, ``notes`` the note per language;
    ``fit`` shortens the text shown. An unstated note counts as written in the language its
    letters suggest, after a note stated in that language."""
    unstated = note if note and note.strip() else None
    guessed = note_language(unstated) if unstated else None
    for lang in FALLBACK[tr.code]:
        text = notes.get(lang)
        if text and text.strip():
            return _labelled(tr, fit(text), lang)
        if unstated and guessed == lang:
            return _labelled(tr, fit(unstated), lang)
    return _labelled(tr, fit(unstated), None) if unstated else None


def typed_notes(reader: str, note: str | None) -> tuple[str | None, Texts]:
    """A note an operator typed, as (unstated note, notes per language): stored in the
    operator's language — unless its letters are of the other script (an Arabic note from an
    English-speaking operator), then in the language they suggest. An operator who reads a
    language data is not written in (Badini) leaves it unstated: shown labelled by its
    letters, as an imported plain note is."""
    if not note or not note.strip():
        return None, Texts()
    if not language(reader).data:
        return note, Texts()
    guessed = note_language(note)
    if guessed is not None and (guessed in _ARABIC_SCRIPT) != (reader in _ARABIC_SCRIPT):
        return None, Texts({guessed: note})
    return None, Texts({reader: note})
