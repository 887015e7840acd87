"""Announcements through the real bot: each audience, in several languages, exactly who
received what; escaping; the length limit named per language; one send per press."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.config import Settings
from bot.storage.areas import area_ids_by_pcode
from bot.storage.audit import recent
from bot.storage.camps import camp_ids_by_code, sector_ids
from bot.storage.outbox import list_broadcasts
from bot.storage.residents import set_active
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient, SimulatedUser
from tests.e2e.conftest import DEMO_NOW, choose_language, plain, run_bot
from tests.e2e.staffing import (
    HEADERS,
    STAFF,
    Aud,
    MovingClock,
    announcements,
    broadcast_id_of,
    compose,
    make_staff,
    resident,
    wait_report,
)

pytestmark = pytest.mark.usefixtures("fast_progress")

TEXTS = {
    "ar": "سيُقطع الماء غدًا في القطاع أ.",
    "ckb": "سبەینێ ئاو لە کەرتی A دەبڕدرێت.",
    "ku": "Sibê av li sektora A tê birîn.",
    "en": "Water will be cut tomorrow in sector A.",
}


@dataclass(frozen=True)
class Camp:
    ids: dict[str, int]
    debaga: int
    khazer: int
    debaga_a: int
    debaga_b: int
    qayarra: int  # the sub-district of Al-Qayarra
    hajj_ali: int  # a village in it
    qayyarah_town: int  # the town, also in it
    sinjar: int


@pytest.fixture
async def camp(client: SandboxClient, demo_bot: DaleelApp) -> Camp:
    """A staff member and a population of residents in four languages, each in or out of
    each audience for a reason."""
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    sectors = await sector_ids(db)
    areas = await area_ids_by_pcode(db)
    c = Camp(
        ids=camps,
        debaga=camps["debaga-1"],
        khazer=camps["khazer-m1"],
        debaga_a=sectors[(camps["debaga-1"], "A")],
        debaga_b=sectors[(camps["debaga-1"], "B")],
        qayarra=areas["IQG15Q05N01"],
        hajj_ali=areas["DEMO-HAJJ-ALI"],
        qayyarah_town=areas["GN99003"],
        sinjar=areas["IQG15Q07"],
    )
    await make_staff(db)
    await choose_language(client.user(STAFF), "en")
    # 601-604: Debaga 1 in four languages; 605: Khazer; 606: no camp chosen.
    await resident(client, db, 601, "ar", camp=c.debaga, sector=c.debaga_a, camp_news=True,
                   areas=(c.hajj_ali,))
    await resident(client, db, 602, "ckb", camp=c.debaga, sector=c.debaga_b, camp_news=True,
                   areas=(c.qayyarah_town,))
    await resident(client, db, 603, "ku", camp=c.debaga, sector=c.debaga_a)  # news off
    await resident(client, db, 604, "en", camp=c.debaga, sector=None, camp_news=True)
    await resident(client, db, 605, "ar", camp=c.khazer, camp_news=True, areas=(c.sinjar,))
    await resident(client, db, 606, "ku", camp_news=True, areas=(c.hajj_ali,))
    # Never reached: 607 sent /stop, 608 blocked the bot.
    await resident(client, db, 607, "ar", camp=c.debaga, sector=c.debaga_a, camp_news=True,
                   areas=(c.hajj_ali,), paused=True)
    await resident(client, db, 608, "ckb", camp=c.debaga, sector=c.debaga_a, camp_news=True,
                   areas=(c.hajj_ali,))
    assert await set_active(db, 608, False)
    return c


LANGUAGE_OF = {601: "ar", 602: "ckb", 603: "ku", 604: "en", 605: "ar", 606: "ku", 607: "ar",
               608: "ckb", STAFF: "en"}  # staff read Daleel too: they are residents as well
EVERYONE = tuple(LANGUAGE_OF)


async def send_now(staff: SimulatedUser) -> int:
    await staff.press("📤 Send now")
    sending = await staff.reply(predicate=lambda m: "Sending to" in plain(m.text))
    broadcast_id = broadcast_id_of(sending)
    report = await wait_report(staff, broadcast_id)
    assert "❌ Failed: 0" in plain(report.text)
    return broadcast_id


async def assert_received(
    client: SandboxClient, expected: dict[int, str], priority: str
) -> None:
    """Exactly these chats got exactly this announcement; every other chat got none."""
    for chat_id in EVERYONE:
        got = await announcements(client, chat_id)
        if chat_id in expected:
            header = HEADERS[(priority, LANGUAGE_OF[chat_id])]
            assert got == [f"{header}\n\n{expected[chat_id]}"], (chat_id, got)
        else:
            assert got == [], (chat_id, got)


@pytest.mark.parametrize(
    ("audience", "priority", "who"),
    [
        # Urgent reaches everyone active and not paused (607 paused, 608 blocked).
        ("everyone", "urgent", (601, 602, 603, 604, 605, 606, STAFF)),
        # Routine reaches only those who turned camp announcements on (not 603).
        ("everyone", "routine", (601, 602, 604, 605, 606)),
        ("camp", "routine", (601, 602, 604)),
        ("camp", "urgent", (601, 602, 603, 604)),
        ("sector", "urgent", (601, 603)),
        ("sector", "routine", (601,)),
        # The followers of a village; a sub-district's include its villages' and town's.
        ("village", "routine", (601, 606)),
        ("subdistrict", "urgent", (601, 602, 606)),
        ("language", "urgent", (601, 605)),
        ("language", "routine", (601, 605)),
    ],
)
async def test_each_audience_gets_exactly_its_announcement(
    client: SandboxClient, demo_bot: DaleelApp, camp: Camp, *, audience: str, priority: str,
    who: tuple[int, ...],
) -> None:
    audiences = {
        "everyone": Aud("everyone"),
        "camp": Aud("camp", typed="debaga", pick="Debaga 1"),
        "sector": Aud("sector", typed="Debaga 1", pick="Debaga 1", sector="A"),
        "village": Aud("area", typed="Hajj Ali", area_id=camp.hajj_ali),
        "subdistrict": Aud("area", typed="القيارة", area_id=camp.qayarra),
        "language": Aud("language", pick="العربية"),
    }
    staff = client.user(STAFF)
    summary = await compose(staff, texts=TEXTS, audience=audiences[audience], priority=priority)
    # The preview counted them per language, before anything was sent.
    text = plain(summary.text)
    assert f"In all: {len(who)} recipient" in text
    for code, native in (("ar", "العربية"), ("ckb", "کوردی (سۆرانی)"), ("ku", "Kurmancî"),
                         ("en", "English")):
        n = sum(1 for chat in who if LANGUAGE_OF[chat] == code)
        assert f"{native}: {n}" in text
    assert await announcements(client, 601) == []
    await send_now(staff)
    await assert_received(client, {chat: TEXTS[LANGUAGE_OF[chat]] for chat in who}, priority)
    # Audited: who sent which broadcast to how many.
    entries = [e for e in await recent(demo_bot.bot_data.db, 50) if e.action == "announce.send"]
    assert len(entries) == 1 and entries[0].user_id == STAFF and entries[0].outcome == "ok"
    assert f"recipients {len(who)}" in (entries[0].detail or "")


async def test_preview_shows_each_language_and_fallbacks(
    client: SandboxClient, demo_bot: DaleelApp, camp: Camp
) -> None:
    """Written in Arabic and English only: Sorani and Badini readers get the Arabic text and
    Kurmanji readers the English one, each under a heading in their own language."""
    staff = client.user(STAFF)
    await compose(
        staff, texts={"ar": TEXTS["ar"], "en": TEXTS["en"]},
        audience=Aud("camp", typed="debaga", pick="Debaga 1"), priority="urgent",
    )
    previews = [
        plain(m.text) for m in await staff.messages() if "will see:" in plain(m.text)
    ]
    assert len(previews) == 5
    assert previews[0] == f"👁 Readers of العربية (1 recipient) will see:\n\n{HEADERS[('urgent', 'ar')]}\n\n{TEXTS['ar']}"
    assert previews[1].endswith(f"{HEADERS[('urgent', 'ckb')]}\n\n{TEXTS['ar']}")
    assert previews[2].endswith(f"{HEADERS[('urgent', 'ku')]}\n\n{TEXTS['en']}")
    assert previews[3].endswith(f"{HEADERS[('urgent', 'en')]}\n\n{TEXTS['en']}")
    assert previews[4] == (
        f"👁 Readers of کوردی (بادینی) (0 recipients) will see:\n\n"
        f"{HEADERS[('urgent', 'kmr_Arab')]}\n\n{TEXTS['ar']}"
    )
    await send_now(staff)
    await assert_received(
        client, {601: TEXTS["ar"], 602: TEXTS["ar"], 603: TEXTS["en"], 604: TEXTS["en"]},
        "urgent",
    )


async def test_staff_text_is_escaped_never_parsed(
    client: SandboxClient, demo_bot: DaleelApp, camp: Camp
) -> None:
    raw = "Clinic <b>closed</b> & moved <to> tent 5 </i> <a href='x'>here</a>"
    staff = client.user(STAFF)
    await compose(staff, texts=raw, audience=Aud("language", pick="English"), priority="routine")
    await send_now(staff)
    await assert_received(client, {604: raw}, "routine")
    message = next(
        m for m in await client.messages(604) if plain(m.text).startswith("📢")
    )
    assert message.raw_text is not None and "&lt;b&gt;closed&lt;/b&gt; &amp;" in message.raw_text
    # Only our own heading is bold: the staff text made no entity.
    assert [e.type for e in message.entities] == ["bold"]


async def test_too_long_in_a_language_is_refused_naming_it(
    client: SandboxClient, demo_bot: DaleelApp, camp: Camp
) -> None:
    staff = client.user(STAFF)
    await staff.send("/announce")
    await staff.reply()
    await staff.press("A text for each language")
    await staff.reply(predicate=lambda m: "Send the text in العربية" in plain(m.text))
    # 4090 characters fit in one Telegram message, but not under the heading.
    await staff.send("ا" * 4090)
    refusal = await staff.reply()
    assert "too long in العربية (" in plain(refusal.text)
    assert "4096" in plain(refusal.text) or "4,096" in plain(refusal.text)
    assert "Nothing was sent" in plain(refusal.text)
    # Still at the Arabic text: a shorter one is taken.
    await staff.send(TEXTS["ar"])
    await staff.reply(predicate=lambda m: "Send the text in کوردی (سۆرانی)" in plain(m.text))
    await staff.press("✖️ Cancel")
    await staff.reply(predicate=lambda m: "discarded" in plain(m.text))
    # One text for all languages: every language is named.
    await staff.send("/announce")
    await staff.reply()
    await staff.press("One text for all languages")
    await staff.reply()
    await staff.send("x" * 4090)
    refusal = await staff.reply()
    for native in ("العربية", "کوردی (سۆرانی)", "Kurmancî", "English"):
        assert native in plain(refusal.text)
    assert await list_broadcasts(demo_bot.bot_data.db) == []
    for chat_id in EVERYONE:
        assert await announcements(client, chat_id) == []


async def test_send_pressed_twice_sends_once(
    client: SandboxClient, demo_bot: DaleelApp, camp: Camp
) -> None:
    staff = client.user(STAFF)
    summary = await compose(
        staff, texts=TEXTS, audience=Aud("camp", typed="khazer", pick="Khazer M1"),
        priority="urgent",
    )
    first = await client.press_button(STAFF, summary.message_id, "📤 Send now")
    second = await client.press_button(STAFF, summary.message_id, "📤 Send now")
    answers = [await client.wait_callback_answer(q) for q in (first, second)]
    assert sum("no longer valid" in (a.text or "") for a in answers) == 1
    sending = await staff.reply(predicate=lambda m: "Sending to" in plain(m.text))
    await wait_report(staff, broadcast_id_of(sending))
    assert len(await list_broadcasts(demo_bot.bot_data.db)) == 1
    await assert_received(client, {605: TEXTS["ar"]}, "urgent")


async def test_nobody_to_send_to_keeps_the_draft(
    client: SandboxClient, demo_bot: DaleelApp, camp: Camp
) -> None:
    staff = client.user(STAFF)
    summary = await compose(
        staff, texts="Test",
        audience=Aud("sector", typed="Debaga 1", pick="Debaga 1", sector="C"), priority="routine",
    )
    assert "Nobody in this audience can receive it right now." in plain(summary.text)
    await staff.press("📤 Send now")
    answer = await staff.reply(predicate=lambda m: "Nothing was sent" in plain(m.text))
    assert "🕒 Schedule" in answer.button_texts
    assert await list_broadcasts(demo_bot.bot_data.db) == []


async def test_another_staff_members_draft_cannot_be_sent(
    client: SandboxClient, demo_bot: DaleelApp, camp: Camp
) -> None:
    """A payload is re-checked: a second staff member replaying the first one's "Send"
    (same data, their own chat) is refused and audited, and nothing goes out."""
    db = demo_bot.bot_data.db
    other = client.user(700004)
    await make_staff(db, 700004)
    await choose_language(other, "en")
    staff = client.user(STAFF)
    summary = await compose(staff, texts=TEXTS, audience=Aud("everyone"), priority="urgent")
    data = next(b.callback_data for b in summary.buttons if b.text == "📤 Send now")
    assert data is not None
    mine = (await other.messages())[-1]  # their own menu: the replayed data goes on it
    query = await client.press(700004, mine.message_id, data)
    answer = await client.wait_callback_answer(query)
    assert "no longer valid" in (answer.text or "")
    assert await list_broadcasts(db) == []
    rejected = [e for e in await recent(db, 20) if e.user_id == 700004 and e.outcome == "rejected"]
    assert rejected and "of another author" in (rejected[0].detail or "")
    for chat in EVERYONE:
        assert await announcements(client, chat) == []


async def test_live_progress_then_report(
    client: SandboxClient, demo_bot: DaleelApp, camp: Camp
) -> None:
    """One message edited as it goes, then the report (failures grouped by reason)."""
    staff = client.user(STAFF)
    await client.deactivate(603)  # the account was deleted: the send fails with 403
    await compose(staff, texts=TEXTS, audience=Aud("sector", typed="Debaga 1", pick="Debaga 1",
                                                    sector="A"), priority="urgent")
    await staff.press("📤 Send now")
    sending = await staff.reply(predicate=lambda m: "Sending to" in plain(m.text))
    broadcast_id = broadcast_id_of(sending)
    report = await staff.reply(
        predicate=lambda m: f"Broadcast #{broadcast_id}: finished" in plain(m.text), timeout=20
    )
    text = plain(report.text)
    assert f"by {STAFF} (staff)," in text  # who sent it: id and role
    assert "2 messages in all." in text
    assert "✅ Sent: 1" in text
    assert "🚫 Blocked the bot or deleted the account: 1" in text
    assert "• account deleted: 1" in text
    # The progress message was edited as it went, and ends with the final counts.
    progress = next(
        m for m in await staff.messages() if f"Broadcast #{broadcast_id} is done." in plain(m.text)
    )
    assert progress.history, "the progress message is edited, not sent again"
    assert "✅ Sent: 1" in plain(progress.text) and "❌ Not delivered: 1" in plain(progress.text)
    # /report shows it again, any time later.
    await staff.send(f"/report {broadcast_id}")
    again = await staff.reply()
    assert plain(again.text) == text


async def test_a_draft_survives_a_restart(
    client: SandboxClient, settings: Settings, prebuilt: Prebuilt, demo_database: Path
) -> None:
    """The draft is in the database: after a restart the typed text still reaches it."""
    clock = MovingClock(DEMO_NOW)
    staff = client.user(STAFF)
    async with run_bot(settings, prebuilt, clock=clock) as app:
        await make_staff(app.bot_data.db)
        await choose_language(staff, "en")
        await staff.send("/announce")
        await staff.reply()
        await staff.press("One text for all languages")
        await staff.reply(predicate=lambda m: "Send the text" in plain(m.text))
    async with run_bot(settings, prebuilt, clock=clock):
        await staff.send("Registration closes at noon.")
        await staff.reply(predicate=lambda m: "Who should receive it?" in plain(m.text))
        await staff.press("Everyone")
        await staff.reply(predicate=lambda m: "How urgent is it?" in plain(m.text))
