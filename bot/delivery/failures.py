"""What a failed send means for the message: wait, retry, give up, or stop for good.

Exception tree (python-telegram-bot), and the verdict for each:

    TelegramError
    ├── RetryAfter (429)        throttled    pause, requeue after exactly retry_after
    ├── Forbidden (403)         blocked      blocked/deactivated: resident inactive
    ├── ChatMigrated            failed       (groups only)
    ├── InvalidToken (401/404)  unauthorized pause everything, requeue (the token is bad)
    ├── NetworkError            transient    5xx, dropped connections: retry with backoff
    │   ├── BadRequest (400)    failed       "chat not found", or the description
    │   └── TimedOut            transient
    └── others (Conflict, ...)  failed       with the description
    anything else               transient    a bug or an unexpected client error

A 429 does not say which limit was hit (Telegram's global bucket or one chat's), and the
sandbox answers both the same way. The dispatcher already keeps every chat under its
limit, so a 429 most likely means the shared bucket (interactive replies draw from it too):
it pauses *all* sends for exactly ``retry_after`` — ignoring a global 429 risks a longer
ban, while treating a per-chat one as global costs at most that one pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.delivery.flood import retry_after_seconds

__all__ = ["Verdict", "VerdictKind", "classify"]

VerdictKind = Literal["throttled", "blocked", "failed", "transient", "unauthorized"]

# Telegram's descriptions are short, but a reason is shown to staff: keep it bounded.
_MAX_REASON = 200


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: VerdictKind
    code: str  # stable, for grouping and for localised explanations in the staff UI
    reason: str  # Telegram's description (never message text)
    retry_after: float = 0.0


def _reason(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def classify(error: BaseException) -> Verdict:
    """The verdict for an exception raised by a send."""
    if isinstance(error, RetryAfter):
        seconds = retry_after_seconds(error)
        return Verdict("throttled", "flood_control", f"retry after {seconds:g} s", seconds)
    if isinstance(error, Forbidden):
        code = "deactivated" if "deactivated" in error.message.lower() else "blocked"
        return Verdict("blocked", code, _reason(error.message))
    if isinstance(error, ChatMigrated):
        return Verdict("failed", "chat_migrated", "the group chat was migrated")
    if isinstance(error, BadRequest):  # before NetworkError: it is a subclass
        if "chat not found" in error.message.lower():
            return Verdict("failed", "chat_not_found", "chat not found")
        return Verdict("failed", "bad_request", _reason(error.message))
    if isinstance(error, InvalidToken):
        # Never quote the exception: some of PTB's InvalidToken messages carry the token.
        return Verdict("unauthorized", "unauthorized", "the bot token was rejected")
    if isinstance(error, TimedOut):
        return Verdict("transient", "timed_out", "timed out")
    if isinstance(error, NetworkError):
        return Verdict("transient", "network", _reason(error.message))
    if isinstance(error, TelegramError):
        return Verdict("failed", "rejected", _reason(error.message))
    return Verdict("transient", "internal", type(error).__name__)
