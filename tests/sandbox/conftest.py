"""Fixtures of the sandbox tests: their token and a real PTB Bot (the sandbox and its
client come from tests/conftest.py)."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator

import pytest
import telegram
from telegram.request import HTTPXRequest

from sandbox import Sandbox, SandboxClient

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
def bot_token() -> str:
    return TOKEN


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


