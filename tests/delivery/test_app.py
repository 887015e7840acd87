"""The application starts the dispatcher after the database opens and stops it before the
database closes; a broadcast left in the outbox goes out when the bot starts again."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import handlers
from bot.config import Secret, Settings
from bot.delivery import Dispatcher, OutboxMessage, Priority, enqueue_broadcast
from bot.storage import Database
from handlers.kit.app import build_application, running
from sandbox import Sandbox, SandboxClient
from tests.conftest import eventually
from tests.delivery.conftest import TOKEN, make_known, plain_for, text_for


def settings_for(tmp_path: Path, sandbox: Sandbox) -> Settings:
    return Settings(
        token=Secret(TOKEN), admin_ids=frozenset({1}), database=tmp_path / "daleel.sqlite3",
        timezone=ZoneInfo("Asia/Baghdad"), default_language="ar", api_base_url=sandbox.url,
        mode="polling", webhook=None,
    )  # fmt: skip


async def test_the_running_bot_sends_through_its_dispatcher(
    tmp_path: Path, sandbox: Sandbox, client: SandboxClient
) -> None:
    settings = settings_for(tmp_path, sandbox)
    await make_known(client, [41, 42])
    # Left in the outbox by a previous run that stopped before sending it.
    db = await Database.open(settings.database)
    await enqueue_broadcast(db, created_by=1, priority=Priority.ROUTINE, kind="a",
                            messages=[OutboxMessage(41, text_for(41))])
    await db.close()
    app = build_application(settings, handlers.features())
    async with running(app, poll_timeout=1):
        dispatcher = app.bot_data.dispatcher
        assert isinstance(dispatcher, Dispatcher) and dispatcher.running
        # The residents' /start is answered too; wait for the broadcast itself.
        await client.wait_for(41, lambda m: m.text == plain_for(41), timeout=10)
        await dispatcher.enqueue(created_by=1, priority=Priority.URGENT, kind="alert",
                                 messages=[OutboxMessage(42, text_for(42, "Alert"))])
        await client.wait_for(42, lambda m: m.text == plain_for(42, "Alert"), timeout=10)

        async def settled() -> bool:
            row = await app.bot_data.db.fetch_one(
                "SELECT count(*) FROM outbox_messages WHERE state = 'sent'"
            )
            return row is not None and row[0] == 2

        await eventually(settled, within=10)
    assert not dispatcher.running
    with pytest.raises(RuntimeError):
        _ = app.bot_data.dispatcher
