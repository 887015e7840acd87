"""Camps by name: how a camp is called in a language, and which camps a typed name means.

Residents type their camp's name ("Khazer", "debaga 1", "مخيم حسن شام"), often with a
generic word around it or one letter wrong; the free-text answer, the camp picker and the
staff's announcement audience all read it here, the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n.catalogues import Translator, pick
from bot.storage.camps import Camp, list_camps
from bot.storage.db import Database
from bot.text.fold import fold

__all__ = ["MAX_OFFERED", "camp_name", "find_camps", "match_camps"]

MAX_OFFERED = 8
# Words people add around a camp's name; they say nothing about which camp it is.
_GENERIC = ("camp", "camps", "idp", "مخيم", "مخيمات", "کەمپ", "kamp", "kampa")


def camp_name(camp: Camp, tr: Translator) -> str:
    """The camp's name in the reader's language (or the likeliest one they read)."""
    return pick(camp.names, tr.code) or camp.code


def _key(text: str, generic: frozenset[str]) -> str:
    return " ".join(word for word in fold(text).split() if word not in generic)


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance at most 1 (one letter wrong, missing or extra)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _score(query: str, key: str) -> int:
    if not key:
        return 0
    if query == key:
        return 4
    if len(query) >= 3 and key.startswith(query):
        return 3
    if len(query) >= 4 and (query in key or key in query):
        return 2
    if len(query) >= 4 and _within_one_edit(query, key):
        return 1
    return 0


def match_camps(text: str, camps: Sequence[Camp]) -> list[Camp]:
    """Camps whose name or alias matches, best first (pure: for tests and the index)."""
    generic = frozenset(fold(word) for word in _GENERIC)
    query = _key(text, generic)
    if not query:
        return []
    scored: list[tuple[int, str, Camp]] = []
    for camp in camps:
        keys = {_key(name, generic) for name in (*camp.names.values(), *camp.aliases)}
        best = max((_score(query, key) for key in keys), default=0)
        if best:
            scored.append((best, camp.code, camp))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [camp for _, _, camp in scored]


async def find_camps(db: Database, text: str) -> list[Camp]:
    """Camps the typed text names, best first (empty when none), at most ``MAX_OFFERED``."""
    return match_camps(text, await list_camps(db))[:MAX_OFFERED]
