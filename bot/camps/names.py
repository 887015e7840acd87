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

__all__ = ["MAX_OFFERED", "camp_name", "find_camps", "match_camps", "mentions_camp"]

MAX_OFFERED = 8
# Words people add around a camp's name, in every language (and as often misspelt); they
# say nothing about which camp it is, but they do say the message names a camp.
_GENERIC = (
    "camp", "camps", "idp", "idps", "mukhayam", "mukhayyam", "mokhayam",
    "مخيم", "مخيمات", "المخيم", "بمخيم", "لمخيم",
    "کەمپ", "کەمپی", "کەمپەکەی", "کەمپەکە", "کامپ", "کامپی",
    "kamp", "kampa", "kampê", "kempa", "kemp",
)
_TYPO_MIN = 4  # a generic word this long is still one with one letter wrong or swapped


def camp_name(camp: Camp, tr: Translator) -> str:
    """The camp's name in the reader's language (or the likeliest one they read)."""
    return pick(camp.names, tr.code) or camp.code


def _generic_words() -> frozenset[str]:
    return frozenset(fold(word) for word in _GENERIC)


def _is_generic(word: str, generic: frozenset[str]) -> bool:
    if word in generic:
        return True
    if len(word) < _TYPO_MIN:
        return False
    return any(
        len(g) >= _TYPO_MIN and (_within_one_edit(word, g) or _swapped(word, g))
        for g in generic
    )


def _swapped(a: str, b: str) -> bool:
    """Two neighbouring letters swapped ("cmap")."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and (
        a[diff[1]] == b[diff[0]]
    )


def _key(text: str, generic: frozenset[str]) -> str:
    return " ".join(word for word in fold(text).split() if not _is_generic(word, generic))


def mentions_camp(text: str) -> bool:
    """The message says "camp" (in any language, or nearly): it names a camp, not a place."""
    generic = _generic_words()
    return any(_is_generic(word, generic) for word in fold(text).split())


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
    generic = _generic_words()
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
