"""Keyboards, button presses, edits and bot commands."""

from __future__ import annotations

import pytest
import telegram
from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest

from sandbox import Button, SandboxClient, SandboxError
from tests.sandbox.conftest import USER, start_chat


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


async def test_callback_data_limit_is_in_bytes(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    await bot.send_message(USER, "ok", reply_markup=keyboard([("A", "x" * 64)]))
    # 33 Arabic letters are 66 bytes of UTF-8.
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(USER, "too long", reply_markup=keyboard([("A", "ب" * 33)]))
    with pytest.raises(BadRequest, match="text buttons are unallowed"):
        await bot.send_message(
            USER, "no action", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("A")]])
        )
    assert len(await client.messages(USER)) == 1


async def test_keyboards_are_stored(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    link = InlineKeyboardButton("Map", url="https://maps.example.org/debaga")
    await bot.send_message(
        USER,
        "menu",
        reply_markup=InlineKeyboardMarkup(
            [[link], [InlineKeyboardButton("Go", callback_data="go")]]
        ),
    )
    await bot.send_message(
        USER, "pick", reply_markup=ReplyKeyboardMarkup([[KeyboardButton("العربية"), "Kurdî"]])
    )
    await bot.send_message(USER, "bye", reply_markup=ReplyKeyboardRemove())
    menu, pick, bye = await client.messages(USER)
    assert menu.reply_markup == (
        (Button("Map", url="https://maps.example.org/debaga"),),
        (Button("Go", callback_data="go"),),
    )
    assert menu.button("Go").callback_data == "go"
    assert pick.keyboard == (("العربية", "Kurdî"),)
    assert pick.reply_markup == ()
    assert bye.remove_keyboard


async def test_press_and_answer(bot: telegram.Bot, client: SandboxClient) -> None:
    offset = await start_chat(client, bot)
    menu = await bot.send_message(USER, "menu", reply_markup=keyboard([("Water", "svc:v1:water")]))
    query_id = await client.press_button(USER, menu.message_id, "Water")
    (update,) = await bot.get_updates(offset=offset, timeout=5)
    query = update.callback_query
    assert query is not None
    assert query.id == query_id
    assert query.data == "svc:v1:water"
    assert query.message is not None and query.message.message_id == menu.message_id
    assert query.from_user.id == USER
    assert await query.answer("Opening hours: 8-14", show_alert=True)
    answer = await client.wait_callback_answer(query_id)
    assert (answer.text, answer.show_alert) == ("Opening hours: 8-14", True)
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer("twice")
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("12345")


async def test_forged_press_and_missing_message(bot: telegram.Bot, client: SandboxClient) -> None:
    offset = await start_chat(client, bot)
    menu = await bot.send_message(USER, "menu", reply_markup=keyboard([("A", "a")]))
    await client.press(USER, menu.message_id, "forged:" + "z" * 200)
    (update,) = await bot.get_updates(offset=offset)
    assert update.callback_query is not None
    assert update.callback_query.data == "forged:" + "z" * 200
    with pytest.raises(SandboxError, match="has no bot message 99"):
        await client.press(USER, 99, "a")
    with pytest.raises(SandboxError, match="no such button"):
        await client.press_button(USER, menu.message_id, "B")


async def test_edits_keep_history(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    sent = await bot.send_message(USER, "Step 1", reply_markup=keyboard([("Next", "n")]))
    mark = await client.last_seq()
    edited = await bot.edit_message_text("<b>Step 2</b>", USER, sent.message_id, parse_mode="HTML")
    assert isinstance(edited, telegram.Message) and edited.edit_date is not None
    event = await client.wait_for(USER, after_seq=mark)
    assert (event.event, event.text, event.reply_markup) == ("edited", "Step 2", ())
    assert [v.text for v in event.history] == ["Step 1"]
    assert event.history[0].reply_markup == ((Button("Next", callback_data="n"),),)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("<b>Step 2</b>", USER, sent.message_id, parse_mode="HTML")
    await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=keyboard([("X", "x")]))
    (current,) = await client.messages(USER)
    assert current.reply_markup == ((Button("X", callback_data="x"),),)
    assert len(current.history) == 2
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("nope", USER, 999)
    assert await bot.delete_message(USER, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("gone", USER, sent.message_id)


async def test_commands_per_scope_and_language(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    await bot.set_my_commands([BotCommand("start", "Start")])
    await bot.set_my_commands([BotCommand("start", "ابدأ")], language_code="ar")
    await bot.set_my_commands(
        [BotCommand("help", "Help")], scope=BotCommandScopeChat(USER), language_code="en"
    )
    await bot.set_my_commands(
        [BotCommand("ration", "Ration")], scope=BotCommandScopeAllPrivateChats()
    )
    with pytest.raises(BadRequest, match="Invalid language code specified"):
        await bot.set_my_commands([BotCommand("start", "دەستپێبکە")], language_code="ckb")
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start Now", "x")])
    assert [c.command for c in await bot.get_my_commands(language_code="ar")] == ["start"]
    assert await bot.get_my_commands(language_code="ku") == ()
    ar = await client.commands(language_code="ar")
    assert [(c.command, c.description) for c in ar] == [("start", "ابدأ")]
    scoped = await client.commands(scope={"type": "chat", "chat_id": USER}, language_code="en")
    assert [c.command for c in scoped] == ["help"]
    # A Sorani user (no two-letter code) falls back to the private-chat default.
    assert [c.command for c in await client.visible_commands(USER, "ckb")] == ["ration"]
    assert [c.command for c in await client.visible_commands(USER, "en")] == ["help"]
    assert await bot.delete_my_commands(scope=BotCommandScopeAllPrivateChats())
    assert [c.command for c in await client.visible_commands(USER, "ar")] == ["start"]
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.set_my_commands([BotCommand("x", "y")], scope=BotCommandScopeChat(1))
