"""Camps with their sectors and aliases, their services and food distributions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from bot.domain.records import CampRecord, DistributionRecord, ServiceRecord, Texts
from bot.storage.db import Database
from bot.storage.texts import COLUMN_ORDER, columns, texts_at, values

__all__ = [
    "Camp",
    "Sector",
    "camp_ids_by_code",
    "camp_sectors",
    "existing_keys",
    "export_camps",
    "export_distributions",
    "export_services",
    "get_camp",
    "list_camps",
    "sector_ids",
    "upsert_camps",
    "upsert_distributions",
    "upsert_services",
]

@dataclass(frozen=True)
class Sector:
    id: int
    camp_id: int
    code: str


@dataclass(frozen=True)
class Camp:
    id: int
    code: str
    names: Texts
    aliases: tuple[str, ...]
    governorate_pcode: str | None
    district_pcode: str | None
    left_off: Texts
    lat: float | None
    lon: float | None
    demo: bool


_CAMP_SELECT = (
    f"SELECT id, code, {columns('name')}, governorate_pcode, district_pcode,"
    f" {columns('left_off')}, lat, lon, demo FROM camps"
)


def _camp(row: aiosqlite.Row, aliases: Sequence[str]) -> Camp:
    return Camp(
        id=row[0],
        code=row[1],
        names=texts_at(row, 2),
        aliases=tuple(aliases),
        governorate_pcode=row[6],
        district_pcode=row[7],
        left_off=texts_at(row, 8),
        lat=row[12],
        lon=row[13],
        demo=bool(row[14]),
    )


async def get_camp(db: Database, camp_id: int) -> Camp | None:
    row = await db.fetch_one(f"{_CAMP_SELECT} WHERE id = ?", (camp_id,))
    if row is None:
        return None
    aliases = await db.fetch_all(
        "SELECT alias FROM camp_aliases WHERE camp_id = ? ORDER BY alias", (camp_id,)
    )
    return _camp(row, [a[0] for a in aliases])


async def list_camps(db: Database) -> list[Camp]:
    """Every camp with its aliases, in two queries whatever the number of camps."""
    aliases: dict[int, list[str]] = {}
    for row in await db.fetch_all("SELECT camp_id, alias FROM camp_aliases ORDER BY alias"):
        aliases.setdefault(row[0], []).append(row[1])
    rows = await db.fetch_all(f"{_CAMP_SELECT} ORDER BY governorate_pcode, code")
    return [_camp(row, aliases.get(row[0], ())) for row in rows]


async def camp_sectors(db: Database, camp_id: int) -> list[Sector]:
    rows = await db.fetch_all(
        "SELECT id, camp_id, code FROM camp_sectors WHERE camp_id = ? ORDER BY code", (camp_id,)
    )
    return [Sector(row[0], row[1], row[2]) for row in rows]


async def camp_ids_by_code(db: Database) -> dict[str, int]:
    return {row[0]: row[1] for row in await db.fetch_all("SELECT code, id FROM camps")}


async def existing_keys(db: Database, table: str) -> set[tuple[int, str]]:
    """(camp id, code) of every service or distribution already stored."""
    if table not in ("services", "distributions"):
        raise ValueError(table)
    rows = await db.fetch_all(f"SELECT camp_id, code FROM {table}")
    return {(row[0], row[1]) for row in rows}


async def sector_ids(db: Database) -> dict[tuple[int, str], int]:
    rows = await db.fetch_all("SELECT camp_id, code, id FROM camp_sectors")
    return {(row[0], row[1]): row[2] for row in rows}


# --- writes, inside the caller's transaction --------------------------------------------


async def upsert_camps(conn: aiosqlite.Connection, records: Sequence[CampRecord], now: str) -> None:
    """By code. Aliases are replaced; sectors are only ever added (distributions hang off
    them, and a file without sectors must not erase them)."""
    await conn.executemany(
        f"INSERT INTO camps (code, {columns('name')}, governorate_pcode, district_pcode,"
        f" {columns('left_off')}, lat, lon, demo, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (code) DO UPDATE SET"
        " name_en = excluded.name_en, name_ar = excluded.name_ar,"
        " name_ckb = excluded.name_ckb, name_ku = excluded.name_ku,"
        " governorate_pcode = excluded.governorate_pcode,"
        " district_pcode = excluded.district_pcode,"
        " left_off_en = COALESCE(excluded.left_off_en, left_off_en),"
        " left_off_ar = COALESCE(excluded.left_off_ar, left_off_ar),"
        " left_off_ckb = COALESCE(excluded.left_off_ckb, left_off_ckb),"
        " left_off_ku = COALESCE(excluded.left_off_ku, left_off_ku),"
        " lat = excluded.lat, lon = excluded.lon, demo = excluded.demo,"
        " updated_at = excluded.updated_at",
        [
            (
                r.code, *values(r.names), r.governorate_pcode, r.district_pcode,
                *values(r.left_off), r.lat, r.lon, int(r.demo), now,
            )
            for r in records
        ],
    )
    async with conn.execute("SELECT code, id FROM camps") as cursor:
        ids = {row[0]: row[1] for row in await cursor.fetchall()}
    await conn.executemany(
        "DELETE FROM camp_aliases WHERE camp_id = ?", [(ids[r.code],) for r in records]
    )
    await conn.executemany(
        "INSERT OR IGNORE INTO camp_aliases (camp_id, alias) VALUES (?, ?)",
        [(ids[r.code], alias) for r in records for alias in r.aliases],
    )
    await conn.executemany(
        "INSERT OR IGNORE INTO camp_sectors (camp_id, code) VALUES (?, ?)",
        [(ids[r.code], sector) for r in records for sector in r.sectors],
    )


def _days_mask(days: frozenset[int]) -> int:
    return sum(1 << day for day in days)


async def upsert_services(
    conn: aiosqlite.Connection,
    records: Sequence[ServiceRecord],
    camp_ids: dict[str, int],
    now: str,
) -> None:
    await conn.executemany(
        f"INSERT INTO services (camp_id, code, category, {columns('name')},"
        f" {columns('location')}, {columns('notes')}, days, opens, closes, phone, lat, lon,"
        " demo, updated_at) VALUES"
        f" ({', '.join('?' * 23)})"
        " ON CONFLICT (camp_id, code) DO UPDATE SET category = excluded.category,"
        + ", ".join(
            f" {p}_{lang} = excluded.{p}_{lang}"
            for p in ("name", "location", "notes")
            for lang in COLUMN_ORDER
        )
        + ", days = excluded.days, opens = excluded.opens, closes = excluded.closes,"
        " phone = excluded.phone, lat = excluded.lat, lon = excluded.lon,"
        " demo = excluded.demo, updated_at = excluded.updated_at",
        [
            (
                camp_ids[r.camp_code], r.code, r.category, *values(r.names),
                *values(r.locations), *values(r.notes), _days_mask(r.days),
                r.opens.strftime("%H:%M") if r.opens else None,
                r.closes.strftime("%H:%M") if r.closes else None,
                r.phone, r.lat, r.lon, int(r.demo), now,
            )
            for r in records
        ],
    )


async def upsert_distributions(
    conn: aiosqlite.Connection,
    records: Sequence[DistributionRecord],
    camp_ids: dict[str, int],
    sectors: dict[tuple[int, str], int],
    now: str,
) -> None:
    def sector_id(r: DistributionRecord) -> int | None:
        return sectors[(camp_ids[r.camp_code], r.sector)] if r.sector else None

    await conn.executemany(
        f"INSERT INTO distributions (camp_id, code, sector_id, date, starts, ends,"
        f" {columns('point')}, {columns('items')}, {columns('bring')}, status,"
        f" {columns('reason')}, demo, kind, updated_at) VALUES ({', '.join('?' * 26)})"
        " ON CONFLICT (camp_id, code) DO UPDATE SET sector_id = excluded.sector_id,"
        " date = excluded.date, starts = excluded.starts, ends = excluded.ends,"
        + ", ".join(
            f" {p}_{lang} = excluded.{p}_{lang}"
            for p in ("point", "items", "bring", "reason")
            for lang in COLUMN_ORDER
        )
        + ", status = excluded.status, demo = excluded.demo, kind = excluded.kind,"
        " updated_at = excluded.updated_at",
        [
            (
                camp_ids[r.camp_code], r.code, sector_id(r), r.date.isoformat(),
                r.starts.strftime("%H:%M"), r.ends.strftime("%H:%M"), *values(r.points),
                *values(r.items), *values(r.bring), r.status, *values(r.reasons),
                int(r.demo), r.kind, now,
            )
            for r in records
        ],
    )


# --- export -------------------------------------------------------------------------------


async def export_camps(db: Database) -> list[CampRecord]:
    records = []
    for camp in await list_camps(db):
        sectors = tuple(s.code for s in await camp_sectors(db, camp.id))
        records.append(
            CampRecord(
                code=camp.code, names=camp.names, aliases=camp.aliases,
                governorate_pcode=camp.governorate_pcode, district_pcode=camp.district_pcode,
                sectors=sectors, left_off=camp.left_off, lat=camp.lat, lon=camp.lon,
                demo=camp.demo,
            )
        )
    return records


def _time(text: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(text) if text else None


async def export_services(db: Database) -> list[ServiceRecord]:
    rows = await db.fetch_all(
        f"SELECT c.code, s.code, s.category, {columns('s.name')}, {columns('s.location')},"
        f" {columns('s.notes')}, s.days, s.opens, s.closes, s.phone, s.lat, s.lon, s.demo"
        " FROM services s JOIN camps c ON c.id = s.camp_id ORDER BY c.code, s.code"
    )
    return [
        ServiceRecord(
            camp_code=row[0], code=row[1], category=row[2], names=texts_at(row, 3),
            locations=texts_at(row, 7), notes=texts_at(row, 11),
            days=frozenset(d for d in range(7) if row[15] & (1 << d)),
            opens=_time(row[16]), closes=_time(row[17]), phone=row[18], lat=row[19],
            lon=row[20], demo=bool(row[21]),
        )
        for row in rows
    ]


async def export_distributions(db: Database) -> list[DistributionRecord]:
    rows = await db.fetch_all(
        f"SELECT c.code, d.code, sec.code, d.date, d.starts, d.ends, {columns('d.point')},"
        f" {columns('d.items')}, {columns('d.bring')}, d.status, {columns('d.reason')},"
        " d.demo FROM distributions d JOIN camps c ON c.id = d.camp_id"
        " LEFT JOIN camp_sectors sec ON sec.id = d.sector_id ORDER BY c.code, d.code"
    )
    return [
        DistributionRecord(
            camp_code=row[0], code=row[1], sector=row[2],
            date=datetime.date.fromisoformat(row[3]),
            starts=datetime.time.fromisoformat(row[4]), ends=datetime.time.fromisoformat(row[5]),
            points=texts_at(row, 6), items=texts_at(row, 10), bring=texts_at(row, 14),
            status=row[18], reasons=texts_at(row, 19), demo=bool(row[23]),
        )
        for row in rows
    ]
