"""What food-reminder subscribers were told about each distribution (table food_notices).

A distribution seen for the first time is only recorded (residents read it in the food
screen); afterwards a change of status or date since the last record is news to send.
A reminder is recorded per distribution and date, so it goes out once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.storage.audiences import Recipient
from bot.storage.db import Database, utc_now
from bot.storage.services_food import Distribution, get_distribution

__all__ = [
    "Change",
    "FoodSubscriber",
    "distribution_changes",
    "food_subscribers",
    "mark_reminded",
    "record_seen",
    "to_remind",
]


@dataclass(frozen=True)
class Change:
    """A distribution and what residents were last told about it (None: never seen)."""

    distribution: Distribution
    told_status: str | None
    told_date: date | None


@dataclass(frozen=True)
class FoodSubscriber(Recipient):
    camp_id: int
    sector_id: int | None


async def distribution_changes(db: Database, since: date) -> list[Change]:
    """Distributions (on or after ``since``, or last told to be) whose status or date
    differ from the last record, or that were never recorded."""
    rows = await db.fetch_all(
        "SELECT d.id, n.status, n.date FROM distributions d"
        " LEFT JOIN food_notices n ON n.distribution_id = d.id"
        " WHERE (d.date >= ? OR n.date >= ?)"
        " AND (n.distribution_id IS NULL OR n.status != d.status OR n.date != d.date)"
        " ORDER BY d.date, d.id",
        (since.isoformat(), since.isoformat()),
    )
    changes: list[Change] = []
    for row in rows:
        distribution = await get_distribution(db, int(row[0]))
        if distribution is not None:
            told = date.fromisoformat(row[2]) if row[2] else None
            changes.append(Change(distribution, row[1], told))
    return changes


async def record_seen(db: Database, distributions: Iterable[Distribution]) -> None:
    """What residents now know about these distributions."""
    now = utc_now()
    await db.executemany(
        "INSERT INTO food_notices (distribution_id, status, date, updated_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (distribution_id) DO UPDATE SET"
        " status = excluded.status, date = excluded.date, updated_at = excluded.updated_at",
        [(d.id, d.status, d.date.isoformat(), now) for d in distributions],
    )


async def to_remind(db: Database, day: date) -> list[Distribution]:
    """Planned distributions on ``day`` not yet reminded for that day."""
    rows = await db.fetch_all(
        "SELECT d.id FROM distributions d"
        " LEFT JOIN food_notices n ON n.distribution_id = d.id"
        " WHERE d.date = ? AND d.status = 'planned'"
        " AND (n.reminded_for IS NULL OR n.reminded_for != d.date)"
        " ORDER BY d.camp_id, d.starts, d.id",
        (day.isoformat(),),
    )
    found = [await get_distribution(db, int(row[0])) for row in rows]
    return [d for d in found if d is not None]


async def mark_reminded(db: Database, distributions: Sequence[Distribution]) -> None:
    now = utc_now()
    await db.executemany(
        "INSERT INTO food_notices (distribution_id, status, date, reminded_for, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (distribution_id) DO UPDATE SET"
        " status = excluded.status, date = excluded.date,"
        " reminded_for = excluded.reminded_for, updated_at = excluded.updated_at",
        [(d.id, d.status, d.date.isoformat(), d.date.isoformat(), now) for d in distributions],
    )


async def food_subscribers(db: Database, camp_ids: Iterable[int]) -> list[FoodSubscriber]:
    """Active, non-paused residents of these camps who turned food reminders on."""
    ids = sorted(set(camp_ids))
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = await db.fetch_all(
        "SELECT r.chat_id, r.language, r.camp_id, r.sector_id FROM residents r"
        f" WHERE r.camp_id IN ({marks}) AND r.active = 1 AND r.alerts_paused = 0"
        " AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = r.chat_id"
        " AND s.topic = 'food') ORDER BY r.chat_id",
        ids,
    )
    return [FoodSubscriber(int(r[0]), str(r[1]), int(r[2]), r[3]) for r in rows]
