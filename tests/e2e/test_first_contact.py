"""A resident's first contact, in each of the five languages, through the real bot."""

from __future__ import annotations

import pytest

from bot.i18n.bidi import RLM
from bot.storage.residents import get_resident
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import NATIVE, choose_language, plain

# What a native reader sees after choosing: the confirmation and the first menu button.
EXPECTED = {
    "ar": ("أصبحت لغتك الآن العربية.", "🏥 خدمات المخيم", "أهلًا بك في «دليل»."),
    "ckb": ("زمانەکەت گۆڕدرا بۆ کوردی (سۆرانی).", "🏥 خزمەتگوزارییەکانی کەمپ", "بەخێربێیت بۆ دەلیل."),
    "ku": ("Zimanê te niha Kurmancî e.", "🏥 Xizmetên kampê", "Bi xêr hatî Daleel."),
    "en": ("Your language is now English.", "🏥 Camp services", "Welcome to Daleel."),
    "kmr_Arab": ("زمانێ تە نوکە بوو کوردی (بادینی).", "🏥 خزمەتێن کەمپێ", "ب خێر بێی بۆ «دەلیل»."),
}
PROMPTS = (
    "يُرجى اختيار لغتك.",
    "تکایە زمانەکەت هەڵبژێرە.",
    "Ji kerema xwe zimanê xwe hilbijêre.",
    "Please choose your language.",
    "هیڤییە زمانێ خۆ هەلبژێرە.",
)
LANGS = list(EXPECTED)


@pytest.mark.parametrize("code", LANGS)
async def test_first_contact_chooses_language_then_menu(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    user = client.user(1000 + len(code))
    await user.send("/start")
    menu = await user.reply()
    # Nobody's language is known yet: the question is asked in every language, each in its own name.
    assert menu.text.split("\n") == list(PROMPTS)
    assert set(menu.button_texts) == set(NATIVE.values())

    await user.press(NATIVE[code])
    confirmation, first_button, welcome = EXPECTED[code]
    # The language question becomes the main menu: one message on a weak connection.
    main = await user.reply(predicate=lambda m: m.event == "edited")
    assert main.message_id == menu.message_id
    paragraphs = plain(main.text).split("\n\n")
    assert paragraphs[0] == confirmation
    assert paragraphs[1].startswith(welcome)
    assert "/forget" in main.text
    assert first_button in main.button_texts
    assert len(main.buttons) == 6
    assert len(await user.messages()) == 1

    resident = await get_resident(bot.bot_data.db, user.user_id)
    assert resident is not None and resident.language == code

    # Coming back: /start now goes straight to the menu, in the chosen language.
    await user.send("/start")
    again = await user.reply()
    assert first_button in again.button_texts
    assert not set(NATIVE.values()) & set(again.button_texts)


async def test_telegram_language_is_only_a_guess(client: SandboxClient, bot: DaleelApp) -> None:
    """A Kurdish-language Telegram app still gets the question in every language first."""
    user = client.user(2001, language_code="ku")
    await user.send("/start")
    first = await user.reply()
    assert set(first.button_texts) == set(NATIVE.values())
    # Before choosing, other answers use the guessed language (Kurmanji here).
    await user.send("/foo")
    answer = await user.reply()
    assert plain(answer.text) == "Ez fermana /foo nas nakim. /help bişîne da ku bibînî ez dikarim çi bikim."


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ar", "لا أعرف الأمر /nonsense. أرسل /help لترى ما أستطيع فعله."),
        ("ckb", "فەرمانی /nonsense نازانم. /help بنێرە بۆ ئەوەی ببینیت دەتوانم چی بکەم."),
        ("ku", "Ez fermana /nonsense nas nakim. /help bişîne da ku bibînî ez dikarim çi bikim."),
        ("en", "I don't know the command /nonsense. Send /help to see what I can do."),
        ("kmr_Arab", "ئەز فەرمانا /nonsense ناس ناکەم. /help بهنێرە دا کو ببینی ئەز دشێم چ بکەم."),
    ],
)
async def test_unknown_command(
    client: SandboxClient, bot: DaleelApp, code: str, expected: str
) -> None:
    user = client.user(3000 + len(code) + ord(code[0]))
    await choose_language(user, code)
    await user.send("/nonsense")
    answer = await user.reply()
    assert plain(answer.text) == expected


@pytest.mark.parametrize("code", LANGS)
async def test_help_lists_commands_in_the_language(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    user = client.user(4000 + ord(code[-1]))
    await choose_language(user, code)
    await user.send("/help")
    answer = await user.reply()
    for command in ("/menu", "/language", "/forget", "/help"):
        assert command in answer.text
    assert answer.raw_text is not None and answer.raw_text.count("<b>") == 1
    if code in ("ar", "ckb", "kmr_Arab"):
        # Lines that begin with a Latin command keep right-to-left layout.
        command_lines = [ln for ln in answer.raw_text.split("\n") if "/menu" in ln]
        assert command_lines and command_lines[0].startswith(RLM)


async def test_language_change_and_menu_buttons(client: SandboxClient, bot: DaleelApp) -> None:
    user = client.user(5001)
    await choose_language(user, "ar")
    await user.send("/language")
    await user.reply(predicate=lambda m: m.text == "يُرجى اختيار لغتك.")
    await user.press("English")
    menu = await user.reply(predicate=lambda m: len(m.buttons) == 6)
    assert menu.text.startswith("Your language is now English.")
    assert "Welcome" not in menu.text  # only on first contact
    await user.press("🌐 Language")
    choice = await user.reply()
    assert choice.text == "Please choose your language."
    assert set(choice.button_texts) == set(NATIVE.values())


async def test_command_menus_per_language(client: SandboxClient, bot: DaleelApp) -> None:
    arabic = await client.commands(language_code="ar")
    assert [c.command for c in arabic] == [
        "menu", "camp", "alerts", "feedback", "mycases", "language", "help", "stop", "forget"]
    assert arabic[0].description == "القائمة الرئيسية"
    assert (await client.commands(language_code="ku"))[0].description == "Lîsteya sereke"
    assert (await client.commands(language_code="en"))[0].description == "Main menu"
    fallback = await client.commands(language_code="")
    assert fallback[0].description == "القائمة الرئيسية"  # the default language
    # Sorani has no two-letter code: a Sorani reader gets the menu for their own chat.
    user = client.user(6001, language_code="ar")
    await choose_language(user, "ckb")
    visible = await client.visible_commands(user.chat_id, language_code="ar")
    assert visible[0].description == "لیستەی سەرەکی"
    # Nor has Badini: its readers get theirs in their chat too, in Arabic script.
    badini = client.user(6002, language_code="ku")
    await choose_language(badini, "kmr_Arab")
    visible = await client.visible_commands(badini.chat_id, language_code="ku")
    assert [c.description for c in visible][:2] == ["لیستا سەرەکی", "کەمپا خۆ هەلبژێرە"]
