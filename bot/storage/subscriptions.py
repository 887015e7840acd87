"""Residents' alert subscriptions: camp announcements, food reminders, chosen areas.

A subscription row holds a chat id, a topic and (for ``area``) an area id — nothing else.
``camp`` and ``food`` follow the resident's current camp (``residents.camp_id``), so a
resident who moves camp does not have to subscribe again.

``/stop`` (:func:`stop_all`) deletes every subscription *and* sets ``alerts_paused``: the
flag also silences anything a later feature might push to a whole camp without a
subscription. Subscribing again (:func:`subscribe`) clears it. ``/forget`` deletes the
resident, and the rows here go with it (``ON DELETE CASCADE``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from bot.storage.db import Database, utc_now

__all__ = [
    "MAX_AREAS",
    "TOPICS",
    "AlertSettings",
    "SubscribeResult",
    "Subscriber",
    "alert_settings",
    "follow_chosen_camp",
    "stop_all",
    "subscribe",
    "subscribers_of_area",
    "subscribers_of_camp",
    "unsubscribe",
]

Topic = Literal["camp", "food", "area"]
TOPICS: tuple[Topic, ...] = ("camp", "food", "area")
# A resident follows a few home places, not a map: keeps the alerts screen one message.
MAX_AREAS = 10

SubscribeResult = Literal["added", "exists", "full", "missing"]


@dataclass(frozen=True)
class Subscriber:
    """Who an alert goes to, and in which language."""

    chat_id: int
    language: str


@dataclass(frozen=True)
class AlertSettings:
    """What one resident is subscribed to (areas in the order they were added)."""

    camp_id: int | None
    paused: bool
    camp: bool
    food: bool
    areas: tuple[int, ...]


def _check(topic: str, area_id: int | None) -> None:
    if topic not in TOPICS:
        raise ValueError(f"unknown subscription topic {topic!r}")
    if (topic == "area") != (area_id is not None):
        raise ValueError("an area subscription needs an area id, and only it")


async def alert_settings(db: Database, chat_id: int) -> AlertSettings | None:
    """None when the resident is unknown (never chose a language, or erased themselves)."""
    resident = await db.fetch_one(
        "SELECT camp_id, alerts_paused FROM residents WHERE chat_id = ?", (chat_id,)
    )
    if resident is None:
        return None
    rows = await db.fetch_all(
        "SELECT topic, area_id FROM subscriptions WHERE chat_id = ? ORDER BY id", (chat_id,)
    )
    topics = {row[0] for row in rows}
    return AlertSettings(
        camp_id=resident[0],
        paused=bool(resident[1]),
        camp="camp" in topics,
        food="food" in topics,
        areas=tuple(int(row[1]) for row in rows if row[0] == "area"),
    )


async def subscribe(
    db: Database, chat_id: int, topic: Topic, area_id: int | None = None
) -> SubscribeResult:
    """Add a subscription (idempotent) and resume alerts if /stop paused them.

    ``missing``: no such resident or area; ``full``: already ``MAX_AREAS`` areas.
    """
    _check(topic, area_id)
    try:
        async with db.transaction() as conn:
            async with conn.execute(
                "SELECT 1 FROM residents WHERE chat_id = ?", (chat_id,)
            ) as cursor:
                if await cursor.fetchone() is None:
                    return "missing"
            if topic == "area":
                async with conn.execute(
                    "SELECT COUNT(*), SUM(area_id = ?) FROM subscriptions"
                    " WHERE chat_id = ? AND topic = 'area'",
                    (area_id, chat_id),
                ) as cursor:
                    row = await cursor.fetchone()
                count, already = (int(row[0]), bool(row[1])) if row else (0, False)
                if already:
                    return "exists"
                if count >= MAX_AREAS:
                    return "full"
            async with conn.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, topic, area_id, created_at)"
                " VALUES (?, ?, ?, ?)",
                (chat_id, topic, area_id, utc_now()),
            ) as cursor:
                added = cursor.rowcount > 0
            async with conn.execute(
                "UPDATE residents SET alerts_paused = 0 WHERE chat_id = ? AND alerts_paused",
                (chat_id,),
            ):
                pass
    except sqlite3.IntegrityError:  # the area was deleted between the check and the press
        return "missing"
    return "added" if added else "exists"


async def follow_chosen_camp(db: Database, chat_id: int) -> bool:
    """A resident who chooses a camp gets its announcements by default (staff's first
    send must reach someone), unless /stop paused their alerts: that choice stands.

    True when the resident now receives the camp's announcements.
    """
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT alerts_paused FROM residents WHERE chat_id = ?", (chat_id,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None or row[0]:
            return False
        async with conn.execute(
            "INSERT OR IGNORE INTO subscriptions (chat_id, topic, area_id, created_at)"
            " VALUES (?, 'camp', NULL, ?)",
            (chat_id, utc_now()),
        ):
            pass
    return True


async def unsubscribe(
    db: Database, chat_id: int, topic: Topic, area_id: int | None = None
) -> bool:
    """Remove one subscription; False when there was none."""
    _check(topic, area_id)
    changed = await db.execute(
        "DELETE FROM subscriptions WHERE chat_id = ? AND topic = ? AND IFNULL(area_id, 0) = ?",
        (chat_id, topic, area_id or 0),
    )
    return changed > 0


async def stop_all(db: Database, chat_id: int) -> int:
    """/stop: delete every subscription and pause alerts; returns how many were removed."""
    async with db.transaction() as conn:
        async with conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,)) as cur:
            removed = cur.rowcount
        async with conn.execute(
            "UPDATE residents SET alerts_paused = 1, updated_at = ? WHERE chat_id = ?",
            (utc_now(), chat_id),
        ):
            pass
    return max(removed, 0)


async def subscribers_of_area(db: Database, area_id: int) -> list[Subscriber]:
    """Active, non-paused residents following this area."""
    rows = await db.fetch_all(
        "SELECT r.chat_id, r.language FROM subscriptions s"
        " JOIN residents r ON r.chat_id = s.chat_id"
        " WHERE s.topic = 'area' AND s.area_id = ? AND r.active = 1 AND r.alerts_paused = 0"
        " ORDER BY r.chat_id",
        (area_id,),
    )
    return [Subscriber(int(row[0]), str(row[1])) for row in rows]


async def subscribers_of_camp(
    db: Database, camp_id: int, topic: Literal["camp", "food"]
) -> list[Subscriber]:
    """Active, non-paused residents of this camp subscribed to ``camp`` or ``food``."""
    if topic not in ("camp", "food"):
        raise ValueError(f"not a camp topic: {topic!r}")
    rows = await db.fetch_all(
        "SELECT r.chat_id, r.language FROM subscriptions s"
        " JOIN residents r ON r.chat_id = s.chat_id"
        " WHERE s.topic = ? AND r.camp_id = ? AND r.active = 1 AND r.alerts_paused = 0"
        " ORDER BY r.chat_id",
        (topic, camp_id),
    )
    return [Subscriber(int(row[0]), str(row[1])) for row in rows]
