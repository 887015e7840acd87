"""Fixtures: a sandbox on a free loopback port, its client, and a real PTB Bot."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
import telegram
from telegram.request import HTTPXRequest

from sandbox import Limits, Sandbox, SandboxClient

TOKEN = "123456:TEST-token_abc"
USER = 4242


def make_bot(sandbox: Sandbox, tls: ssl.SSLContext, token: str = TOKEN) -> telegram.Bot:
    """The real PTB client, pointed at the sandbox."""
    return telegram.Bot(
        token,
        base_url=sandbox.base_url,
        base_file_url=sandbox.base_file_url,
        request=HTTPXRequest(httpx_kwargs={"verify": tls}),
        get_updates_request=HTTPXRequest(httpx_kwargs={"verify": tls}),
    )


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """A sandbox without flood limits (tests of the limits set their own)."""
    box = Sandbox(TOKEN, limits=Limits.disabled())
    await box.start()
    try:
        yield box
    finally:
        await box.stop()


@pytest.fixture
async def client(sandbox: Sandbox, tls: ssl.SSLContext) -> AsyncIterator[SandboxClient]:
    async with (
        httpx.AsyncClient(verify=tls) as http,
        SandboxClient(sandbox.url, http=http) as c,
    ):
        yield c


@pytest.fixture
async def bot(sandbox: Sandbox, tls: ssl.SSLContext) -> AsyncIterator[telegram.Bot]:
    async with make_bot(sandbox, tls) as b:
        yield b


async def start_chat(client: SandboxClient, bot: telegram.Bot, user_id: int = USER) -> int:
    """The user sends /start and the bot fetches it; returns the offset that confirms it."""
    await client.send_text(user_id, "/start")
    updates = await bot.get_updates(timeout=5)
    assert updates, "the /start update should be waiting"
    return updates[-1].update_id + 1


async def eventually(check: Callable[[], Awaitable[bool]], *, within: float = 5.0) -> None:
    """Re-check a remote condition (the sandbox's stats) until it holds, for at most
    ``within`` seconds. Only for state that has no wait endpoint."""
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 - nothing local to await on
            await asyncio.sleep(0.005)
