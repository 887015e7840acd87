"""Durable, paced delivery of broadcasts: the outbox and the one dispatcher.

For the staff features::

    dispatcher = context.state.dispatcher
    broadcast_id = await dispatcher.enqueue(
        created_by=staff_id, priority=Priority.URGENT, kind="announcement",
        messages=(OutboxMessage(chat_id, rendered_html[language]) for ...),
    )
    dispatcher.observe(broadcast_id, edit_progress_message, interval=3.0)
    report = await broadcast_report(db, broadcast_id)   # failures grouped by reason

How a message travels::

    outbox (queued) --claim, committed--> backlog (sending) --token, slot--> HTTP send
        --outcome--> pending --group commit--> outbox (sent | failed | blocked | queued)

- **Pacing.** One :class:`~bot.delivery.pacing.Pacer`: the global bucket (or the paid one
  for ``allow_paid_broadcast``), one message per second per chat, pauses after a 429.
- **Order.** Rows are claimed urgent first, then oldest (an index makes that cheap);
  claimed rows wait in a heap with the same order, and an enqueue wakes the dispatcher to
  claim again, so an urgent alert overtakes routine rows already claimed.
- **No polling.** With nothing due the dispatcher sleeps until the next
  ``next_attempt_at`` or until :meth:`Dispatcher.wake`.
- **Durability and the duplicate bound.** A batch is marked ``sending`` in one committed
  statement before any of it is sent. A send holds one of ``concurrency`` slots from just
  before its HTTP call until its outcome is *committed*; outcomes are group-committed (all
  that arrived while the previous commit ran go in the next). So at any instant at most
  ``concurrency`` rows can have reached Telegram without their outcome on disk. After a
  crash every ``sending`` row is requeued: only those can arrive twice — at most
  ``concurrency`` duplicates. (The commit survives a killed process; WAL with
  ``synchronous=NORMAL`` may lose the last commits on power loss, which could add more.)
- **Choosing concurrency.** The slots also cap the rate: at most ``concurrency`` /
  (round trip + commit) messages per second. 8 keeps 30/s up to a 250 ms round trip to
  Telegram; a paid broadcast at 1000/s over a 100 ms round trip needs about 128 — and
  then up to 128 duplicates after a crash. The bound and the speed are the same number.
- **One dispatcher per database.** Start-up requeues every ``sending`` row: a second
  process on the same database would resend the first one's in-flight messages.
"""

from bot.delivery.broadcasts import (
    BroadcastProgress,
    BroadcastReport,
    RateMeter,
    broadcast_progress,
    broadcast_report,
    enqueue_broadcast,
)
from bot.delivery.dispatcher import DEFAULT_CONCURRENCY, Dispatcher
from bot.delivery.failures import Verdict, classify
from bot.delivery.items import DispatcherStats
from bot.delivery.observation import Observation, ProgressCallback
from bot.delivery.pacing import RetryPolicy
from bot.delivery.sender import BotSender, Sender
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
