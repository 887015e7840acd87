"""One-use tokens behind operators' buttons (migration 5).

An operator's button carries ``feature:v1:action:<token>[:<choice index>]``; what it acts
on (area ids, status, source, note) stays here, bound to the user it was shown to. A token
is used at most once (:func:`take` is one guarded UPDATE), expires after ``max_age`` and is
useless to anyone else — so a payload cannot be altered to act on another area, replayed,
or made to skip a step.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.storage.db import Database

__all__ = ["issue", "peek", "purge", "take"]

_TOKEN_BYTES = 9  # 12 URL-safe characters: fits a callback argument, cannot be guessed


def _iso(moment: datetime) -> str:
    # UTC whatever zone the caller's clock is in: the stored times are compared as text.
    return moment.astimezone(UTC).isoformat(timespec="seconds")


async def issue(
    db: Database, user_id: int, action: str, payload: dict[str, Any], *, now: datetime
) -> str:
    """Store what the button will do; returns the token to put in its payload."""
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    await db.execute(
        "INSERT INTO action_tokens (token, user_id, action, payload, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (token, user_id, action, json.dumps(payload, ensure_ascii=False), _iso(now)),
    )
    return token


async def peek(
    db: Database, token: str, user_id: int, action: str, *, now: datetime, max_age: timedelta
) -> dict[str, Any] | None:
    """The payload if the token is this user's, for this action, unused and fresh."""
    row = await db.fetch_one(
        "SELECT payload FROM action_tokens WHERE token = ? AND user_id = ? AND action = ?"
        " AND used_at IS NULL AND created_at > ?",
        (token, user_id, action, _iso(now - max_age)),
    )
    if row is None:
        return None
    payload = json.loads(row[0])
    return payload if isinstance(payload, dict) else None


async def take(
    db: Database, token: str, user_id: int, action: str, *, now: datetime, max_age: timedelta
) -> dict[str, Any] | None:
    """Like :func:`peek`, and mark the token used: only the first press gets the payload."""
    payload = await peek(db, token, user_id, action, now=now, max_age=max_age)
    if payload is None:
        return None
    changed = await db.execute(
        "UPDATE action_tokens SET used_at = ? WHERE token = ? AND used_at IS NULL",
        (_iso(now), token),
    )
    return payload if changed == 1 else None


async def purge(db: Database, *, now: datetime, max_age: timedelta) -> int:
    """Forget tokens older than ``max_age`` (used or not: they are useless by then)."""
    return await db.execute(
        "DELETE FROM action_tokens WHERE created_at <= ?", (_iso(now - max_age),)
    )
