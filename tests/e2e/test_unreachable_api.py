"""Telegram unreachable at start-up: the bot waits, says so once per attempt, then serves."""

from __future__ import annotations

import asyncio
import logging
import socket
from dataclasses import replace

import pytest

import handlers
from bot.config import Settings
from handlers.kit.app import build_application, running
from handlers.kit.bot import DaleelBot
from sandbox import Limits, Sandbox, SandboxClient
from tests.e2e.conftest import TOKEN, choose_language, eventually


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_start_up_waits_out_an_unreachable_api_and_then_serves(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    port = free_port()  # nothing listens here yet: every connection is refused
    app = build_application(replace(settings, api_base_url=f"http://127.0.0.1:{port}"),
                            handlers.features())
    assert isinstance(app.bot, DaleelBot)
    app.bot.pace_start_up(0.05, 0.2)

    def attempts() -> list[str]:
        return [r.getMessage() for r in caplog.records if "cannot be reached" in r.getMessage()]

    async def serve() -> None:
        async with running(app, poll_timeout=1):
            await stop.wait()

    stop = asyncio.Event()
    bot_task = asyncio.create_task(serve())
    try:
        async def retried_twice() -> bool:
            assert not bot_task.done(), bot_task
            return len(attempts()) >= 2

        await eventually(retried_twice, within=10.0)
        assert all("trying again in" in line for line in attempts())
        # Telegram comes back: the same address now answers.
        box = Sandbox(TOKEN, limits=Limits.disabled())
        await box.start(port=port)
        try:
            async with SandboxClient(box.url) as client:
                menu = await choose_language(client.user(4301), "en")
                assert len(menu.buttons) == 6
            stop.set()
            await asyncio.wait_for(bot_task, 10)
        finally:
            await box.stop()
    finally:
        stop.set()
        if not bot_task.done():
            bot_task.cancel()
