"""Watching one broadcast go: a callback with its progress, at a bounded rate.

Staff get one message edited as their broadcast goes (``dispatcher.observe``); this is
what calls them back, never more than once per interval, and a last time at the end.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.delivery.broadcasts import BroadcastProgress

__all__ = ["Observation", "ProgressCallback", "Watchers"]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[BroadcastProgress], Awaitable[None]]


class Observation:
    """A live view of one broadcast: the callback runs at once, then whenever the
    broadcast moved — at most once per ``interval`` seconds — and a last time when it
    finished (``progress.finished``)."""

    def __init__(
        self,
        broadcast_id: int,
        callback: ProgressCallback,
        interval: float,
        progress: Callable[[int], Awaitable[BroadcastProgress | None]],
    ) -> None:
        self.broadcast_id = broadcast_id
        self.last: BroadcastProgress | None = None
        self._callback = callback
        self._interval = interval
        self._progress = progress
        self._changed = asyncio.Event()
        self._changed.set()
        self.task = asyncio.get_running_loop().create_task(self._run())

    def changed(self) -> None:
        self._changed.set()

    def cancel(self) -> None:
        self.task.cancel()

    async def finished(self) -> BroadcastProgress | None:
        """Wait for the last call (the broadcast finished, or the observation was
        cancelled) and return the progress it showed."""
        await asyncio.wait({self.task})
        return self.last

    async def _run(self) -> None:
        while True:
            await self._changed.wait()
            self._changed.clear()
            try:
                progress = await self._progress(self.broadcast_id)
                if progress is None:
                    return
                self.last = progress
                await self._callback(progress)
            except Exception:
                # The staff member's progress message is not worth stopping over.
                log.exception("delivery: a progress observer failed")
                self._changed.set()
            else:
                if progress.finished:
                    return
            await asyncio.sleep(self._interval)


class Watchers:
    """The observations of each broadcast, told when it moved; forgotten when they end."""

    def __init__(self, progress: Callable[[int], Awaitable[BroadcastProgress | None]]) -> None:
        self._progress = progress
        self._by_broadcast: dict[int, set[Observation]] = {}

    def add(self, broadcast_id: int, callback: ProgressCallback, interval: float) -> Observation:
        observation = Observation(broadcast_id, callback, interval, self._progress)
        watchers = self._by_broadcast.setdefault(broadcast_id, set())
        watchers.add(observation)

        def forget(_: object) -> None:
            watchers.discard(observation)
            if not watchers and self._by_broadcast.get(broadcast_id) is watchers:
                del self._by_broadcast[broadcast_id]

        observation.task.add_done_callback(forget)
        return observation

    def moved(self, broadcast_ids: set[int]) -> None:
        for broadcast_id in broadcast_ids:
            for observation in list(self._by_broadcast.get(broadcast_id, ())):
                observation.changed()

    def cancel_all(self) -> None:
        for watchers in list(self._by_broadcast.values()):
            for observation in list(watchers):
                observation.cancel()
