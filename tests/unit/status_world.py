"""The world of the status-change tests: an AppState on a real database with two areas,
two operators who are admins, a clock the test moves, and the alerts read from the
outbox (the dispatcher never sends). The `w` fixture (tests/unit/conftest.py) opens it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import httpx

from bot.config import Secret, Settings
from bot.delivery import Dispatcher
from bot.domain.records import StatusRecord
from bot.i18n.catalogues import Catalogues
from bot.safety.changes import Change
from bot.state import AppState
from bot.storage import Database
from bot.storage.areas import record_status
from bot.storage.residents import set_language
from bot.storage.subscriptions import subscribe

ZONE = ZoneInfo("Asia/Baghdad")
START = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)
AREA, OTHER = 1, 2
OP_A, OP_B = 501, 502
DMA = "Directorate of Mine Action"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


class NoSender:
    """The dispatcher is never started here: queued alerts are read from the outbox."""

    async def send(self, chat_id: int, text: str, reply_markup: str | None, *, paid: bool) -> int:
        raise AssertionError("nothing is sent in these tests")


@dataclass
class World:
    state: AppState
    clock: Clock

    @property
    def db(self) -> Database:
        return self.state.db


@asynccontextmanager
async def world(db: Database, catalogues: Catalogues) -> AsyncIterator[World]:
    """The world on *db*, until the block ends."""
    settings = Settings(
        # Both operators are admins here (an admin may act as an operator).
        token=Secret("5550001:unit"), admin_ids=frozenset({OP_A, OP_B}),
        database=db.path,
        timezone=ZONE, default_language="ar", api_base_url=None, mode="polling", webhook=None,
    )
    await db.executemany(
        "INSERT INTO areas (id, pcode, level, name_en, name_ar, updated_at)"
        " VALUES (?, ?, 'village', ?, ?, 'now')",
        [(AREA, "P1", "Awsaja", "العوسجة"), (OTHER, "P2", "Safina", "السفينة")],
    )
    state = AppState()
    state.configure(settings)
    http = httpx.AsyncClient()
    state.open(catalogues, db, http)
    state.use_dispatcher(Dispatcher(db, NoSender(), settings.rates))
    clock = Clock()
    state.clock = clock
    try:
        yield World(state, clock)
    finally:
        await http.aclose()


def change(status: str, *, area: int = AREA, source: str = DMA, note: str | None = None,
           day: date = TODAY) -> Change:
    return Change(area, status, source, note, day)


async def imported(w: World, status: str, day: date, *, area: int = AREA) -> int:
    """A status as the importer records it (no alert, no proposal)."""
    async with w.db.transaction() as conn:
        return await record_status(
            conn, area, StatusRecord("P", status, day, DMA, None, False), origin="import",
            recorded_by="import:test.csv", confirmed_by=None, now="2026-11-01T00:00:00+00:00",
        )


async def queued(w: World, broadcast_id: int) -> dict[int, str]:
    rows = await w.db.fetch_all(
        "SELECT m.chat_id, c.text FROM outbox_messages m JOIN outbox_contents c"
        " ON c.id = m.content_id WHERE m.broadcast_id = ?",
        (broadcast_id,),
    )
    return {int(row[0]): str(row[1]) for row in rows}


async def follower(w: World, chat_id: int, language: str, area: int = AREA) -> None:
    await set_language(w.db, chat_id, language)
    assert await subscribe(w.db, chat_id, "area", area) == "added"
