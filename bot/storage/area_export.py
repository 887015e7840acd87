"""Areas and their current statuses as import records, for ``daleel export``: what an
export writes re-imports to the same records (P-codes for parents, every alias, each status
note in the column it came from)."""

from __future__ import annotations

import datetime

from bot.domain.records import AreaRecord, StatusRecord
from bot.storage.areas import _AREA_COLUMNS as COLUMNS
from bot.storage.areas import _area as area_of
from bot.storage.db import Database
from bot.storage.status_notes import read_notes

__all__ = ["export_areas", "export_statuses"]


async def export_areas(db: Database) -> list[AreaRecord]:
    pcode_of = {row[0]: row[1] for row in await db.fetch_all("SELECT id, pcode FROM areas")}
    aliases: dict[int, list[str]] = {}
    for row in await db.fetch_all("SELECT area_id, alias FROM area_aliases ORDER BY alias"):
        aliases.setdefault(row[0], []).append(row[1])
    rows = await db.fetch_all(f"SELECT {COLUMNS} FROM areas ORDER BY id")
    records = []
    for row in rows:
        area = area_of(row)
        records.append(
            AreaRecord(
                pcode=area.pcode,
                level=area.level,
                parent_pcode=pcode_of.get(area.parent_id) if area.parent_id else None,
                names=area.names,
                aliases=tuple(aliases.get(area.id, ())),
                lat=area.lat,
                lon=area.lon,
                demo=area.demo,
            )
        )
    return records


async def export_statuses(db: Database) -> list[StatusRecord]:
    """The current status of every area that has one."""
    rows = await db.fetch_all(
        "SELECT a.pcode, h.status, h.status_date, h.source, h.notes, h.demo FROM area_status s"
        " JOIN area_status_history h ON h.id = s.history_id JOIN areas a ON a.id = s.area_id"
        " ORDER BY a.pcode"
    )
    records = []
    for row in rows:
        note, notes = read_notes(row[4])
        day = datetime.date.fromisoformat(row[2])
        records.append(StatusRecord(row[0], row[1], day, row[3], note, bool(row[5]), notes))
    return records

