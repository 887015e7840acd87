"""A broadcast that reached nobody is not just "finished": the log says it at WARNING,
staff hear of their announcement, operators of a safety alert."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import handlers
from bot.delivery import OutboxMessage, Priority
from bot.safety.alerts import ALERT_KIND
from handlers.kit.app import build_application, running
from sandbox import Sandbox, SandboxClient
from tests.delivery.conftest import make_known, text_for
from tests.delivery.test_app import settings_for

AUTHOR = 1  # the configured admin: writes announcements, and counts as an operator


async def _run_broadcast(
    tmp_path: Path, sandbox: Sandbox, client: SandboxClient, *, kind: str, reachable: bool
) -> str:
    """Three residents who all blocked the bot (or one who did not); what AUTHOR got."""
    settings = settings_for(tmp_path, sandbox)
    await make_known(client, [AUTHOR, 51, 52, 53])
    for chat in (51, 52, 53):
        await client.block(chat)
    if reachable:
        await client.unblock(53)
    app = build_application(settings, handlers.features())
    async with running(app, poll_timeout=1):
        mark = await client.last_seq()
        await app.bot_data.dispatcher.enqueue(
            created_by=AUTHOR, priority=Priority.URGENT, kind=kind,
            messages=[OutboxMessage(chat, text_for(chat)) for chat in (51, 52, 53)],
        )
        if reachable:
            await client.wait_for(53, lambda m: "for resident 53" in m.text, timeout=10)
            # The outcome is committed after the send; give the finish a moment to be
            # reported (nothing must come: AUTHOR's chat stays quiet).
            quiet = await client.wait_quiet(AUTHOR, after_seq=mark, quiet=1.0, timeout=3.0)
            return "\n".join(m.text for m in quiet)
        told = await client.wait_for(AUTHOR, lambda m: "#" in m.text, timeout=10)
        return told.text


async def test_an_announcement_that_reached_nobody_is_told_to_its_author(
    tmp_path: Path, sandbox: Sandbox, client: SandboxClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    told = await _run_broadcast(tmp_path, sandbox, client, kind="announcement", reachable=False)
    assert "لم يصل إلى أحد" in told and "/report" in told  # the author's language: Arabic
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("reached nobody" in w and "3 messages failed" in w for w in warnings), warnings


async def test_a_safety_alert_that_warned_nobody_is_told_to_the_operators(
    tmp_path: Path, sandbox: Sandbox, client: SandboxClient
) -> None:
    told = await _run_broadcast(tmp_path, sandbox, client, kind=ALERT_KIND, reachable=False)
    assert "تنبيه السلامة" in told and "لم يُنبَّهوا" in told


async def test_a_broadcast_that_reached_someone_is_not_reported(
    tmp_path: Path, sandbox: Sandbox, client: SandboxClient
) -> None:
    told = await _run_broadcast(tmp_path, sandbox, client, kind="announcement", reachable=True)
    assert "لم يصل إلى أحد" not in told
