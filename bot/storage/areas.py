"""Areas (governorates … villages), their aliases and their safety status with history."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.domain.records import AreaRecord, StatusRecord, Texts
from bot.places.index import PlaceName
from bot.storage.db import Database
from bot.storage.status_notes import notes_json, read_notes
from bot.storage.texts import COLUMN_ORDER, texts_at

__all__ = [
    "Area",
    "AreaStatus",
    "alert_is_due",
    "alerts_due",
    "area_ancestors",
    "area_children",
    "area_ids_by_pcode",
    "area_levels",
    "count_statuses_inside",
    "current_in",
    "current_status",
    "currents_in",
    "demo_pcodes",
    "get_area",
    "is_followed_in",
    "mark_alerted",
    "place_names",
    "places_inside_with",
    "places_version",
    "record_status",
    "status_by_history_id",
    "status_history",
    "upsert_areas",
]

_AREA_COLUMNS = "id, pcode, level, parent_id, name_en, name_ar, name_ckb, name_ku, lat, lon, demo"
_STATUS_COLUMNS = (
    "h.area_id, h.status, h.status_date, h.source, h.notes, h.origin, h.recorded_by,"
    " h.confirmed_by, h.recorded_at, h.demo, h.id"
)


@dataclass(frozen=True)
class Area:
    id: int
    pcode: str
    level: str
    parent_id: int | None
    names: Texts
    lat: float | None
    lon: float | None
    demo: bool


@dataclass(frozen=True)
class AreaStatus:
    area_id: int
    status: str
    status_date: datetime.date
    source: str
    note: str | None  # its language not stated
    origin: str
    recorded_by: str
    confirmed_by: str | None
    recorded_at: str
    demo: bool
    history_id: int
    notes: Texts = field(default_factory=Texts)


def _area(row: Sequence[Any]) -> Area:
    return Area(
        row[0], row[1], row[2], row[3], texts_at(row, 4), row[8], row[9], bool(row[10])
    )


def _status(row: Sequence[Any]) -> AreaStatus:
    note, notes = read_notes(row[4])
    return AreaStatus(
        area_id=row[0],
        status=row[1],
        status_date=datetime.date.fromisoformat(row[2]),
        source=row[3],
        note=note,
        notes=notes,
        origin=row[5],
        recorded_by=row[6],
        confirmed_by=row[7],
        recorded_at=row[8],
        demo=bool(row[9]),
        history_id=row[10],
    )


async def get_area(db: Database, area_id: int) -> Area | None:
    row = await db.fetch_one(f"SELECT {_AREA_COLUMNS} FROM areas WHERE id = ?", (area_id,))
    return None if row is None else _area(row)


async def area_children(db: Database, parent_id: int | None) -> list[Area]:
    """Direct children (governorates when ``parent_id`` is None), by level then name."""
    where = "parent_id IS NULL" if parent_id is None else "parent_id = ?"
    params: tuple[int, ...] = () if parent_id is None else (parent_id,)
    rows = await db.fetch_all(
        f"SELECT {_AREA_COLUMNS} FROM areas WHERE {where}"
        " ORDER BY CASE level WHEN 'governorate' THEN 1 WHEN 'district' THEN 2"
        " WHEN 'subdistrict' THEN 3 WHEN 'town' THEN 4 ELSE 5 END,"
        " COALESCE(name_en, name_ar, name_ckb, name_ku)",
        params,
    )
    return [_area(row) for row in rows]


async def area_ancestors(db: Database, area_id: int) -> list[Area]:
    """Parent first, up to the governorate."""
    rows = await db.fetch_all(
        "WITH RECURSIVE up(id, depth) AS ("
        " SELECT parent_id, 1 FROM areas WHERE id = ? AND parent_id IS NOT NULL"
        " UNION ALL SELECT a.parent_id, depth + 1 FROM areas a JOIN up ON a.id = up.id"
        " WHERE a.parent_id IS NOT NULL AND depth < 8)"
        f" SELECT {', '.join('a.' + c.strip() for c in _AREA_COLUMNS.split(','))}"
        " FROM up JOIN areas a ON a.id = up.id ORDER BY up.depth",
        (area_id,),
    )
    return [_area(row) for row in rows]


# Every place below an area, at any depth (a sub-district's towns and their villages).
_DESCENDANTS = (
    "WITH RECURSIVE down(id, depth) AS ("
    " SELECT id, 1 FROM areas WHERE parent_id = ?"
    " UNION ALL SELECT a.id, depth + 1 FROM areas a JOIN down ON a.parent_id = down.id"
    " WHERE depth < 8)"
)


async def count_statuses_inside(
    db: Database, area_id: int
) -> list[tuple[str | None, bool, bool, int]]:
    """How many places below the area have each current status: (status or None for no
    status row, whether its source is named, whether it is demo data, count)."""
    rows = await db.fetch_all(
        f"{_DESCENDANTS} SELECT h.status, TRIM(IFNULL(h.source, '')) != '', IFNULL(h.demo, 0),"
        " COUNT(*) FROM down"
        " LEFT JOIN area_status s ON s.area_id = down.id"
        " LEFT JOIN area_status_history h ON h.id = s.history_id"
        " GROUP BY 1, 2, 3",
        (area_id,),
    )
    return [
        (None if row[0] is None else str(row[0]), bool(row[1]), bool(row[2]), int(row[3]))
        for row in rows
    ]


async def places_inside_with(
    db: Database, area_id: int, statuses: Sequence[str], *, limit: int
) -> list[tuple[Area, AreaStatus]]:
    """Places below the area whose current status is one of ``statuses`` with a named
    source, in the order of ``statuses``, then newest first; at most ``limit``."""
    if not statuses:
        return []
    marks = ",".join("?" * len(statuses))
    order = " ".join(f"WHEN ? THEN {i}" for i in range(len(statuses)))
    area_columns = ", ".join("a." + c.strip() for c in _AREA_COLUMNS.split(","))
    rows = await db.fetch_all(
        f"{_DESCENDANTS} SELECT {area_columns}, {_STATUS_COLUMNS} FROM down"
        " JOIN areas a ON a.id = down.id"
        " JOIN area_status s ON s.area_id = a.id"
        " JOIN area_status_history h ON h.id = s.history_id"
        f" WHERE h.status IN ({marks}) AND TRIM(h.source) != ''"
        f" ORDER BY CASE h.status {order} END, h.status_date DESC, a.id LIMIT ?",
        (area_id, *statuses, *statuses, limit),
    )
    width = len(_AREA_COLUMNS.split(","))
    return [(_area(row[:width]), _status(row[width:])) for row in rows]


async def area_levels(db: Database) -> dict[str, str]:
    """P-code → level of every known area (the importer checks parents against it)."""
    return {row[0]: row[1] for row in await db.fetch_all("SELECT pcode, level FROM areas")}


async def demo_pcodes(db: Database) -> frozenset[str]:
    """P-codes of the invented demo areas (never a real place)."""
    rows = await db.fetch_all("SELECT pcode FROM areas WHERE demo = 1")
    return frozenset(row[0] for row in rows)


async def area_ids_by_pcode(db: Database, pcodes: Sequence[str] | None = None) -> dict[str, int]:
    if pcodes is None:
        rows = await db.fetch_all("SELECT pcode, id FROM areas")
        return {row[0]: row[1] for row in rows}
    found: dict[str, int] = {}
    for start in range(0, len(pcodes), 500):
        chunk = list(pcodes[start : start + 500])
        rows = await db.fetch_all(
            f"SELECT pcode, id FROM areas WHERE pcode IN ({','.join('?' * len(chunk))})", chunk
        )
        found.update({row[0]: row[1] for row in rows})
    return found


async def places_version(db: Database) -> tuple[int, str, int]:
    """Changes whenever an area or alias is added, renamed or removed (cheap to ask)."""
    row = await db.fetch_one(
        "SELECT (SELECT COUNT(*) FROM areas), (SELECT IFNULL(MAX(updated_at), '') FROM areas),"
        " (SELECT COUNT(*) FROM area_aliases)"
    )
    assert row is not None
    return int(row[0]), str(row[1]), int(row[2])


async def place_names(db: Database) -> list[PlaceName]:
    """Every name and alias, for the resident-facing place index."""
    names: list[PlaceName] = []
    for row in await db.fetch_all("SELECT id, name_en, name_ar, name_ckb, name_ku FROM areas"):
        for lang, text in zip(COLUMN_ORDER, row[1:], strict=True):
            if text:
                names.append(PlaceName(row[0], text, f"name_{lang}"))
    for row in await db.fetch_all("SELECT area_id, alias FROM area_aliases"):
        names.append(PlaceName(row[0], row[1], "alias"))
    return names


async def current_status(db: Database, area_id: int) -> AreaStatus | None:
    row = await db.fetch_one(
        f"SELECT {_STATUS_COLUMNS} FROM area_status s"
        " JOIN area_status_history h ON h.id = s.history_id WHERE s.area_id = ?",
        (area_id,),
    )
    return None if row is None else _status(row)


async def status_history(db: Database, area_id: int) -> list[AreaStatus]:
    """Every change, oldest first."""
    rows = await db.fetch_all(
        f"SELECT {_STATUS_COLUMNS} FROM area_status_history h WHERE h.area_id = ? ORDER BY h.id",
        (area_id,),
    )
    return [_status(row) for row in rows]


# --- writes, inside the caller's transaction --------------------------------------------


async def upsert_areas(
    conn: aiosqlite.Connection, records: Sequence[AreaRecord], ids: dict[str, int], now: str
) -> None:
    """Insert or update by P-code, then link parents (``ids`` maps every known P-code,
    including the new ones, once inserted) and replace each area's aliases."""
    await conn.executemany(
        "INSERT INTO areas (pcode, level, name_en, name_ar, name_ckb, name_ku, lat, lon, demo,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (pcode) DO UPDATE SET level = excluded.level,"
        " name_en = excluded.name_en, name_ar = excluded.name_ar,"
        " name_ckb = excluded.name_ckb, name_ku = excluded.name_ku, lat = excluded.lat,"
        " lon = excluded.lon,"
        # A real area never becomes demo data: its statuses would skip the two-person rule.
        " demo = areas.demo AND excluded.demo, updated_at = excluded.updated_at",
        [
            (
                r.pcode, r.level, r.names.get("en"), r.names.get("ar"), r.names.get("ckb"),
                r.names.get("ku"), r.lat, r.lon, int(r.demo), now,
            )
            for r in records
        ],
    )
    async with conn.execute("SELECT pcode, id FROM areas") as cursor:
        ids.update({row[0]: row[1] for row in await cursor.fetchall()})
    await conn.executemany(
        "UPDATE areas SET parent_id = ? WHERE id = ?",
        [(ids[r.parent_pcode] if r.parent_pcode else None, ids[r.pcode]) for r in records],
    )
    await conn.executemany(
        # Aliases operators added in the bot (/alias) are not the file's to remove.
        "DELETE FROM area_aliases WHERE area_id = ? AND added_by IS NULL",
        [(ids[r.pcode],) for r in records],
    )
    await conn.executemany(
        "INSERT OR IGNORE INTO area_aliases (area_id, alias) VALUES (?, ?)",
        [(ids[r.pcode], alias) for r in records for alias in r.aliases],
    )


