""""Is my area safe?" through the real bot on the demo database, as residents use it."""

from __future__ import annotations

import re

import pytest

from bot.domain.records import StatusRecord
from bot.importing.apply import import_parsed
from bot.importing.parse import parse
from bot.places.index import PlaceMatch
from bot.storage.areas import area_ids_by_pcode, record_status
from bot.storage.questions import question_counts
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.safety import answers as safety
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import DEMO_NOW, choose_language, plain

STALE_BUTTON = {
    "ar": "هذا الزر لم يعد صالحًا. أرسل /menu للبدء من جديد.",
    "en": "This button is no longer valid. Send /menu to start again.",
}

# What a native reader presses and reads, language by language.
UI = {
    "ar": {
        "menu": "⚠️ هل منطقتي آمنة؟",
        "ask": "اكتب اسم بلدتك أو قريتك، بأي لغة أو بأي طريقة كتابة.",
        "browse": "🗺️ تصفّح حسب المحافظة",
        "governorate": "نينوى", "district": "الموصل", "subdistrict": "القيارة",
        "village": "حاج علي",
        "place": "📍 حاج علي (قرية) — القيارة",
        "headline": "🔷 مُطهَّرة. طُهِّرت هذه المنطقة في 10 تشرين الثاني 2026، بحسب "
                    "Directorate of Mine Action.",
        "residual": "لكن قد يبقى بعض الخطر",
        "updated": "🗓️ آخر تحديث: 10 تشرين الثاني 2026، من Directorate of Mine Action.",
        "risk": "لا تلمس أي جسم غريب، ولا تحرّكه، ولا تلتقطه.",
        "demo": "🧪 بيانات تجريبية — ليست معلومات حقيقية.",
        "alert": "🔔 نبّهني عندما يتغيّر هذا",
        "again": "🔎 ابحث عن مكان آخر",
        "all_of": "📍 القيارة بالكامل",
    },
    "ckb": {
        "menu": "⚠️ ئایا ناوچەکەم سەلامەتە؟",
        "ask": "ناوی شارۆچکە یان گوندەکەت بنووسە",
        "browse": "🗺️ گەڕان بەپێی پارێزگا",
        "governorate": "نەینەوا", "district": "مووسڵ", "subdistrict": "قەیارە",
        "village": "حاجی عەلی",
        "place": "📍 حاجی عەلی (گوند) — قەیارە",
        "headline": "🔷 پاک کراوەتەوە. بەپێی Directorate of Mine Action، ئەم ناوچەیە لە "
                    "10ی تشرینی دووەمی 2026 پاک کراوەتەوە.",
        "residual": "لەوانەیە هەندێک مەترسی هێشتا مابێت",
        "updated": "🗓️ دوایین نوێکردنەوە: 10ی تشرینی دووەمی 2026، لەلایەن "
                   "Directorate of Mine Action.",
        "risk": "دەست لە هیچ شتێکی نەناسراو مەدە",
        "demo": "🧪 داتای تاقیکاری — زانیاریی ڕاستەقینە نییە.",
        "alert": "🔔 ئاگادارم بکەرەوە کاتێک ئەمە گۆڕا",
        "again": "🔎 بەدوای شوێنێکی تردا بگەڕێ",
        "all_of": "📍 هەموو قەیارە",
    },
    "ku": {
        "menu": "⚠️ Ma devera min ewle ye?",
        "ask": "Navê bajarok an gundê xwe binivîse",
        "browse": "🗺️ Li gorî parêzgehê bigere",
        "governorate": "Neynewa", "district": "Mûsil", "subdistrict": "Al-Qayarra",
        "village": "Hecî Elî",
        "place": "📍 Hecî Elî (gund) — Al-Qayarra",
        "headline": "🔷 Hat paqijkirin. Li gorî Directorate of Mine Action, ev dever di "
                    "10ê mijdara 2026an de hat paqijkirin.",
        "residual": "Lê dibe ku hinek xeterî hê bimîne",
        "updated": "🗓️ Nûkirina dawî: 10ê mijdara 2026an, ji aliyê Directorate of Mine Action.",
        "risk": "Destê xwe nede tiştên nenas",
        "demo": "🧪 Daneyên ceribandinê — ne agahiyên rastîn in.",
        "alert": "🔔 Dema ev biguhere, min agahdar bike",
        "again": "🔎 Li cihekî din bigere",
        "all_of": "📍 Hemû Al-Qayarra",
    },
    "en": {
        "menu": "⚠️ Is my area safe?",
        "ask": "Type the name of your town or village, in any language or spelling.",
        "browse": "🗺️ Browse by governorate",
        "governorate": "Ninewa", "district": "Al-Mosul", "subdistrict": "Al-Qayarra",
        "village": "Hajj Ali",
        "place": "📍 Hajj Ali (village) — Al-Qayarra",
        "headline": "🔷 Cleared. Directorate of Mine Action cleared this area on "
                    "November 10, 2026.",
        "residual": "Some danger can still remain: stay on roads and paths",
        "updated": "🗓️ Updated November 10, 2026 by Directorate of Mine Action.",
        "risk": "Do not touch, move or pick up unknown objects.",
        "demo": "🧪 Demo data — not real information.",
        "alert": "🔔 Alert me when this changes",
        "again": "🔎 Search another place",
        "all_of": "📍 All of Al-Qayarra",
    },
}


