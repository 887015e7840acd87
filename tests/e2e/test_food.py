"""Food distributions as a resident sees them: the next one for their camp and sector,
postponed and cancelled rounds with reasons, the whole camp, upcoming dates, and what to
do when left off the list; escaping, message length, forged buttons, counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from bot.camps.reminders import days_until
from bot.domain.records import DistributionRecord, Texts
from bot.i18n.catalogues import Catalogues, default_locales_dir
from bot.storage.camps import sector_ids, upsert_distributions
from bot.storage.questions import question_counts
from bot.storage.services_food import camp_distributions
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SandboxClient
from tests.e2e.camp_ui import (
    LANGS,
    NNBSP,
    SERVICE_TEXTS,
    WORDS,
    camp_ids,
    forged,
    has_button,
    pick_camp,
    press,
    resident_in,
    sector_id,
    stored,
)
from tests.e2e.conftest import DEMO_NOW, choose_language, plain


@dataclass(frozen=True)
class Expected:
    title_c: str
    when_c: str
    time: str
    items: str
    bring: str
    planned: str
    postponed: str  # the start of the postponed line, with the reason from the data
    no_new_date: str
    left_off_button: str
    left_off: str  # the start of Debaga's own answer
    back: str


EXPECTED = {
    "ar": Expected(
        "توزيع الغذاء: ديبكة 1 (الرئيسي)، القطاع C",
        "📅 26 تشرين الثاني 2026 (بعد يومين)",
        "🕒 من الساعة 9:00 ص إلى 1:00 م",
        "🧺 السلة الغذائية للعائلة: طحين 50 كغم",
        "🪪 أحضر معك: البطاقة التموينية",
        "✅ مقرَّر",
        "⚠️ تأجَّل. السبب: تأخرت الشاحنات عند نقطة تفتيش.",
        "لم يُعلَن عن موعد جديد بعد.",
        "❓ حُذف اسمي من القائمة / أُوقفت بطاقة الغذاء",
        "إذا حُذف اسم عائلتك من قائمة توزيع المواد الغذائية",
        "➡️ رجوع",
    ),
    "ckb": Expected(
        "دابەشکردنی خۆراک: دیبەگە 1، کەرتی C",
        "📅 26ی تشرینی دووەمی 2026 (دوای 2 ڕۆژ)",
        "🕒 لە کاتژمێر 9:00 ب.ن تا 1:00 د.ن",
        "🧺 سەبەتەی خۆراکی خێزان: ئارد 50 کگم",
        "🪪 لەگەڵ خۆت بهێنە: کارتی خۆراک",
        "✅ دیاریکراوە",
        "⚠️ دواخرا. هۆکار: بارهەڵگرەکان لە خاڵێکی پشکنین دواکەوتن.",
        "هێشتا ژوانی نوێ ڕانەگەیەنراوە.",
        "❓ ناوم لە لیستەکە لابرا / کارتی خۆراکەکەم ڕاگیرا",
        "ئەگەر ناوی خێزانەکەت لە لیستی دابەشکردنی خۆراک سڕابێتەوە",
        "➡️ گەڕانەوە",
    ),
    "ku": Expected(
        "Belavkirina xwarinê: Dîbege 1, sektora C",
        "📅 26 Çiriya Duyê 2026 (piştî 2 rojan)",
        "🕒 ji saet 09:00 heta 13:00",
        "🧺 Sepeta xwarinê ya malbatê: ard 50 kg",
        "🪪 Bi xwe re bîne: Karta xwarinê",
        "✅ Plankirî ye",
        "⚠️ Hat paşxistin. Sedem: Kamyon li nuqteyeke kontrolê hatin rawestandin.",
        "Hîn dîrokeke nû nehatiye ragihandin.",
        "❓ Navê min ji lîsteyê hat jêbirin / karta min a xwarinê hat rawestandin",
        "Eger navê malbata te ji lîsteya belavkirina xwarinê hatibe jêbirin",
        "⬅️ Paş",
    ),
    "en": Expected(
        "Food distribution: Debaga 1, sector C",
        "📅 November 26, 2026 (in 2 days)",
        f"🕒 from 9:00{NNBSP}AM to 1:00{NNBSP}PM",
        "🧺 Family food basket: wheat flour 50 kg",
        "🪪 Bring: Ration card",
        "✅ Planned",
        "⚠️ Postponed. Reason: The trucks were held up at a checkpoint.",
        "No new date has been announced yet.",
        "❓ I was left off the list / my card was stopped",
        "If your family was dropped from the food distribution list",
        "⬅️ Back",
    ),
    "kmr_Arab": Expected(
        "بەلاڤکرنا خوارنێ: دیبەگە 1، سێکتەرا C",
        "📅 26 چریا دووێ 2026 (پشتی 2 رۆژان)",
        "🕒 ژ دەمژمێر 09:00 هەتا 13:00",
        "🧺 سەبەتەی خۆراکی خێزان: ئارد 50 کگم",
        "🪪 دگەل خۆ بینە: کارتی خۆراک",
        "✅ پلانکرییە",
        "⚠️ هاتە پاشخستن. سەدەم: بارهەڵگرەکان لە خاڵێکی پشکنین دواکەوتن.",
        "هێشتا دیرۆکەکا نوو نەهاتیە راگەهاندن.",
        "❓ ناڤێ من ژ لیستێ هاتیە لادان / کارتا من هاتیە راوەستاندن",
        "ئەگەر ناوی خێزانەکەت لە لیستی دابەشکردنی خۆراک سڕابێتەوە",
        "➡️ پاشڤە",
    ),
}


def food_screen(fragment: str) -> object:
    return lambda m: fragment in plain(m.text)


@pytest.mark.parametrize("code", LANGS)
async def test_food_for_my_sector_postponed_and_left_off(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    words, expected = WORDS[code], EXPECTED[code]
    user = client.user(13000 + LANGS.index(code))
    await choose_language(user, code)
    # Food before any camp: the camp question comes first, then the food answer.
    await user.press(words.food)
    picker = await user.reply()
    assert plain(picker.text) == words.picker
    await pick_camp(user, code, words.erbil, words.debaga, "C")
    food = await user.reply(predicate=food_screen(expected.title_c))
    lines = plain(food.text).split("\n")
    assert lines[0] == expected.title_c
    assert expected.when_c in lines
    assert expected.time in lines
    assert any(line.startswith(expected.items) for line in lines)
    assert any(line.startswith(expected.bring) for line in lines)
    assert expected.planned in lines
    assert expected.left_off_button in [plain(t) for t in food.button_texts]
    # Sector D's postponed round is not sector C's business.
    assert expected.postponed not in plain(food.text)

    await press(user, expected.left_off_button)
    left_off = await user.reply(predicate=food_screen(expected.left_off))
    assert left_off.message_id == food.message_id
    assert "6999" in left_off.text
    await press(user, expected.back)
    await user.reply(predicate=food_screen(expected.title_c))

    # Sector D: its round of tomorrow is postponed, with the reason the data gives.
    await user.send("/camp")
    await user.reply(predicate=has_button(words.erbil))
    await pick_camp(user, code, words.erbil, words.debaga, "D")
    await user.reply(predicate=lambda m: len(m.buttons) == 6)
    await user.press(words.food)
    postponed = await user.reply(predicate=food_screen(expected.postponed))
    text = plain(postponed.text)
    assert expected.no_new_date in text
    assert SERVICE_TEXTS[code].demo in text


async def test_cancelled_round_today(client: SandboxClient, demo_bot: DaleelApp) -> None:
    words = WORDS["en"]
    user = client.user(13101)
    await resident_in(user, "en", words.ninewa, words.khazer, "B")
    await user.press(words.food)
    food = await user.reply(predicate=food_screen("Food distribution: Khazer M1, sector B"))
    text = plain(food.text)
    assert "📅 November 24, 2026 (today)" in text
    assert "❌ Cancelled. Reason: This round is replaced by cash assistance." in text


async def test_whole_camp_round_counts_for_every_sector(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    words = WORDS["ar"]
    user = client.user(13102)
    await resident_in(user, "ar", words.duhok, words.khanke, "A")
    await user.press(words.food)
    food = await user.reply(predicate=food_screen("التوزيعات: خانكه، القطاع A"))
    lines = plain(food.text).split("\n")
    # Sector A's own round is done; the kerosene round for the whole camp is next.
    assert "📅 3 كانون الأول 2026 (بعد 9 أيام)" in lines
    assert "👥 المخيم كله" in lines
    assert any(line.startswith("🧺 نفط أبيض للمدافئ") for line in lines)


async def test_without_a_sector_every_sector_and_upcoming(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    words = WORDS["en"]
    user = client.user(13103)
    await resident_in(user, "en", words.erbil, words.debaga, "")
    await user.press(words.food)
    food = await user.reply(predicate=food_screen("Food distribution: Debaga 1"))
    text = plain(food.text)
    assert text.startswith("Food distribution: Debaga 1\n\n⚠️ Postponed.")
    assert "📅 November 25, 2026 (tomorrow)" in text  # sector D's, postponed
    assert "👥 Sector D" in text
    assert "Next distribution\n🍞 Food basket\n📅 November 26, 2026 (in 2 days)" in text
    assert "send /camp" in text
    await press(user, "📅 November 25, 2026: sector D")
    detail = await user.reply(predicate=food_screen("👥 Sector D"))
    assert "🧺 Family food basket" in plain(detail.text)
    assert plain(detail.text).split("\n")[1].startswith("⚠️ Postponed.")  # what happened first
    await press(user, "⬅️ Back")
    await user.reply(predicate=food_screen("Next distribution"))


async def test_camp_without_distributions_or_own_answer(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    words = WORDS["ckb"]
    user = client.user(13104)
    await resident_in(user, "ckb", words.erbil, words.baharka, None)
    await user.press(words.food)
    food = await user.reply(predicate=food_screen("دابەشکردنی خۆراک: بەحرکە"))
    assert "لە ئێستادا هیچ دابەشکردنێکی خۆراک بۆ کەمپەکەت دیاری نەکراوە." in plain(food.text)
    await press(user, EXPECTED["ckb"].left_off_button)
    general = await user.reply(predicate=food_screen("6999"))
    text = plain(general.text)
    assert "نووسینگەی بەڕێوەبردنی کەمپ" in text
    assert "هیچ پارەیەک بە هیچ کەسێک مەدە" in text  # never pay anyone


async def test_postponed_round_shows_the_next_planned_date(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    ids = {code: camp.id for code, camp in (await camp_ids(demo_bot)).items()}
    later = DistributionRecord(
        camp_code="debaga-1", code="2026-12-02-d-food", sector="D",
        date=datetime.date(2026, 12, 2), starts=datetime.time(9), ends=datetime.time(13),
        points=Texts(), items=Texts(en="Family food basket"), bring=Texts(),
        status="planned", reasons=Texts(), demo=False,
    )
    async with db.transaction() as conn:
        await upsert_distributions(conn, [later], ids, await sector_ids(db), "now")
    words = WORDS["en"]
    user = client.user(13108)
    await resident_in(user, "en", words.erbil, words.debaga, "D")
    await user.press(words.food)
    food = await user.reply(predicate=food_screen("Postponed"))
    text = plain(food.text)
    assert "Next planned date: December 2, 2026." in text
    assert "No new date" not in text
    assert "Next distribution\n🍞 Food basket\n📅 December 2, 2026 (in 8 days)" in text


def long_round(i: int, sector: str) -> DistributionRecord:
    big = ("<b>&amp; </i> " * 100)[:1000]
    return DistributionRecord(
        camp_code="debaga-1", code=f"long-{i}", sector=sector,
        date=DEMO_NOW.date() + datetime.timedelta(days=3 + i),
        starts=datetime.time(9), ends=datetime.time(13),
        points=Texts(en=big), items=Texts(en=big), bring=Texts(en=big),
        status="postponed", reasons=Texts(en=big), demo=False,
    )


async def test_longest_texts_fit_and_markup_is_text(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    ids = {code: camp.id for code, camp in (await camp_ids(demo_bot)).items()}
    async with db.transaction() as conn:
        await upsert_distributions(
            conn, [long_round(i, "A") for i in range(8)], ids, await sector_ids(db), "now"
        )
    words = WORDS["en"]
    user = client.user(13105)
    await resident_in(user, "en", words.erbil, words.debaga, "A")
    await user.press(words.food)
    food: BotMessage = await user.reply(predicate=food_screen("Postponed"))
    assert len(food.text) <= 4096
    assert "<b>&amp; </i>" in food.text  # literally, as staff wrote it
    await press(user, "📅 November 28, 2026: sector A")
    detail = await user.reply(predicate=food_screen("November 28, 2026"))
    assert len(detail.text) <= 4096
    assert "⚠️ Postponed. Reason: <b>&amp; </i>" in plain(detail.text)


async def test_forged_food_buttons_are_stale(client: SandboxClient, demo_bot: DaleelApp) -> None:
    words = WORDS["en"]
    user = client.user(13106)
    await resident_in(user, "en", words.erbil, words.debaga, "C")
    before = await stored(demo_bot, user)
    db = demo_bot.bot_data.db
    camps = await camp_ids(demo_bot)
    khazer = await camp_distributions(db, camps["khazer-m1"].id, None, DEMO_NOW.date())
    debaga_d = await camp_distributions(
        db, camps["debaga-1"].id, await sector_id(demo_bot, "debaga-1", "D"), DEMO_NOW.date()
    )
    for data in (
        "food:v1:show:999999",
        "food:v1:show:abc",
        f"food:v1:show:{khazer[0].id}",  # another camp's round
        f"food:v1:show:{debaga_d[0].id}",  # another sector's round
        "food:v1:left:1",
        "food:v1:home:1",
        "food:v1:eat",
    ):
        assert await forged(client, user, data) == words.stale, data
    assert await stored(demo_bot, user) == before


async def test_food_questions_are_counted_per_camp_only(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    words = WORDS["ku"]
    user = client.user(13107)
    await resident_in(user, "ku", words.erbil, words.debaga, "C")
    await user.press(words.food)
    await user.reply(predicate=food_screen("Belavkirina xwarinê: Dîbege 1"))
    await press(user, EXPECTED["ku"].left_off_button)
    await user.reply(predicate=food_screen(EXPECTED["ku"].left_off))
    day = DEMO_NOW.date()
    debaga = (await camp_ids(demo_bot))["debaga-1"].id
    counts = {
        (c.topic, c.camp_id, c.area_id): c.count
        for c in await question_counts(demo_bot.bot_data.db, since=day, until=day)
    }
    assert counts == {("food", debaga, 0): 1, ("left_off", debaga, 0): 1}


@pytest.mark.parametrize(
    ("code", "days", "expected"),
    [
        ("ar", 0, "اليوم"),
        ("ar", 1, "غدًا"),
        ("ar", 2, "بعد يومين"),
        ("ar", 3, "بعد 3 أيام"),
        ("ar", 11, "بعد 11 يومًا"),
        ("ar", 100, "بعد 100 يوم"),
        ("ckb", 5, "دوای 5 ڕۆژ"),
        ("ku", 2, "piştî 2 rojan"),
        ("en", 3, "in 3 days"),
        ("en", 1, "tomorrow"),
    ],
)
def test_days_until_in_words(code: str, days: int, expected: str) -> None:
    catalogues = Catalogues.load(default_locales_dir(), ZoneInfo("Asia/Baghdad"))
    today = datetime.date(2026, 11, 24)
    tr = catalogues.translator(code)
    assert plain(days_until(tr, today + datetime.timedelta(days=days), today)) == expected
