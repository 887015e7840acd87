"""What a failed send becomes: its outcome row, the pacing it changes, the counters.

:mod:`bot.delivery.failures` says what an error means; this applies it for the
dispatcher: a 429 pauses every send, a block marks the row, a transient failure is
retried with backoff until the policy gives up, and a rejected token pauses everything.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from typing import Literal

from bot.delivery.failures import classify
from bot.delivery.items import DispatcherStats, Item
from bot.delivery.pacing import Pacer, RetryPolicy
from bot.storage.outbox import Outcome

__all__ = ["UNAUTHORIZED_PAUSE", "failure_outcome"]

log = logging.getLogger(__name__)

# A rejected token cannot be fixed by retrying fast: look again after this long.
UNAUTHORIZED_PAUSE = 60.0

OutcomeState = Literal["queued", "sent", "failed", "blocked"]


def failure_outcome(
    item: Item,
    error: Exception,
    *,
    pacer: Pacer,
    stats: DispatcherStats,
    retry: RetryPolicy,
    rng: random.Random,
    clock: Callable[[], float],
    now: float,
) -> Outcome:
    """The outcome of ``item``'s failed send (``now`` is loop time, ``clock`` unix time)."""
    verdict = classify(error)

    def outcome(state: OutcomeState, *, errors: int = 0, wait: float = 0.0,
                code: str = verdict.code, reason: str = verdict.reason) -> Outcome:
        return Outcome(item.id, item.broadcast_id, state, errors=errors,
                       next_attempt_at=clock() + wait if wait else 0.0,
                       error_code=code, reason=reason)

    if verdict.kind == "throttled":
        stats.throttled += 1
        pacer.pause_all(now + verdict.retry_after)
        pacer.chats.hold(item.chat_id, now + verdict.retry_after)
        log.info("delivery: flood control, all sends wait %.0f s", verdict.retry_after)
        return outcome("queued", wait=verdict.retry_after)
    if verdict.kind == "blocked":
        stats.blocked += 1
        return outcome("blocked")
    if verdict.kind == "failed":
        stats.failed += 1
        return outcome("failed")
    if verdict.kind == "unauthorized":
        pacer.pause_all(now + UNAUTHORIZED_PAUSE)
        log.error("delivery: Telegram rejected the bot token; sending paused %.0f s",
                  UNAUTHORIZED_PAUSE)
        return outcome("queued", wait=UNAUTHORIZED_PAUSE)
    errors = item.errors + 1
    outage = pacer.transient_failure(now)
    if outage:
        log.warning("delivery: %s; Telegram looks unreachable, all sends wait %.0f s",
                    verdict.code, outage)
    if retry.gives_up(errors):
        stats.failed += 1
        return outcome("failed", errors=1, code="retries_exhausted",
                       reason=f"{verdict.reason} (after {errors} attempts)")
    stats.retried += 1
    return outcome("queued", errors=1, wait=retry.delay(errors, rng))