async def press_plain(user: SimulatedUser, label: str) -> None:
    """Press the button that reads ``label`` (direction marks aside) on the newest message
    that has one."""
    for message in reversed(await user.messages()):
        for text in message.button_texts:
            if plain(text) == label:
                await user.press(text, message_id=message.message_id)
                return
    raise LookupError(f"no button reads {label!r}")


def labels(message: BotMessage) -> list[str]:
    return [plain(text) for text in message.button_texts]


async def area_id(app: DaleelApp, pcode: str) -> int:
    return (await area_ids_by_pcode(app.bot_data.db, [pcode]))[pcode]


async def ask_about(user: SimulatedUser, pcode: str, app: DaleelApp) -> BotMessage:
    """Press an area's button as if it were on the last message (the server re-checks)."""
    last = (await user.messages())[-1]
    user.cursor = await user.client.last_seq()
    await user.client.press(user.user_id, last.message_id, f"safe:v1:area:{await area_id(app, pcode)}")
    return await user.reply(predicate=lambda m: m.event == "sent")


# --- browsing to the answer, in every language ---------------------------------------------


@pytest.mark.parametrize("code", ["ar", "ckb", "ku", "en"])
async def test_browse_governorate_district_area_answer(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    ui = UI[code]
    user = client.user(71000 + len(code) * 10 + ord(code[0]))
    await choose_language(user, code)

    await press_plain(user, ui["menu"])
    ask = await user.reply()
    assert ask.event == "sent"
    assert plain(ask.text).startswith(ui["ask"])
    assert ui["browse"] in labels(ask)

    await press_plain(user, ui["browse"])
    governorates = await user.reply(predicate=lambda m: m.event == "edited")
    assert governorates.message_id == ask.message_id  # browsing edits in place
    assert ui["governorate"] in labels(governorates)
    assert len(governorates.buttons) <= 30

    await press_plain(user, ui["governorate"])
    districts = await user.reply(predicate=lambda m: ui["district"] in labels(m))
    await press_plain(user, ui["district"])
    subdistricts = await user.reply(predicate=lambda m: ui["subdistrict"] in labels(m))
    assert districts.message_id == subdistricts.message_id
    await press_plain(user, ui["subdistrict"])
    villages = await user.reply(predicate=lambda m: ui["village"] in labels(m))
    # The sub-district itself can be asked about, apart from its villages.
    assert labels(villages)[0] == ui["all_of"]
    for button in villages.buttons:
        assert button.callback_data is not None and len(button.callback_data.encode()) <= 64

    await press_plain(user, ui["village"])
    answer = await user.reply(predicate=lambda m: m.event == "sent")
    lines = plain(answer.text).split("\n")
    assert lines[0] == ui["demo"]
    assert lines[1] == ui["place"]
    assert lines[2] == ui["headline"]
    assert ui["residual"] in lines[3]
    assert lines[4] == ui["updated"]
    assert ui["risk"] in plain(answer.text)
    # Clearance finished 14 days before the demo morning: no staleness warning.
    assert "⚠️" not in plain(answer.text)
    assert labels(answer)[:2] == [ui["alert"], ui["again"]] and len(answer.buttons) == 3
    hajj_ali = await area_id(demo_bot, "DEMO-HAJJ-ALI")
    assert answer.buttons[0].callback_data == f"alert:v1:sub_area:{hajj_ali}"
    assert answer.buttons[1].callback_data == "safe:v1:home"
    assert answer.buttons[2].callback_data == "menu:v1:home"
    # No map pin: a location would invite travel to the place.
    assert all(m.location is None and m.venue is None for m in await user.messages())


async def test_answer_in_english_reads_in_full(client: SandboxClient, demo_bot: DaleelApp) -> None:
    user = client.user(71100)
    await choose_language(user, "en")
    answer = await ask_about(user, "DEMO-HAJJ-ALI", demo_bot)
    assert plain(answer.text).split("\n") == [
        "🧪 Demo data — not real information.",
        "📍 Hajj Ali (village) — Al-Qayarra",
        "🔷 Cleared. Directorate of Mine Action cleared this area on November 10, 2026.",
        "The authority says people can return. Some danger can still remain: stay on roads "
        "and paths that people already use.",
        "🗓️ Updated November 10, 2026 by Directorate of Mine Action.",
        "📝 Note: Clearance finished and land handed over to the local council. Residual risk "
        "remains: do not touch unknown objects and report them.",
        "",
        "Stay safe:",
        "• Do not enter marked or suspected areas.",
        "• Do not touch, move or pick up unknown objects.",
        "• If you see one: mark the place from a distance if you can, go back the way you "
        "came, and tell the police or the mine action authorities.",
    ]


async def test_questions_are_counted_per_area_never_per_person(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    for user_id in (71201, 71202):
        user = client.user(user_id)
        await choose_language(user, "ar")
        await ask_about(user, "DEMO-SAFINA", demo_bot)
    safina = await area_id(demo_bot, "DEMO-SAFINA")
    counts = await question_counts(
        demo_bot.bot_data.db, since=DEMO_NOW.date(), until=DEMO_NOW.date()
    )
    assert [(c.topic, c.area_id, c.count) for c in counts if c.area_id == safina] == [
        ("safety", safina, 2)
    ]
    columns = await demo_bot.bot_data.db.fetch_all("PRAGMA table_info(question_counts)")
    assert "chat_id" not in {row[1] for row in columns}


# --- no information, unknown, stale -------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "❔ No information. We have no information about this area. "
               "That does NOT mean it is safe."),
        ("ar", "❔ لا توجد معلومات. ليست لدينا أي معلومات عن هذه المنطقة. "
               "وهذا لا يعني أبدًا أنها آمنة."),
        ("ckb", "❔ هیچ زانیارییەک نییە. هیچ زانیارییەکمان دەربارەی ئەم ناوچەیە نییە. "
                "ئەمە هەرگیز بەو مانایە نییە کە سەلامەتە."),
        ("ku", "❔ Agahî tune ye. Li ser vê deverê ti agahiyên me tune ne. "
               "Ev qet nayê wê wateyê ku ew ewle ye."),
    ],
)
async def test_area_without_information_is_never_called_safe(
    client: SandboxClient, demo_bot: DaleelApp, code: str, expected: str
) -> None:
    user = client.user(71300 + ord(code[-1]))
    await choose_language(user, code)
    # Bazwaya is a demo village with no status at all.
    answer = await ask_about(user, "DEMO-BAZWAYA", demo_bot)
    text = plain(answer.text)
    assert expected in text.split("\n")
    assert UI[code]["risk"] in text
    assert UI[code]["residual"] not in text  # nothing about returning
    if code == "en":
        leftover = text.replace("That does NOT mean it is safe.", "").replace("Stay safe:", "")
        assert not re.search(r"(?i)\bsafe\b|\bcleared\b|can return", leftover)


