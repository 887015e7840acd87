"""The outbox tables (migration 3): broadcasts, their texts, one row per recipient.

A row's life: ``queued`` → ``sending`` (claimed, committed before the HTTP call) → one of
``sent``, ``failed`` (with a reason), ``blocked`` — or back to ``queued`` to wait for a
retry. Rows still ``sending`` when the process starts were interrupted by a crash and are
requeued (:func:`requeue_interrupted`).

Times of rows (``next_attempt_at``, ``sent_at``) are unix seconds (REAL): the queue
compares them and sub-second precision matters; broadcasts keep UTC ISO-8601 text like
the rest of the schema.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import Literal, cast

import aiosqlite

from bot.storage.db import Database, utc_now

__all__ = [
    "Broadcast",
    "BroadcastStatus",
    "Claimed",
    "Content",
    "FailureGroup",
    "MessageState",
    "OutboxMessage",
    "Outcome",
    "Priority",
    "cancel_broadcast",
    "claim_due",
    "contents",
    "create_broadcast",
    "failure_groups",
    "get_broadcast",
    "list_broadcasts",
    "next_due_at",
    "purge_finished",
    "queued_ahead",
    "record_outcomes",
    "requeue_interrupted",
    "state_counts",
]

MessageState = Literal["queued", "sending", "sent", "failed", "blocked"]
BroadcastStatus = Literal["active", "done", "cancelled"]
STATES: tuple[MessageState, ...] = ("queued", "sending", "sent", "failed", "blocked")
# Rows are inserted this many at a time: each executemany runs in aiosqlite's thread and
# the event loop gets a turn between chunks, even for 100,000 recipients.
CHUNK = 2000
CANCELLED = "cancelled"


class Priority(IntEnum):
    """Lower goes first: urgent safety alerts jump ahead of routine messages."""

    URGENT = 0
    ROUTINE = 1


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One recipient's message: the fully rendered HTML in their language."""

    chat_id: int
    text: str
    reply_markup_json: str | None = None


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    created_by: int
    created_at: datetime
    priority: Priority
    kind: str
    paid: bool
    status: BroadcastStatus
    total: int
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class Claimed:
    """A row the dispatcher now owns (state ``sending``)."""

    id: int
    broadcast_id: int
    content_id: int
    chat_id: int
    priority: int
    paid: bool
    attempts: int
    errors: int


