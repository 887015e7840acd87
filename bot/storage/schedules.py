"""Schedules of announcements and the record of each run that fell due.

A run is *claimed* (:func:`begin_run`: a ``firing`` row, and ``next_run`` moved on, in one
transaction) before its broadcast is queued and *finished* after (:func:`finish_run`).
A run can therefore be claimed only once, however many timers fire for it; a crash between
claim and finish leaves a ``firing`` row that start-up sends again (:func:`unfinished_runs`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

import aiosqlite

from bot.announcements.rules import Rule
from bot.storage.db import Database, utc_now

__all__ = [
    "RunOutcome",
    "Schedule",
    "ScheduleState",
    "active_schedules",
    "begin_run",
    "cancel_schedule",
    "create_schedule",
    "end_schedule",
    "finish_run",
    "get_schedule",
    "instant",
    "list_schedules",
    "record_missed",
    "run_outcome",
    "unfinished_runs",
]

ScheduleState = Literal["active", "done", "missed", "cancelled"]
RunOutcome = Literal["firing", "sent", "empty", "missed", "refused", "failed"]


@dataclass(frozen=True)
class Schedule:
    id: int
    announcement_id: int
    created_by: int
    rule: Rule
    state: ScheduleState
    next_run: datetime | None  # aware, UTC
    cancelled_by: int | None


def instant(value: datetime) -> str:
    """How an instant is stored and compared: UTC, to the second."""
    if value.tzinfo is None:
        raise ValueError("instants are aware datetimes")
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


def _weekday_mask(days: frozenset[int]) -> int:
    return sum(1 << day for day in days)


_SELECT = (
    "SELECT id, announcement_id, created_by, kind, at_time, on_date, weekdays, month_day,"
    " state, next_run, cancelled_by FROM schedules"
)


def _schedule(row: aiosqlite.Row) -> Schedule:
    rule = Rule(
        kind=row[3],
        at=time.fromisoformat(row[4]),
        on_date=date.fromisoformat(row[5]) if row[5] else None,
        weekdays=frozenset(d for d in range(7) if int(row[6]) & (1 << d)),
        month_day=row[7],
    )
    return Schedule(
        id=int(row[0]),
        announcement_id=int(row[1]),
        created_by=int(row[2]),
        rule=rule,
        state=row[8],
        next_run=datetime.fromisoformat(row[9]) if row[9] else None,
        cancelled_by=row[10],
    )


async def create_schedule(
    db: Database, announcement_id: int, created_by: int, rule: Rule, next_run: datetime
) -> Schedule | None:
    """Schedule a draft (it becomes ``scheduled``); None if it is no longer a draft."""
    now = utc_now()
    async with db.transaction() as conn:
        async with conn.execute(
            "UPDATE announcements SET state = 'scheduled', updated_at = ?"
            " WHERE id = ? AND state = 'draft'",
            (now, announcement_id),
        ) as cursor:
            if cursor.rowcount == 0:
                return None
        async with conn.execute(
            "INSERT INTO schedules (announcement_id, created_by, kind, at_time, on_date,"
            " weekdays, month_day, next_run, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                announcement_id, created_by, rule.kind, rule.at.strftime("%H:%M"),
                rule.on_date.isoformat() if rule.on_date else None,
                _weekday_mask(rule.weekdays), rule.month_day, instant(next_run), now, now,
            ),
        ) as cursor:
            new_id = int(cursor.lastrowid or 0)
    return await get_schedule(db, new_id)


async def get_schedule(db: Database, schedule_id: int) -> Schedule | None:
    row = await db.fetch_one(f"{_SELECT} WHERE id = ?", (schedule_id,))
    return None if row is None else _schedule(row)


async def active_schedules(db: Database) -> list[Schedule]:
    rows = await db.fetch_all(f"{_SELECT} WHERE state = 'active' ORDER BY next_run, id")
    return [_schedule(row) for row in rows]


async def list_schedules(db: Database, *, limit: int = 50) -> list[Schedule]:
    """Active schedules, soonest first (what /schedules shows)."""
    rows = await db.fetch_all(
        f"{_SELECT} WHERE state = 'active' ORDER BY next_run, id LIMIT ?", (limit,)
    )
    return [_schedule(row) for row in rows]


async def cancel_schedule(db: Database, schedule_id: int, cancelled_by: int) -> bool:
    """Stop an active schedule; False when there is no such active schedule."""
    changed = await db.execute(
        "UPDATE schedules SET state = 'cancelled', cancelled_by = ?, next_run = NULL,"
        " updated_at = ? WHERE id = ? AND state = 'active'",
        (cancelled_by, utc_now(), schedule_id),
    )
    return changed > 0


async def end_schedule(db: Database, schedule_id: int, state: ScheduleState) -> None:
    """Finish a schedule for good (e.g. cancelled because its author lost the role)."""
    await db.execute(
        "UPDATE schedules SET state = ?, next_run = NULL, updated_at = ? WHERE id = ?",
        (state, utc_now(), schedule_id),
    )


async def _advance(
    conn: aiosqlite.Connection,
    schedule_id: int,
    due: datetime,
    next_run: datetime | None,
    *,
    end_state: str,
    now: str,
) -> bool:
    """Move an active schedule waiting for ``due`` on to ``next_run`` (or ``end_state``).

    False when it was not waiting for exactly that run: cancelled, stale or a second timer.
    """
    async with conn.execute(
        "UPDATE schedules SET next_run = ?, state = ?, updated_at = ?"
        " WHERE id = ? AND state = 'active' AND next_run = ?",
        (
            instant(next_run) if next_run else None,
            "active" if next_run else end_state,
            now,
            schedule_id,
            instant(due),
        ),
    ) as cursor:
        return cursor.rowcount > 0


async def begin_run(
    db: Database, schedule_id: int, due: datetime, next_run: datetime | None
) -> bool:
    """Claim the run ``due`` and move the schedule on to ``next_run`` (None: finished).

    False — and nothing changes — unless the schedule is active and waiting for exactly
    that run: a cancelled schedule, a stale timer or a second timer for the same run.
    """
    now = utc_now()
    async with db.transaction() as conn:
        if not await _advance(conn, schedule_id, due, next_run, end_state="done", now=now):
            return False
        async with conn.execute(
            "INSERT OR IGNORE INTO schedule_runs (schedule_id, due_at, outcome, recorded_at)"
            " VALUES (?, ?, 'firing', ?)",
            (schedule_id, instant(due), now),
        ) as cursor:
            return cursor.rowcount > 0


async def finish_run(
    db: Database,
    schedule_id: int,
    due: datetime,
    outcome: RunOutcome,
    broadcast_id: int | None = None,
) -> None:
    await db.execute(
        "UPDATE schedule_runs SET outcome = ?, broadcast_id = ?, recorded_at = ?"
        " WHERE schedule_id = ? AND due_at = ?",
        (outcome, broadcast_id, utc_now(), schedule_id, instant(due)),
    )


async def record_missed(
    db: Database,
    schedule_id: int,
    due: datetime,
    missed: Sequence[datetime],
    next_run: datetime | None,
) -> bool:
    """Runs that will never be sent (the bot was down too long); the schedule moves on to
    ``next_run``, or ends as ``missed``. False if the schedule was not waiting for ``due``."""
    now = utc_now()
    async with db.transaction() as conn:
        if not await _advance(conn, schedule_id, due, next_run, end_state="missed", now=now):
            return False
        await conn.executemany(
            "INSERT OR IGNORE INTO schedule_runs (schedule_id, due_at, outcome, recorded_at)"
            " VALUES (?, ?, 'missed', ?)",
            [(schedule_id, instant(run), now) for run in missed],
        )
    return True


async def unfinished_runs(db: Database) -> list[tuple[int, datetime]]:
    """Runs claimed but never finished: the bot stopped between claim and queueing."""
    rows = await db.fetch_all(
        "SELECT schedule_id, due_at FROM schedule_runs WHERE outcome = 'firing'"
        " ORDER BY due_at, schedule_id"
    )
    return [(int(row[0]), datetime.fromisoformat(row[1])) for row in rows]


async def run_outcome(
    db: Database, schedule_id: int, due: datetime
) -> tuple[RunOutcome, int | None] | None:
    row = await db.fetch_one(
        "SELECT outcome, broadcast_id FROM schedule_runs WHERE schedule_id = ? AND due_at = ?",
        (schedule_id, instant(due)),
    )
    return None if row is None else (row[0], row[1])
