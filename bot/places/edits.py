"""Operators add villages missing from the data, and aliases residents' spellings need.

Pure reading and checking of what an operator typed (:func:`parse_new_area`,
:func:`read_alias`, :func:`split_pair`), and the writes, each one transaction that checks
again what it writes against the database (:func:`add_area`, :func:`add_alias`,
:func:`remove_alias`). Names are cleaned exactly as the importer cleans them, so
``daleel export areas`` gives them back and re-imports them unchanged.

A new area gets a P-code of ours: ``DL-<parent's P-code>-<n>`` (the parent's own ``DL-``
dropped, so a village under an added town reads ``DL-IQG15Q05N01-1-1``), or ``DL-<n>``
when that would pass the importer's 40 characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import aiosqlite

from bot.domain.areas import LEVEL_RANK
from bot.domain.languages import ENGLISH_FIRST, LANGUAGES
from bot.domain.records import Texts
from bot.i18n.catalogues import N_
from bot.importing.values import NAME_MAX, BadValue, clean_line
from bot.storage.area_edits import (
    SiblingName,
    aliases_of,
    area_in,
    insert_area,
    pcodes_starting,
    remove_aliases,
    sibling_names,
)
from bot.storage.area_edits import add_alias as store_alias
from bot.storage.areas import Area
from bot.storage.db import Database
from bot.text.fold import is_arabic_script, strip_article

__all__ = [
    "ADDABLE_LEVELS",
    "EXAMPLE_ADD",
    "MAX_ALIASES",
    "NATIVE",
    "PCODE_PREFIX",
    "USAGE",
    "Added",
    "Duplicate",
    "Gone",
    "NewArea",
    "Problem",
    "WrongParent",
    "add_alias",
    "add_area",
    "can_hold",
    "check_area",
    "name_key",
    "next_pcode",
    "parse_new_area",
    "read_alias",
    "read_query",
    "remove_alias",
    "split_pair",
]

ADDABLE_LEVELS = ("village", "town")
MAX_ALIASES = 20
PCODE_PREFIX = "DL-"
_PCODE_MAX = 40  # the importer's limit for codes
_ALIAS_SEPARATORS = re.compile(r"[|,،;؛]")


@dataclass(frozen=True)
class Problem:
    """Why the input was refused: an English msgid and the values it names."""

    msgid: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class NewArea:
    """A checked addition, waiting for its parent or for the operator's "Add"."""

    level: str
    names: Texts
    aliases: tuple[str, ...]

    def to_payload(self) -> dict[str, Any]:
        return {"level": self.level, "names": dict(self.names), "aliases": list(self.aliases)}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> NewArea | None:
        """Back from a token's payload (stored by us; still checked for shape)."""
        level, names, aliases = payload.get("level"), payload.get("names"), payload.get("aliases")
        if level not in ADDABLE_LEVELS or not isinstance(names, dict):
            return None
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            return None
        try:
            texts = Texts({str(k): str(v) for k, v in names.items()})
        except ValueError:
            return None
        return cls(str(level), texts, tuple(aliases)) if texts.get("ar") else None


# --- what operators typed -------------------------------------------------------------------

USAGE = N_("Write it like this: {example}")
_TOO_FEW = N_(
    "Give the parent area and the names, separated by “|”: parent area | English | Arabic | "
    "Sorani | Kurmanji | other spellings (separated by commas). The Arabic name is required; "
    "leave a part empty if you do not know it."
)
_NO_PARENT = N_("Give the name of the area the new place belongs to, before the first “|”.")
_NO_ARABIC = N_("The Arabic name is required (the third part).")
_CONTROL = N_("The name in {language} contains control characters. Type it again.")
_TOO_LONG = N_("The name in {language} is too long: {length} characters, at most {limit}.")
_NO_LETTERS = N_("The name in {language} has no letters.")
_ARABIC_SCRIPT = N_("The name in {language} must be written in Arabic script.")
_LATIN_SCRIPT = N_("The name in {language} must be written in Latin letters.")
_ALIAS_CONTROL = N_("An alias contains control characters. Type it again.")
_ALIAS_TOO_LONG = N_("The alias “{alias}” is too long: {length} characters, at most {limit}.")
_ALIAS_NO_LETTERS = N_("The alias “{alias}” has no letters.")
_TOO_MANY_ALIASES = N_("Give at most {limit} other spellings at a time.")
_QUERY_TOO_LONG = N_("That area name is too long: {length} characters, at most {limit}.")
_PAIR = N_("Give the area and the alias, separated by “|”.")

