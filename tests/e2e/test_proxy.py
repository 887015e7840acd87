"""A proxy for every request to Telegram (where Telegram is blocked): replies go through it."""

from __future__ import annotations

from dataclasses import replace

from bot.config import Secret, Settings
from sandbox import SandboxClient
from tests.e2e.conftest import choose_language, run_bot
from tests.e2e.proxy_server import forwarding_proxy


async def test_replies_go_through_the_configured_proxy(
    client: SandboxClient, settings: Settings
) -> None:
    async with forwarding_proxy() as proxy:
        through = replace(settings, proxy=Secret(proxy.url))
        async with run_bot(through):
            menu = await choose_language(client.user(4501), "ckb")
            assert len(menu.buttons) == 6
        methods = {line.rsplit("/", 1)[-1] for line in proxy.carried}
        assert {"getMe", "getUpdates", "sendMessage", "editMessageText"} <= methods, methods