async def test_unknown_status_is_said_as_such(client: SandboxClient, demo_bot: DaleelApp) -> None:
    user = client.user(71400)
    await choose_language(user, "en")
    answer = await ask_about(user, "DEMO-HARDAN", demo_bot)
    text = plain(answer.text)
    assert "❔ Status unknown." in text
    assert "That does NOT mean it is safe." in text
    assert "Updated November 3, 2026 by Directorate of Mine Action." in text
    assert "can return" not in text


@pytest.mark.parametrize(
    ("code", "pcode", "warning"),
    [
        ("en", "DEMO-MAHANA",
         "⚠️ Warning: this information is 102 days old and may be out of date."),
        ("ar", "DEMO-MAHANA", "⚠️ تنبيه: مضى 102 يوم على هذه المعلومات، وقد لا تكون محدَّثة."),
        ("ar", "DEMO-IMAM-GHARBI",
         "⚠️ تنبيه: مضى 55 يومًا على هذه المعلومات، وقد لا تكون محدَّثة."),
        ("ckb", "DEMO-IMAM-GHARBI",
         "⚠️ ئاگاداربە: ئەم زانیارییە هی 55 ڕۆژ لەمەوبەرە و لەوانەیە ئێستا ڕاست نەبێت."),
        ("ku", "DEMO-MAHANA",
         "⚠️ Hişyar be: ev agahî ya berî 102 rojan e û dibe ku êdî ne rast be."),
    ],
)
async def test_stale_status_warns(
    client: SandboxClient, demo_bot: DaleelApp, code: str, pcode: str, warning: str
) -> None:
    user = client.user(71500 + ord(code[-1]) + len(pcode))
    await choose_language(user, code)
    answer = await ask_about(user, pcode, demo_bot)
    assert warning in plain(answer.text).split("\n")
    assert UI[code]["risk"] in plain(answer.text)