EXAMPLE_ADD = "/addarea Qayyarah | Hajj Ali | حاج علي | حاجی عەلی | Hacî Elî | Haj Ali, Hajji Ali"
NATIVE = {lang.code: lang.native_name for lang in LANGUAGES}  # names no language translates


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch != "\t" for ch in text)


def _letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalpha()]


def _name(raw: str, lang: str) -> str | Problem:
    """One language's name, cleaned as the importer cleans it; "" when left empty."""
    language = NATIVE[lang]
    if _has_control(raw):
        return Problem(_CONTROL, {"language": language})
    try:
        text = clean_line(raw, NAME_MAX, lang=lang)
    except BadValue:
        length = len(clean_line(raw, 10**6, lang=lang))
        return Problem(_TOO_LONG, {"language": language, "length": length, "limit": NAME_MAX})
    if not text:
        return ""
    letters = _letters(text)
    if not letters:
        return Problem(_NO_LETTERS, {"language": language})
    arabic = [ch for ch in letters if is_arabic_script(ch)]
    if lang in ("ar", "ckb") and len(arabic) != len(letters):
        return Problem(_ARABIC_SCRIPT, {"language": language})
    if lang in ("en", "ku") and arabic:
        return Problem(_LATIN_SCRIPT, {"language": language})
    return text


def read_alias(raw: str) -> str | Problem:
    """One alias (any script): cleaned, at most NAME_MAX characters, with letters."""
    if _has_control(raw):
        return Problem(_ALIAS_CONTROL)
    text = clean_line(raw, 10**6)
    if len(text) > NAME_MAX:
        shown = text[:30] + "…"
        return Problem(_ALIAS_TOO_LONG, {"alias": shown, "length": len(text), "limit": NAME_MAX})
    if not _letters(text):
        return Problem(_ALIAS_NO_LETTERS, {"alias": text})
    return text


def read_query(raw: str) -> str | Problem:
    """An area's name as typed to find it."""
    text = clean_line(raw.replace("\n", " "), 10**6)
    if len(text) > NAME_MAX:
        return Problem(_QUERY_TOO_LONG, {"length": len(text), "limit": NAME_MAX})
    return text


def name_key(text: str) -> str:
    """Two names are the same place name when this key is equal: folded (letters Arabic and
    Sorani keyboards confuse, diacritics, case), articles and spaces dropped."""
    return strip_article(text).replace(" ", "")


def split_pair(raw: str) -> tuple[str, str] | Problem:
    """``<area> | <alias>``: both parts given."""
    area, bar, alias = raw.replace("\n", " ").partition("|")
    if not bar or not area.strip() or not alias.strip() or "|" in alias:
        return Problem(_PAIR)
    return area.strip(), alias.strip()


def _level_and_parent(first: str) -> tuple[str, str]:
    words = first.split(maxsplit=1)
    if len(words) == 2 and words[0].casefold() in ADDABLE_LEVELS:
        return words[0].casefold(), words[1]
    return "village", first


def parse_new_area(raw: str) -> tuple[str, NewArea] | Problem:
    """``[town] <parent> | <English> | <Arabic> | <Sorani> | <Kurmanji> [| aliases]``:
    the parent's name as typed, and the checked new area."""
    parts = raw.replace("\r", " ").replace("\n", " ").split("|")
    if len(parts) < 3:
        return Problem(_TOO_FEW)
    level, parent_raw = _level_and_parent(parts[0].strip())
    parent = read_query(parent_raw)
    if isinstance(parent, Problem):
        return parent
    if not parent:
        return Problem(_NO_PARENT)
    names: dict[str, str] = {}
    for lang, part in zip(ENGLISH_FIRST, parts[1:5], strict=False):  # the names after the parent
        name = _name(part, lang)
        if isinstance(name, Problem):
            return name
        if name:
            names[lang] = name
    if "ar" not in names:
        return Problem(_NO_ARABIC)
    aliases: list[str] = []
    seen = {name_key(text) for text in names.values()}
    for part in parts[5:]:
        for piece in _ALIAS_SEPARATORS.split(part):
            if not piece.strip():
                continue
            alias = read_alias(piece)
            if isinstance(alias, Problem):
                return alias
            key = name_key(alias)
            if key and key not in seen:  # a repeat, or one of the names: nothing to add
                seen.add(key)
                aliases.append(alias)
    if len(aliases) > MAX_ALIASES:
        return Problem(_TOO_MANY_ALIASES, {"limit": MAX_ALIASES})
    return parent, NewArea(level, Texts(names), tuple(aliases))


# --- checks against the database, and the writes --------------------------------------------


