"""Wake-ups for long-polling control endpoints, keyed by what they wait for."""

from __future__ import annotations

import asyncio
from collections.abc import Hashable

__all__ = ["Notifier"]


class Notifier:
    """Waiters sleep on a key until it is notified; events exist only while awaited."""

    def __init__(self) -> None:
        self._events: dict[Hashable, asyncio.Event] = {}
        self._closed = False

    def notify(self, key: Hashable) -> None:
        event = self._events.pop(key, None)
        if event is not None:
            event.set()

    async def wait(self, key: Hashable, seconds: float) -> bool:
        """Sleep until ``key`` is notified (True) or ``seconds`` pass (False)."""
        if self._closed or seconds <= 0:
            return False
        event = self._events.get(key)
        if event is None:
            event = self._events[key] = asyncio.Event()
        try:
            await asyncio.wait_for(event.wait(), seconds)
        except TimeoutError:
            return False
        return not self._closed

    def close(self) -> None:
        """Wake every waiter for good (the sandbox is stopping)."""
        self._closed = True
        for event in self._events.values():
            event.set()
        self._events.clear()

    def reopen(self) -> None:
        self._closed = False
