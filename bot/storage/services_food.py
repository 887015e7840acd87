"""What residents read about their camp: services, food distributions, their own camp.

Reads only, plus :func:`set_camp`. Camps themselves (names, sectors, left-off answers)
are read through :mod:`bot.storage.camps`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import aiosqlite

from bot.camps.hours import parse_hhmm
from bot.domain.records import Texts
from bot.storage.db import Database, utc_now
from bot.storage.texts import columns, texts_at

__all__ = [
    "Distribution",
    "ResidentCamp",
    "Service",
    "camp_distributions",
    "get_distribution",
    "get_service",
    "last_done",
    "resident_camp",
    "service_categories",
    "services_in_category",
    "set_camp",
]

@dataclass(frozen=True)
class ResidentCamp:
    """A resident's camp and sector (both None until they choose)."""

    camp_id: int | None
    sector_id: int | None


@dataclass(frozen=True)
class Service:
    id: int
    camp_id: int
    code: str
    category: str
    names: Texts
    locations: Texts
    notes: Texts
    days: int  # bit d = open on weekday d (0 = Monday)
    opens: datetime.time | None
    closes: datetime.time | None
    phone: str | None
    lat: float | None
    lon: float | None
    demo: bool


@dataclass(frozen=True)
class Distribution:
    id: int
    camp_id: int
    code: str
    sector_id: int | None  # None: the whole camp
    sector_code: str | None
    date: datetime.date
    starts: datetime.time | None
    ends: datetime.time | None
    points: Texts
    items: Texts
    bring: Texts
    status: str  # planned, postponed, done, cancelled
    reasons: Texts
    demo: bool
    kind: str = "food"  # one of bot.domain.distributions.DISTRIBUTION_KINDS


_SERVICE_SELECT = (
    f"SELECT id, camp_id, code, category, {columns('name')}, {columns('location')},"
    f" {columns('notes')}, days, opens, closes, phone, lat, lon, demo FROM services"
)


def _service(row: aiosqlite.Row) -> Service:
    return Service(
        id=row[0],
        camp_id=row[1],
        code=row[2],
        category=row[3],
        names=texts_at(row, 4),
        locations=texts_at(row, 8),
        notes=texts_at(row, 12),
        days=int(row[16] or 0),
        opens=parse_hhmm(row[17]),
        closes=parse_hhmm(row[18]),
        phone=row[19] or None,
        lat=row[20],
        lon=row[21],
        demo=bool(row[22]),
    )


_DISTRIBUTION_SELECT = (
    "SELECT d.id, d.camp_id, d.code, d.sector_id, s.code, d.date, d.starts, d.ends,"
    f" {columns('d.point')}, {columns('d.items')}, {columns('d.bring')}, d.status,"
    f" {columns('d.reason')}, d.demo, d.kind"
    " FROM distributions d LEFT JOIN camp_sectors s ON s.id = d.sector_id"
)


def _distribution(row: aiosqlite.Row) -> Distribution:
    return Distribution(
        id=row[0],
        camp_id=row[1],
        code=row[2],
        sector_id=row[3],
        sector_code=row[4],
        date=datetime.date.fromisoformat(row[5]),
        starts=parse_hhmm(row[6]),
        ends=parse_hhmm(row[7]),
        points=texts_at(row, 8),
        items=texts_at(row, 12),
        bring=texts_at(row, 16),
        status=row[20],
        reasons=texts_at(row, 21),
        demo=bool(row[25]),
        kind=row[26],
    )


async def service_categories(db: Database, camp_id: int) -> dict[str, int]:
    """How many services the camp has in each category (only categories it has)."""
    rows = await db.fetch_all(
        "SELECT category, COUNT(*) FROM services WHERE camp_id = ? GROUP BY category",
        (camp_id,),
    )
    return {row[0]: int(row[1]) for row in rows}


async def services_in_category(db: Database, camp_id: int, category: str) -> list[Service]:
    rows = await db.fetch_all(
        f"{_SERVICE_SELECT} WHERE camp_id = ? AND category = ?"
        " ORDER BY COALESCE(name_en, name_ar, name_ckb, name_ku), id",
        (camp_id, category),
    )
    return [_service(row) for row in rows]


async def get_service(db: Database, service_id: int) -> Service | None:
    row = await db.fetch_one(f"{_SERVICE_SELECT} WHERE id = ?", (service_id,))
    return None if row is None else _service(row)


async def camp_distributions(
    db: Database,
    camp_id: int,
    sector_id: int | None,
    since: datetime.date,
    *,
    limit: int = 20,
) -> list[Distribution]:
    """Distributions of a camp from ``since`` on, soonest first.

    With a sector: that sector's and the whole camp's. Without one (the resident does not
    know it): every distribution of the camp.
    """
    where = "d.camp_id = ? AND d.date >= ?"
    params: list[object] = [camp_id, since.isoformat()]
    if sector_id is not None:
        where += " AND (d.sector_id = ? OR d.sector_id IS NULL)"
        params.append(sector_id)
    rows = await db.fetch_all(
        f"{_DISTRIBUTION_SELECT} WHERE {where} ORDER BY d.date, d.starts, s.code, d.id LIMIT ?",
        (*params, limit),
    )
    return [_distribution(row) for row in rows]


async def last_done(
    db: Database, camp_id: int, sector_id: int | None, today: datetime.date
) -> Distribution | None:
    """The last round that took place (marked done) up to today: the sector's or the whole
    camp's, or any of the camp's without a sector."""
    where = "d.camp_id = ? AND d.status = 'done' AND d.date <= ?"
    params: list[object] = [camp_id, today.isoformat()]
    if sector_id is not None:
        where += " AND (d.sector_id = ? OR d.sector_id IS NULL)"
        params.append(sector_id)
    row = await db.fetch_one(
        f"{_DISTRIBUTION_SELECT} WHERE {where} ORDER BY d.date DESC, d.id DESC LIMIT 1",
        tuple(params),
    )
    return None if row is None else _distribution(row)


async def get_distribution(db: Database, distribution_id: int) -> Distribution | None:
    row = await db.fetch_one(f"{_DISTRIBUTION_SELECT} WHERE d.id = ?", (distribution_id,))
    return None if row is None else _distribution(row)


async def resident_camp(db: Database, chat_id: int) -> ResidentCamp | None:
    """None when there is no resident row (they have not chosen a language)."""
    row = await db.fetch_one(
        "SELECT camp_id, sector_id FROM residents WHERE chat_id = ?", (chat_id,)
    )
    return None if row is None else ResidentCamp(row[0], row[1])


async def set_camp(db: Database, chat_id: int, camp_id: int, sector_id: int | None) -> bool:
    """Store the resident's camp and sector; False (nothing stored) when the resident does
    not exist, the camp does not exist or the sector is not one of the camp's."""
    changed = await db.execute(
        "UPDATE residents SET camp_id = ?, sector_id = ?, updated_at = ?"
        " WHERE chat_id = ? AND EXISTS (SELECT 1 FROM camps WHERE id = ?)"
        " AND (? IS NULL OR EXISTS (SELECT 1 FROM camp_sectors WHERE id = ? AND camp_id = ?))",
        (camp_id, sector_id, utc_now(), chat_id, camp_id, sector_id, sector_id, camp_id),
    )
    return changed > 0
