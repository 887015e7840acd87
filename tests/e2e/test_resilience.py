"""Errors: a failing reply, flood control, stale and forged buttons, odd messages."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from bot.domain.languages import CODES
from bot.storage import Database
from bot.storage.residents import get_resident
from handlers.kit.context import DaleelApp
from sandbox import Fault, Limits, SandboxClient
from tests.e2e.conftest import choose_language, has_text, plain

STALE = {
    "ar": "هذا الزر لم يعد صالحًا. أرسل /menu للبدء من جديد.",
    "en": "This button is no longer valid. Send /menu to start again.",
}


async def test_a_reply_survives_a_server_error(client: SandboxClient, bot: DaleelApp) -> None:
    """A 502 on the way: the reply is sent again and the resident gets the answer."""
    user = client.user(7001)
    await choose_language(user, "en")
    await client.inject(Fault("server_error", method="sendMessage", chat_id=7001, status=502))
    await user.send("/help")
    answer = await user.reply()
    assert "/forget" in answer.text
    stats = await client.stats()
    assert stats.outcome("sendMessage", 502) == 1
    # The bot keeps working for this resident and for others.
    await user.send("/help")
    assert "/forget" in (await user.reply()).text
    other = client.user(7002)
    await other.send("/start")
    assert len((await other.reply()).buttons) == len(CODES)  # the language question


async def test_network_drop_on_a_reply_is_survived(client: SandboxClient, bot: DaleelApp) -> None:
    user = client.user(7003)
    await choose_language(user, "ar")
    await client.inject(Fault("drop_connection", method="sendMessage", chat_id=7003))
    await user.send("/menu")
    assert len((await user.reply()).buttons) == 6


async def test_a_server_that_keeps_failing_ends_in_the_apology(
    client: SandboxClient, bot: DaleelApp
) -> None:
    """Retries are bounded: after them the error handler apologises (when it can)."""
    user = client.user(7005)
    await choose_language(user, "ar")
    await client.inject(
        Fault("server_error", method="sendMessage", chat_id=7005, status=503, times=4)
    )
    await user.send("/menu")
    apology = await user.reply()
    assert plain(apology.text) == "عذرًا، حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد قليل."
    assert (await client.stats()).outcome("sendMessage", 503) == 4


async def test_a_request_telegram_calls_wrong_is_not_sent_again(
    client: SandboxClient, bot: DaleelApp
) -> None:
    user = client.user(7006)
    await choose_language(user, "en")
    await client.inject(Fault("bad_request", method="sendMessage", chat_id=7006))
    await user.send("/help")
    apology = await user.reply()
    assert apology.text == "Sorry, something went wrong on our side. Please try again in a moment."
    assert (await client.stats()).outcome("sendMessage", 400) == 1


async def test_flood_control_is_waited_out(client: SandboxClient, bot: DaleelApp) -> None:
    """Telegram's per-chat limit on: a burst of questions is answered, late but whole."""
    await client.set_limits(Limits(per_chat_per_second=1.0, per_chat_burst=1))
    user = client.user(7004)
    await choose_language(user, "en")
    mark = await client.last_seq()
    for _ in range(3):
        await user.send("/help")
    helps = []
    while len(helps) < 3:
        helps.append(await user.reply(after_seq=mark, predicate=has_text("/forget"), timeout=10))
        mark = helps[-1].seq
    stats = await client.stats()
    assert stats.too_many_requests >= 1  # the limit was hit, and nothing was lost


@pytest.mark.parametrize(
    "payload",
    [
        "menu:v1:bogus",
        "lang:v1:set:fr",
        "lang:v1:set",
        "menu:v2:food",
        "forget:v1:maybe",
        "garbage",
        "svc:v1:show:99999",
        "a" * 64,
    ],
)
async def test_forged_or_stale_buttons(
    client: SandboxClient, bot: DaleelApp, payload: str
) -> None:
    user = client.user(7100 + len(payload))
    menu = await choose_language(user, "ar")
    query = await client.press(user.user_id, menu.message_id, payload)
    answer = await client.wait_callback_answer(query)
    assert answer.text is not None and plain(answer.text) == STALE["ar"]
    resident = await get_resident(bot.bot_data.db, user.user_id)
    assert resident is not None and resident.language == "ar"  # nothing changed


async def test_non_text_and_markup_looking_messages(client: SandboxClient, bot: DaleelApp) -> None:
    user = client.user(7201)
    await choose_language(user, "en")
    await user.upload("photo.jpg", b"\xff\xd8\xff", mime_type="image/jpeg")
    assert (await user.reply()).text == (
        "I can only read text. Please type your question or use /menu."
    )
    for text in ("<b>hi</b> & <script>", "\u202e\u0000\u200fabc", "😀😀😀", "x" * 4096):
        await user.send(text)
        answer = await user.reply()
        assert not answer.text.startswith("Sorry, something went wrong")
        assert "<script>" not in answer.text and len(answer.text) < 4096
    await user.send("/abc <b>&x")  # the command is /abc; the rest is never echoed
    answer = await user.reply()
    assert answer.text == "I don't know the command /abc. Send /help to see what I can do."
    await user.send("/" + "y" * 32 + "z" * 100)
    answer = await user.reply()
    assert len(answer.text) < 150  # whatever arrives, it is not echoed at length


async def test_blocking_the_bot_deactivates_the_resident(
    client: SandboxClient, bot: DaleelApp
) -> None:
    user = client.user(7301)
    await choose_language(user, "ku")
    db = bot.bot_data.db
    await user.block()
    await _until(lambda: _active(db, 7301), False)
    await user.unblock()
    await _until(lambda: _active(db, 7301), True)


async def _active(db: Database, chat_id: int) -> bool | None:
    resident = await get_resident(db, chat_id)
    return None if resident is None else resident.active


async def _until(check: Callable[[], Awaitable[object]], expected: object) -> None:
    """The bot handles the update on its own time: re-read the database, bounded."""
    async with asyncio.timeout(5):
        while await check() != expected:  # noqa: ASYNC110 - nothing local to await on
            await asyncio.sleep(0.01)
