"""One-use tokens behind staff and operator buttons, issued and checked in one place.

A button that acts on something the operator was shown (an area among several, a status,
a source, a place to add) carries only a token (:mod:`bot.storage.action_tokens`) bound
to that operator and to one :class:`TokenUse`. Every token is timed by the app's clock
(:attr:`bot.state.AppState.clock`), and each use says how long its buttons stay good.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.state import AppState
from bot.storage import action_tokens

__all__ = ["TokenUse", "issue", "take"]


@dataclass(frozen=True)
class TokenUse:
    """What a token is for (the action stored with it) and how long it stays usable."""

    action: str
    lifetime: timedelta


async def issue(state: AppState, user_id: int, use: TokenUse, payload: dict[str, Any]) -> str:
    """Store what ``user_id``'s button will do; the token to put in its payload."""
    return await action_tokens.issue(state.db, user_id, use.action, payload, now=state.clock())


async def take(
    state: AppState,
    token: str,
    user_id: int,
    use: TokenUse,
    fits: Callable[[dict[str, Any]], bool] | None = None,
) -> dict[str, Any] | None:
    """The payload of this user's unused token for ``use``, still within its lifetime and
    accepted by ``fits`` (the press's index is in range…), used up now; None otherwise. A
    press that does not fit leaves the token usable: the genuine button still works."""
    db, now, max_age = state.db, state.clock(), use.lifetime
    if fits is not None:
        payload = await action_tokens.peek(db, token, user_id, use.action, now=now, max_age=max_age)
        if payload is None or not fits(payload):
            return None
    return await action_tokens.take(db, token, user_id, use.action, now=now, max_age=max_age)
