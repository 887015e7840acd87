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

from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery.flood import BYPASS, retry_after_seconds

__all__ = ["ReplyRateLimiter"]

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]



class ReplyRateLimiter(BaseRateLimiter[str]):
    """Waits out flood control, and retries a reply that met a server or network error.

    A 5xx or a dropped connection says nothing about the request: it is sent again, a few
    times with a growing pause, so the resident gets the answer rather than an apology. An
    error that says the request itself was wrong (400, 403) is never retried. getUpdates
    is left to python-telegram-bot's own polling loop, which retries it.
    """

    def __init__(
        self,
        *,
        max_retries: int = 3,
        max_wait: float = 30.0,
        transient_retries: int = 3,
        first_backoff: float = 0.5,
    ) -> None:
        self._max_retries = max_retries
        self._max_wait = max_wait
        self._transient_retries = transient_retries
        self._first_backoff = first_backoff

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
        attempt = failures = 0
        while True:
            try:
                return await callback(*args, **kwargs)
            except (BadRequest, InvalidToken):
                raise  # the request was wrong: sending it again cannot help
            except NetworkError as error:  # 5xx, timeouts, dropped connections
                if endpoint == "getUpdates" or failures >= self._transient_retries:
                    raise
                pause = self._first_backoff * 2**failures
                failures += 1
                log.info(
                    "%s: %s, retrying in %.1f s (retry %d)",
                    endpoint, type(error).__name__, pause, failures,
                )
                await asyncio.sleep(pause)
            except RetryAfter as error:
                delay = retry_after_seconds(error)
                if attempt >= self._max_retries or delay > self._max_wait:
                    raise
                attempt += 1
                log.info("%s: flood control, waiting %.0f s (attempt %d)", endpoint, delay, attempt)
                await asyncio.sleep(delay)
