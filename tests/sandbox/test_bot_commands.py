"""Bot commands are marked where Telegram marks them (tdlib's match_bot_commands), in what
users send and in what the bot sends — including inside right-to-left isolates."""

from __future__ import annotations

import telegram
from telegram.constants import ParseMode

from sandbox import SandboxClient
from sandbox.bot_commands import find_bot_commands, with_bot_commands
from tests.sandbox.conftest import USER, start_chat

LRI, FSI, PDI, RLM = "\u2066", "\u2068", "\u2069", "\u200f"


def commands(text: str) -> list[str]:
    # Offsets are UTF-16 units; every text here is in the Basic Multilingual Plane.
    return [text[e["offset"] : e["offset"] + e["length"]] for e in find_bot_commands(text)]


def test_commands_anywhere_with_telegram_boundaries() -> None:
    assert commands("/start") == ["/start"]
    assert commands("send /help, or /menu.") == ["/help", "/menu"]
    assert commands("/start@daleel_demo_bot now") == ["/start@daleel_demo_bot"]
    assert commands("(/help)") == ["/help"]


def test_isolate_marks_around_a_command_keep_it_a_command() -> None:
    text = f"{RLM}{LRI}/id{PDI}: رقمك، أرسل {LRI}/help{PDI} لترى و{FSI}/camp{PDI}"
    assert commands(text) == ["/id", "/help", "/camp"]
    (first, *_) = find_bot_commands(text)
    assert (first["offset"], first["length"]) == (2, 3), "the command ends before the PDI"


def test_what_telegram_does_not_mark() -> None:
    assert commands("و/help") == [], "an Arabic letter before the slash is a word character"
    assert commands("a/help 1/help _/help //help </help >/help") == []
    assert commands("/help/x /help<b /helpé /مساعدة / alone") == []
    assert commands("/" + "a" * 65) == []
    assert commands("/start@ab /start@" + "b" * 33) == [], "a bad bot name drops the command"


def test_a_bot_message_gets_commands_except_inside_code_or_links() -> None:
    text = "Send /help or /setstatus Awsaja now via /menu"
    code = {"offset": 14, "length": 17, "type": "code"}
    bold = {"offset": 0, "length": 45, "type": "bold"}
    merged = with_bot_commands(text, [bold, code])
    found = [(e["type"], e["offset"], e["length"]) for e in merged]
    assert found == [
        ("bold", 0, 45),
        ("bot_command", 5, 5),
        ("code", 14, 17),
        ("bot_command", 40, 5),
    ]


async def test_the_bot_sees_its_rtl_command_marked(
    bot: telegram.Bot, client: SandboxClient
) -> None:
    await start_chat(client, bot)
    text = f"أرسل {LRI}/help{PDI} لترى ما أستطيع فعله، و<b>{LRI}/menu{PDI}</b>."
    sent = await bot.send_message(USER, text, parse_mode=ParseMode.HTML)
    marked = [
        sent.text[e.offset : e.offset + e.length] for e in sent.entities if e.type == "bot_command"
    ]
    assert marked == ["/help", "/menu"]
    (stored,) = await client.messages(USER)
    assert [e.type for e in stored.entities] == ["bot_command", "bold", "bot_command"]


async def test_a_user_command_after_other_text_is_marked_too(
    bot: telegram.Bot, client: SandboxClient
) -> None:
    await client.send_text(USER, "/start now, then /help")
    (update,) = await bot.get_updates()
    assert update.message is not None
    assert [(e.type, e.offset, e.length) for e in update.message.entities] == [
        ("bot_command", 0, 6),
        ("bot_command", 17, 5),
    ]