@dataclass(frozen=True)
class WrongParent:
    """A village goes under a town or above; a town under a sub-district or above."""

    parent: Area
    level: str


@dataclass(frozen=True)
class Duplicate:
    """One of the new names is already a name or alias of a place under the same parent."""

    name: str
    existing_id: int


@dataclass(frozen=True)
class Gone:
    """The parent was removed (a re-import) between the preview and "Add"."""


@dataclass(frozen=True)
class Added:
    area_id: int
    pcode: str


def can_hold(parent: Area, level: str) -> bool:
    """Whether an area of ``level`` may be added under ``parent``."""
    return parent.level != "village" and LEVEL_RANK.get(parent.level, 9) < LEVEL_RANK[level]


def _duplicate(new: NewArea, siblings: Sequence[SiblingName]) -> Duplicate | None:
    taken = {name_key(s.text): s.area_id for s in siblings}
    for text in (*new.names.values(), *new.aliases):
        existing = taken.get(name_key(text))
        if existing is not None:
            return Duplicate(text, existing)
    return None


def next_pcode(parent_pcode: str, taken: Sequence[str]) -> tuple[str, str]:
    """(prefix, P-code) for the next area of ours under ``parent_pcode``."""
    core = parent_pcode.removeprefix(PCODE_PREFIX)
    prefix = f"{PCODE_PREFIX}{core}-"
    if len(prefix) + 4 > _PCODE_MAX:
        prefix = PCODE_PREFIX
    numbers = [
        int(rest) for code in taken
        if (rest := code[len(prefix):]).isdecimal() and code.startswith(prefix)
    ]
    return prefix, f"{prefix}{max(numbers, default=0) + 1}"


async def _check(
    conn: aiosqlite.Connection, parent_id: int, new: NewArea
) -> Area | WrongParent | Duplicate | Gone:
    """The parent, if ``new`` may go under it now; else what stops it."""
    parent = await area_in(conn, parent_id)
    if parent is None:
        return Gone()
    if not can_hold(parent, new.level):
        return WrongParent(parent, new.level)
    duplicate = _duplicate(new, await sibling_names(conn, parent.id))
    return parent if duplicate is None else duplicate


async def check_area(
    db: Database, parent_id: int, new: NewArea
) -> WrongParent | Duplicate | Gone | None:
    """What would stop adding ``new`` under ``parent_id`` now (None: nothing)."""
    async with db.transaction() as conn:
        found = await _check(conn, parent_id, new)
    return None if isinstance(found, Area) else found


async def add_area(
    db: Database, parent_id: int, new: NewArea, *, added_by: int, now: datetime
) -> Added | WrongParent | Duplicate | Gone:
    """Check again and write the area with its aliases, in one transaction."""
    async with db.transaction() as conn:
        parent = await _check(conn, parent_id, new)
        if not isinstance(parent, Area):
            return parent
        prefix, _ = next_pcode(parent.pcode, [])
        _, pcode = next_pcode(parent.pcode, await pcodes_starting(conn, prefix))
        area_id = await insert_area(
            conn, pcode=pcode, level=new.level, parent_id=parent.id, names=new.names,
            aliases=new.aliases, added_by=added_by,
            now=now.astimezone(UTC).isoformat(timespec="seconds"),
        )
    return Added(area_id, pcode)


AliasAdded = Literal["added", "exists"]
AliasRemoved = Literal["removed", "is_name", "missing"]


async def add_alias(
    db: Database, area: Area, alias: str, *, now: datetime, added_by: int | None = None
) -> AliasAdded:
    """"exists" when the area already has this name or alias (as spelling keys go)."""
    key = name_key(alias)
    known = [*area.names.values(), *await aliases_of(db, area.id)]
    if any(name_key(text) == key for text in known):
        return "exists"
    stamp = now.astimezone(UTC).isoformat(timespec="seconds")
    added = await store_alias(db, area.id, alias, now=stamp, added_by=added_by)
    return "added" if added else "exists"


async def remove_alias(db: Database, area: Area, typed: str, *, now: datetime) -> AliasRemoved:
    """Remove the alias spelled ``typed`` (or the same as spelling keys go); an area's own
    names come from the data and are not removed here."""
    key = name_key(typed)
    matching = [a for a in await aliases_of(db, area.id) if a == typed or name_key(a) == key]
    if not matching:
        if any(name_key(text) == key for text in area.names.values()):
            return "is_name"
        return "missing"
    stamp = now.astimezone(UTC).isoformat(timespec="seconds")
    removed = await remove_aliases(db, area.id, matching, now=stamp)
    return "removed" if removed else "missing"