async def test_recent_status_has_no_warning(client: SandboxClient, demo_bot: DaleelApp) -> None:
    user = client.user(71600)
    await choose_language(user, "en")
    answer = await ask_about(user, "DEMO-KOCHO", demo_bot)  # 4 days old
    assert "Warning" not in plain(answer.text)
    assert "🚧 Clearance in progress." in plain(answer.text)


# --- typed names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "typed", "town", "subdistrict"),
    [
        ("ar", "القيارة", "القيارة (بلدة) — الموصل", "القيارة (ناحية) — الموصل"),
        ("en", "Qayyarah", "Qayyarah (town) — Al-Qayarra", "Al-Qayarra (sub-district) — Al-Mosul"),
        ("ckb", "قەیارە", "قەیارە (شارۆچکە) — مووسڵ", "قەیارە (ناحیە) — مووسڵ"),
    ],
)
async def test_ambiguous_name_offers_choices_then_answers(
    client: SandboxClient, demo_bot: DaleelApp, *, code: str, typed: str, town: str,
    subdistrict: str,
) -> None:
    user = client.user(71700 + ord(code[-1]))
    await choose_language(user, code)
    await user.send(typed)
    choice = await user.reply()
    assert town in labels(choice) and subdistrict in labels(choice)
    assert len(choice.buttons) <= 6  # at most five places, and the browse button
    await press_plain(user, town)
    answer = await user.reply(predicate=lambda m: m.event == "sent")
    text = plain(answer.text)
    assert text.split("\n")[1] == f"📍 {town}"
    assert "UNMAS partner" in text
    assert UI[code]["risk"] in text


async def test_a_clear_name_answers_at_once(client: SandboxClient, demo_bot: DaleelApp) -> None:
    user = client.user(71800)
    await choose_language(user, "en")
    await user.send("Hajji Ali")
    answer = await user.reply()
    assert plain(answer.text).split("\n")[1] == UI["en"]["place"]


