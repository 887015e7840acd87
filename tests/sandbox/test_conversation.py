"""Whole conversations: a real PTB Application polling the sandbox, simulated users,
condition waits, and the sandbox as a separate process."""

from __future__ import annotations

import asyncio
import ssl
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from sandbox import Fault, Sandbox, SandboxClient
from tests.sandbox.conftest import TOKEN, USER, make_bot, start_chat


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greets in two messages and offers a button."""
    assert update.effective_chat is not None
    chat = update.effective_chat.id
    await context.bot.send_message(chat, "Welcome to Daleel")
    menu = InlineKeyboardMarkup([[InlineKeyboardButton("Services", callback_data="svc:v1")]])
    await context.bot.send_message(chat, "What do you need?", reply_markup=menu)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answers the press and edits the menu."""
    query = update.callback_query
    assert query is not None
    await query.answer("Loading")
    await query.edit_message_text(f"You chose {query.data}")


@pytest.fixture
async def application(sandbox: Sandbox, tls: ssl.SSLContext) -> AsyncIterator[object]:
    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(sandbox.base_url)
        .base_file_url(sandbox.base_file_url)
        .request(HTTPXRequest(httpx_kwargs={"verify": tls}))
        .get_updates_request(HTTPXRequest(httpx_kwargs={"verify": tls}))
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=10)
        yield app
        await app.updater.stop()
        await app.stop()


@pytest.mark.usefixtures("application")
async def test_application_conversation(client: SandboxClient) -> None:
    user = client.user(USER, language_code="ar")
    await user.send("/start")
    greeting, menu = await user.replies(quiet=0.2)
    assert greeting.text == "Welcome to Daleel"
    assert menu.button_texts == ("Services",)
    query_id = await user.press("Services")
    edited = await user.reply()
    assert (edited.event, edited.text) == ("edited", "You chose svc:v1")
    assert (await client.wait_callback_answer(query_id)).text == "Loading"
    stats = await client.stats()
    assert stats.first_call("getUpdates") is not None
    assert stats.calls("sendMessage") == 2


@pytest.mark.usefixtures("application")
async def test_plain_text_is_not_a_command(client: SandboxClient) -> None:
    user = client.user(USER)
    await user.send("start")
    await user.send("/start")
    first = await user.reply()
    assert first.text == "Welcome to Daleel"


async def test_wait_for_predicate_and_timeout(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    mark = await client.last_seq()
    waiter = asyncio.create_task(
        client.wait_for(USER, lambda m: "ration" in m.text, after_seq=mark)
    )
    await bot.send_message(USER, "hello")
    await bot.send_message(USER, "Next ration: Sunday")
    found = await waiter
    assert found.text == "Next ration: Sunday"
    with pytest.raises(TimeoutError, match="Next ration: Sunday"):
        await client.wait_for(USER, lambda m: "never" in m.text, after_seq=mark, timeout=0.2)
    with pytest.raises(TimeoutError):
        await client.wait_quiet(USER, after_seq=found.seq, timeout=0.2)


async def test_reset_forgets_chats(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    await bot.send_message(USER, "hello")
    await client.reset()
    assert await client.messages(USER) == []
    assert (await client.stats()).delivered == 0
    with pytest.raises(telegram.error.BadRequest, match="Chat not found"):
        await bot.send_message(USER, "hello")


async def test_runs_as_a_process(tls: ssl.SSLContext, tmp_path: Path) -> None:
    port_file = tmp_path / "port"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox", "--port", "0", "--token", TOKEN, "--no-limits",
        "--port-file", str(port_file), stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        url = (await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip()
        assert url == f"http://127.0.0.1:{port_file.read_text().strip()}"
        async with telegram.Bot(
            TOKEN, base_url=f"{url}/bot", request=HTTPXRequest(httpx_kwargs={"verify": tls})
        ) as bot:
            assert (await bot.get_me()).username == "daleel_demo_bot"
        async with SandboxClient(url) as client:
            await client.send_text(USER, "hi")
            assert (await client.stats()).pending_updates == 1
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 0


async def test_stop_ends_pending_work(tls: ssl.SSLContext) -> None:
    box = Sandbox(TOKEN)
    await box.start()
    async with SandboxClient(box.url) as client, make_bot(box, tls) as bot:
        await client.send_text(USER, "hi")
        (update,) = await bot.get_updates()
        await client.inject(Fault("delay", method="sendMessage", delay_seconds=30))
        with pytest.raises(telegram.error.TimedOut):
            await bot.send_message(USER, "slow", read_timeout=0.1)
        poll = asyncio.create_task(bot.get_updates(offset=update.update_id + 1, timeout=30))
        waiting = asyncio.create_task(client.wait_for(USER, timeout=30))
        await asyncio.wait_for(box.stop(), 2)
        with pytest.raises(telegram.error.NetworkError):
            await asyncio.wait_for(poll, 2)
        with pytest.raises((TimeoutError, httpx.HTTPError)):
            await asyncio.wait_for(waiting, 2)


async def test_without_retained_messages(tls: ssl.SSLContext) -> None:
    async with (
        Sandbox(TOKEN, retain_messages=False) as box,
        SandboxClient(box.url) as client,
        make_bot(box, tls) as bot,
    ):
        await client.send_text(USER, "hi")
        first = await bot.send_message(USER, "one")
        second = await bot.send_message(USER, "two")
        assert (first.message_id, second.message_id) == (2, 3)
        assert await client.messages(USER) == []
        assert (await client.stats()).delivered == 2
        with pytest.raises(telegram.error.BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", USER, second.message_id)
