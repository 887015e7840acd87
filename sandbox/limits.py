"""Telegram-like flood limits: token buckets per bot, per chat and for paid broadcasts."""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from typing import Any

from sandbox.errors import too_many_requests

__all__ = ["Limits", "RateLimiter"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Flood limits; Telegram's documented guidance by default.

    Counted: the message-producing methods (send*, except sendChatAction, and
    editMessage*). A send with allow_paid_broadcast draws from the paid bucket
    instead of the global one; the per-chat bucket applies either way.
    """

    global_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    # Real Telegram lets a short burst to one private chat through.
    per_chat_burst: int = 3
    paid_per_second: float = 1000.0
    enforce: bool = True

    def __post_init__(self) -> None:
        rates = (self.global_per_second, self.per_chat_per_second, self.paid_per_second)
        if min(rates) <= 0 or self.per_chat_burst < 1:
            raise ValueError("limits must be positive")

    @classmethod
    def disabled(cls) -> Limits:
        """No flood limits at all."""
        return cls(enforce=False)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Limits:
        """Missing fields keep their defaults."""
        types = {"global_per_second": float, "per_chat_per_second": float,
                 "per_chat_burst": int, "paid_per_second": float, "enforce": bool}  # fmt: skip
        return cls(**{k: conv(data[k]) for k, conv in types.items() if data.get(k) is not None})


class _Bucket:
    """A token bucket refilled continuously at ``rate`` tokens per second."""

    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = now

    def wait_time(self, now: float) -> float:
        """Refill, then return seconds until one token is available (0.0 if one is)."""
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / self.rate


class RateLimiter:
    """Admits or refuses counted sends; the buckets restart whenever limits change."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._reset()

    @property
    def limits(self) -> Limits:
        return self._limits

    @limits.setter
    def limits(self, limits: Limits) -> None:
        self._limits = limits
        self._reset()

    def _reset(self) -> None:
        now = time.monotonic()
        lim = self._limits
        # The global bucket holds one second's worth, like the paid one.
        self._global = _Bucket(lim.global_per_second, lim.global_per_second, now)
        self._paid = _Bucket(lim.paid_per_second, lim.paid_per_second, now)
        self._chats: dict[int, _Bucket] = {}

    def admit(self, chat_id: int, *, paid: bool = False) -> None:
        """Take a token from the chat bucket and the global (or paid) one, or raise 429.

        A refused call takes no token from either bucket.
        """
        lim = self._limits
        if not lim.enforce:
            return
        now = time.monotonic()
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = _Bucket(float(lim.per_chat_burst), lim.per_chat_per_second, now)
            self._chats[chat_id] = chat
        shared = self._paid if paid else self._global
        wait = max(chat.wait_time(now), shared.wait_time(now))
        if wait > 0.0:
            raise too_many_requests(max(1, math.ceil(wait)))
        chat.tokens -= 1.0
        shared.tokens -= 1.0