@dataclass(frozen=True, slots=True)
class Content:
    text: str
    reply_markup: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one claimed row; :func:`record_outcomes` writes it.

    ``state`` ``queued`` puts the row back to wait until ``next_attempt_at``;
    ``attempts``/``errors`` are added to the row's counters.
    """

    message_id: int
    broadcast_id: int
    state: Literal["queued", "sent", "failed", "blocked"]
    attempts: int = 1
    errors: int = 0
    next_attempt_at: float = 0.0
    error_code: str | None = None
    reason: str | None = None
    sent_at: float | None = None
    telegram_message_id: int | None = None


@dataclass(frozen=True, slots=True)
class FailureGroup:
    state: Literal["failed", "blocked"]
    code: str
    reason: str
    count: int


def _iso(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds")


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


_BROADCAST_COLUMNS = (
    "id, created_by, created_at, priority, kind, paid, status, total, started_at, finished_at"
)


def _broadcast(row: Sequence[object]) -> Broadcast:
    created = _time(cast(str, row[2]))
    assert created is not None
    return Broadcast(
        id=cast(int, row[0]),
        created_by=cast(int, row[1]),
        created_at=created,
        priority=Priority(cast(int, row[3])),
        kind=cast(str, row[4]),
        paid=bool(row[5]),
        status=cast(BroadcastStatus, row[6]),
        total=cast(int, row[7]),
        started_at=_time(cast("str | None", row[8])),
        finished_at=_time(cast("str | None", row[9])),
    )


async def create_broadcast(
    db: Database,
    *,
    created_by: int,
    priority: Priority,
    kind: str,
    messages: Iterable[OutboxMessage],
    paid: bool = False,
    chunk: int = CHUNK,
) -> int:
    """Store a broadcast and all its messages in one transaction (all or nothing).

    ``messages`` may be a generator; it is consumed ``chunk`` rows at a time. Raises
    ValueError for an empty broadcast, an empty text or a chat listed twice (a message
    goes to each recipient once).
    """
    if not kind:
        raise ValueError("a broadcast needs a kind")
    seen: set[int] = set()
    content_ids: dict[tuple[str, str | None], int] = {}
    total = 0
    async with db.transaction() as conn:
        async with conn.execute(
            "INSERT INTO broadcasts (created_by, created_at, priority, kind, paid, total)"
            " VALUES (?, ?, ?, ?, ?, 0)",
            (created_by, utc_now(), int(priority), kind, int(paid)),
        ) as cursor:
            broadcast_id = cursor.lastrowid
        assert broadcast_id is not None
        rows: list[tuple[int, int, int, int, int]] = []
        for message in messages:
            chat_id = message.chat_id
            if chat_id in seen:
                raise ValueError(f"chat {chat_id} appears twice in one broadcast")
            if not message.text:
                raise ValueError(f"the message to chat {chat_id} has no text")
            seen.add(chat_id)
            key = (message.text, message.reply_markup_json)
            content_id = content_ids.get(key)
            if content_id is None:
                async with conn.execute(
                    "INSERT INTO outbox_contents (broadcast_id, text, reply_markup)"
                    " VALUES (?, ?, ?)",
                    (broadcast_id, *key),
                ) as cursor:
                    content_id = cursor.lastrowid
                assert content_id is not None
                content_ids[key] = content_id
            rows.append((broadcast_id, content_id, chat_id, int(priority), int(paid)))
            if len(rows) >= chunk:
                await _insert_messages(conn, rows)
                total += len(rows)
                rows = []
        if rows:
            await _insert_messages(conn, rows)
            total += len(rows)
        if total == 0:
            raise ValueError("a broadcast needs at least one recipient")
        async with conn.execute(
            "UPDATE broadcasts SET total = ? WHERE id = ?", (total, broadcast_id)
        ):
            pass
    return broadcast_id


async def _insert_messages(
    conn: aiosqlite.Connection, rows: list[tuple[int, int, int, int, int]]
) -> None:
    await conn.executemany(
        "INSERT INTO outbox_messages (broadcast_id, content_id, chat_id, priority, paid)"
        " VALUES (?, ?, ?, ?, ?)",
        rows,
    )


async def claim_due(db: Database, *, now: float, limit: int) -> list[Claimed]:
    """Mark up to ``limit`` due rows ``sending`` — urgent first, then oldest — in one
    statement, committed before the caller sends any of them."""
    async with db.transaction() as conn:
        async with conn.execute(
            "UPDATE outbox_messages SET state = 'sending'"
            " WHERE id IN (SELECT id FROM outbox_messages"
            "   WHERE state = 'queued' AND next_attempt_at <= ?"
            "   ORDER BY priority, id LIMIT ?)"
            " RETURNING id, broadcast_id, content_id, chat_id, priority, paid, attempts, errors",
            (now, limit),
        ) as cursor:
            rows = await cursor.fetchall()
        claimed = sorted(
            (Claimed(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]) for r in rows),
            key=lambda c: (c.priority, c.id),
        )
        broadcasts = sorted({c.broadcast_id for c in claimed})
        if broadcasts:
            marks = ",".join("?" * len(broadcasts))
            async with conn.execute(
                f"UPDATE broadcasts SET started_at = ? WHERE id IN ({marks})"
                " AND started_at IS NULL",
                (_iso(now), *broadcasts),
            ):
                pass
    return claimed


async def contents(db: Database, ids: Collection[int]) -> dict[int, Content]:
    """The texts (and keyboards) with these ids."""
    found: dict[int, Content] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        part = ordered[start : start + 500]
        marks = ",".join("?" * len(part))
        for row in await db.fetch_all(
            f"SELECT id, text, reply_markup FROM outbox_contents WHERE id IN ({marks})", part
        ):
            found[row[0]] = Content(row[1], row[2])
    return found


async def record_outcomes(
    db: Database, outcomes: Sequence[Outcome], *, now: float
) -> list[int]:
    """Write outcomes in one transaction; returns the broadcasts that are now finished
    (no row queued or sending). Rows no longer ``sending`` (erased by /forget) are
    left alone."""
    if not outcomes:
        return []
    touched = sorted({o.broadcast_id for o in outcomes})
    marks = ",".join("?" * len(touched))
    async with db.transaction() as conn:
        await conn.executemany(
            "UPDATE outbox_messages SET state = ?, attempts = attempts + ?,"
            " errors = errors + ?, next_attempt_at = ?, error_code = COALESCE(?, error_code),"
            " reason = COALESCE(?, reason),"
            " sent_at = ?, telegram_message_id = ?"
            " WHERE id = ? AND state = 'sending'",
            [
                (o.state, o.attempts, o.errors, o.next_attempt_at, o.error_code, o.reason,
                 o.sent_at, o.telegram_message_id, o.message_id)
                for o in outcomes
            ],
        )
        async with conn.execute(
            "UPDATE broadcasts SET finished_at = ?,"
            " status = CASE status WHEN 'active' THEN 'done' ELSE status END"
            f" WHERE id IN ({marks}) AND finished_at IS NULL AND NOT EXISTS ("
            "   SELECT 1 FROM outbox_messages m WHERE m.broadcast_id = broadcasts.id"
            "   AND m.state IN ('queued', 'sending'))"
            " RETURNING id",
            (_iso(now), *touched),
        ) as cursor:
            finished = [row[0] for row in await cursor.fetchall()]
    return sorted(finished)


async def requeue_interrupted(db: Database) -> int:
    """At start-up: rows left ``sending`` by a crash go back to the queue (they may have
    been sent — the only possible duplicates). Returns how many."""
    return await db.execute(
        "UPDATE outbox_messages SET state = 'queued'"
        " WHERE state = 'sending' AND broadcast_id IN"
        " (SELECT id FROM broadcasts WHERE finished_at IS NULL)"
    )


async def next_due_at(db: Database) -> float | None:
    """When the earliest queued row becomes due (None: the queue is empty)."""
    row = await db.fetch_one(
        "SELECT min(next_attempt_at) FROM outbox_messages WHERE state = 'queued'"
    )
    return None if row is None or row[0] is None else float(row[0])


async def state_counts(db: Database, broadcast_id: int) -> dict[MessageState, int]:
    counts: dict[MessageState, int] = dict.fromkeys(STATES, 0)
    for row in await db.fetch_all(
        "SELECT state, count(*) FROM outbox_messages WHERE broadcast_id = ? GROUP BY state",
        (broadcast_id,),
    ):
        counts[cast(MessageState, row[0])] = int(row[1])
    return counts


async def queued_ahead(db: Database, broadcast_id: int, priority: Priority) -> int:
    """Queued rows of other broadcasts that go before this one's first queued row
    (higher priority, or the same priority and older)."""
    # (broadcast_id, state) is an index whose entries end with the row id: min is cheap.
    first = await db.fetch_one(
        "SELECT min(id) FROM outbox_messages WHERE broadcast_id = ? AND state = 'queued'",
        (broadcast_id,),
    )
    if first is None or first[0] is None:
        return 0
    row = await db.fetch_one(
        "SELECT count(*) FROM outbox_messages"
        " WHERE state = 'queued' AND (priority, id) < (?, ?)",
        (int(priority), first[0]),
    )
    return 0 if row is None else int(row[0])


async def failure_groups(db: Database, broadcast_id: int) -> list[FailureGroup]:
    """Failed and blocked rows grouped by reason, the largest group first."""
    rows = await db.fetch_all(
        "SELECT state, error_code, reason, count(*) AS n FROM outbox_messages"
        " WHERE broadcast_id = ? AND state IN ('failed', 'blocked')"
        " GROUP BY state, error_code, reason ORDER BY n DESC, state, error_code, reason",
        (broadcast_id,),
    )
    return [
        FailureGroup(r[0], r[1] or "unknown", r[2] or "", int(r[3])) for r in rows
    ]


async def get_broadcast(db: Database, broadcast_id: int) -> Broadcast | None:
    row = await db.fetch_one(
        f"SELECT {_BROADCAST_COLUMNS} FROM broadcasts WHERE id = ?", (broadcast_id,)
    )
    return None if row is None else _broadcast(tuple(row))


async def list_broadcasts(
    db: Database, limit: int = 20, *, created_by: int | None = None, before_id: int | None = None
) -> list[Broadcast]:
    """The latest broadcasts first (page with ``before_id``)."""
    where, params = ["1"], []
    if created_by is not None:
        where.append("created_by = ?")
        params.append(created_by)
    if before_id is not None:
        where.append("id < ?")
        params.append(before_id)
    rows = await db.fetch_all(
        f"SELECT {_BROADCAST_COLUMNS} FROM broadcasts WHERE {' AND '.join(where)}"
        " ORDER BY id DESC LIMIT ?",
        (*params, limit),
    )
    return [_broadcast(tuple(row)) for row in rows]


async def cancel_broadcast(db: Database, broadcast_id: int, *, now: float) -> int:
    """Stop a broadcast: its queued rows fail with reason "cancelled" (rows already
    claimed still go). Returns how many were cancelled."""
    async with db.transaction() as conn:
        async with conn.execute(
            "UPDATE outbox_messages SET state = 'failed', error_code = ?, reason = ?"
            " WHERE broadcast_id = ? AND state = 'queued'",
            (CANCELLED, "cancelled by staff", broadcast_id),
        ) as cursor:
            cancelled = cursor.rowcount
        async with conn.execute(
            "UPDATE broadcasts SET status = 'cancelled' WHERE id = ? AND status = 'active'",
            (broadcast_id,),
        ):
            pass
        async with conn.execute(
            "UPDATE broadcasts SET finished_at = ? WHERE id = ? AND finished_at IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM outbox_messages WHERE broadcast_id = ?"
            " AND state IN ('queued', 'sending'))",
            (_iso(now), broadcast_id, broadcast_id),
        ):
            pass
    return cancelled


async def purge_finished(db: Database, *, finished_before: datetime) -> int:
    """Delete broadcasts finished before the date, with their rows (chat ids are
    personal data: keep them no longer than the reports are useful)."""
    return await db.execute(
        "DELETE FROM broadcasts WHERE finished_at IS NOT NULL AND finished_at < ?",
        (finished_before.astimezone(UTC).isoformat(timespec="seconds"),),
    )
