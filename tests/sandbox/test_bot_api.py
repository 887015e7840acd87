"""The Bot API surface, driven by the real PTB client (and raw HTTP for edge cases)."""

from __future__ import annotations

import asyncio
import ssl

import httpx
import pytest
import telegram
from telegram.error import BadRequest, Conflict, InvalidToken

from sandbox import Sandbox, SandboxClient
from tests.conftest import eventually
from tests.sandbox.conftest import TOKEN, USER, make_bot, start_chat


async def test_get_me(bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456
    assert me.is_bot
    assert me.first_name == "Daleel"
    assert me.username == "daleel_demo_bot"
    assert me.can_join_groups is False
    assert me.supports_inline_queries is False


async def test_wrong_token_is_unauthorized(sandbox: Sandbox, tls: ssl.SSLContext) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{sandbox.base_url}999:nope/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    wrong = make_bot(sandbox, tls, "999:nope")
    with pytest.raises(InvalidToken):
        await wrong.initialize()
    await wrong.shutdown()


async def test_unknown_method_and_case_insensitive_names(sandbox: Sandbox) -> None:
    async with httpx.AsyncClient() as http:
        unknown = await http.post(f"{sandbox.base_url}{TOKEN}/sendPigeon")
        lower = await http.get(f"{sandbox.base_url}{TOKEN}/getme")
    assert unknown.status_code == 404
    assert unknown.json()["description"] == "Not Found: method not found"
    assert lower.json()["result"]["username"] == "daleel_demo_bot"


async def test_parameters_are_typed_by_name(sandbox: Sandbox, client: SandboxClient) -> None:
    await client.send_text(USER, "hi")
    url = f"{sandbox.base_url}{TOKEN}/sendMessage"
    async with httpx.AsyncClient() as http:
        form = await http.post(url, data={"chat_id": str(USER), "text": "123"})
        body = await http.post(url, json={"chat_id": str(USER), "text": 123})
        missing = await http.post(url, data={"text": "x"})
        flags = await http.post(
            url, data={"chat_id": USER, "text": "x", "disable_notification": "True"}
        )
    assert form.json()["result"]["text"] == "123"
    assert body.json()["result"]["text"] == "123"
    assert missing.status_code == 400
    assert missing.json()["description"] == "Bad Request: chat_id is empty"
    assert flags.json()["ok"] is True


async def test_unknown_chat_is_not_found(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(777, "hello")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(-100123, "a group")


async def test_long_poll_returns_when_a_user_writes(
    bot: telegram.Bot, client: SandboxClient
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await client.send_text(USER, "/start@daleel_demo_bot now", language_code="ar")
    updates = await asyncio.wait_for(poll, 5)
    message = updates[0].message
    assert message is not None
    assert message.text == "/start@daleel_demo_bot now"
    assert message.from_user is not None and message.from_user.language_code == "ar"
    assert message.chat.type == "private" and message.chat.id == USER
    entity = message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 22)


async def test_offset_confirms_updates(bot: telegram.Bot, client: SandboxClient) -> None:
    for text in ("one", "two", "three"):
        await client.send_text(USER, text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["one", "two"]
    again = await bot.get_updates()
    assert len(again) == 3, "nothing is dropped before it is confirmed"
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["three"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()


async def test_empty_poll_times_out(bot: telegram.Bot, sandbox: Sandbox) -> None:
    assert await bot.get_updates(timeout=0) == ()
    async with httpx.AsyncClient() as http:
        started = asyncio.get_running_loop().time()
        response = await http.post(f"{sandbox.base_url}{TOKEN}/getUpdates", data={"timeout": 0.3})
        waited = asyncio.get_running_loop().time() - started
    assert response.json() == {"ok": True, "result": []}
    assert 0.25 <= waited < 2.0


async def test_second_poll_terminates_the_first(
    bot: telegram.Bot, sandbox: Sandbox, client: SandboxClient, tls: ssl.SSLContext
) -> None:
    async with make_bot(sandbox, tls) as other:
        first = asyncio.create_task(bot.get_updates(timeout=10))

        async def parked() -> bool:
            entry = (await client.stats()).methods.get("getUpdates")
            return entry is not None and entry.in_flight == 1

        await eventually(parked)
        await other.get_updates(timeout=0)
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 5)


async def test_allowed_updates_filter_new_updates(bot: telegram.Bot, client: SandboxClient) -> None:
    await bot.get_updates(allowed_updates=["callback_query"])
    await client.send_text(USER, "ignored")
    assert await bot.get_updates() == ()
    await bot.get_updates(allowed_updates=[])
    await client.send_text(USER, "seen")
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["seen"]


async def test_message_ids_are_shared_per_chat(bot: telegram.Bot, client: SandboxClient) -> None:
    sent = await client.send_text(USER, "hello")
    reply = await bot.send_message(USER, "hi")
    other = await client.send_text(USER + 1, "hello")
    assert (sent.message_id, reply.message_id, other.message_id) == (1, 2, 1)
    second = await client.send_text(USER, "again")
    assert second.message_id == 3


async def test_location_and_venue(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    await bot.send_location(USER, 36.19, 43.99)
    venue = await bot.send_venue(USER, 36.2, 44.0, "Clinic", "Debaga camp, block C")
    assert venue.venue is not None and venue.venue.title == "Clinic"
    loc, ven = await client.messages(USER)
    assert loc.kind == "location" and loc.location is not None
    assert loc.location.latitude == pytest.approx(36.19)
    assert ven.venue is not None and ven.venue.address == "Debaga camp, block C"
    with pytest.raises(BadRequest):
        await bot.send_location(USER, 120.0, 0.0)


async def test_reply_to_unknown_message(bot: telegram.Bot, client: SandboxClient) -> None:
    sent = await client.send_text(USER, "question")
    ok = await bot.send_message(USER, "answer", reply_to_message_id=sent.message_id)
    assert ok.text == "answer"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(USER, "answer", reply_to_message_id=99)
