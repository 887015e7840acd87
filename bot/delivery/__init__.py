"""Durable, paced delivery of broadcasts: the outbox and the one dispatcher.

For the staff features::

    dispatcher = context.state.dispatcher
    broadcast_id = await dispatcher.enqueue(
        created_by=staff_id, priority=Priority.URGENT, kind="announcement",
        messages=(OutboxMessage(chat_id, rendered_html[language]) for ...),
    )
    dispatcher.observe(broadcast_id, edit_progress_message, interval=3.0)
    report = await broadcast_report(db, broadcast_id)   # failures grouped by reason
"""

from bot.delivery.broadcasts import (
    BroadcastProgress,
    BroadcastReport,
    RateMeter,
    broadcast_progress,
    broadcast_report,
    enqueue_broadcast,
)
from bot.delivery.dispatcher import (
    DEFAULT_CONCURRENCY,
    BotSender,
    Dispatcher,
    DispatcherStats,
    Observation,
    ProgressCallback,
    Sender,
)
from bot.delivery.failures import Verdict, classify
from bot.delivery.pacing import RetryPolicy
from bot.storage.outbox import (
    Broadcast,
    FailureGroup,
    OutboxMessage,
    Priority,
    get_broadcast,
    list_broadcasts,
)

__all__ = [
    "DEFAULT_CONCURRENCY",
    "BotSender",
    "Broadcast",
    "BroadcastProgress",
    "BroadcastReport",
    "Dispatcher",
    "DispatcherStats",
    "FailureGroup",
    "Observation",
    "OutboxMessage",
    "Priority",
    "ProgressCallback",
    "RateMeter",
    "RetryPolicy",
    "Sender",
    "Verdict",
    "broadcast_progress",
    "broadcast_report",
    "classify",
    "enqueue_broadcast",
    "get_broadcast",
    "list_broadcasts",
]
