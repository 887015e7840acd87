"""Fixtures for the delivery engine: its token (the sandbox, its client and the database
come from tests/conftest.py), python-telegram-bot's ExtBot (with the interactive
ReplyRateLimiter, as the application has it), and a dispatcher that records when each
send started and how it ended."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.config import RateLimits
from bot.delivery import BotSender, Dispatcher, OutboxMessage, Priority, RetryPolicy
from bot.delivery.broadcasts import BroadcastProgress
from bot.storage import Database
from handlers.kit.ratelimit import ReplyRateLimiter
from sandbox import BotMessage, Sandbox, SandboxClient

TOKEN = "5550004:TEST_delivery_token_for_the_sandbox"
# Fast retries: the tests are about what happens, not about waiting.
FAST_RETRY = RetryPolicy(max_attempts=3, base_delay=0.05, max_delay=0.2, jitter=0.1)


@pytest.fixture
def bot_token() -> str:
    return TOKEN


@pytest.fixture
async def ptb(sandbox: Sandbox, tls: ssl.SSLContext) -> AsyncIterator[ExtBot[str]]:
    """The application's kind of bot: ExtBot with the ReplyRateLimiter, which the
    dispatcher's sends must bypass."""
    request = HTTPXRequest(connection_pool_size=16, httpx_kwargs={"verify": tls})
    bot: ExtBot[str] = ExtBot(
        TOKEN, base_url=sandbox.base_url, request=request,
        get_updates_request=HTTPXRequest(httpx_kwargs={"verify": tls}),
        rate_limiter=ReplyRateLimiter(max_retries=0),
    )  # fmt: skip
    await bot.initialize()
    try:
        yield bot
    finally:
        await bot.shutdown()


@dataclass
class Attempt:
    chat_id: int
    started: float  # time.monotonic()
    outcome: str  # "ok" or the exception's class name


@dataclass
class RecordingSender:
    """The real BotSender, with a log of every call (when it started, how it ended)."""

    inner: BotSender
    attempts: list[Attempt] = field(default_factory=list)

    async def send(self, chat_id: int, text: str, reply_markup: str | None, *, paid: bool) -> int:
        attempt = Attempt(chat_id, time.monotonic(), "pending")
        self.attempts.append(attempt)
        try:
            message_id = await self.inner.send(chat_id, text, reply_markup, paid=paid)
        except Exception as exc:
            attempt.outcome = type(exc).__name__
            raise
        attempt.outcome = "ok"
        return message_id


@asynccontextmanager
async def dispatching(
    db: Database,
    bot: ExtBot[str],
    rates: RateLimits,
    *,
    concurrency: int = 8,
    retry: RetryPolicy = FAST_RETRY,
) -> AsyncIterator[tuple[Dispatcher, RecordingSender]]:
    sender = RecordingSender(BotSender(bot))
    dispatcher = Dispatcher(db, sender, rates, concurrency=concurrency, retry=retry)
    await dispatcher.start()
    try:
        yield dispatcher, sender
    finally:
        await dispatcher.stop()


def text_for(chat_id: int, tag: str = "Notice") -> str:
    """What each recipient gets: HTML, personal, so a misdelivery cannot hide."""
    return f"<b>{tag}</b> for resident {chat_id} &amp; family"


def plain_for(chat_id: int, tag: str = "Notice") -> str:
    return f"{tag} for resident {chat_id} & family"


def outbox_messages(chats: Iterable[int], tag: str = "Notice") -> list[OutboxMessage]:
    return [OutboxMessage(chat, text_for(chat, tag)) for chat in chats]


async def make_known(client: SandboxClient, chats: Iterable[int]) -> None:
    """Each resident has written to the bot, so Telegram (the sandbox) knows the chat."""
    ids = list(chats)
    for start in range(0, len(ids), 50):
        await asyncio.gather(*(client.send_text(c, "/start") for c in ids[start : start + 50]))


async def broadcast_and_wait(
    dispatcher: Dispatcher,
    chats: Iterable[int],
    *,
    tag: str = "Notice",
    priority: Priority = Priority.ROUTINE,
    within: float = 30.0,
) -> tuple[int, BroadcastProgress]:
    broadcast_id = await dispatcher.enqueue(
        created_by=1, priority=priority, kind="announcement",
        messages=outbox_messages(chats, tag),
    )  # fmt: skip
    observation = dispatcher.observe(broadcast_id, _ignore, interval=0.05)
    async with asyncio.timeout(within):
        progress = await observation.finished()
    assert progress is not None and progress.finished
    return broadcast_id, progress


async def _ignore(progress: BroadcastProgress) -> None:
    """Only the end matters to the caller."""


async def received(client: SandboxClient, chats: Iterable[int]) -> dict[int, list[str]]:
    """What each chat got from the bot, in order (plain text)."""
    ids = list(chats)
    out: dict[int, list[str]] = {}
    for start in range(0, len(ids), 50):
        part = ids[start : start + 50]
        lists = await asyncio.gather(*(client.messages(c) for c in part))
        for chat, messages in zip(part, lists, strict=True):
            out[chat] = [m.text for m in messages]
    return out


async def delivered(client: SandboxClient) -> int:
    return (await client.stats()).delivered


async def wait_for_message(client: SandboxClient, chat_id: int, within: float) -> BotMessage:
    return await client.wait_for(chat_id, timeout=within)
