"""What an import of a partner's place list needs to know about the places already held:
every area with its parent, names, aliases and point (to find parents by name and to
recognise a village already held), and the write that adds a partner's spellings to one.

Kept apart from :mod:`bot.storage.areas` (the areas residents see and their statuses):
this is read once per import, whole, and written only by the importer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from bot.storage.db import Database

__all__ = ["IMPORT_ALIAS_ADDER", "KnownArea", "add_import_aliases", "known_areas"]

IMPORT_ALIAS_ADDER = 0
"""``area_aliases.added_by`` of a spelling another file brought to an existing area: not
NULL, so re-importing the area's own file does not remove it (that file replaces only the
aliases it gave)."""


@dataclass(frozen=True, slots=True)
class KnownArea:
    pcode: str
    level: str
    parent_pcode: str | None
    names: tuple[str, ...]  # the names in every language, then the aliases
    lat: float | None
    lon: float | None


async def known_areas(db: Database) -> list[KnownArea]:
    """Every area, with its names and aliases."""
    aliases: dict[int, list[str]] = {}
    for row in await db.fetch_all("SELECT area_id, alias FROM area_aliases ORDER BY alias"):
        aliases.setdefault(row[0], []).append(row[1])
    rows = await db.fetch_all(
        "SELECT a.id, a.pcode, a.level, p.pcode, a.name_en, a.name_ar, a.name_ckb, a.name_ku,"
        " a.lat, a.lon FROM areas a LEFT JOIN areas p ON p.id = a.parent_id ORDER BY a.id"
    )
    return [
        KnownArea(
            row[1], row[2], row[3],
            (*(name for name in row[4:8] if name), *aliases.get(row[0], ())),
            row[8], row[9],
        )
        for row in rows
    ]


async def add_import_aliases(
    conn: aiosqlite.Connection, pairs: Sequence[tuple[str, str]], now: str
) -> None:
    """Add (P-code, spelling) pairs as aliases, inside the caller's transaction."""
    await conn.executemany(
        "INSERT OR IGNORE INTO area_aliases (area_id, alias, added_by)"
        " SELECT id, ?, ? FROM areas WHERE pcode = ?",
        [(alias, IMPORT_ALIAS_ADDER, pcode) for pcode, alias in pairs],
    )
    await conn.executemany(
        "UPDATE areas SET updated_at = ? WHERE pcode = ?",
        [(now, pcode) for pcode in sorted({pcode for pcode, _ in pairs})],
    )
