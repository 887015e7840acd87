"""The one dispatcher that sends every broadcast message, paced and durable.

How it works — the path of a message, pacing, order, durability and the duplicate bound,
choosing ``concurrency`` — is told once, in the package's docstring (:mod:`bot.delivery`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import time
from collections.abc import Callable, Iterable

from telegram import Bot
from telegram.request import BaseRequest

from bot.config import RateLimits, Settings
from bot.delivery.broadcasts import BroadcastProgress, RateMeter, broadcast_progress
from bot.delivery.items import DispatcherStats, Item, Pending, Tasks
from bot.delivery.observation import Observation, ProgressCallback, Watchers
from bot.delivery.outcomes import failure_outcome
from bot.delivery.pacing import Backlog, Pacer, RetryPolicy
from bot.delivery.sender import BotSender, Sender
from bot.delivery.setup import broadcast_bot
from bot.delivery.unreached import FinishedHook, unreached
from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.outbox import Content, OutboxMessage, Outcome, Priority
from bot.storage.residents import set_active

__all__ = ["DEFAULT_CONCURRENCY", "Dispatcher"]

log = logging.getLogger(__name__)

# Sends in flight or awaiting their commit: the most duplicates a crash can cause.
DEFAULT_CONCURRENCY = 8
# A claim takes about this many seconds of sending (at least `concurrency` rows): small
# enough that urgent rows never wait behind a long claimed batch, large enough that a
# paid broadcast at 1000/s claims a few times a second, not a thousand.
CLAIM_SECONDS = 0.25
MAX_CLAIM = 500
# A send whose failure could not even be judged (a bug): tried again after this long.
INTERNAL_ERROR_RETRY = 60.0
STOP_TIMEOUT = 10.0
MAX_FLUSH_GAP = 0.1



class Dispatcher:
    """Sends everything in the outbox, at Telegram's pace, surviving crashes.

    ``bot`` is a python-telegram-bot ``Bot``/``ExtBot`` (or any :class:`Sender`).
    ``concurrency`` bounds the sends in flight and thus the duplicates a crash can cause
    (see the module docstring). ``clock`` gives unix seconds for the stored times.
    """

    def __init__(
        self,
        db: Database,
        bot: Bot | Sender,
        rates: RateLimits,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._db = db
        self._sender: Sender = BotSender(bot) if isinstance(bot, Bot) else bot
        self.rates = rates
        self.concurrency = concurrency
        self.retry = retry or RetryPolicy()
        self._clock = clock
        self._rng = rng or random.Random()
        self.stats = DispatcherStats()
        self._owned_request: BaseRequest | None = None
        self._pacer: Pacer | None = None
        self._backlog: Backlog[Item] = Backlog()
        self._contents: dict[int, Content] = {}
        self._slots = asyncio.Semaphore(concurrency)
        self._pending: list[Pending] = []
        self._flush_event = asyncio.Event()
        self._wake_event = asyncio.Event()
        self._woken = False
        self._closing = False
        self._closed = asyncio.Event()  # set by stop(): the flusher stops waiting
        self._claim_paid = rates.paid_broadcast
        self._in_hand: Item | None = None
        self._slot_in_hand = False
        self._meter = RateMeter()
        self._watchers = Watchers(self.progress)
        self._on_finished: FinishedHook | None = None
        self._tasks = Tasks()

    @classmethod
    def from_settings(
        cls,
        db: Database,
        settings: Settings,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        retry: RetryPolicy | None = None,
    ) -> Dispatcher:
        """A dispatcher with its own Bot and connection pool (:func:`broadcast_bot`):
        broadcasts never queue behind (or delay) interactive replies for a connection, and
        the dispatcher finishes its sends on shutdown after the application's bot closed."""
        request, bot = broadcast_bot(settings, pool_size=concurrency)
        dispatcher = cls(db, bot, settings.rates, concurrency=concurrency, retry=retry)
        dispatcher._owned_request = request
        return dispatcher

    # --- the API ----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._tasks.pump is not None and not self._tasks.pump.done()

    async def start(self) -> None:
        """Requeue what a crash left ``sending``, then start sending."""
        if self._tasks.pump is not None:
            raise RuntimeError("the dispatcher was already started")
        if self._owned_request is not None:
            await self._owned_request.initialize()
        loop = asyncio.get_running_loop()
        self._pacer = Pacer(self.rates, loop.time())
        requeued = await outbox.requeue_interrupted(self._db)
        self.stats.requeued_at_start = requeued
        if requeued:
            log.warning("delivery: %d messages interrupted by a stop or crash are requeued "
                        "(each may have been sent once already)", requeued)
        self._tasks.flusher = loop.create_task(self._flusher(), name="delivery-flush")
        self._tasks.pump = loop.create_task(self._pump(), name="delivery-pump")

    async def stop(self, *, timeout: float = STOP_TIMEOUT) -> None:  # noqa: ASYNC109
        """Stop sending: in-flight sends finish (up to ``timeout``), outcomes are written,
        claimed but unsent rows go back to the queue."""
        tasks = self._tasks
        if tasks.pump is None:
            return
        tasks.pump.cancel()
        await asyncio.gather(tasks.pump, return_exceptions=True)
        if tasks.sends:
            _, late = await asyncio.wait(set(tasks.sends), timeout=timeout)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        now = self._clock()
        for item in self._backlog.drain():
            self._settle(item, self._requeue(item, at=now, attempted=False), holds_slot=False)
        self._closing = True
        self._closed.set()
        self._flush_event.set()
        if tasks.flusher is not None:
            await asyncio.gather(tasks.flusher, return_exceptions=True)
        self._watchers.cancel_all()
        if self._owned_request is not None:
            await self._owned_request.shutdown()
        log.info("delivery: stopped (%d sent, %d failed, %d blocked since start)",
                 self.stats.sent, self.stats.failed, self.stats.blocked)

    def wake(self) -> None:
        """Something was enqueued: look at the queue now (urgent rows jump ahead)."""
        self._woken = True
        self._wake_event.set()

    async def enqueue(
        self,
        *,
        created_by: int,
        priority: Priority,
        kind: str,
        messages: Iterable[OutboxMessage],
        paid: bool = False,
    ) -> int:
        """:func:`~bot.delivery.enqueue_broadcast`, then :meth:`wake`.

        The rows go in in one transaction (about 1 s per 100,000 on the reference
        machine); outcomes wait for it, so sending pauses for that long.
        """
        broadcast_id = await outbox.create_broadcast(
            self._db, created_by=created_by, priority=priority, kind=kind,
            messages=messages, paid=paid,
        )
        self.wake()
        return broadcast_id

    async def cancel(self, broadcast_id: int) -> int:
        """Cancel a broadcast's queued messages (claimed ones still go); returns how many."""
        cancelled = await outbox.cancel_broadcast(self._db, broadcast_id, now=self._clock())
        self._watchers.moved({broadcast_id})
        return cancelled

    def observe(
        self, broadcast_id: int, callback: ProgressCallback, *, interval: float = 3.0
    ) -> Observation:
        """Call ``callback(progress)`` as the broadcast moves (throttled to ``interval``)
        and once more when it finishes; ``.cancel()`` the result to stop early."""
        return self._watchers.add(broadcast_id, callback, interval)

    async def progress(self, broadcast_id: int) -> BroadcastProgress | None:
        """:func:`~bot.delivery.broadcast_progress` with the rate measured over the last
        seconds (or the configured rate when there is not enough to measure)."""
        broadcast = await outbox.get_broadcast(self._db, broadcast_id)
        if broadcast is None:
            return None
        rate = self._meter.rate(asyncio.get_running_loop().time())
        if rate is None:
            paid = broadcast.paid or self.rates.paid_broadcast
            rate = self.rates.paid_per_second if paid else self.rates.global_per_second
        return await broadcast_progress(self._db, broadcast_id, rate=rate)

    # --- the pump: claim, pace, send ---------------------------------------------------

    async def _pump(self) -> None:
        while True:
            try:
                await self._pump_one()
            except asyncio.CancelledError:
                self._return_in_hand()
                raise
            except Exception:
                log.exception("delivery: the dispatcher failed; trying again in 1 s")
                self._return_in_hand()
                await asyncio.sleep(1.0)

    def _return_in_hand(self) -> None:
        if self._slot_in_hand:
            self._slot_in_hand = False
            self._slots.release()
        if self._in_hand is not None:
            self._backlog.push(self._in_hand)
            self._in_hand = None

    async def _pump_one(self) -> None:
        item = await self._next_item()
        self._in_hand = item
        await self._slots.acquire()
        self._slot_in_hand = True
        pacer = self._pacer
        assert pacer is not None
        loop = asyncio.get_running_loop()
        paid = item.paid or self.rates.paid_broadcast
        # The wait is computed from the buckets, not polled: one sleep per token.
        while (wait := pacer.wait(paid, loop.time())) > 0:  # noqa: ASYNC110
            await asyncio.sleep(wait)
        now = loop.time()
        self._in_hand, self._slot_in_hand = None, False
        chat_wait = pacer.chat_wait(item.chat_id, now)
        if chat_wait > 0:
            # The same chat had a message less than a second ago (or a 429): back to the
            # queue until it may, without holding up the rows behind it.
            self._slots.release()
            outcome = self._requeue(item, at=self._clock() + chat_wait, attempted=False)
            self._settle(item, outcome, holds_slot=False)
            return
        pacer.take(item.chat_id, paid, now)
        task = loop.create_task(self._send(item, paid))
        self._tasks.sends.add(task)
        task.add_done_callback(self._tasks.sends.discard)

    async def _next_item(self) -> Item:
        while True:
            if self._woken and len(self._backlog) < 2 * self._claim_size():
                # An enqueue (or a requeue): claim now, so urgent rows overtake the
                # routine rows already waiting here.
                self._woken = False
                await self._claim()
            item = self._backlog.pop()
            if item is not None:
                return item
            self._wake_event.clear()
            self._woken = False
            if await self._claim():
                continue
            due = await outbox.next_due_at(self._db)
            timeout = None if due is None else max(0.0, due - self._clock()) + 0.001
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake_event.wait(), timeout)

    def _claim_size(self) -> int:
        rate = self.rates.paid_per_second if self._claim_paid else self.rates.global_per_second
        return min(MAX_CLAIM, max(self.concurrency, math.ceil(rate * CLAIM_SECONDS)))

    async def _claim(self) -> int:
        claim = asyncio.ensure_future(
            outbox.claim_due(self._db, now=self._clock(), limit=self._claim_size())
        )
        try:
            rows = await asyncio.shield(claim)
        except asyncio.CancelledError:
            # Stopping: let the claim finish, so rows it marked `sending` are known here
            # and go back to the queue with the rest of the backlog.
            with contextlib.suppress(Exception):
                rows = await claim
                self._absorb(rows, {row.content_id: Content("", None) for row in rows})
            raise
        if not rows:
            return 0
        missing = {row.content_id for row in rows} - self._contents.keys()
        if missing:
            if len(self._contents) > 4096:  # personalised texts: do not grow without end
                self._contents.clear()
                missing = {row.content_id for row in rows}
            self._contents.update(await outbox.contents(self._db, missing))
        self._claim_paid = self.rates.paid_broadcast or any(row.paid for row in rows)
        self._absorb(rows, self._contents)
        return len(rows)

    def _absorb(self, rows: list[outbox.Claimed], contents: dict[int, Content]) -> None:
        for row in rows:
            self._backlog.push(
                Item(row.id, row.broadcast_id, row.chat_id, row.priority, row.paid,
                      row.errors, contents[row.content_id])
            )

    # --- one send and its outcome -----------------------------------------------------

    async def _send(self, item: Item, paid: bool) -> None:
        try:
            message_id = await self._sender.send(
                item.chat_id, item.content.text, item.content.reply_markup, paid=paid
            )
        except asyncio.CancelledError:
            # Stopped mid-call: it may have arrived. Requeued: this is the bounded case.
            self._settle(item, self._requeue(item, at=self._clock(), attempted=True),
                         holds_slot=True)
            raise
        except Exception as error:
            try:
                outcome = self._failure(item, error)
            except Exception:  # a bug here must not lose the row or its slot
                log.exception("delivery: could not judge a failed send; retrying later")
                outcome = Outcome(item.id, item.broadcast_id, "queued",
                                  next_attempt_at=self._clock() + INTERNAL_ERROR_RETRY,
                                  error_code="internal", reason=type(error).__name__)
            self._settle(item, outcome, holds_slot=True, blocked=outcome.state == "blocked")
            return
        assert self._pacer is not None
        self._pacer.succeeded()
        self._pacer.chats.answered(item.chat_id, asyncio.get_running_loop().time())
        self.stats.sent += 1
        self._settle(
            item,
            Outcome(item.id, item.broadcast_id, "sent", sent_at=self._clock(),
                    telegram_message_id=message_id),
            holds_slot=True,
        )

    def _failure(self, item: Item, error: Exception) -> Outcome:
        """The outcome for a send that raised, and what it does to the pacing."""
        assert self._pacer is not None
        return failure_outcome(
            item, error, pacer=self._pacer, stats=self.stats, retry=self.retry,
            rng=self._rng, clock=self._clock, now=asyncio.get_running_loop().time(),
        )

    def _requeue(self, item: Item, *, at: float, attempted: bool) -> Outcome:
        return Outcome(item.id, item.broadcast_id, "queued", attempts=int(attempted),
                       next_attempt_at=at)

    def _settle(
        self, item: Item, outcome: Outcome, *, holds_slot: bool, blocked: bool = False
    ) -> None:
        self._pending.append(Pending(outcome, holds_slot, item.chat_id if blocked else None))
        self._flush_event.set()

    # --- the flusher: group commits ----------------------------------------------------

    async def _flusher(self) -> None:
        failures = 0
        while True:
            if not self._pending:
                if self._closing:
                    return
                await self._flush_event.wait()
                self._flush_event.clear()
                continue
            batch, self._pending = self._pending, []
            try:
                finished = await outbox.record_outcomes(
                    self._db, [p.outcome for p in batch], now=self._clock()
                )
            except Exception:
                failures += 1
                log.exception("delivery: could not record %d outcomes (try %d)",
                              len(batch), failures)
                if self._closing and failures >= 3:
                    # Left `sending`: requeued at the next start (the bounded duplicates).
                    self._release(batch)
                    return
                self._pending[:0] = batch  # slots stay held: sending waits for the disk
                await asyncio.sleep(min(5.0, 0.2 * 2**failures))
                self._flush_event.set()
                continue
            failures = 0
            self._release(batch)
            await self._after_flush(batch, finished)
            if gap := self._flush_gap():
                # At a slow pace, gather a few outcomes per commit instead of one: the
                # slots stay held meanwhile, so the duplicate bound is unchanged.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closed.wait(), gap)

    def _flush_gap(self) -> float:
        """Seconds between commits: up to 0.1 s, as long as the slots still allow twice
        the sending rate; none at paid-broadcast rates (commits batch up by themselves)."""
        rate = self.rates.paid_per_second if self._claim_paid else self.rates.global_per_second
        gap = min(MAX_FLUSH_GAP, self.concurrency / (2.0 * rate))
        return gap if gap >= 0.005 else 0.0

    def _release(self, batch: list[Pending]) -> None:
        for pending in batch:
            if pending.holds_slot:
                self._slots.release()

    async def _after_flush(self, batch: list[Pending], finished: list[int]) -> None:
        for pending in batch:
            if pending.blocked_chat is not None:
                try:
                    await set_active(self._db, pending.blocked_chat, False)
                except Exception:
                    log.exception("delivery: could not mark a resident inactive")
        settled = sum(1 for p in batch if p.outcome.state != "queued")
        self._meter.add(asyncio.get_running_loop().time(), settled)
        if settled != len(batch):
            self.wake()  # requeued rows: recompute when the next one is due
        self._watchers.moved({p.outcome.broadcast_id for p in batch})
        for broadcast_id in finished:
            log.info("delivery: broadcast %d finished", broadcast_id)
            await self._finished(broadcast_id)

    def when_finished(self, hook: FinishedHook) -> None:
        """Call ``hook(report)`` for each broadcast that reached nobody at all."""
        self._on_finished = hook

    async def _finished(self, broadcast_id: int) -> None:
        try:
            report = await unreached(self._db, broadcast_id)
            if report is not None and self._on_finished is not None:
                await self._on_finished(report)
        except Exception:  # telling people is best effort: never stop sending over it
            log.exception("delivery: could not report broadcast %d", broadcast_id)
