"""Badini (Kurmanji in Arabic script, as written in Duhok) through the real bot: the
journeys the other languages have, read in Badini — a safety question typed about a place,
/help, /alerts and /forget. Residents choose Badini in the picker: Telegram has no code
for it. The camp, services, food and alerts screens in Badini are in the tests of those
features (parametrised over every language)."""

from __future__ import annotations

import re

from bot.storage.residents import get_resident
from bot.storage.subscriptions import subscribers_of_area
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import NATIVE, choose_language, plain
from tests.e2e.safety_ui import area_id

BADINI = "kmr_Arab"
# Latin letters a Badini reader may meet: commands, and the place's code in a demo button.
_LATIN_WORD = re.compile(r"(?<![/\w])[A-Za-z]{3,}")


async def badini(client: SandboxClient, user_id: int, telegram: str | None = "ku") -> SimulatedUser:
    """A resident whose Telegram app says Kurmanji (Latin), who chooses Badini."""
    user = client.user(user_id, language_code=telegram)
    menu = await choose_language(user, BADINI)
    assert plain(menu.text).startswith("زمانێ تە نوکە بوو کوردی (بادینی).")
    return user


def no_latin(message: BotMessage) -> None:
    """Nothing in Latin Kurmanji or English: a Badini reader reads Arabic script."""
    assert not _LATIN_WORD.findall(plain(message.text)), message.text
    for label in message.button_texts:
        assert not _LATIN_WORD.findall(plain(label)), label


async def test_badini_is_chosen_in_the_picker_and_kept(
    client: SandboxClient, bot: DaleelApp
) -> None:
    user = client.user(91001, language_code="ku")
    await user.send("/start")
    ask = await user.reply()
    assert NATIVE[BADINI] == "کوردی (بادینی)"
    assert "هیڤییە زمانێ خۆ هەلبژێرە." in plain(ask.text).split("\n")
    # Its own row, under the four: the buttons of the others stay where people know them.
    assert [b.text for b in ask.buttons][-1] == "کوردی (بادینی)"
    await user.press("کوردی (بادینی)")
    menu = await user.reply(predicate=lambda m: m.event == "edited")
    no_latin(menu)
    assert "🏥 خزمەتێن کەمپێ" in menu.button_texts
    assert "⚠️ ئەرێ دەڤەرا من بێ مەترسییە؟" in [plain(t) for t in menu.button_texts]
    resident = await get_resident(bot.bot_data.db, user.user_id)
    assert resident is not None and resident.language == BADINI
    # Telegram's "ku" never turns a Badini reader back into a Latin one.
    await user.send("/menu")
    again = await user.reply()
    assert "🏥 خزمەتێن کەمپێ" in again.button_texts


async def test_help_in_badini(client: SandboxClient, bot: DaleelApp) -> None:
    user = await badini(client, 91002)
    await user.send("/help")
    answer = await user.reply()
    text = plain(answer.text)
    assert text.startswith("«دەلیل» بەرسڤا پسیارێن تە ددەت")  # the bot's name marked
    for line in (
        "/menu: لیستا سەرەکی",
        "/camp: کەمپ و سێکتەرا خۆ هەلبژێرە",
        "/forget: هەمی تشتێن «دەلیل» ل سەر تە دپارێزیت ژێ ببە",
    ):
        assert line in text.split("\n")
    no_latin(answer)
    assert answer.raw_text is not None and answer.raw_text.count("<b>") == 1


