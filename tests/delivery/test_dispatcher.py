"""The dispatcher against the sandbox, through python-telegram-bot: pacing within
Telegram's limits, urgent first, 429 storms, 5xx and dropped connections, 403 and 400,
progress, a graceful stop and restart."""

from __future__ import annotations

import asyncio
import itertools
import time

from telegram.ext import ExtBot

from bot.config import RateLimits
from bot.delivery import Priority, RetryPolicy, broadcast_report
from bot.storage import Database
from bot.storage.residents import get_resident, set_language
from sandbox import Fault, Limits, SandboxClient
from tests.conftest import eventually
from tests.delivery.conftest import (
    FAST_RETRY,
    broadcast_and_wait,
    delivered,
    dispatching,
    make_known,
    outbox_messages,
    plain_for,
    received,
)


async def test_a_broadcast_reaches_everyone_once_within_telegrams_limits(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    chats = range(1, 121)
    await make_known(client, chats)
    await client.set_limits(Limits(global_per_second=30.0, per_chat_per_second=1.0))
    before = await client.stats()
    async with dispatching(db, ptb, RateLimits(global_per_second=30.0)) as (dispatcher, _):
        began = time.monotonic()
        broadcast_id, progress = await broadcast_and_wait(dispatcher, chats)
        elapsed = time.monotonic() - began
    got = await received(client, chats)
    assert got == {chat: [plain_for(chat)] for chat in chats}
    stats = await client.stats()
    assert stats.too_many_requests == before.too_many_requests  # paced, never refused
    assert stats.outcome("sendMessage", "ok") == 120
    # 120 messages at 30/s: about 4 s (the first tenth of a second goes at once).
    assert 3.5 < elapsed < 8.0
    assert progress.sent == 120 and progress.broadcast.status == "done"
    report = await broadcast_report(db, broadcast_id)
    assert report is not None and (report.sent, report.failed, report.blocked) == (120, 0, 0)


async def test_two_broadcasts_to_the_same_chats_keep_one_second_per_chat(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    chats = range(1, 31)
    await make_known(client, chats)
    # Strict per-chat limit (no burst): a second message within a second is a 429.
    await client.set_limits(
        Limits(global_per_second=200.0, per_chat_per_second=1.0, per_chat_burst=1)
    )
    rates = RateLimits(global_per_second=200.0, per_chat_per_second=1.0)
    async with dispatching(db, ptb, rates) as (dispatcher, sender):
        first = await dispatcher.enqueue(created_by=1, priority=Priority.ROUTINE,
                                         kind="a", messages=outbox_messages(chats, "First"))
        _, progress = await broadcast_and_wait(dispatcher, chats, tag="Second")
        report = await broadcast_report(db, first)
    assert report is not None and report.sent == 30 and progress.sent == 30
    got = await received(client, chats)
    assert got == {c: [plain_for(c, "First"), plain_for(c, "Second")] for c in chats}
    assert (await client.stats()).too_many_requests == 0
    starts: dict[int, list[float]] = {}
    for attempt in sender.attempts:
        starts.setdefault(attempt.chat_id, []).append(attempt.started)
    assert all(later - earlier >= 0.99 for earlier, later in starts.values())


async def test_an_urgent_alert_overtakes_routine_messages_already_queued(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    routine_chats, urgent_chats = range(1, 81), range(1001, 1006)
    await make_known(client, [*routine_chats, *urgent_chats])
    async with dispatching(db, ptb, RateLimits(global_per_second=20.0)) as (dispatcher, _):
        routine = await dispatcher.enqueue(created_by=1, priority=Priority.ROUTINE,
                                           kind="routine", messages=outbox_messages(routine_chats))
        await eventually(lambda: _at_least(client, 10), within=10)
        mark = await client.last_seq()
        _, urgent = await broadcast_and_wait(
            dispatcher, urgent_chats, tag="Alert", priority=Priority.URGENT
        )
        behind = await dispatcher.progress(routine)
        assert behind is not None
        # The urgent alert did not wait for the ~70 routine messages queued before it.
        assert behind.remaining >= 40
        assert urgent.sent == 5
        await eventually(lambda: _finished(dispatcher, routine), within=20)
    # At most the message in hand and the sends in flight went between.
    alerts = [m.seq for c in urgent_chats for m in await client.messages(c)]
    routine_seqs = [m.seq for c in routine_chats for m in await client.messages(c)]
    overtaken = [s for s in routine_seqs if mark < s < max(alerts)]
    assert len(overtaken) <= dispatcher.concurrency + 1
    assert len(routine_seqs) == 80


async def _at_least(client: SandboxClient, count: int) -> bool:
    return await delivered(client) >= count


async def _finished(dispatcher: object, broadcast_id: int) -> bool:
    from bot.delivery import Dispatcher  # noqa: PLC0415

    assert isinstance(dispatcher, Dispatcher)
    progress = await dispatcher.progress(broadcast_id)
    return progress is not None and progress.finished


async def test_a_429_storm_pauses_every_send_for_exactly_the_time_asked(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    chats = range(1, 41)
    await make_known(client, chats)
    await client.inject(Fault("retry_after", method="sendMessage", retry_after=1, times=4))
    async with dispatching(db, ptb, RateLimits(global_per_second=100.0)) as (dispatcher, sender):
        broadcast_id, progress = await broadcast_and_wait(dispatcher, chats)
        assert dispatcher.stats.throttled == 4
    assert progress.sent == 40
    got = await received(client, chats)
    assert got == {chat: [plain_for(chat)] for chat in chats}
    assert (await client.stats()).too_many_requests == 4
    first_429 = min(a.started for a in sender.attempts if a.outcome == "RetryAfter")
    last_429 = max(a.started for a in sender.attempts if a.outcome == "RetryAfter")
    # Nothing at all was sent while Telegram asked to wait.
    later = [a.started for a in sender.attempts if a.started > last_429]
    assert later and min(later) >= first_429 + 1.0
    rows = await db.fetch_all(
        "SELECT attempts, errors, error_code FROM outbox_messages WHERE broadcast_id = ?"
        " AND attempts > 1", (broadcast_id,),
    )  # fmt: skip
    assert sorted(tuple(r) for r in rows) == [(2, 0, "flood_control")] * 4


async def test_server_errors_and_dropped_connections_are_retried_then_delivered(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    chats = range(1, 21)
    await make_known(client, chats)
    await client.inject(Fault("server_error", method="sendMessage", status=502, times=2))
    await client.inject(Fault("drop_connection", method="sendMessage", times=2))
    retry = RetryPolicy(max_attempts=4, base_delay=0.05, max_delay=0.2)
    async with dispatching(db, ptb, RateLimits(global_per_second=100.0), retry=retry) as (
        dispatcher, sender,
    ):  # fmt: skip
        broadcast_id, progress = await broadcast_and_wait(dispatcher, chats)
        assert dispatcher.stats.retried == 4
    assert progress.sent == 20
    got = await received(client, chats)
    assert got == {chat: [plain_for(chat)] for chat in chats}
    outcomes = sorted(a.outcome for a in sender.attempts if a.outcome != "ok")
    assert outcomes == ["NetworkError"] * 4
    row = await db.fetch_one(
        "SELECT sum(errors) FROM outbox_messages WHERE broadcast_id = ?", (broadcast_id,)
    )
    assert row is not None and row[0] == 4


async def test_a_server_that_keeps_failing_fails_the_message_with_the_reason(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    chats = range(1, 11)
    await make_known(client, chats)
    await client.inject(Fault("server_error", method="sendMessage", chat_id=7, status=503,
                              times=50))
    async with dispatching(db, ptb, RateLimits(global_per_second=100.0)) as (dispatcher, sender):
        broadcast_id, progress = await broadcast_and_wait(dispatcher, chats)
    await client.clear_faults()
    assert (progress.sent, progress.failed) == (9, 1)
    assert [a.outcome for a in sender.attempts if a.chat_id == 7] == ["NetworkError"] * 3
    report = await broadcast_report(db, broadcast_id)
    assert report is not None
    assert [(g.state, g.code, g.reason, g.count) for g in report.failures] == [
        ("failed", "retries_exhausted", "Service Unavailable (after 3 attempts)", 1)
    ]
    assert (await client.stats()).outcome("sendMessage", 503) == FAST_RETRY.max_attempts
    got = await received(client, chats)
    assert got == {chat: [] if chat == 7 else [plain_for(chat)] for chat in chats}


async def test_blocked_deactivated_and_unknown_chats_are_final_and_reported(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    chats = list(range(1, 11))
    await make_known(client, chats)
    for chat in chats:
        await set_language(db, chat, "ar")
    await client.block(3)
    await client.deactivate(4)
    await client.inject(Fault("bad_request", method="sendMessage", chat_id=5,
                              description="Bad Request: message is too long"))
    audience = [*chats, 424242]  # 424242 never talked to the bot: "chat not found"
    async with dispatching(db, ptb, RateLimits(global_per_second=100.0)) as (dispatcher, sender):
        broadcast_id, progress = await broadcast_and_wait(dispatcher, audience)
    assert (progress.sent, progress.blocked, progress.failed) == (7, 2, 2)
    # Each was tried once and never again.
    tries = {chat: [a.outcome for a in sender.attempts if a.chat_id == chat]
             for chat in (3, 4, 5, 424242)}  # fmt: skip
    assert tries == {3: ["Forbidden"], 4: ["Forbidden"], 5: ["BadRequest"],
                     424242: ["BadRequest"]}  # fmt: skip
    stats = await client.stats()
    assert (stats.outcome("sendMessage", 403), stats.outcome("sendMessage", 400)) == (2, 2)
    for chat, active in ((3, False), (4, False), (5, True), (6, True)):
        resident = await get_resident(db, chat)
        assert resident is not None and resident.active is active
    report = await broadcast_report(db, broadcast_id)
    assert report is not None
    assert sorted((g.state, g.code, g.reason, g.count) for g in report.failures) == [
        ("blocked", "blocked", "Forbidden: bot was blocked by the user", 1),
        ("blocked", "deactivated", "Forbidden: user is deactivated", 1),
        ("failed", "bad_request", "Message is too long", 1),
        ("failed", "chat_not_found", "chat not found", 1),
    ]
    assert report.total == 11 and report.finished


async def test_progress_is_pushed_to_an_observer_throttled_and_once_at_the_end(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    chats = range(1, 46)
    await make_known(client, chats)
    seen: list[tuple[float, int, float | None, bool]] = []

    async def show(progress: object) -> None:
        from bot.delivery import BroadcastProgress  # noqa: PLC0415

        assert isinstance(progress, BroadcastProgress)
        seen.append((time.monotonic(), progress.settled, progress.eta_seconds,
                     progress.finished))

    async with dispatching(db, ptb, RateLimits(global_per_second=30.0)) as (dispatcher, _):
        broadcast_id = await dispatcher.enqueue(created_by=1, priority=Priority.ROUTINE,
                                                kind="a", messages=outbox_messages(chats))
        observation = dispatcher.observe(broadcast_id, show, interval=0.3)
        async with asyncio.timeout(20):
            last = await observation.finished()
    assert last is not None and last.finished and last.sent == 45
    assert len(seen) >= 4  # about 1.5 s of sending, every 0.3 s
    assert [s[3] for s in seen] == [False] * (len(seen) - 1) + [True]
    settled = [s[1] for s in seen]
    assert settled == sorted(settled) and settled[-1] == 45
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(seen)]
    assert min(gaps) >= 0.29
    first_eta = seen[0][2]
    assert first_eta is not None and 0.5 < first_eta < 5.0  # 45 at 30/s
    assert seen[-1][2] == 0.0


async def test_a_stop_mid_broadcast_and_a_restart_deliver_everything_once(
    client: SandboxClient, db: Database, ptb: ExtBot[str]
) -> None:
    chats = range(1, 61)
    await make_known(client, chats)
    async with dispatching(db, ptb, RateLimits(global_per_second=30.0)) as (dispatcher, _):
        broadcast_id = await dispatcher.enqueue(created_by=1, priority=Priority.ROUTINE,
                                                kind="a", messages=outbox_messages(chats))
        await eventually(lambda: _at_least(client, 15), within=10)
    # Stopped: in-flight sends finished and claimed rows went back to the queue.
    row = await db.fetch_one("SELECT count(*) FROM outbox_messages WHERE state = 'sending'")
    assert row is not None and row[0] == 0
    middle = await broadcast_report(db, broadcast_id)
    assert middle is not None and 15 <= middle.sent < 60 and middle.pending == 60 - middle.sent
    async with dispatching(db, ptb, RateLimits(global_per_second=60.0)) as (dispatcher, _):
        assert dispatcher.stats.requeued_at_start == 0
        await eventually(lambda: _finished(dispatcher, broadcast_id), within=20)
    got = await received(client, chats)
    assert got == {chat: [plain_for(chat)] for chat in chats}
