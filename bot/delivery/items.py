"""What the dispatcher holds in memory: claimed rows, outcomes awaiting their commit, its
tasks and its counters (:mod:`bot.delivery.dispatcher` explains how they move)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bot.storage.outbox import Content, Outcome

__all__ = ["DispatcherStats", "Item", "Pending", "Tasks"]


@dataclass
class DispatcherStats:
    """Counters since start (for logs and benchmarks)."""

    sent: int = 0
    failed: int = 0
    blocked: int = 0
    throttled: int = 0  # 429s answered
    retried: int = 0  # network/5xx failures that will be tried again
    requeued_at_start: int = 0


@dataclass(slots=True)
class Item:
    """A claimed row with its text, waiting in the backlog or being sent."""

    id: int
    broadcast_id: int
    chat_id: int
    priority: int
    paid: bool
    errors: int
    content: Content


@dataclass(slots=True)
class Pending:
    outcome: Outcome
    holds_slot: bool
    blocked_chat: int | None = None


@dataclass
class Tasks:
    pump: asyncio.Task[None] | None = None
    flusher: asyncio.Task[None] | None = None
    sends: set[asyncio.Task[None]] = field(default_factory=set)
