"""Interactive replies wait out Telegram's flood control instead of failing.

Broadcasts have their own paced dispatcher and pass ``rate_limit_args=BYPASS``. For a
reply to a resident, a 429 pauses only that request, for exactly the time Telegram asks
(bounded), then retries — unlike PTB's AIORateLimiter, which pauses every request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery.flood import BYPASS, retry_after_seconds

__all__ = ["ReplyRateLimiter"]

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]



class ReplyRateLimiter(BaseRateLimiter[str]):
    def __init__(self, *, max_retries: int = 3, max_wait: float = 30.0) -> None:
        self._max_retries = max_retries
        self._max_wait = max_wait

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(  # noqa: PLR0917 - PTB's interface
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> JSON:
        if rate_limit_args == BYPASS:
            return await callback(*args, **kwargs)
        attempt = 0
        while True:
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                delay = retry_after_seconds(error)
                if attempt >= self._max_retries or delay > self._max_wait:
                    raise
                attempt += 1
                log.info("%s: flood control, waiting %.0f s (attempt %d)", endpoint, delay, attempt)
                await asyncio.sleep(delay)
