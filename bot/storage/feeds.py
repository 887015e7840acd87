"""Status feeds (migration 5): the URLs operators configured and how their last poll went.

A removed feed is kept inactive, so the proposals it brought still name it; adding a feed
with the name of a removed one brings that row back with the new URL and a clean slate.
The validators (``etag``, ``last_modified``) and ``body_sha256`` belong to the last body
that was *processed*: a failed poll leaves them as they were, so the next poll fetches
the feed again instead of being told "not modified" about a body that was never used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import aiosqlite

from bot.storage.db import Database

__all__ = [
    "Feed",
    "Validators",
    "active_feeds",
    "add_feed",
    "feed_names",
    "forget_validators",
    "get_feed",
    "get_feed_by_name",
    "record_poll",
    "remove_feed",
]

_COLUMNS = (
    "id, name, url, added_by, added_at, active, etag, last_modified, body_sha256,"
    " last_polled_at, last_outcome, last_detail, reported_failure"
)


@dataclass(frozen=True)
class Validators:
    """What a processed body came with, for the next conditional request."""

    etag: str | None
    last_modified: str | None
    body_sha256: str


@dataclass(frozen=True)
class Feed:
    id: int
    name: str
    url: str
    added_by: int
    added_at: str
    active: bool
    etag: str | None
    last_modified: str | None
    body_sha256: str | None
    last_polled_at: str | None  # UTC ISO-8601
    last_outcome: str | None  # see bot.feeds.poll.OutcomeKind
    last_detail: dict[str, Any]
    reported_failure: str | None


def _feed(row: aiosqlite.Row) -> Feed:
    try:
        detail = json.loads(row[11]) if row[11] else {}
    except ValueError:
        detail = {}
    return Feed(
        id=int(row[0]),
        name=str(row[1]),
        url=str(row[2]),
        added_by=int(row[3]),
        added_at=str(row[4]),
        active=bool(row[5]),
        etag=row[6],
        last_modified=row[7],
        body_sha256=row[8],
        last_polled_at=row[9],
        last_outcome=row[10],
        last_detail=detail if isinstance(detail, dict) else {},
        reported_failure=row[12],
    )


async def get_feed(db: Database, feed_id: int) -> Feed | None:
    row = await db.fetch_one(f"SELECT {_COLUMNS} FROM status_feeds WHERE id = ?", (feed_id,))
    return None if row is None else _feed(row)


async def get_feed_by_name(db: Database, name: str) -> Feed | None:
    """The active feed with this name."""
    row = await db.fetch_one(
        f"SELECT {_COLUMNS} FROM status_feeds WHERE name = ? AND active = 1", (name,)
    )
    return None if row is None else _feed(row)


async def active_feeds(db: Database) -> list[Feed]:
    rows = await db.fetch_all(f"SELECT {_COLUMNS} FROM status_feeds WHERE active = 1 ORDER BY name")
    return [_feed(row) for row in rows]


async def feed_names(db: Database) -> dict[int, str]:
    """Every feed's name by id, removed ones included (for showing where a proposal came
    from)."""
    return {int(r[0]): str(r[1]) for r in await db.fetch_all("SELECT id, name FROM status_feeds")}


async def add_feed(db: Database, name: str, url: str, added_by: int, *, now: str) -> Feed | None:
    """A new active feed; None if an active feed already has the name."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT id, active FROM status_feeds WHERE name = ?", (name,)
        ) as cursor:
            existing = await cursor.fetchone()
        if existing is not None and existing[1]:
            return None
        if existing is None:
            async with conn.execute(
                "INSERT INTO status_feeds (name, url, added_by, added_at) VALUES (?, ?, ?, ?)",
                (name, url, added_by, now),
            ) as cursor:
                feed_id = cursor.lastrowid
        else:
            feed_id = int(existing[0])
            async with conn.execute(
                "UPDATE status_feeds SET url = ?, added_by = ?, added_at = ?, active = 1,"
                " etag = NULL, last_modified = NULL, body_sha256 = NULL, last_polled_at = NULL,"
                " last_outcome = NULL, last_detail = NULL, reported_failure = NULL WHERE id = ?",
                (url, added_by, now, feed_id),
            ):
                pass
    assert feed_id is not None
    return await get_feed(db, feed_id)


async def remove_feed(db: Database, name: str) -> Feed | None:
    """Stop polling the feed; returns it, or None if no active feed has the name."""
    feed = await get_feed_by_name(db, name)
    if feed is None:
        return None
    changed = await db.execute(
        "UPDATE status_feeds SET active = 0 WHERE id = ? AND active = 1", (feed.id,)
    )
    return feed if changed == 1 else None


async def record_poll(
    db: Database,
    feed_id: int,
    *,
    polled_at: str,
    outcome: str,
    detail: dict[str, Any],
    reported_failure: str | None,
    validators: Validators | None = None,
) -> None:
    """How the poll went; the validators only when a body was processed."""
    text = json.dumps(detail, ensure_ascii=False, separators=(",", ":"))
    if validators is None:
        await db.execute(
            "UPDATE status_feeds SET last_polled_at = ?, last_outcome = ?, last_detail = ?,"
            " reported_failure = ? WHERE id = ?",
            (polled_at, outcome, text, reported_failure, feed_id),
        )
    else:
        await db.execute(
            "UPDATE status_feeds SET last_polled_at = ?, last_outcome = ?, last_detail = ?,"
            " reported_failure = ?, etag = ?, last_modified = ?, body_sha256 = ? WHERE id = ?",
            (
                polled_at, outcome, text, reported_failure, validators.etag,
                validators.last_modified, validators.body_sha256, feed_id,
            ),
        )


async def forget_validators(db: Database, feed_ids: Iterable[int]) -> None:
    """The next poll reads these feeds whole again (a change they brought expired
    undecided: it is proposed again rather than lost behind "not modified")."""
    await db.executemany(
        "UPDATE status_feeds SET etag = NULL, last_modified = NULL, body_sha256 = NULL"
        " WHERE id = ?",
        [(feed_id,) for feed_id in sorted(set(feed_ids))],
    )
