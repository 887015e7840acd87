"""Residents' own words, through the real bot on the demo database, in five languages.

Each typed question must get the right *kind* of answer: the food distribution of the
resident's camp and sector, the camp's health services, the safety answer for the named
place (or a choice between the places that carry that name), a choice between needs when
the bot is unsure, and an honest "I did not understand" otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.storage.areas import area_ids_by_pcode
from bot.storage.camps import camp_ids_by_code, camp_sectors
from bot.storage.services_food import set_camp
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import (
    TOKEN,
    bot_process,
    choose_language,
    eventually,
    has_text,
    plain,
    write_config,
)

# The demo camp Debaga 1, sector C: its next distribution is on 26 November 2026.
FOOD = {
    "ar": ("26 تشرين الثاني 2026", "منطقة المخازن عند مدخل المخيم"),
    "ckb": ("ناوچەی کۆگاکان لە دەروازەی کەمپ", "سەبەتەی خۆراکی خێزان"),
    "ku": ("Herêma embaran li ber deriyê kampê", "Sepeta xwarinê ya malbatê"),
    "en": ("Warehouse area at the camp entrance", "wheat flour 50 kg"),
    # Badini: the Duhok month name, and the camp's texts through the Sorani fallback.
    "kmr_Arab": ("26 چریا دووێ 2026", "ناوچەی کۆگاکان لە دەروازەی کەمپ"),
}
QAYYARAH = ("GN99003", "IQG15Q05N01")  # the town and its sub-district share the name
SINJAR = ("GN448149", "IQG15Q07", "IQG15Q07N03")  # town, district, sub-district


async def resident(
    client: SandboxClient, app: DaleelApp, user_id: int, code: str, *, camp: str | None = "C"
) -> SimulatedUser:
    """A resident who chose a language and (unless ``camp`` is None) Debaga 1, sector C."""
    user = client.user(user_id)
    await choose_language(user, code)
    if camp is not None:
        db = app.bot_data.db
        camp_id = (await camp_ids_by_code(db))["debaga-1"]
        sector = next(s for s in await camp_sectors(db, camp_id) if s.code == camp)
        assert await set_camp(db, user_id, camp_id, sector.id)
    return user


async def area_id(app: DaleelApp, pcode: str) -> int:
    return (await area_ids_by_pcode(app.bot_data.db, [pcode]))[pcode]


def payloads(message: BotMessage) -> list[str]:
    return [b.callback_data or "" for b in message.buttons]


def within_limits(message: BotMessage) -> None:
    assert len(message.text) <= 4096
    assert all(len((p or "").encode()) <= 64 for p in payloads(message))


# --- the examples of the issue ------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("ar", "متى توزيع الطحين؟"),
        ("ckb", "کەی خۆراک دابەش دەکرێت؟"),
        ("ku", "Kengê belavkirina xwarinê ye?"),
        ("en", "when is the next flour distribution"),
        ("kmr_Arab", "بەلاڤکرنا خوارنێ کەنگییە؟"),
        ("kmr_Arab", "خوارن كەنگي دهێت"),  # an Arabic keyboard
    ],
)
async def test_food_question_gets_the_next_distribution(
    client: SandboxClient, demo_bot: DaleelApp, code: str, text: str
) -> None:
    user = await resident(client, demo_bot, 31000 + len(code) * 10 + ord(code[-1]) % 10, code)
    await user.send(text)
    answer = await user.reply()
    for fragment in FOOD[code]:
        assert fragment in plain(answer.text), answer.text
    within_limits(answer)


async def test_food_question_without_a_camp_asks_for_the_camp(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = await resident(client, demo_bot, 31101, "ar", camp=None)
    await user.send("متى توزيع الطحين؟")
    answer = await user.reply()
    assert "مخيم" in plain(answer.text)
    assert "نينوى" in answer.button_texts  # the governorates, to find the camp


@pytest.mark.parametrize(
    ("code", "text", "service"),
    [
        ("ar", "وين المستوصف", "مركز الرعاية الصحية الأولية"),
        ("ckb", "نەخۆشخانەکە لەکوێیە", "بنکەی چاودێریی تەندروستیی سەرەتایی"),
        ("ku", "Nexweşxane li ku ye?", "Navenda lênêrîna tenduristiyê ya seretayî"),
        ("en", "where is the clinic", "Primary health care centre"),
        ("kmr_Arab", "نەخۆشخانە ل کیرێیە؟", "بنکەی چاودێریی تەندروستیی سەرەتایی"),
    ],
)
async def test_health_question_lists_the_health_services(
    client: SandboxClient, demo_bot: DaleelApp, code: str, text: str, service: str
) -> None:
    user = await resident(client, demo_bot, 32000 + len(code) * 10 + ord(code[-1]) % 10, code)
    await user.send(text)
    answer = await user.reply()
    assert service in answer.button_texts
    # Only the health category: the school and the water office are not in the list.
    assert all(not p.startswith("menu:") for p in payloads(answer))
    assert len(answer.buttons) <= 3


# --- folding and dialect words (issue 12): the three examples --------------------------------


@pytest.mark.parametrize(
    ("text", "wanted", "not_wanted"),
    [
        # "I have no ID": ما is not ماء (water) without its hamza
        ("ما عندي هوية", "مكتب التسجيل والوثائق المدنية", "مكتب المياه والصرف الصحي"),
        # "no water in the tent": the water is missing, the tent is only where
        ("ماكو ماي بالخيمة", "مكتب المياه والصرف الصحي", "مكتب المأوى والمواد غير الغذائية"),
    ],
)
async def test_iraqi_arabic_gets_the_service_it_asks_for(
    client: SandboxClient, demo_bot: DaleelApp, text: str, wanted: str, not_wanted: str
) -> None:
    user = await resident(client, demo_bot, 32500 + len(text), "ar")
    await user.send(text)
    answer = await user.reply()
    assert wanted in answer.button_texts, answer.button_texts
    assert not_wanted not in answer.button_texts
    assert all(p.startswith("svc:") for p in payloads(answer)), payloads(answer)


async def test_kurmanji_my_card_is_not_a_mines_question(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    """"karta min hat rawestandin" (my card was stopped): "min" is "my", not "mîn" (mines)."""
    user = await resident(client, demo_bot, 32601, "ku")
    await user.send("karta min hat rawestandin")
    answer = await user.reply()
    assert "karta te ya xwarinê hatibe rawestandin" in plain(answer.text)
    assert not any(p.startswith(("safe:", "alert:")) for p in payloads(answer))


@pytest.mark.parametrize(
    ("code", "text", "left_off"),
    [
        ("ar", "اسمي مو موجود بالقائمة", "راجع مكتب إدارة المخيم (بجانب البوابة الرئيسية)"),
        ("en", "my name is not on the food list", "camp management office"),
        ("kmr_Arab", "ناڤێ من د لیستا خوارنێ دا نینە", "سەردانی نووسینگەی بەڕێوەبردنی کەمپ بکە"),
    ],
)
async def test_left_off_the_list_gets_the_camps_instructions(
    client: SandboxClient, demo_bot: DaleelApp, code: str, text: str, left_off: str
) -> None:
    user = await resident(client, demo_bot, 33000 + ord(code[0]), code)
    await user.send(text)
    answer = await user.reply()
    assert left_off in plain(answer.text)


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("en", "Awsaja safe?", "Awsaja"),
        ("ar", "هل رجعوا أهل العوسجة", "العوسجة"),
        ("ckb", "ئایا عەوسەجە سەلامەتە؟", "عەوسەجە"),
        ("ku", "Ewseca ewle ye?", "Ewseca"),
        ("en", "Awsajja", "Awsaja"),  # a typo, and the place alone
        ("kmr_Arab", "ئەرێ عەوسەجە بێ مەترسییە؟", "عەوسەجە"),
        ("kmr_Arab", "دشێین بزڤرین العوسجة", "عەوسەجە"),
    ],
)
async def test_safety_question_answers_for_the_named_village(
    client: SandboxClient, demo_bot: DaleelApp, code: str, text: str, name: str
) -> None:
    user = await resident(client, demo_bot, 34000 + len(text), code, camp=None)
    await user.send(text)
    answer = await user.reply()
    awsaja = await area_id(demo_bot, "DEMO-AWSAJA")
    assert name in plain(answer.text)
    assert "UNMAS partner" in plain(answer.text)  # who said so (the demo status) …
    assert "2026" in plain(answer.text)  # … and when
    assert f"alert:v1:sub_area:{awsaja}" in payloads(answer)


@pytest.mark.parametrize(
    ("code", "text", "pcodes"),
    [
        ("en", "Qayyarah", QAYYARAH),
        ("en", "Qayara", QAYYARAH),
        ("en", "Al-Qayarra", QAYYARAH),
        ("en", "al qayyara", QAYYARAH),
        ("en", "Qayyarra", QAYYARAH),  # a typo
        ("en", "Is Qayara safe?", QAYYARAH),
        ("ar", "القيارة", QAYYARAH),
        ("ar", "قيارة", QAYYARAH),  # without ال
        ("ar", "هل القياره امنة", QAYYARAH),
        ("ckb", "قەیارە", QAYYARAH),
        ("en", "Sinjar", SINJAR),
        ("en", "Sinjaar", SINJAR),  # a typo
        ("ar", "سنجار", SINJAR),
        ("ckb", "شەنگال", SINJAR),
        ("ku", "Şingal", SINJAR),
        ("ku", "Singal ewle ye?", SINJAR),
        ("kmr_Arab", "ئەرێ شنگال بێ مەترسییە؟", SINJAR),
        ("kmr_Arab", "مین ل قەیارێ هەنە؟", QAYYARAH),
    ],
)
async def test_transliterations_of_real_places(
    client: SandboxClient, demo_bot: DaleelApp, code: str, text: str, pcodes: tuple[str, ...]
) -> None:
    """Several areas carry the name, so the resident chooses: never a guess about safety."""
    user = await resident(client, demo_bot, 35000 + sum(map(ord, text)) % 900, code, camp=None)
    await user.send(text)
    answer = await user.reply()
    choices = ("safe:v1:area:", "safe:v1:pick:")  # a pick also counts the spelling typed
    offered = {p.split(":")[3] for p in payloads(answer) if p.startswith(choices)}
    expected = {str(await area_id(demo_bot, pcode)) for pcode in pcodes}
    assert offered == expected, (text, answer.button_texts)


async def test_choosing_an_offered_place_gives_its_answer(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = await resident(client, demo_bot, 35901, "en", camp=None)
    await user.send("Qayara")
    offer = await user.reply()
    town = next(t for t in offer.button_texts if t.startswith("Qayyarah (town)"))
    await user.press(town)
    answer = await user.reply(predicate=has_text("Qayyarah"))
    qayyarah = await area_id(demo_bot, "GN99003")
    assert f"alert:v1:sub_area:{qayyarah}" in payloads(answer)


# --- unsure, not understood, and the small intents -----------------------------------------


# (food label, services label, a category on the camp's services screen)
UNSURE = {
    "en": ("🍞 Food distribution", "🏥 Camp services", "Health"),
    "ar": ("🍞 توزيع الغذاء", "🏥 خدمات المخيم", "الصحة"),
}


@pytest.mark.parametrize(("code", "text"), [("en", "clinic or flour"), ("ar", "مستوصف او طحين")])
async def test_unsure_offers_the_likeliest_needs(
    client: SandboxClient, demo_bot: DaleelApp, code: str, text: str
) -> None:
    food, services, health = UNSURE[code]
    user = await resident(client, demo_bot, 36000 + ord(code[0]), code)
    await user.send(text)
    ask = await user.reply()
    assert set(ask.button_texts) == {food, services}
    assert all(p.startswith("txt:v1:") for p in payloads(ask))
    await user.press(food)
    answer = await user.reply()
    assert FOOD[code][0] in plain(answer.text)
    # Food won the tie, so "health" is not carried over: the camp's service categories.
    await user.press(services, message_id=ask.message_id)
    listed = await user.reply()
    assert any(health in label for label in listed.button_texts), listed.button_texts


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("en", "blah blah", "I did not understand that."),
        ("ar", "الطقس اليوم", "لم أفهم رسالتك."),
        ("ckb", "کەشوهەوا چۆنە", "لەوە تێنەگەیشتم."),
        ("ku", "hewa çawa ye", "Min ev fêm nekir."),
    ],
)
async def test_not_understood_says_so_with_the_menu(
    client: SandboxClient, demo_bot: DaleelApp, code: str, text: str, expected: str
) -> None:
    user = await resident(client, demo_bot, 37000 + ord(code[-1]), code)
    before = await _not_understood_count(demo_bot)
    await user.send(text)
    answer = await user.reply()
    assert plain(answer.text).startswith(expected)
    assert len(answer.buttons) == 6  # the main menu
    assert text not in answer.text  # never echoed

    async def counted() -> bool:  # counted after the reply went, and never who
        return await _not_understood_count(demo_bot) == before + 1

    await eventually(counted)


async def _not_understood_count(app: DaleelApp) -> int:
    row = await app.bot_data.db.fetch_one(
        "SELECT COALESCE(SUM(count), 0) FROM question_counts WHERE topic = 'not_understood'"
    )
    return int(row[0]) if row else 0


async def test_greeting_help_language_alerts_and_camp_names(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = await resident(client, demo_bot, 38001, "ar")
    await user.send("مرحبا")
    hello = await user.reply()
    assert plain(hello.text).startswith("أهلًا بك!") and len(hello.buttons) == 6
    await user.send("ساعدني")
    assert "/forget" in (await user.reply()).text
    await user.send("اريد تغيير اللغة")
    assert "English" in (await user.reply()).button_texts
    await user.send("التنبيهات")
    assert "تنبيهاتك" in plain((await user.reply()).text)
    await user.send("خازر")  # a camp's name: offered as the resident's camp
    camps = await user.reply()
    assert any("خازر" in t for t in camps.button_texts)
    assert all(p.startswith("camp:v1:") for p in payloads(camps))


async def test_a_new_user_is_asked_for_the_language_first(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = client.user(38101)
    await user.send("متى توزيع الطحين؟")
    answer = await user.reply()
    assert {"العربية", "English"} <= set(answer.button_texts)


async def test_logs_never_carry_the_question(
    tmp_path: Path, client: SandboxClient, settings: Settings, demo_database: Path
) -> None:
    """The bot as a process at DEBUG: questions of every kind leave no trace of their words."""
    config = write_config(tmp_path / "config.toml", settings, level="DEBUG")
    user = client.user(38201)
    questions = ("Awsaja safe? Zubaida asks", "where is the clinic Zubaida", "Zubaida xyzzy")
    async with bot_process(config, client) as process:
        await choose_language(user, "en")
        for question in questions:
            await user.send(question)
            await user.reply()
        await process.stop()
    log = process.log.read_text(encoding="utf-8")
    assert "Daleel started" in log
    assert "Zubaida" not in log and "xyzzy" not in log and TOKEN not in log
