"""Apply a parsed file to the database: check references, then write all or nothing.

The parser checks each row on its own; here each record is checked against the database
and the rest of the file (parents, camps, sectors). A file with any error is rejected
whole unless a partial import was asked for, and a dry run writes nothing at all.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import aiosqlite

from bot.domain.areas import LEVEL_RANK
from bot.domain.records import (
    AreaRecord,
    CampRecord,
    DistributionRecord,
    ServiceRecord,
    StatusRecord,
)
from bot.domain.statuses import needs_second_operator
from bot.importing.parse import parse
from bot.importing.partners import resolve
from bot.importing.results import ParseResult, RowError
from bot.safety.answers import effective_status
from bot.safety.sources import expand_source, load_sources
from bot.storage import areas as area_store
from bot.storage import camps as camp_store
from bot.storage import proposals
from bot.storage.area_lookup import add_import_aliases, known_areas
from bot.storage.db import Database, utc_now

__all__ = ["ImportReport", "import_csv", "import_parsed"]


@dataclass(frozen=True)
class ImportReport:
    kind: str
    rows: int
    accepted: int  # records that passed every check
    new: int  # of those, not in the database before
    errors: tuple[RowError, ...]
    warnings: tuple[RowError, ...]
    applied: bool  # whether anything was written
    # Changes that lower the warning residents are told or release the land (cleared,
    # cancelled) are not written: they wait in /pending for two operators, like any other.
    proposed: int = 0
    # Areas: rows that named a place already held (or an earlier row), whose spellings
    # became its aliases instead of a duplicate.
    merged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _error(line: int, column: str, code: str, message: str) -> RowError:
    return RowError(line, column, code, message)


async def _check_areas(
    db: Database, records: Sequence[AreaRecord], lines: Sequence[int]
) -> tuple[list[RowError], int]:
    levels = await area_store.area_levels(db)
    new = sum(1 for r in records if r.pcode not in levels)
    levels.update({r.pcode: r.level for r in records})
    errors = []
    for record, line in zip(records, lines, strict=True):
        if record.parent_pcode is None:
            if record.level != "governorate":
                errors.append(_error(line, "parent_pcode", "missing",
                                     f"a {record.level} needs a parent"))
            continue
        parent_level = levels.get(record.parent_pcode)
        if parent_level is None:
            errors.append(_error(line, "parent_pcode", "unknown_parent",
                                 f"{record.parent_pcode} is neither in the file nor known"))
        elif LEVEL_RANK[parent_level] >= LEVEL_RANK[record.level]:
            errors.append(_error(line, "parent_pcode", "bad_parent",
                                 f"a {record.level} cannot be inside a {parent_level}"))
    return errors, new


async def _check_statuses(
    db: Database, records: Sequence[StatusRecord], lines: Sequence[int]
) -> tuple[list[RowError], int]:
    ids = await area_store.area_ids_by_pcode(db, [r.pcode for r in records])
    errors = []
    for record, line in zip(records, lines, strict=True):
        area_id = ids.get(record.pcode)
        if area_id is None:
            errors.append(_error(line, "pcode", "unknown_area", f"no area {record.pcode}"))
            continue
        current = await area_store.current_status(db, area_id)
        if current is not None and current.status_date > record.date:
            # An older report must never overwrite a newer one, whatever it says.
            errors.append(_error(line, "date", "older_than_current",
                                 f"{record.pcode} already has a status dated "
                                 f"{current.status_date.isoformat()}"))
    return errors, len(records)


async def _check_camps(
    db: Database, records: Sequence[CampRecord], lines: Sequence[int]
) -> tuple[list[RowError], int]:
    known = await camp_store.camp_ids_by_code(db)
    pcodes = await area_store.area_ids_by_pcode(db)
    errors = []
    for record, line in zip(records, lines, strict=True):
        for column, pcode in (("governorate_pcode", record.governorate_pcode),
                              ("district_pcode", record.district_pcode)):
            if pcode and pcode not in pcodes:
                errors.append(_error(line, column, "unknown_area", f"no area {pcode}"))
    return errors, sum(1 for r in records if r.code not in known)


async def _check_camp_refs(
    db: Database,
    records: Sequence[ServiceRecord | DistributionRecord],
    lines: Sequence[int],
    table: str,
) -> tuple[list[RowError], int]:
    camps = await camp_store.camp_ids_by_code(db)
    sectors = await camp_store.sector_ids(db)
    existing = await camp_store.existing_keys(db, table)
    errors, new = [], 0
    for record, line in zip(records, lines, strict=True):
        camp_id = camps.get(record.camp_code)
        if camp_id is None:
            errors.append(_error(line, "camp_code", "unknown_camp", f"no camp {record.camp_code}"))
            continue
        sector = getattr(record, "sector", None)
        if sector and (camp_id, sector) not in sectors:
            errors.append(_error(line, "sector", "unknown_sector",
                                 f"camp {record.camp_code} has no sector {sector}"))
            continue
        new += (camp_id, record.code) not in existing
    return errors, new


async def _check(
    db: Database, kind: str, result: ParseResult[Any]
) -> tuple[list[RowError], int]:
    records, lines = result.records, result.lines
    if kind == "areas":
        return await _check_areas(db, records, lines)
    if kind == "statuses":
        return await _check_statuses(db, records, lines)
    if kind == "camps":
        return await _check_camps(db, records, lines)
    table = "services" if kind == "services" else "distributions"
    return await _check_camp_refs(db, records, lines, table)


async def _write(
    db: Database, kind: str, records: Sequence[Any], recorded_by: str, confirmation_hours: int,
    *, aliases: Sequence[tuple[str, str]] = (),
) -> int:
    """Write the records; returns how many became proposals instead (statuses only)."""
    now = utc_now()
    proposed = 0
    # Lookups first: imports come from one operator's command, not concurrent writers.
    ids = await area_store.area_ids_by_pcode(db) if kind == "statuses" else {}
    demo_areas = await area_store.demo_pcodes(db) if kind == "statuses" else frozenset()
    sources = await asyncio.to_thread(load_sources) if kind == "statuses" else ()
    camp_ids = await camp_store.camp_ids_by_code(db)
    sectors = await camp_store.sector_ids(db)
    async with db.transaction() as conn:
        if kind == "areas":
            await area_store.upsert_areas(conn, records, {}, now)
            if aliases:
                await add_import_aliases(conn, aliases, now)
        elif kind == "statuses":
            for row in sorted(records, key=lambda r: r.date):
                # A code ("DMA") is stored as the source's full name, as when typed.
                record = replace(row, source=expand_source(row.source, sources))
                area_id = ids[record.pcode]
                current = await area_store.current_in(conn, area_id)
                if await _propose_return(
                    conn, area_id, record, current, demo_area=record.pcode in demo_areas, now=now,
                    confirmation_hours=confirmation_hours,
                ):
                    proposed += 1
                    continue
                # News at least as strong as what residents are told makes pending
                # softenings moot.
                await proposals.supersede_softenings(conn, area_id, now=now)
                # Followers of the area are owed an alert when what they are told changes;
                # the running bot sends alerts owed within a minute.
                due = effective_status(current) != effective_status(record) and (
                    await area_store.is_followed_in(conn, area_id)
                )
                await area_store.record_status(
                    conn, area_id, record, origin="import",
                    recorded_by=recorded_by, confirmed_by=None, now=now, alert_due=due,
                )
        elif kind == "camps":
            await camp_store.upsert_camps(conn, records, now)
        elif kind == "services":
            await camp_store.upsert_services(conn, records, camp_ids, now)
        else:
            await camp_store.upsert_distributions(conn, records, camp_ids, sectors, now)
    return proposed


async def _propose_return(
    conn: aiosqlite.Connection,
    area_id: int,
    record: StatusRecord,
    current: area_store.AreaStatus | None,
    *,
    demo_area: bool,
    now: str,
    confirmation_hours: int,
) -> bool:
    """A row that would lower the warning residents are told about a real area, or tell
    them they may return, is a proposal: the two-person rule holds for files too (only demo
    rows about invented demo areas are exempt, whatever a row's own demo column says). The
    same status with a newer date is not a new claim and is written."""
    if record.demo and demo_area:
        return False
    if not needs_second_operator(effective_status(current), record.status):
        return False
    if current is not None and current.status == record.status:
        return False
    await proposals.supersede_softenings(conn, area_id, now=now)
    expires = datetime.datetime.fromisoformat(now) + datetime.timedelta(hours=confirmation_hours)
    await proposals.insert_proposal(
        conn, area_id=area_id, status=record.status, status_date=record.date,
        source=record.source, note=record.note, notes=record.notes, origin="import",
        proposed_by=None, feed_id=None,
        base_history_id=current.history_id if current else None, urgent=False,
        created_at=now, expires_at=expires.isoformat(timespec="seconds"),
    )
    return True


async def import_csv(
    db: Database,
    kind: str,
    data: bytes,
    *,
    today: datetime.date,
    partial: bool = False,
    dry_run: bool = False,
    recorded_by: str = "import",
    confirmation_hours: int = 48,
) -> ImportReport:
    """Validate ``data`` as a ``kind`` file and, unless told otherwise, apply it atomically."""
    return await import_parsed(
        db, kind, parse(kind, data, today=today), partial=partial, dry_run=dry_run,
        recorded_by=recorded_by, confirmation_hours=confirmation_hours,
    )


async def import_parsed(
    db: Database,
    kind: str,
    result: ParseResult[Any],
    *,
    partial: bool = False,
    dry_run: bool = False,
    recorded_by: str = "import",
    confirmation_hours: int = 48,
) -> ImportReport:
    """The checks and the write, for records already parsed (e.g. rebased demo data)."""
    aliases: list[tuple[str, str]] = []
    merged = 0
    if kind == "areas" and result.refs and not result.file_errors:
        result, aliases, merged = await _resolve_listed(db, result)
    found, new = (
        await _check(db, kind, result) if not result.file_errors else ([], 0)
    )
    bad_lines = {error.row for error in found}
    good = [r for r, line in zip(result.records, result.lines, strict=True)
            if line not in bad_lines]
    if bad_lines and aliases:  # the merges of rows that failed a check are not applied
        aliases = [pair for pair in aliases if pair[0] in {r.pcode for r in good}
                   or pair[0] not in {r.pcode for r in result.records}]
    errors = tuple(sorted((*result.errors, *found), key=lambda e: (e.row, e.column or "")))
    apply = (
        bool(good or merged) and not dry_run and (partial or not errors)
        and not result.file_errors
    )
    proposed = (
        await _write(db, kind, good, recorded_by, confirmation_hours, aliases=aliases)
        if apply else 0
    )
    return ImportReport(
        kind=kind, rows=result.rows, accepted=len(good) + merged, new=new, errors=errors,
        warnings=result.warnings, applied=apply, proposed=proposed, merged=merged,
    )


async def _resolve_listed(
    db: Database, result: ParseResult[Any]
) -> tuple[ParseResult[Any], list[tuple[str, str]], int]:
    """Rows without a P-code (partners' lists): codes, parents, merges into held places.
    Returns the result with those rows resolved (their errors added), the (P-code, alias)
    pairs to add, and how many rows were merged."""
    known = await known_areas(db)
    resolved = resolve(result.records, result.lines, result.refs, known)
    errors = tuple(sorted((*result.errors, *resolved.errors), key=lambda e: e.row))
    updated = replace(
        result, records=tuple(resolved.records), lines=tuple(resolved.lines),
        errors=errors, refs=(),
    )
    return updated, resolved.aliases, resolved.merged