async def record_status(
    conn: aiosqlite.Connection,
    area_id: int,
    record: StatusRecord,
    *,
    origin: str,
    recorded_by: str,
    confirmed_by: str | None,
    now: str,
    alert_due: bool = False,
) -> int:
    """Append to the history and make it the current status; returns the history id.

    ``alert_due``: the area's subscribers are owed an alert about this change
    (:func:`alerts_due`, :func:`mark_alerted`). An alert an older row of the area still
    owes is carried over to this one: residents are told what holds now, and told."""
    async with conn.execute(
        "UPDATE area_status_history SET alert_due = 0 WHERE area_id = ? AND alert_due = 1",
        (area_id,),
    ) as cursor:
        alert_due = alert_due or cursor.rowcount > 0
    async with conn.execute(
        "INSERT INTO area_status_history (area_id, status, status_date, source, notes, origin,"
        " recorded_by, confirmed_by, recorded_at, demo, alert_due)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            area_id, record.status, record.date.isoformat(), record.source,
            notes_json(record.note, record.notes),
            origin, recorded_by, confirmed_by, now, int(record.demo), int(alert_due),
        ),
    ) as cursor:
        history_id = cursor.lastrowid
    assert history_id is not None
    async with conn.execute(
        "INSERT INTO area_status (area_id, history_id) VALUES (?, ?)"
        " ON CONFLICT (area_id) DO UPDATE SET history_id = excluded.history_id",
        (area_id, history_id),
    ):
        pass
    return history_id


