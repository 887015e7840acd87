"""Areas whose current safety status is old: for the operators' daily digest."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import aiosqlite

from bot.storage.areas import Area
from bot.storage.db import Database
from bot.storage.texts import texts_at

__all__ = ["StaleStatus", "count_stale", "oldest_stale"]

_FROM = (
    " FROM area_status s JOIN area_status_history h ON h.id = s.history_id"
    " JOIN areas a ON a.id = s.area_id WHERE h.status_date < ?"
)


@dataclass(frozen=True)
class StaleStatus:
    """An area and its current status, dated before the cut-off."""

    area: Area
    status: str
    status_date: datetime.date
    source: str
    demo: bool


def _stale(row: aiosqlite.Row) -> StaleStatus:
    area = Area(row[0], row[1], row[2], row[3], texts_at(row, 4), None, None, bool(row[8]))
    return StaleStatus(
        area, row[9], datetime.date.fromisoformat(row[10]), row[11], bool(row[12])
    )


async def count_stale(db: Database, before: datetime.date) -> int:
    """How many areas have a current status dated before ``before``."""
    row = await db.fetch_one("SELECT COUNT(*)" + _FROM, (before.isoformat(),))
    return int(row[0]) if row else 0


async def oldest_stale(db: Database, before: datetime.date, limit: int) -> list[StaleStatus]:
    """The ``limit`` oldest of them, oldest first."""
    rows = await db.fetch_all(
        "SELECT a.id, a.pcode, a.level, a.parent_id, a.name_en, a.name_ar, a.name_ckb,"
        " a.name_ku, a.demo, h.status, h.status_date, h.source, h.demo"
        + _FROM
        + " ORDER BY h.status_date, a.id LIMIT ?",
        (before.isoformat(), limit),
    )
    return [_stale(row) for row in rows]
