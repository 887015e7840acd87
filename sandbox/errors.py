"""Errors of the sandbox.

ApiError        a Bot API error answered to the bot, in Telegram's wording
SandboxError    a control-API call that the sandbox refused (raised by the client)
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ApiError",
    "SandboxError",
    "bad_request",
    "blocked",
    "chat_not_found",
    "deactivated",
    "too_many_requests",
]


class ApiError(Exception):
    """A Bot API error: HTTP status, Telegram's description and optional retry_after."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram answers with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class SandboxError(Exception):
    """The sandbox refused a control-API call (unknown message, bad argument, ...)."""


def bad_request(reason: str) -> ApiError:
    """400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {reason}")


def chat_not_found() -> ApiError:
    return bad_request("chat not found")


def blocked() -> ApiError:
    return ApiError(403, "Forbidden: bot was blocked by the user")


def deactivated() -> ApiError:
    return ApiError(403, "Forbidden: user is deactivated")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