async def current_in(conn: aiosqlite.Connection, area_id: int) -> AreaStatus | None:
    """The current status, read inside the caller's transaction."""
    async with conn.execute(
        f"SELECT {_STATUS_COLUMNS} FROM area_status s"
        " JOIN area_status_history h ON h.id = s.history_id WHERE s.area_id = ?",
        (area_id,),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else _status(row)


async def currents_in(
    conn: aiosqlite.Connection, area_ids: Sequence[int]
) -> dict[int, AreaStatus]:
    """The current status of each area that has one (inside the caller's transaction)."""
    found: dict[int, AreaStatus] = {}
    unique = sorted(set(area_ids))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        async with conn.execute(
            f"SELECT {_STATUS_COLUMNS} FROM area_status s"
            " JOIN area_status_history h ON h.id = s.history_id"
            f" WHERE s.area_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ) as cursor:
            for row in await cursor.fetchall():
                status = _status(row)
                found[status.area_id] = status
    return found


async def is_followed_in(conn: aiosqlite.Connection, area_id: int) -> bool:
    """Whether any resident follows the area (inside the caller's transaction)."""
    async with conn.execute(
        "SELECT 1 FROM subscriptions WHERE topic = 'area' AND area_id = ? LIMIT 1", (area_id,)
    ) as cursor:
        return await cursor.fetchone() is not None


async def mark_alerted(
    conn: aiosqlite.Connection, history_id: int, broadcast_id: int | None
) -> None:
    """The alert about this change is in the outbox (or there was nobody to tell)."""
    async with conn.execute(
        "UPDATE area_status_history SET alert_due = 0, alert_broadcast_id = ? WHERE id = ?",
        (broadcast_id, history_id),
    ):
        pass


async def alert_is_due(db: Database, history_id: int) -> bool:
    row = await db.fetch_one(
        "SELECT alert_due FROM area_status_history WHERE id = ?", (history_id,)
    )
    return row is not None and bool(row[0])


async def alerts_due(db: Database) -> list[tuple[int, int]]:
    """(history id, area id) of changes whose alert is not in the outbox yet, oldest first."""
    rows = await db.fetch_all(
        "SELECT id, area_id FROM area_status_history WHERE alert_due = 1 ORDER BY id"
    )
    return [(int(row[0]), int(row[1])) for row in rows]


async def status_by_history_id(db: Database, history_id: int) -> AreaStatus | None:
    row = await db.fetch_one(
        f"SELECT {_STATUS_COLUMNS} FROM area_status_history h WHERE h.id = ?", (history_id,)
    )
    return None if row is None else _status(row)
