"""When may the next broadcast message go? Token buckets, per-chat spacing, pauses.

Everything here is pure: the caller passes the time (a monotonic clock in seconds), so
the tests drive it with a fake clock and the dispatcher with ``loop.time()``.

- :class:`TokenBucket` — the global rate (``global_per_second``, or ``paid_per_second``
  for paid broadcasts), with a burst of a tenth of a second's worth: enough to absorb the
  event loop waking a little late without ever exceeding the rate over a second.
- :class:`ChatSpacing` — at most ``per_chat_per_second`` to one chat, and "not before"
  holds after a 429.
- :class:`Pacer` — both buckets, the chats, a global pause (429, a rejected token,
  an outage) and the outage detector (consecutive network/5xx failures).
- :class:`Backlog` — claimed rows waiting for their turn, urgent first then oldest.
- :class:`RetryPolicy` — exponential backoff with jitter for network errors and 5xx.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from bot.config import RateLimits

__all__ = [
    "Backlog",
    "ChatSpacing",
    "Pacer",
    "RetryPolicy",
    "TokenBucket",
]

# A bucket holds this many seconds' worth of tokens (at least one).
BURST_SECONDS = 0.1
# Float rounding must not leave a wait of 1e-17 s that never passes.
_EPSILON = 1e-9


class TokenBucket:
    """``rate`` tokens per second, at most ``capacity`` saved up; starts full."""

    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, rate: float, now: float, *, capacity: float | None = None) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = max(1.0, capacity if capacity is not None else rate * BURST_SECONDS)
        self.tokens = self.capacity
        self.stamp = now

    def _refill(self, now: float) -> None:
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now

    def wait(self, now: float) -> float:
        """Seconds until a token is available (0.0: one is)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1.0 - _EPSILON else (1.0 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        """Spend one token (call when :meth:`wait` said 0)."""
        self._refill(now)
        self.tokens -= 1.0


class ChatSpacing:
    """At most ``rate`` messages per second to any one chat (no burst: Telegram's 1/s).

    Telegram counts when a request arrives, not when it left: a small margin keeps two
    messages to one chat a second apart even when the first one travelled slower.
    """

    MARGIN = 0.05

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.period = 1.0 / rate
        self.interval = self.period + self.MARGIN
        self._ready: dict[int, float] = {}
        # (ready time, chat) in the order they were set: pruning pops from the left.
        self._order: deque[tuple[float, int]] = deque()

    def __len__(self) -> int:
        return len(self._ready)

    def wait(self, chat_id: int, now: float) -> float:
        ready = self._ready.get(chat_id)
        return 0.0 if ready is None or ready <= now + _EPSILON else ready - now

    def take(self, chat_id: int, now: float) -> None:
        """A message goes to ``chat_id`` now."""
        self.hold(chat_id, now + self.interval)
        self._prune(now)

    def answered(self, chat_id: int, now: float) -> None:
        """Telegram answered the request to ``chat_id`` at ``now``, so it arrived before:
        a next one a full period later cannot arrive too soon, however long the first one
        waited on the way (a busy connection pool, a slow network, a stalled loop)."""
        self.hold(chat_id, now + self.period)

    def hold(self, chat_id: int, until: float) -> None:
        """Nothing to ``chat_id`` before ``until`` (never shortens an existing hold)."""
        if until > self._ready.get(chat_id, -math.inf):
            self._ready[chat_id] = until
            self._order.append((until, chat_id))

    def _prune(self, now: float) -> None:
        # Memory stays proportional to the chats of the last second or so, not to the
        # whole audience of a 100,000-recipient broadcast.
        order, ready = self._order, self._ready
        while order and order[0][0] <= now:
            until, chat_id = order.popleft()
            if ready.get(chat_id) == until:
                del ready[chat_id]


class Pacer:
    """The dispatcher's one source of "may I send now?".

    Sends draw from the free bucket (``global_per_second``) or, with
    ``allow_paid_broadcast``, from the paid bucket (``paid_per_second``), as Telegram
    counts them; every send also respects the chat's spacing and any global pause.
    """

    def __init__(
        self,
        rates: RateLimits,
        now: float,
        *,
        outage_after: int = 5,
        outage_max_pause: float = 60.0,
    ) -> None:
        self.rates = rates
        self._free = TokenBucket(rates.global_per_second, now)
        self._paid = TokenBucket(rates.paid_per_second, now)
        self.chats = ChatSpacing(rates.per_chat_per_second)
        self.paused_until = -math.inf
        self._outage_after = outage_after
        self._outage_max_pause = outage_max_pause
        self._consecutive_failures = 0

    def rate(self, paid: bool) -> float:
        return self._paid.rate if paid else self._free.rate

    def wait(self, paid: bool, now: float) -> float:
        """Seconds until a send of this kind may go (pause and bucket; not the chat)."""
        bucket = self._paid if paid else self._free
        wait = max(self.paused_until - now, bucket.wait(now))
        return wait if wait > _EPSILON else 0.0

    def chat_wait(self, chat_id: int, now: float) -> float:
        return self.chats.wait(chat_id, now)

    def take(self, chat_id: int, paid: bool, now: float) -> None:
        (self._paid if paid else self._free).take(now)
        self.chats.take(chat_id, now)

    def pause_all(self, until: float) -> None:
        """No send of any kind before ``until`` (a later pause wins; never shortened)."""
        self.paused_until = max(self.paused_until, until)

    def succeeded(self) -> None:
        self._consecutive_failures = 0

    def transient_failure(self, now: float) -> float:
        """A network error or 5xx: after several in a row, Telegram (or the network) is
        down — pause every send, doubling each time, so the queue does not burn its
        retries against an outage. Returns the pause started (0.0: none)."""
        self._consecutive_failures += 1
        excess = self._consecutive_failures - self._outage_after
        if excess < 0:
            return 0.0
        pause = min(self._outage_max_pause, 2.0 ** min(excess, 16))
        self.pause_all(now + pause)
        return pause


class _Ordered(Protocol):
    @property
    def priority(self) -> int: ...

    @property
    def id(self) -> int: ...


T = TypeVar("T", bound=_Ordered)


class Backlog(Generic[T]):
    """Claimed rows waiting for a send slot: urgent (priority 0) before routine, then by
    outbox id — so urgent rows claimed later still jump ahead of routine ones held here."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, T]] = []

    def __len__(self) -> int:
        return len(self._heap)

    def push(self, item: T) -> None:
        heapq.heappush(self._heap, (item.priority, item.id, item))

    def pop(self) -> T | None:
        return heapq.heappop(self._heap)[2] if self._heap else None

    def drain(self) -> list[T]:
        items = [entry[2] for entry in sorted(self._heap)]
        self._heap.clear()
        return items


@dataclass(frozen=True)
class RetryPolicy:
    """Network errors and 5xx: retry after ``base_delay * 2**(n-1)`` seconds (capped at
    ``max_delay``, ± ``jitter`` of it) until ``max_attempts`` such failures, then give up
    with the reason. 429s and a global pause do not count against it."""

    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    jitter: float = 0.2

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.base_delay <= 0 or self.max_delay < self.base_delay:
            raise ValueError("retry policy: max_attempts >= 1, 0 < base_delay <= max_delay")
        if not 0 <= self.jitter < 1:
            raise ValueError("retry policy: jitter must be in [0, 1)")

    def gives_up(self, errors: int) -> bool:
        """After ``errors`` network/5xx failures of one message, is it failed for good?"""
        return errors >= self.max_attempts

    def delay(self, errors: int, rng: random.Random) -> float:
        """The wait before the next try after the ``errors``-th failure (1-based)."""
        raw = min(self.max_delay, self.base_delay * 2.0 ** min(max(errors - 1, 0), 30))
        return raw * (1.0 + self.jitter * (2.0 * rng.random() - 1.0))
