"""Broadcasts as staff see them: enqueue one, watch its progress, read its report.

These work on the database alone (any process); :class:`bot.delivery.Dispatcher` adds
the live sending rate to :meth:`~bot.delivery.Dispatcher.progress` and pushes progress to
observers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.outbox import Broadcast, FailureGroup, OutboxMessage, Priority

__all__ = [
    "BroadcastProgress",
    "BroadcastReport",
    "RateMeter",
    "broadcast_progress",
    "broadcast_report",
    "enqueue_broadcast",
]


async def enqueue_broadcast(
    db: Database,
    *,
    created_by: int,
    priority: Priority,
    kind: str,
    messages: Iterable[OutboxMessage],
    paid: bool = False,
) -> int:
    """Store a broadcast durably (all or nothing) and return its id.

    Call :meth:`Dispatcher.wake` afterwards (or use :meth:`Dispatcher.enqueue`, which does
    both) so sending starts at once instead of at the dispatcher's next look at the queue.
    ``messages`` may be a generator; ValueError for no recipient, an empty text or a chat
    listed twice.
    """
    return await outbox.create_broadcast(
        db, created_by=created_by, priority=priority, kind=kind, messages=messages, paid=paid
    )


@dataclass(frozen=True)
class BroadcastProgress:
    """Counts per state and an estimate of the time left."""

    broadcast: Broadcast
    queued: int
    sending: int
    sent: int
    failed: int
    blocked: int
    ahead: int  # queued messages of other broadcasts that go first
    rate: float | None  # messages/s the estimate assumes
    eta_seconds: float | None  # None when finished or the rate is unknown

    @property
    def total(self) -> int:
        return self.queued + self.sending + self.sent + self.failed + self.blocked

    @property
    def settled(self) -> int:
        return self.sent + self.failed + self.blocked

    @property
    def remaining(self) -> int:
        return self.queued + self.sending

    @property
    def finished(self) -> bool:
        # finished_at is written last in the transaction that settles the last row: a
        # read that overlaps that transaction (one shared connection) must not look done.
        return self.remaining == 0 and self.broadcast.finished_at is not None


@dataclass(frozen=True)
class BroadcastReport:
    """The final (or current) account of a broadcast: not one message unaccounted for."""

    broadcast: Broadcast
    sent: int
    failed: int
    blocked: int
    pending: int  # still queued or sending (0 once finished)
    failures: tuple[FailureGroup, ...]  # failed and blocked, grouped by reason, largest first
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.blocked + self.pending

    @property
    def finished(self) -> bool:
        return self.pending == 0 and self.broadcast.finished_at is not None

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


async def broadcast_progress(
    db: Database, broadcast_id: int, *, rate: float | None = None
) -> BroadcastProgress | None:
    """Where a broadcast stands; ``rate`` (messages/s) turns the backlog into an ETA."""
    broadcast = await outbox.get_broadcast(db, broadcast_id)
    if broadcast is None:
        return None
    counts = await outbox.state_counts(db, broadcast_id)
    remaining = counts["queued"] + counts["sending"]
    ahead = await outbox.queued_ahead(db, broadcast_id, broadcast.priority) if remaining else 0
    eta: float | None = None
    if remaining == 0 and broadcast.finished_at is not None:
        eta = 0.0
    elif rate is not None and rate > 0:
        eta = (ahead + remaining) / rate
    return BroadcastProgress(
        broadcast=broadcast,
        queued=counts["queued"],
        sending=counts["sending"],
        sent=counts["sent"],
        failed=counts["failed"],
        blocked=counts["blocked"],
        ahead=ahead,
        rate=rate,
        eta_seconds=eta,
    )


async def broadcast_report(db: Database, broadcast_id: int) -> BroadcastReport | None:
    """Sent / failed / blocked totals and the failures grouped by reason."""
    broadcast = await outbox.get_broadcast(db, broadcast_id)
    if broadcast is None:
        return None
    counts = await outbox.state_counts(db, broadcast_id)
    return BroadcastReport(
        broadcast=broadcast,
        sent=counts["sent"],
        failed=counts["failed"],
        blocked=counts["blocked"],
        pending=counts["queued"] + counts["sending"],
        failures=tuple(await outbox.failure_groups(db, broadcast_id)),
        started_at=broadcast.started_at,
        finished_at=broadcast.finished_at,
    )


class RateMeter:
    """Messages settled per second over a sliding window (for estimates, not pacing)."""

    def __init__(self, window: float = 10.0) -> None:
        self._window = window
        self._events: deque[tuple[float, int]] = deque()
        self._count = 0

    def add(self, now: float, n: int) -> None:
        if n:
            self._events.append((now, n))
            self._count += n
        self._trim(now)

    def _trim(self, now: float) -> None:
        while self._events and self._events[0][0] < now - self._window:
            self._count -= self._events.popleft()[1]

    def rate(self, now: float) -> float | None:
        """None until there are two seconds of history to go on."""
        self._trim(now)
        if not self._events:
            return None
        span = now - self._events[0][0]
        return None if span < 2.0 else self._count / span
