"""The two facts the duplicate bound rests on, checked from outside the dispatcher:
a row is committed as ``sending`` before its send goes out, and no more than
``concurrency`` sends are ever out without their outcome committed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import RateLimits
from bot.delivery import Dispatcher, OutboxMessage, Priority
from bot.storage import Database, outbox
from tests.conftest import eventually


class CommittedStateSender:
    """Answers at once; before each "send" reads the row's state through a second
    connection, which sees only what was committed."""

    def __init__(self, observer: Database) -> None:
        self.observer = observer
        self.calls: list[int] = []
        self.states: list[str] = []

    async def send(self, chat_id: int, text: str, reply_markup: str | None, *, paid: bool) -> int:
        row = await self.observer.fetch_one(
            "SELECT state FROM outbox_messages WHERE chat_id = ?", (chat_id,)
        )
        assert row is not None
        self.states.append(row[0])
        self.calls.append(chat_id)
        return 1000 + chat_id


@pytest.fixture
async def observer(db: Database) -> AsyncIterator[Database]:
    other = await Database.open(Path(db.path), migrate=False)
    try:
        yield other
    finally:
        await other.close()


async def test_every_send_finds_its_row_committed_as_sending(
    db: Database, observer: Database
) -> None:
    sender = CommittedStateSender(observer)
    dispatcher = Dispatcher(db, sender, RateLimits(global_per_second=500.0), concurrency=4)
    await dispatcher.start()
    try:
        broadcast_id = await dispatcher.enqueue(
            created_by=1, priority=Priority.ROUTINE, kind="a",
            messages=[OutboxMessage(chat, "x") for chat in range(1, 101)],
        )  # fmt: skip
        observation = dispatcher.observe(broadcast_id, _ignore, interval=0.05)
        async with asyncio.timeout(20):
            progress = await observation.finished()
    finally:
        await dispatcher.stop()
    assert progress is not None and progress.sent == 100
    assert sorted(sender.calls) == list(range(1, 101))
    assert set(sender.states) == {"sending"}


async def test_no_more_than_concurrency_sends_are_out_unrecorded(
    db: Database, observer: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = asyncio.Event()
    record = outbox.record_outcomes

    async def stuck_disk(
        database: Database, outcomes: list[outbox.Outcome], *, now: float
    ) -> list[int]:
        await gate.wait()  # the commit does not happen until the test says so
        return await record(database, outcomes, now=now)

    monkeypatch.setattr(outbox, "record_outcomes", stuck_disk)
    sender = CommittedStateSender(observer)
    dispatcher = Dispatcher(db, sender, RateLimits(global_per_second=1000.0), concurrency=4)
    await dispatcher.start()
    try:
        await dispatcher.enqueue(
            created_by=1, priority=Priority.ROUTINE, kind="a",
            messages=[OutboxMessage(chat, "x") for chat in range(1, 51)],
        )  # fmt: skip
        await eventually(lambda: _sent(sender, 4), within=5)
        # Not a synchronisation: a window in which a broken bound would send more.
        await asyncio.sleep(0.3)
        assert len(sender.calls) == 4
        gate.set()
        await eventually(lambda: _sent(sender, 50), within=10)
    finally:
        gate.set()
        await dispatcher.stop()
    row = await db.fetch_one("SELECT count(*) FROM outbox_messages WHERE state = 'sent'")
    assert row is not None and row[0] == 50


async def _sent(sender: CommittedStateSender, count: int) -> bool:
    return len(sender.calls) >= count


async def _ignore(progress: object) -> None:
    """Only the end matters."""
