""""Is my area safe?" through the real bot on the demo database: typed names (ambiguous
or clear), the public entry points, long lists paged, forged or stale buttons, and
data from the database escaped."""

from __future__ import annotations

import pytest

from bot.domain.records import StatusRecord
from bot.importing.apply import import_parsed
from bot.importing.parse import parse
from bot.places.index import PlaceMatch
from bot.storage.areas import area_ids_by_pcode, record_status
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.safety import answers as safety
from sandbox import SandboxClient
from tests.e2e.conftest import DEMO_NOW, choose_language, plain
from tests.e2e.safety_ui import STALE_BUTTON, UI, area_id, ask_about, labels, press_plain

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
    await press_plain(user, "⬅️ Back")
    again = await user.reply(predicate=lambda m: m.event == "edited")
    assert labels(again) == labels(first)
    # Back from the first page goes up to the district's list.
    await press_plain(user, "⬅️ Back")
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
    assert plain(answer.text) == STALE_BUTTON["ar"]
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
