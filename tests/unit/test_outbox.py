"""The outbox tables: enqueue (all or nothing, chunked, texts stored once), claims in
priority order, outcomes, crash recovery, progress and reports, cancel, /forget, purge."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery import broadcast_progress, broadcast_report, enqueue_broadcast
from bot.delivery.broadcasts import RateMeter
from bot.storage import Database, outbox
from bot.storage.outbox import OutboxMessage, Outcome, Priority
from bot.storage.residents import delete_resident, set_language

NOW = 1_800_000_000.0


def messages(chats: range, text: str = "<b>Hello</b>") -> list[OutboxMessage]:
    return [OutboxMessage(chat, f"{text} {chat % 4}") for chat in chats]


async def enqueue(
    db: Database, chats: range, priority: Priority = Priority.ROUTINE, **kwargs: object
) -> int:
    return await enqueue_broadcast(
        db, created_by=77, priority=priority, kind="announcement",
        messages=messages(chats), **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


async def count(db: Database, sql: str, *params: object) -> int:
    row = await db.fetch_one(sql, params)
    assert row is not None
    return int(row[0])


async def test_a_broadcast_stores_one_row_per_recipient_and_each_text_once(db: Database) -> None:
    broadcast_id = await enqueue(db, range(1, 1001), paid=True)
    broadcast = await outbox.get_broadcast(db, broadcast_id)
    assert broadcast is not None
    assert (broadcast.total, broadcast.kind, broadcast.created_by) == (1000, "announcement", 77)
    assert broadcast.priority is Priority.ROUTINE and broadcast.paid
    assert broadcast.status == "active" and broadcast.started_at is None
    assert await count(db, "SELECT count(*) FROM outbox_messages WHERE state = 'queued'") == 1000
    assert await count(db, "SELECT count(*) FROM outbox_contents") == 4
    rows = await db.fetch_all(
        "SELECT m.chat_id, c.text FROM outbox_messages m JOIN outbox_contents c"
        " ON c.id = m.content_id WHERE m.chat_id IN (5, 6)"
    )
    assert {(r[0], r[1]) for r in rows} == {(5, "<b>Hello</b> 1"), (6, "<b>Hello</b> 2")}


async def test_enqueue_consumes_a_generator_in_chunks(db: Database) -> None:
    pulled: list[int] = []

    def generate() -> Iterator[OutboxMessage]:
        for chat in range(1, 11):
            pulled.append(chat)
            yield OutboxMessage(chat, "x", '{"inline_keyboard": []}')

    broadcast_id = await outbox.create_broadcast(
        db, created_by=1, priority=Priority.URGENT, kind="alert", messages=generate(), chunk=3
    )
    assert pulled == list(range(1, 11))
    progress = await broadcast_progress(db, broadcast_id)
    assert progress is not None and progress.queued == 10
    content = await outbox.contents(db, [1])
    assert content[1].reply_markup == '{"inline_keyboard": []}'


@pytest.mark.parametrize(
    "bad",
    [
        [OutboxMessage(1, "a"), OutboxMessage(2, "b"), OutboxMessage(1, "c")],
        [OutboxMessage(1, "a"), OutboxMessage(2, "")],
        [],
    ],
    ids=["a chat twice", "an empty text", "nobody"],
)
async def test_a_bad_broadcast_stores_nothing(db: Database, bad: list[OutboxMessage]) -> None:
    with pytest.raises(ValueError):
        await outbox.create_broadcast(
            db, created_by=1, priority=Priority.ROUTINE, kind="x", messages=bad, chunk=1
        )
    assert await count(db, "SELECT count(*) FROM broadcasts") == 0
    assert await count(db, "SELECT count(*) FROM outbox_messages") == 0
    assert await count(db, "SELECT count(*) FROM outbox_contents") == 0


async def test_claims_take_urgent_first_then_oldest_and_mark_them_sending(db: Database) -> None:
    routine = await enqueue(db, range(1, 6))
    urgent = await enqueue(db, range(101, 104), Priority.URGENT)
    first = await outbox.claim_due(db, now=NOW, limit=4)
    assert [(c.broadcast_id, c.chat_id) for c in first] == [
        (urgent, 101), (urgent, 102), (urgent, 103), (routine, 1)
    ]
    assert await count(db, "SELECT count(*) FROM outbox_messages WHERE state = 'sending'") == 4
    second = await outbox.claim_due(db, now=NOW, limit=10)
    assert [c.chat_id for c in second] == [2, 3, 4, 5]  # never claims a row twice
    assert await outbox.claim_due(db, now=NOW, limit=10) == []
    broadcast = await outbox.get_broadcast(db, routine)
    assert broadcast is not None and broadcast.started_at is not None


async def test_rows_waiting_for_a_retry_are_not_claimed_before_their_time(db: Database) -> None:
    broadcast_id = await enqueue(db, range(1, 3))
    claimed = await outbox.claim_due(db, now=NOW, limit=10)
    await outbox.record_outcomes(
        db,
        [Outcome(claimed[0].id, broadcast_id, "queued", errors=1, next_attempt_at=NOW + 30,
                 error_code="network", reason="Bad Gateway"),
         Outcome(claimed[1].id, broadcast_id, "queued", next_attempt_at=NOW + 5)],
        now=NOW,
    )  # fmt: skip
    assert await outbox.next_due_at(db) == NOW + 5
    assert await outbox.claim_due(db, now=NOW + 4, limit=10) == []
    assert [c.chat_id for c in await outbox.claim_due(db, now=NOW + 5, limit=10)] == [2]
    again = await outbox.claim_due(db, now=NOW + 30, limit=10)
    assert [(c.chat_id, c.attempts, c.errors) for c in again] == [(1, 1, 1)]
    assert await outbox.next_due_at(db) is None


async def test_outcomes_are_recorded_and_a_finished_broadcast_is_reported(
    db: Database,
) -> None:
    broadcast_id = await enqueue(db, range(1, 7))
    claimed = await outbox.claim_due(db, now=NOW, limit=10)
    ids = [c.id for c in claimed]
    finished = await outbox.record_outcomes(
        db,
        [
            Outcome(ids[0], broadcast_id, "sent", sent_at=NOW, telegram_message_id=11),
            Outcome(ids[1], broadcast_id, "sent", sent_at=NOW, telegram_message_id=12),
            Outcome(ids[2], broadcast_id, "blocked", error_code="blocked",
                    reason="Forbidden: bot was blocked by the user"),
            Outcome(ids[3], broadcast_id, "blocked", error_code="blocked",
                    reason="Forbidden: bot was blocked by the user"),
            Outcome(ids[4], broadcast_id, "failed", error_code="chat_not_found",
                    reason="chat not found"),
        ],
        now=NOW,
    )  # fmt: skip
    assert finished == []  # one row is still sending
    progress = await broadcast_progress(db, broadcast_id, rate=10.0)
    assert progress is not None
    assert (progress.sent, progress.blocked, progress.failed, progress.sending) == (2, 2, 1, 1)
    assert progress.eta_seconds == pytest.approx(0.1) and not progress.finished
    finished = await outbox.record_outcomes(
        db, [Outcome(ids[5], broadcast_id, "sent", sent_at=NOW, telegram_message_id=13)],
        now=NOW + 60,
    )
    assert finished == [broadcast_id]
    report = await broadcast_report(db, broadcast_id)
    assert report is not None and report.finished
    assert (report.sent, report.failed, report.blocked, report.total) == (3, 1, 2, 6)
    assert [(g.state, g.code, g.reason, g.count) for g in report.failures] == [
        ("blocked", "blocked", "Forbidden: bot was blocked by the user", 2),
        ("failed", "chat_not_found", "chat not found", 1),
    ]
    assert report.broadcast.status == "done"
    assert report.duration_seconds == pytest.approx(60, abs=1)
    row = await db.fetch_one(
        "SELECT attempts, telegram_message_id, sent_at FROM outbox_messages WHERE id = ?",
        (ids[0],),
    )
    assert row is not None and tuple(row) == (1, 11, NOW)


async def test_an_outcome_for_a_row_no_longer_sending_changes_nothing(db: Database) -> None:
    broadcast_id = await enqueue(db, range(1, 2))
    (row,) = await outbox.claim_due(db, now=NOW, limit=1)
    await outbox.record_outcomes(db, [Outcome(row.id, broadcast_id, "sent", sent_at=NOW)],
                                 now=NOW)
    await outbox.record_outcomes(db, [Outcome(row.id, broadcast_id, "failed", reason="late")],
                                 now=NOW)
    report = await broadcast_report(db, broadcast_id)
    assert report is not None and (report.sent, report.failed) == (1, 0)


async def test_after_a_crash_sending_rows_go_back_to_the_queue(db: Database) -> None:
    broadcast_id = await enqueue(db, range(1, 11))
    claimed = await outbox.claim_due(db, now=NOW, limit=6)
    await outbox.record_outcomes(
        db, [Outcome(claimed[0].id, broadcast_id, "sent", sent_at=NOW)], now=NOW
    )
    # The process dies here: five rows are left "sending".
    assert await outbox.requeue_interrupted(db) == 5
    again = await outbox.claim_due(db, now=NOW, limit=20)
    assert [c.chat_id for c in again] == [2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert all(c.attempts == 0 for c in again)  # a restart costs no attempt


async def test_progress_counts_what_goes_first(db: Database) -> None:
    old = await enqueue(db, range(1, 51))
    mine = await enqueue(db, range(1, 21))
    urgent = await enqueue(db, range(1, 6), Priority.URGENT)
    progress = await broadcast_progress(db, mine, rate=25.0)
    assert progress is not None
    assert (progress.ahead, progress.remaining) == (55, 20)
    assert progress.eta_seconds == pytest.approx((55 + 20) / 25.0)
    first = await broadcast_progress(db, urgent)
    assert first is not None and first.ahead == 0 and first.eta_seconds is None
    oldest = await broadcast_progress(db, old, rate=5.0)
    assert oldest is not None and oldest.ahead == 5


async def test_cancel_fails_what_is_queued_and_leaves_claimed_rows(db: Database) -> None:
    broadcast_id = await enqueue(db, range(1, 11))
    claimed = await outbox.claim_due(db, now=NOW, limit=3)
    assert await outbox.cancel_broadcast(db, broadcast_id, now=NOW) == 7
    broadcast = await outbox.get_broadcast(db, broadcast_id)
    assert broadcast is not None
    assert broadcast.status == "cancelled" and broadcast.finished_at is None
    finished = await outbox.record_outcomes(
        db, [Outcome(c.id, broadcast_id, "sent", sent_at=NOW) for c in claimed], now=NOW
    )
    assert finished == [broadcast_id]
    report = await broadcast_report(db, broadcast_id)
    assert report is not None
    assert report.broadcast.status == "cancelled"
    assert [(g.code, g.count) for g in report.failures] == [("cancelled", 7)]


async def test_forget_erases_the_residents_outbox_rows(db: Database) -> None:
    for chat in (1, 2):
        await set_language(db, chat, "ar")
    await enqueue(db, range(1, 4))
    assert await delete_resident(db, 2)
    chats = [r[0] for r in await db.fetch_all("SELECT chat_id FROM outbox_messages")]
    assert sorted(chats) == [1, 3]


async def test_purge_removes_old_finished_broadcasts_with_their_rows(db: Database) -> None:
    old = await enqueue(db, range(1, 3))
    claimed = await outbox.claim_due(db, now=NOW, limit=5)
    await outbox.record_outcomes(
        db, [Outcome(c.id, old, "sent", sent_at=NOW) for c in claimed], now=NOW
    )
    active = await enqueue(db, range(1, 3))
    finished_at = datetime.fromtimestamp(NOW, UTC)
    assert await outbox.purge_finished(db, finished_before=finished_at) == 0
    assert await outbox.purge_finished(db, finished_before=finished_at + timedelta(1)) == 1
    assert [b.id for b in await outbox.list_broadcasts(db)] == [active]
    assert await count(db, "SELECT count(*) FROM outbox_messages") == 2
    assert await count(db, "SELECT count(*) FROM outbox_contents") == 2


async def test_list_broadcasts_newest_first_by_author_and_page(db: Database) -> None:
    ids = [await enqueue(db, range(1, 2)) for _ in range(4)]
    other = await enqueue_broadcast(
        db, created_by=5, priority=Priority.URGENT, kind="alert", messages=messages(range(1, 2))
    )
    assert [b.id for b in await outbox.list_broadcasts(db, 3)] == [other, ids[3], ids[2]]
    assert [b.id for b in await outbox.list_broadcasts(db, 10, created_by=77)] == ids[::-1]
    assert [b.id for b in await outbox.list_broadcasts(db, 2, before_id=ids[2])] == [
        ids[1], ids[0]
    ]
    assert await outbox.get_broadcast(db, 999) is None
    assert await broadcast_report(db, 999) is None
    assert await broadcast_progress(db, 999) is None


async def test_enqueueing_100000_rows_is_quick(db: Database) -> None:
    began = time.perf_counter()
    broadcast_id = await enqueue(db, range(1, 100_001))
    elapsed = time.perf_counter() - began
    progress = await broadcast_progress(db, broadcast_id)
    assert progress is not None and progress.queued == 100_000
    assert elapsed < 10.0  # about 1 s on the 2-core reference machine


def test_rate_meter_needs_history_and_forgets_old_events() -> None:
    meter = RateMeter(window=10.0)
    assert meter.rate(0.0) is None
    for second in range(5):
        meter.add(float(second), 30)
    assert meter.rate(4.0) == pytest.approx(150 / 4)
    assert meter.rate(30.0) is None
