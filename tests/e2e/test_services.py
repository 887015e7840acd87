"""Camp services as a resident sees them: categories, list, detail with "open now" in camp
time, a venue when the service has coordinates; escaping, paging, forged buttons."""

from __future__ import annotations

import datetime

import pytest

from bot.domain.records import ServiceRecord, Texts
from bot.i18n.bidi import LRI, PDI
from bot.storage.camps import upsert_services
from bot.storage.questions import question_counts
from bot.storage.residents import get_resident
from bot.storage.services_food import services_in_category
from handlers.camp.services import show_services
from handlers.kit.context import DaleelApp, DaleelContext
from sandbox import SandboxClient, SimulatedUser
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
    stored,
)
from tests.e2e.conftest import DEMO_NOW, choose_language, plain


async def open_detail(user: SimulatedUser, category: str, name: str) -> None:
    await press(user, category)
    await user.reply(predicate=has_button(name))
    await press(user, name)


@pytest.mark.parametrize("code", LANGS)
async def test_services_ask_for_the_camp_then_show_detail_and_venue(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    words, expected = WORDS[code], SERVICE_TEXTS[code]
    user = client.user(12000 + LANGS.index(code))
    await choose_language(user, code)
    # No camp yet: the services button asks for it first, then goes on to the services.
    await user.press(words.services)
    picker = await user.reply()
    assert plain(picker.text) == words.picker
    await pick_camp(user, code, words.erbil, words.debaga, "B")
    home = await user.reply(predicate=has_button(expected.health))
    assert words.debaga in plain(home.text)

    await press(user, expected.health)
    listing = await user.reply(predicate=has_button(expected.clinic))
    assert expected.clinic in plain(listing.text)
    assert expected.open_now in plain(listing.text)
    assert expected.demo in plain(listing.text).split("\n\n")  # the list says demo data too

    await press(user, expected.clinic)
    detail = await user.reply(predicate=lambda m: expected.location in plain(m.text))
    lines = plain(detail.text).split("\n")
    assert lines[0] == expected.clinic
    assert lines[1:4] == [expected.location, expected.hours, expected.open_now]
    assert lines[4] == "📞 +964 750 000 0110"
    assert expected.demo in lines
    # The phone number stays left-to-right inside a right-to-left line.
    assert detail.raw_text is not None and f"{LRI}+964 750 000 0110{PDI}" in detail.raw_text
    venue = await user.reply(predicate=lambda m: m.venue is not None)
    assert venue.venue is not None
    assert (venue.venue.latitude, venue.venue.longitude) == (35.863, 43.755)
    assert venue.venue.title == expected.clinic
    assert venue.venue.address == expected.location.removeprefix("📍 ")


async def test_closed_service_and_no_venue_without_coordinates(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    words = WORDS["en"]
    user = client.user(12101)
    await resident_in(user, "en", words.erbil, words.debaga, "B")
    await user.press(words.services)
    await user.reply(predicate=has_button("⛺ Shelter and household items"))
    await open_detail(user, "⛺ Shelter and household items", "Shelter and household items desk")
    detail = await user.reply(predicate=lambda m: "📍" in m.text)
    text = plain(detail.text)
    assert f"🕒 Monday and Wednesday, from 9:00{NNBSP}AM to 12:00{NNBSP}PM" in text
    assert f"⛔ Closed now. Opens tomorrow at 9:00{NNBSP}AM." in text
    assert "📞" not in text  # no phone in the data: no empty line for it
    mark = detail.seq
    await press(user, "⬅️ Back")
    back = await user.reply(predicate=has_button("Shelter and household items desk"))
    between = await client.events(user.chat_id, after_seq=mark)
    assert [m for m in between if m.seq < back.seq and m.kind == "venue"] == []


async def test_opening_follows_the_camp_clock(client: SandboxClient, demo_bot: DaleelApp) -> None:
    words = WORDS["ar"]
    user = client.user(12102)
    await resident_in(user, "ar", words.erbil, words.debaga, "B")
    # Thursday 16:00 in the camp: the clinic (Sunday to Thursday) next opens on Sunday.
    demo_bot.bot_data.clock = lambda: datetime.datetime(
        2026, 11, 26, 16, 0, tzinfo=DEMO_NOW.tzinfo
    )
    await user.press(words.services)
    await user.reply(predicate=has_button("🩺 الصحة"))
    await open_detail(user, "🩺 الصحة", "مركز الرعاية الصحية الأولية")
    detail = await user.reply(predicate=lambda m: "📍" in m.text)
    assert "⛔ مغلق الآن. يفتح يوم الأحد الساعة 8:00 ص." in plain(detail.text)
    # 05:30 UTC on Wednesday is 08:30 in the camp: open (in UTC it would not be yet).
    demo_bot.bot_data.clock = lambda: datetime.datetime(2026, 11, 25, 5, 30, tzinfo=datetime.UTC)
    await press(user, "➡️ رجوع")
    listing = await user.reply(predicate=has_button("مركز الرعاية الصحية الأولية"))
    assert "✅ مفتوح الآن حتى الساعة 3:00 م" in plain(listing.text)


def hostile(camp: str, i: int) -> ServiceRecord:
    """A service whose texts look like markup, with the longest texts an import allows."""
    return ServiceRecord(
        camp_code=camp, code=f"hostile-{i:02d}", category="other",
        names=Texts(en=f"<b>& Clinic {i:02d}"),
        locations=Texts(en=("<script>&amp;</i> " * 60)[:1000]),
        notes=Texts(en="&" * 1000),
        days=frozenset({0, 1, 2, 3, 6}), opens=datetime.time(8), closes=datetime.time(15),
        phone="+964 750 000 0999", lat=None, lon=None, demo=False,
    )


async def test_markup_in_data_is_shown_as_text_and_lists_page(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    async with db.transaction() as conn:
        ids = {code: camp.id for code, camp in (await camp_ids(demo_bot)).items()}
        await upsert_services(conn, [hostile("debaga-1", i) for i in range(23)], ids, "now")
    words = WORDS["ckb"]
    user = client.user(12103)
    await resident_in(user, "ckb", words.erbil, words.debaga, "C")
    await user.press(words.services)
    await user.reply(predicate=has_button("📌 خزمەتگوزارییەکانی تر"))
    await press(user, "📌 خزمەتگوزارییەکانی تر")
    page = await user.reply(predicate=has_button("<b>& Clinic 00"))
    assert "پەڕەی 1 لە 3" in plain(page.text)
    assert "تاقیکاری" not in page.text  # real data: no demo notice
    assert "<b>& Clinic 09" in page.text and "<b>& Clinic 10" not in page.text
    more = demo_bot.bot_data.catalogues.translator("ckb").gettext("More ›")
    await press(user, plain(more))
    page = await user.reply(predicate=has_button("<b>& Clinic 10"))
    assert "پەڕەی 2 لە 3" in plain(page.text)
    await press(user, "<b>& Clinic 12")
    detail = await user.reply(predicate=lambda m: "<b>& Clinic 12" in m.text)
    assert "<script>&amp;</i>" in detail.text  # shown literally, not interpreted
    assert len(detail.text) <= 4096
    assert detail.text.count("&") > 500  # the notes are there, cut to fit if need be
    assert "تاقیکاری" not in detail.text  # real data: no demo notice


async def test_forged_service_buttons_are_stale(client: SandboxClient, demo_bot: DaleelApp) -> None:
    words = WORDS["en"]
    user = client.user(12104)
    await resident_in(user, "en", words.erbil, words.debaga, "A")
    before = await stored(demo_bot, user)
    camps = await camp_ids(demo_bot)
    other = await services_in_category(demo_bot.bot_data.db, camps["khazer-m1"].id, "health")
    mine = await services_in_category(demo_bot.bot_data.db, camps["debaga-1"].id, "health")
    for data in (
        "svc:v1:show:999999",
        "svc:v1:show:abc",
        "svc:v1:show",
        f"svc:v1:show:{other[0].id}",  # a clinic of ANOTHER camp
        f"svc:v1:show:{mine[0].id}:{other[0].id}",
        "svc:v1:cat:nonsense",
        "svc:v1:cat:health:abc",
        "svc:v1:home:extra",
        "svc:v1:delete:1",
    ):
        assert await forged(client, user, data) == words.stale, data
    assert await stored(demo_bot, user) == before
    # The resident's own clinic still opens.
    await forged(client, user, f"svc:v1:show:{mine[0].id}")
    detail = await user.reply(predicate=lambda m: "Primary health care centre" in m.text)
    assert "Near the main gate" in detail.text


async def test_free_text_entry_opens_a_category_and_counts(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    """What the free-text feature calls for "where is the clinic?"."""
    words = WORDS["ku"]
    user = client.user(12105)
    await resident_in(user, "ku", words.erbil, words.debaga, "D")
    db = demo_bot.bot_data.db
    context = DaleelContext(demo_bot, chat_id=user.chat_id, user_id=user.user_id)
    context.use(await get_resident(db, user.chat_id), demo_bot.bot_data.catalogues.translator("ku"))
    await show_services(user.chat_id, context, "health")
    listing = await user.reply()
    assert plain(listing.text).startswith("🩺 Tenduristî li Dîbege 1")
    await show_services(user.chat_id, context, "no-such-category")
    home = await user.reply()
    assert "Xizmetên li Dîbege 1" in plain(home.text)

    day = DEMO_NOW.date()
    counts = [
        c for c in await question_counts(db, since=day, until=day) if c.topic == "services"
    ]
    debaga = (await camp_ids(demo_bot))["debaga-1"].id
    assert [(c.camp_id, c.area_id, c.count) for c in counts] == [(debaga, 0, 2)]
