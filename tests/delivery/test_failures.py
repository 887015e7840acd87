"""What each error a send can raise means for the message (pure; no network)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bot.delivery import classify


@pytest.mark.parametrize(
    ("error", "kind", "code", "reason"),
    [
        (RetryAfter(timedelta(seconds=7)), "throttled", "flood_control", "retry after 7 s"),
        (Forbidden("Forbidden: bot was blocked by the user"), "blocked", "blocked",
         "Forbidden: bot was blocked by the user"),
        (Forbidden("Forbidden: user is deactivated"), "blocked", "deactivated",
         "Forbidden: user is deactivated"),
        (BadRequest("Bad Request: chat not found"), "failed", "chat_not_found",
         "chat not found"),
        (BadRequest("Bad Request: can't parse entities: unclosed tag"), "failed",
         "bad_request", "Can't parse entities: unclosed tag"),
        (ChatMigrated(-100123), "failed", "chat_migrated", "the group chat was migrated"),
        (InvalidToken("The token `123:SECRET` was rejected by the server."), "unauthorized",
         "unauthorized", "the bot token was rejected"),
        (TimedOut(), "transient", "timed_out", "timed out"),
        (NetworkError("Bad Gateway"), "transient", "network", "Bad Gateway"),
        (Conflict("Conflict: terminated by other getUpdates request"), "failed", "rejected",
         "Conflict: terminated by other getUpdates request"),
        (httpx.ConnectError("boom"), "transient", "internal", "ConnectError"),
    ],
)  # fmt: skip
def test_each_error_gets_its_verdict(
    error: Exception, kind: str, code: str, reason: str
) -> None:
    verdict = classify(error)
    assert (verdict.kind, verdict.code, verdict.reason) == (kind, code, reason)


def test_retry_after_keeps_the_exact_wait() -> None:
    assert classify(RetryAfter(timedelta(seconds=31))).retry_after == 31.0


def test_a_long_description_is_cut_for_the_report() -> None:
    verdict = classify(BadRequest("Bad Request: " + "x" * 500))
    assert len(verdict.reason) == 200 and verdict.reason.endswith("…")