async def test_a_safety_question_typed_in_badini(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    """Awsaja's latest demo status: clearance in progress since 18 November, by a partner."""
    user = await badini(client, 91003)
    for typed in ("ئەرێ عەوسەجە بێ مەترسییە؟", "ئەري عەوسەجە بي مەترسيە"):  # Arabic keyboard
        await user.send(typed)
        answer = await user.reply()
        text = plain(answer.text)
        assert "📍 عەوسەجە (گوند) — قەیارە" in text
        assert "🚧 پاقژکرنا مین و تەقەمەنیان بەردەوامە." in text
        assert "تیم کار دکەن دا کو تەقەمەنیێن مەترسیدار ژ ڤێ دەڤەرێ راکەن." in text
        assert "🗓️ نووکرنا داوی: 18 چریا دووێ 2026، ژ لایێ UNMAS partner ڤە." in text
        assert "<b>دا سلامەت بمینی:</b>" in (answer.raw_text or "")
        assert "🔔 دەما ئەڤ بگوهۆریت، من ئاگەهدار بکە" in [plain(t) for t in answer.button_texts]
    awsaja = await area_id(demo_bot, "DEMO-AWSAJA")
    await user.press("🔔 دەما ئەڤ بگوهۆریت، من ئاگەهدار بکە")
    followed = await user.reply()
    assert plain(followed.text) == "دەما کو رەوشا عەوسەجە (قەیارە) بگوهۆریت، ئاگەهداریەک بۆ تە دهێت."
    subscribers = await subscribers_of_area(demo_bot.bot_data.db, awsaja)
    assert [(s.chat_id, s.language) for s in subscribers] == [(user.chat_id, BADINI)]


async def test_no_information_never_reads_as_safe_in_badini(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = await badini(client, 91004)
    await user.send("ئەرێ زاخۆ بێ مەترسییە؟")
    offer = await user.reply()
    # Zakho is a town, a sub-district and a district: the resident chooses, never a guess.
    assert plain(offer.text) == "ئەرێ مەبەستا تە ئێک ژ ڤان جهان بوو؟ ئێکێ هەلبژێرە."
    town = next(t for t in offer.button_texts if "(باژێرۆک)" in t)
    await user.press(town)
    answer = await user.reply(predicate=lambda m: "زاخۆ" in plain(m.text))
    text = plain(answer.text)
    # Zakho has no status in the demo: unknown stays unknown, said plainly.
    assert "ئەڤە قەت نە ب وێ واتەیێیە کو دەڤەر بێ مەترسییە." in text, text


async def test_alerts_and_stop_in_badini(client: SandboxClient, bot: DaleelApp) -> None:
    user = await badini(client, 91005)
    await user.send("/alerts")
    screen = await user.reply()
    assert plain(screen.text).startswith("🔔 ئاگەهداریێن تە")
    no_latin(screen)
    await user.send("/stop")
    stopped = await user.reply()
    assert plain(stopped.text).startswith("هەمی ئاگەهداری هاتنە راوەستاندن: «دەلیل» ئێدی")
    assert "/alerts" in stopped.text


async def test_forget_in_badini(client: SandboxClient, bot: DaleelApp) -> None:
    user = await badini(client, 91006)
    await user.send("/forget")
    ask = await user.reply()
    assert plain(ask.text).endswith("تە دڤێت بەردەوام بی؟")
    assert set(ask.button_texts) == {"بەلێ، هەمییان ژێ ببە", "نە، بلا بمینیت"}
    await user.press("نە، بلا بمینیت")
    kept = await user.reply()
    assert plain(kept.text) == "چ تشت نەهاتە ژێبرن."
    assert await get_resident(bot.bot_data.db, user.user_id) is not None

    await user.send("/forget")
    await user.reply()
    await user.press("بەلێ، هەمییان ژێ ببە")
    done = await user.reply()
    assert plain(done.text).startswith("تەمام: هەمی تشتێن «دەلیل» ل سەر تە پاراستین هاتنە ژێبرن.")
    assert await get_resident(bot.bot_data.db, user.user_id) is None
    # Forgotten: the next /start asks for the language again, in every language.
    await user.send("/start")
    assert set((await user.reply()).button_texts) == set(NATIVE.values())


async def test_nonsense_gets_a_badini_answer(client: SandboxClient, bot: DaleelApp) -> None:
    user = await badini(client, 91007)
    await user.send("ززززز قققق")
    answer = await user.reply()
    assert plain(answer.text).startswith("من ئەڤ فێم نەکر.")
    no_latin(answer)


async def test_talking_to_a_person_in_badini(client: SandboxClient, bot: DaleelApp) -> None:
    user = await badini(client, 91008)
    await user.send("/feedback")
    topics = await user.reply(predicate=lambda m: len(m.buttons) == 4)
    labels = [plain(t) for t in topics.button_texts]
    for topic in ("پسیار", "نێرین یان پێشنیار", "گازندە", "راپۆرتا هەستیار"):
        assert any(topic in label for label in labels), (topic, labels)
    await user.press(next(t for t in topics.button_texts if "گازندە" in plain(t)))
    ask = await user.reply()
    assert "کارمەندێن نڤیسینگەها هاریکاریێ یێن خزمەتا کەمپا تە دکەن دێ وێ خوینن." in plain(
        ask.text
    )
    await user.send("بۆریا ئاڤێ ل سێکتەرا مە هەفتەکە شکەستییە.")
    ack = await user.reply()
    text = plain(ack.text)
    assert text.startswith("سوپاس. ناما تە وەکی داخوازا D-")
    assert "هاتە وەرگرتن. ڤێ ژمارێ بپارێزە: تو دشێی ب /mycases داخوازا خۆ بشۆپینی." in text
    assert "🚨 «دەلیل» نە خزمەتا فریاکەفتنێ یە." in text  # not an emergency service
    # No Latin but the case number, which the resident keeps as written.
    assert _LATIN_WORD.findall(re.sub(r"D-[A-Z0-9]{6}", "", text)) == []
