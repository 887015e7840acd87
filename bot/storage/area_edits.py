"""Operators' edits to the places: new areas (villages missing from the data) and aliases.

The area itself is read with :mod:`bot.storage.areas`; this module only writes, plus the
few reads a write has to make inside its own transaction (the parent, the names already
used under it, the P-codes already given). Every change bumps the area's ``updated_at``
so :func:`bot.storage.areas.places_version` sees it from another process too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from bot.domain.records import Texts
from bot.storage.areas import Area
from bot.storage.db import Database
from bot.storage.texts import texts_at

__all__ = [
    "SiblingName",
    "add_alias",
    "aliases_of",
    "area_in",
    "insert_area",
    "pcodes_starting",
    "remove_aliases",
    "sibling_names",
]

_COLUMNS = "id, pcode, level, parent_id, name_en, name_ar, name_ckb, name_ku, lat, lon, demo"


@dataclass(frozen=True)
class SiblingName:
    """A name or alias of an area directly under the same parent."""

    area_id: int
    text: str


def _area(row: aiosqlite.Row) -> Area:
    return Area(row[0], row[1], row[2], row[3], texts_at(row, 4), row[8], row[9], bool(row[10]))


async def _all(
    conn: aiosqlite.Connection, sql: str, params: Sequence[object] = ()
) -> list[aiosqlite.Row]:
    async with conn.execute(sql, params) as cursor:
        return list(await cursor.fetchall())


# --- inside the caller's transaction ------------------------------------------------------


async def area_in(conn: aiosqlite.Connection, area_id: int) -> Area | None:
    rows = await _all(conn, f"SELECT {_COLUMNS} FROM areas WHERE id = ?", (area_id,))
    return _area(rows[0]) if rows else None


async def sibling_names(conn: aiosqlite.Connection, parent_id: int) -> list[SiblingName]:
    """Every name and alias of the areas directly under ``parent_id``."""
    found: list[SiblingName] = []
    for row in await _all(
        conn, "SELECT id, name_en, name_ar, name_ckb, name_ku FROM areas WHERE parent_id = ?",
        (parent_id,),
    ):
        found.extend(SiblingName(row[0], text) for text in row[1:] if text)
    for row in await _all(
        conn,
        "SELECT x.area_id, x.alias FROM area_aliases x JOIN areas a ON a.id = x.area_id"
        " WHERE a.parent_id = ?",
        (parent_id,),
    ):
        found.append(SiblingName(row[0], row[1]))
    return found


async def pcodes_starting(conn: aiosqlite.Connection, prefix: str) -> list[str]:
    """P-codes that begin with ``prefix`` exactly (no LIKE: ``_`` is a P-code character)."""
    rows = await _all(
        conn, "SELECT pcode FROM areas WHERE substr(pcode, 1, ?) = ?", (len(prefix), prefix)
    )
    return [row[0] for row in rows]


async def insert_area(
    conn: aiosqlite.Connection,
    *,
    pcode: str,
    level: str,
    parent_id: int,
    names: Texts,
    aliases: Sequence[str],
    added_by: int,
    now: str,
) -> int:
    """A new area and its aliases; returns its id."""
    async with conn.execute(
        "INSERT INTO areas (pcode, level, parent_id, name_en, name_ar, name_ckb, name_ku,"
        " demo, updated_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        (
            pcode, level, parent_id, names.get("en"), names.get("ar"), names.get("ckb"),
            names.get("ku"), now, added_by,
        ),
    ) as cursor:
        area_id = cursor.lastrowid
    assert area_id is not None
    await conn.executemany(
        "INSERT OR IGNORE INTO area_aliases (area_id, alias, added_by) VALUES (?, ?, ?)",
        [(area_id, alias, added_by) for alias in aliases],
    )
    return area_id


# --- one statement or transaction each ------------------------------------------------------


async def aliases_of(db: Database, area_id: int) -> list[str]:
    rows = await db.fetch_all(
        "SELECT alias FROM area_aliases WHERE area_id = ? ORDER BY alias", (area_id,)
    )
    return [row[0] for row in rows]


async def add_alias(
    db: Database, area_id: int, alias: str, *, now: str, added_by: int | None = None
) -> bool:
    """False when the area already has exactly this alias (or is gone)."""
    async with db.transaction() as conn:
        async with conn.execute(
            "INSERT OR IGNORE INTO area_aliases (area_id, alias, added_by)"
            " SELECT id, ?, ? FROM areas WHERE id = ?",
            (alias, added_by, area_id),
        ) as cursor:
            added = cursor.rowcount == 1
        if added:
            await _touch(conn, area_id, now)
    return added


async def remove_aliases(db: Database, area_id: int, aliases: Sequence[str], *, now: str) -> int:
    """Remove these aliases of the area; returns how many were removed."""
    removed = 0
    async with db.transaction() as conn:
        for alias in aliases:
            async with conn.execute(
                "DELETE FROM area_aliases WHERE area_id = ? AND alias = ?", (area_id, alias)
            ) as cursor:
                removed += max(cursor.rowcount, 0)
        if removed:
            await _touch(conn, area_id, now)
    return removed


async def _touch(conn: aiosqlite.Connection, area_id: int, now: str) -> None:
    async with conn.execute("UPDATE areas SET updated_at = ? WHERE id = ?", (now, area_id)):
        pass

