"""The update queue and getUpdates long polling, with Telegram's semantics.

Updates stay queued until confirmed (getUpdates with a higher offset, or a
successful webhook delivery), so a lost response loses nothing.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from sandbox.errors import ApiError

__all__ = ["ALL_UPDATE_TYPES", "DEFAULT_UPDATE_TYPES", "LongPoll", "UpdateQueue"]

ALL_UPDATE_TYPES = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post",
        "business_connection", "business_message", "edited_business_message",
        "deleted_business_messages", "message_reaction", "message_reaction_count",
        "inline_query", "chosen_inline_result", "callback_query", "shipping_query",
        "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer",
        "my_chat_member", "chat_member", "chat_join_request", "chat_boost",
        "removed_chat_boost",
    }
)  # fmt: skip
# Telegram's default (and what an empty allowed_updates list means).
DEFAULT_UPDATE_TYPES = ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
TERMINATED = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
MAX_TIMEOUT = 50.0


class UpdateQueue:
    """Pending updates in update_id order; waiters are woken by each new one."""

    def __init__(self) -> None:
        self._items: deque[dict[str, Any]] = deque()
        self._next_id = 1
        self._waiters: set[asyncio.Future[str]] = set()
        self.allowed: frozenset[str] = DEFAULT_UPDATE_TYPES
        self.allowed_list: list[str] | None = None

    def __len__(self) -> int:
        return len(self._items)

    def set_allowed(self, value: Any) -> None:
        """Remember allowed_updates like Telegram: None keeps the previous setting."""
        if value is None:
            return
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ApiError(400, "Bad Request: can't parse allowed updates")
        self.allowed_list = list(value)
        chosen = frozenset(value) & ALL_UPDATE_TYPES
        self.allowed = chosen or DEFAULT_UPDATE_TYPES

    def push(self, kind: str, body: dict[str, Any]) -> int | None:
        """Queue an update; None if allowed_updates filters this type out."""
        if kind not in self.allowed:
            return None
        update_id = self._next_id
        self._next_id += 1
        self._items.append({"update_id": update_id, kind: body})
        self.wake("update")
        return update_id

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        items = self._items
        if offset > 0:
            while items and items[0]["update_id"] < offset:
                items.popleft()
        elif offset < 0:
            while len(items) > -offset:
                items.popleft()

    def peek(self, limit: int) -> list[dict[str, Any]]:
        items = self._items
        if len(items) <= limit:
            return list(items)
        return [items[i] for i in range(limit)]

    def first(self) -> dict[str, Any] | None:
        return self._items[0] if self._items else None

    def drop(self, update_id: int) -> None:
        """Forget one delivered update (if it is still the first)."""
        if self._items and self._items[0]["update_id"] == update_id:
            self._items.popleft()

    def clear(self) -> None:
        self._items.clear()

    def add_waiter(self, future: asyncio.Future[str]) -> None:
        self._waiters.add(future)

    def remove_waiter(self, future: asyncio.Future[str]) -> None:
        self._waiters.discard(future)

    def wake(self, reason: str) -> None:
        for future in self._waiters:
            if not future.done():
                future.set_result(reason)
        self._waiters.clear()


class LongPoll:
    """getUpdates: at most one pending poll; a new one terminates the old one with 409."""

    def __init__(self, queue: UpdateQueue) -> None:
        self._queue = queue
        self._current: asyncio.Future[str] | None = None

    async def get_updates(
        self, offset: int, limit: int, seconds: float, disconnected: asyncio.Future[None]
    ) -> list[dict[str, Any]]:
        queue = self._queue
        queue.confirm(offset)
        current = self._current
        if current is not None and not current.done():
            current.set_result("terminated")
        self._current = None
        limit = min(max(limit, 1), 100)
        items = queue.peek(limit)
        if items or seconds <= 0 or disconnected.done():
            return items
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._current = future
        queue.add_waiter(future)
        try:
            await asyncio.wait(
                (future, disconnected),
                timeout=min(seconds, MAX_TIMEOUT),
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            queue.remove_waiter(future)
            if self._current is future:
                self._current = None
        if future.done() and future.result() == "terminated":
            raise ApiError(409, TERMINATED)
        future.cancel()
        return queue.peek(limit)

    def close(self) -> None:
        """Release every pending poll (the sandbox is stopping)."""
        self._queue.wake("closed")