async def test_public_entry_points_for_the_free_text_feature(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    """What answer_place_matches does with no match, a weak match and a vanished area."""
    user = client.user(71801)
    await choose_language(user, "en")
    context = DaleelContext(demo_bot, chat_id=user.chat_id, user_id=user.user_id)
    context.use(None, demo_bot.bot_data.catalogues.translator("en"))
    not_found = (
        "I could not find that place. Try another spelling, or browse the list by governorate."
    )

    user.cursor = await client.last_seq()
    await safety.answer_place_matches(user.chat_id, [], context)
    answer = await user.reply()
    assert plain(answer.text) == not_found
    assert UI["en"]["browse"] in labels(answer)

    # An area that no longer exists is never offered.
    user.cursor = await client.last_seq()
    await safety.answer_place_matches(
        user.chat_id, [PlaceMatch(999999, 1.0, "Gone", exact=True)], context
    )
    assert plain((await user.reply()).text) == not_found
    user.cursor = await client.last_seq()
    await safety.answer_area(user.chat_id, 999999, context)
    assert plain((await user.reply()).text) == not_found

    # A single weak match is asked about, not answered.
    mahana = await area_id(demo_bot, "DEMO-MAHANA")
    user.cursor = await client.last_seq()
    await safety.answer_place_matches(
        user.chat_id, [PlaceMatch(mahana, 0.7, "Mahana", exact=False)], context
    )
    choice = await user.reply()
    assert plain(choice.text) == "Did you mean one of these places? Choose one."
    assert labels(choice) == ["Mahana (village) — Qaraj", UI["en"]["browse"]]

    # Never more than five choices, each place once.
    ids = await area_ids_by_pcode(demo_bot.bot_data.db)
    many = [PlaceMatch(ids[p], 0.6, p, exact=False) for p in sorted(ids)[:8]]
    user.cursor = await client.last_seq()
    await safety.answer_place_matches(user.chat_id, many + many, context)
    assert len((await user.reply()).buttons) == 6


# --- paging, forged buttons, data from the database ----------------------------------------


async def test_long_lists_page(client: SandboxClient, demo_bot: DaleelApp) -> None:
    rows = "\n".join(
        f"TEST-V{i:02d},village,IQG15Q05N03,,,,Village {i:02d},,,,no" for i in range(1, 26)
    )
    data = ("pcode,level,parent_pcode,name_ar,name_ckb,name_ku,name_en,aliases,lat,lon,demo\n"
            + rows + "\n").encode()
    report = await import_parsed(demo_bot.bot_data.db, "areas", parse("areas", data))
    assert report.applied
    bashiqa = await area_id(demo_bot, "IQG15Q05N03")
    user = client.user(71900)
    await choose_language(user, "en")
    await ask_about(user, "DEMO-BAZWAYA", demo_bot)  # any message with buttons to press on
    last = (await user.messages())[-1]
    user.cursor = await client.last_seq()
    await client.press(user.user_id, last.message_id, f"safe:v1:list:{bashiqa}:0")
    first = await user.reply()
    names = [t for t in labels(first) if t.startswith("Village ")]
    assert names == [f"Village {i:02d}" for i in range(1, 21)]
    assert labels(first)[0] == "📍 All of Bashiqa"
    assert "More ›" in labels(first) and len(first.buttons) <= 30
    await press_plain(user, "More ›")
    second = await user.reply(predicate=lambda m: m.event == "edited")
    assert [t for t in labels(second) if t.startswith("Village ")] == [
        f"Village {i:02d}" for i in range(21, 26)
    ]
    assert "More ›" not in labels(second)
    await press_plain(user, "‹ Back")
    again = await user.reply(predicate=lambda m: m.event == "edited")
    assert labels(again) == labels(first)
    # Back from the first page goes up to the district's list.
    await press_plain(user, "‹ Back")
    up = await user.reply(predicate=lambda m: m.event == "edited")
    assert "Bashiqa" in labels(up) and "Al-Qayarra" in labels(up)


@pytest.mark.parametrize(
    "payload",
    [
        "safe:v1:area:999999",
        "safe:v1:area:abc",
        "safe:v1:area:",
        "safe:v1:area:-5",
        "safe:v1:area:1:2",
        "safe:v1:area:0",
        "safe:v1:list:999999:0",
        "safe:v1:list:15:99",
        "safe:v1:list:15",
        "safe:v1:govs:5",
        "safe:v1:govs:x",
        "safe:v1:sub_area:15",  # another feature's action
        "safe:v1:svc:3",
        "safe:v1:menu",
        "safe:v2:area:15",
        "safe:v1:area:" + "9" * 40,
    ],
)
async def test_forged_or_stale_buttons(
    client: SandboxClient, demo_bot: DaleelApp, payload: str
) -> None:
    user = client.user(72000)
    menu = await choose_language(user, "ar")
    mark = await client.last_seq()
    query_id = await client.press(user.user_id, menu.message_id, payload)
    answer = await client.wait_callback_answer(query_id)
    assert answer.text == STALE_BUTTON["ar"]
    # The bot is still there, the real buttons still work, and the forged press sent
    # nothing: the only message since is the real answer.
    answer_message = await ask_about(user, "DEMO-HAJJ-ALI", demo_bot)
    assert "حاج علي" in plain(answer_message.text)
    events = await client.events(user.chat_id, after_seq=mark)
    assert [e.message_id for e in events] == [answer_message.message_id]


async def test_data_from_the_database_is_escaped(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    village = await area_id(demo_bot, "DEMO-TEL-QASAB")
    async with db.transaction() as conn:
        await record_status(
            conn,
            village,
            StatusRecord("DEMO-TEL-QASAB", "cleared", DEMO_NOW.date(), "<b>DMA & co</b>",
                         "Fields <i>north</i> & south; 3 < 4", False),
            origin="operator", recorded_by="test", confirmed_by="test2",
            now=DEMO_NOW.isoformat(),
        )
    for code in ("en", "ar"):
        user = client.user(72100 + ord(code[0]))
        await choose_language(user, code)
        answer = await ask_about(user, "DEMO-TEL-QASAB", demo_bot)
        text = plain(answer.text)
        assert "<b>DMA & co</b>" in text
        assert "Fields <i>north</i> & south; 3 < 4" in text
        assert answer.raw_text is not None and "&lt;b&gt;DMA &amp; co&lt;/b&gt;" in answer.raw_text
        assert UI[code]["risk"] in text
