"""Reading Telegram's flood-control answers (shared by replies and broadcasts)."""

from __future__ import annotations

from datetime import timedelta

from telegram.error import RetryAfter

__all__ = ["BYPASS", "retry_after_seconds"]

# rate_limit_args that tell the reply limiter a request is paced elsewhere (broadcasts).
BYPASS = "bypass"


def retry_after_seconds(error: RetryAfter) -> float:
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
