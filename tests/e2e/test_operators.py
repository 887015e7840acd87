"""Safety operators through the real bot on the demo database: the two-person rule
(confirmed, refused to the proposer, replayed, expired), a warning that takes effect at
once and alerts exactly the followers of the area in their languages, the whole change
by buttons, forged buttons, history, and every operator action refused to residents and
staff (and audited)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import CommandHandler

from bot.config import Settings
from bot.importing.apply import import_csv
from bot.storage.areas import area_ids_by_pcode, status_history
from bot.storage.audit import SYSTEM, AuditEntry, recent
from bot.storage.outbox import Priority, list_broadcasts
from bot.storage.proposals import get_proposal
from bot.storage.roles import grant_role
from handlers.kit.context import DaleelApp
from handlers.operators import status as operators
from sandbox import BotMessage, CallbackAnswer, SandboxClient, SimulatedUser
from sandbox.demo import build_demo_database
from tests.e2e.conftest import ADMIN, DEMO_NOW, choose_language, eventually, has_text, plain
from tests.e2e.staffing import STAFF, MovingClock, make_staff, resident, run_with_clock

OP_A, OP_B = 720001, 720002
STALE = "This button is no longer valid. Send /menu to start again."
FOR_OPERATORS = {
    "en": "This command is for Daleel safety operators.",
    "ar": "هذا الأمر مخصص لمسؤولي السلامة في دليل.",
}
AWSAJA = "Awsaja (village) — Al-Qayarra"
_PROPOSAL = re.compile(r"#(\d+)")

# What a follower of the area reads, language by language, when it turns to confirmed
# danger on the demo morning according to the Iraqi Kurdistan Mine Action Agency.
IKMAA = "Iraqi Kurdistan Mine Action Agency"
ALERT = {
    "en": {
        "header": "🚨 Safety status changed",
        "place": "📍 Karamles (village) — Markaz Al-Hamdaniya",
        "headline": "⛔ Confirmed danger. A survey confirmed explosive hazards in this area.",
        "updated": f"🗓️ Updated November 24, 2026 by {IKMAA}.",
        "risk": "Do not touch, move or pick up unknown objects.",
    },
    "ar": {
        "header": "🚨 تغيّر وضع السلامة",
        "place": "📍 كرمليس (قرية) — مركز الحمدانية",
        "headline": "⛔ خطر مؤكَّد. أكّد المسح وجود مخاطر متفجرة في هذه المنطقة.",
        "updated": f"🗓️ آخر تحديث: 24 تشرين الثاني 2026، من {IKMAA}.",
        "risk": "لا تلمس أي جسم غريب، ولا تحرّكه، ولا تلتقطه.",
    },
    "ckb": {
        "header": "🚨 دۆخی سەلامەتی گۆڕا",
        "place": "📍 کەرەملیس (گوند) — ناوەندی حەمدانیە",
        "headline": "⛔ مەترسی پشتڕاست کراوەتەوە. پشکنینێک دەریخست کە تەقەمەنیی مەترسیدار "
                    "لەم ناوچەیەدا هەیە.",
        "updated": f"🗓️ دوایین نوێکردنەوە: 24ی تشرینی دووەمی 2026، لەلایەن {IKMAA}.",
        "risk": "دەست لە هیچ شتێکی نەناسراو مەدە",
    },
    "ku": {
        "header": "🚨 Rewşa ewlehiyê guherî",
        "place": "📍 Kermlîs (gund) — Markaz Al-Hamdaniya",
        "headline": "⛔ Xetereya piştrastkirî. Lêkolînekê piştrast kir ku li vê deverê "
                    "teqemeniyên xeternak hene.",
        "updated": f"🗓️ Nûkirina dawî: 24ê mijdara 2026an, ji aliyê {IKMAA}.",
        "risk": "Destê xwe nede tiştên nenas",
    },
}


async def make_operators(
    client: SandboxClient, app: DaleelApp, languages: tuple[str, str] = ("en", "en")
) -> tuple[SimulatedUser, SimulatedUser]:
    users = []
    for user_id, code in zip((OP_A, OP_B), languages, strict=True):
        await grant_role(app.bot_data.db, user_id, "operator", ADMIN)
        user = client.user(user_id)
        await choose_language(user, code)
        users.append(user)
    return users[0], users[1]


async def press_data(user: SimulatedUser, data: str) -> CallbackAnswer:
    """Press a button with any payload (a forged one too) on the user's latest message."""
    last = (await user.messages())[-1]
    user.cursor = await user.client.last_seq()
    query = await user.client.press(user.user_id, last.message_id, data)
    return await user.client.wait_callback_answer(query)


async def audit_of(app: DaleelApp, user_id: int) -> list[AuditEntry]:
    """The user's audit entries, oldest first."""
    entries = [e for e in await recent(app.bot_data.db, 500) if e.user_id == user_id]
    return list(reversed(entries))


async def audited(app: DaleelApp, user_id: int, entry: tuple[str, str, str | None]) -> None:
    """Wait until the entry is in the audit log (it is written as the handler returns)."""

    async def present() -> bool:
        return entry in [(e.action, e.outcome, e.detail) for e in await audit_of(app, user_id)]

    await eventually(present, within=5)


async def audit_count(app: DaleelApp, user_id: int, n: int) -> list[AuditEntry]:
    """The user's audit entries once there are ``n`` of them."""

    async def enough() -> bool:
        return len(await audit_of(app, user_id)) >= n

    await eventually(enough, within=5)
    return await audit_of(app, user_id)


def proposal_id(message: BotMessage) -> int:
    match = _PROPOSAL.search(plain(message.text))
    assert match, message.text
    return int(match[1])


def labels(message: BotMessage) -> list[str]:
    return [plain(text) for text in message.button_texts]


async def ask(user: SimulatedUser, typed: str) -> str:
    """A resident types a place's name and reads the answer."""
    await user.send(typed)
    return plain((await user.reply(predicate=has_text("📍"))).text)


# --- the two-person rule --------------------------------------------------------------------


async def propose_clearance(a: SimulatedUser, b: SimulatedUser) -> tuple[int, BotMessage]:
    """Operator A proposes Awsaja cleared; B is asked to confirm, A is not."""
    await a.send("/setstatus Awsaja cleared DMA | Clearance finished; land handed over")
    proposed = await a.reply()
    pid = proposal_id(proposed)
    text = plain(proposed.text)
    assert text.startswith(f"📝 Proposal #{pid}: {AWSAJA} → 🔷 Cleared.")
    assert "needs a second operator" in text
    assert "Until then residents still see the previous status." in text
    assert "other operator" in text and "asked to confirm it" in text

    notice = await b.reply(predicate=has_text("A status change waits for a second operator"))
    told = plain(notice.text)
    assert f"#{pid} · {AWSAJA}" in told
    assert "🚧 Clearance in progress → 🔷 Cleared" in told
    assert "Source: Directorate of Mine Action · date: November 24, 2026" in told
    assert "📝 Note: Clearance finished; land handed over" in told
    assert f"Proposed by operator {OP_A}." in told
    assert labels(notice) == ["✅ Confirm", "✖️ Reject"]
    # The proposer is not asked to confirm their own proposal.
    assert not any("waits for a second operator" in plain(m.text) for m in await a.messages())
    return pid, notice


async def read_history(a: SimulatedUser) -> None:
    """Awsaja's history after the confirmation: who proposed, who confirmed, over the
    imported statuses."""
    await a.send("/history Awsaja")
    history = plain((await a.reply()).text).split("\n\n")
    assert history[0] == f"📜 History of {AWSAJA}, newest first"
    newest = history[1].split("\n")
    assert newest[0] == "November 24, 2026 · 🔷 Cleared · Directorate of Mine Action"
    assert newest[1] == "📝 Note: Clearance finished; land handed over"
    assert newest[2].startswith(
        f"Proposed by operator {OP_A}, confirmed by operator {OP_B}, recorded Nov 24, 2026"
    )
    assert history[2].startswith("November 18, 2026 · 🚧 Clearance in progress · UNMAS partner")
    assert "Imported (demo:" in history[2]
    assert history[3].startswith("September 12, 2026 · ⛔ Confirmed hazardous")


async def test_a_return_needs_a_second_operator(client: SandboxClient, demo_bot: DaleelApp) -> None:
    a, b = await make_operators(client, demo_bot)
    reader = client.user(730001)
    await choose_language(reader, "en")
    pid, notice = await propose_clearance(a, b)

    # Residents still read the previous status.
    before = await ask(reader, "Awsaja")
    assert "🚧 Clearance in progress." in before and "🔷" not in before

    # The proposer pressing a (forged) Confirm is refused, and it is audited.
    answer = await press_data(a, f"op:v1:ok:{pid}")
    assert answer.text == "You proposed this; a different operator must confirm it."
    assert answer.show_alert
    await audited(demo_bot, OP_A, ("status.confirm", "rejected", f"proposal {pid} own_proposal"))
    proposal = await get_proposal(demo_bot.bot_data.db, pid)
    assert proposal is not None and proposal.state == "pending"

    # /pending: the proposer may only withdraw; the other operator may confirm or reject.
    await a.send("/pending")
    own_list = await a.reply()
    assert plain(own_list.text).startswith("1 proposal waits for a decision")
    assert "You proposed this; a different operator must confirm it." in plain(own_list.text)
    assert labels(own_list) == [f"✖️ Withdraw #{pid}"]
    await b.send("/pending")
    assert labels(await b.reply()) == [f"✅ Confirm #{pid}", f"✖️ Reject #{pid}"]

    # The second operator confirms: it takes effect, and the proposer is told.
    await b.press("✅ Confirm", message_id=notice.message_id)
    applied = plain((await b.reply()).text)
    assert applied.startswith("✅ The change took effect.")
    assert (
        "🔷 Cleared. Directorate of Mine Action cleared this area on November 24, 2026."
        in applied
    )
    assert "Nobody follows this place yet, so nobody was alerted." in applied
    confirmed = await a.reply(predicate=has_text("confirmed your proposal"))
    assert plain(confirmed.text) == (
        f"✅ Operator {OP_B} confirmed your proposal #{pid} for {AWSAJA}: it took effect."
    )
    after = await ask(reader, "Awsaja")
    assert "🔷 Cleared. Directorate of Mine Action cleared this area on November 24, 2026." in after
    assert "Do not touch, move or pick up unknown objects." in after

    # A replayed Confirm finds the decision made, and changes nothing.
    rows = len(await status_history(demo_bot.bot_data.db, proposal.area_id))
    query = await client.press_button(OP_B, notice.message_id, "✅ Confirm")
    replay = await client.wait_callback_answer(query)
    assert replay.text == "This proposal was already decided."
    assert len(await status_history(demo_bot.bot_data.db, proposal.area_id)) == rows
    await b.send("/pending")
    assert plain((await b.reply()).text) == "No proposal is waiting for a decision."

    await read_history(a)
    entries = [(e.action, e.outcome) for e in await audit_of(demo_bot, OP_B)]
    assert ("status.confirm", "ok") in entries and ("status.pending", "ok") in entries


async def test_a_rejected_proposal_changes_nothing(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    a, b = await make_operators(client, demo_bot, ("en", "ar"))
    await a.send("/setstatus Tel Qasab cancelled IKMAA")
    pid = proposal_id(await a.reply())
    notice = await b.reply(predicate=lambda m: len(m.buttons) == 2)
    assert labels(notice) == ["✖️ رفض", "✅ تأكيد"]  # right to left
    await b.press(notice.button_texts[0], message_id=notice.message_id)
    rejected = plain((await b.reply()).text)
    assert f"#{pid}" in rejected
    told = await a.reply(predicate=has_text("rejected your proposal"))
    assert plain(told.text) == (
        f"✖️ Operator {OP_B} rejected your proposal #{pid} for Tel Qasab (village) — "
        "Al-Qahtanya. Residents still see the previous status."
    )
    # Confirming it afterwards does nothing.
    answer = await press_data(a, f"op:v1:ok:{pid}")
    assert answer.text == "This proposal was already decided."
    await a.send("/history Tel Qasab")
    history = plain((await a.reply()).text)
    assert history.split("\n\n")[1].startswith("October 2, 2026 · ⚠️ Suspected hazardous")
    assert "Proposals that did not take effect" in history
    assert (
        f"#{pid} 🔷 Cancelled (no evidence found) ({IKMAA}, November 24, 2026): "
        f"rejected by operator {OP_B}." in history
    )


async def test_an_unconfirmed_proposal_expires_and_its_proposer_is_told(
    client: SandboxClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(operators, "EXPIRY_SECONDS", 0.2)
    await build_demo_database(settings.database, today=DEMO_NOW.date())
    clock = MovingClock(DEMO_NOW)
    async with run_with_clock(settings, clock) as app:
        a, b = await make_operators(client, app, ("ckb", "en"))
        reader = client.user(730101)
        await choose_language(reader, "en")
        await a.send("/setstatus Awsaja cleared DMA")
        pid = proposal_id(await a.reply())
        notice = await b.reply(predicate=has_text("A status change waits"))
        # Two days later nobody has confirmed it.
        clock.set(DEMO_NOW + timedelta(hours=49))
        expired = await a.reply(predicate=has_text("⌛"), timeout=10)
        assert plain(expired.text).startswith(f"⌛ پێشنیازەکەت #{pid} بۆ عەوسەجە (گوند)")
        assert "دانیشتووان هێشتا دۆخی پێشوو دەبینن" in plain(expired.text)
        assert (SYSTEM, "status.expire", "ok", f"proposal {pid}") in [
            (e.user_id, e.action, e.outcome, e.detail) for e in await recent(app.bot_data.db, 50)
        ]
        answer = await client.wait_callback_answer(
            await client.press_button(OP_B, notice.message_id, "✅ Confirm")
        )
        assert answer.text == "This proposal was already decided."
        assert "🚧 Clearance in progress." in await ask(reader, "Awsaja")


async def test_a_file_cannot_clear_an_area_and_its_untaken_change_expires_to_every_operator(
    client: SandboxClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`daleel import statuses` with a real "cleared" row: residents still see the old
    status; the change waits in /pending; untaken, it expires and every operator is told."""
    monkeypatch.setattr(operators, "EXPIRY_SECONDS", 0.2)
    await build_demo_database(settings.database, today=DEMO_NOW.date())
    clock = MovingClock(DEMO_NOW)
    async with run_with_clock(settings, clock) as app:
        a, b = await make_operators(client, app, ("en", "ar"))
        reader = client.user(730102)
        await choose_language(reader, "en")
        row = b"pcode,status,date,source\nDEMO-AWSAJA,cleared,2026-11-23,Directorate of Mine Action\n"
        report = await import_csv(app.bot_data.db, "statuses", row, today=DEMO_NOW.date())
        assert report.applied and report.proposed == 1
        assert "🚧 Clearance in progress." in await ask(reader, "Awsaja")
        await a.send("/pending")
        listing = plain((await a.reply()).text)
        assert "From an imported file; no operator has taken it up yet." in listing
        # The importer stamps the proposal with the real time: go well past its expiry.
        clock.set(datetime.now(UTC) + timedelta(hours=49))
        told_a = await a.reply(predicate=has_text("⌛"), timeout=10)
        assert "brought by a feed or an imported file, expired" in plain(told_a.text)
        told_b = await b.reply(predicate=has_text("⌛"), timeout=10)
        assert "انتهت مهلته" in plain(told_b.text)
        assert "🚧 Clearance in progress." in await ask(reader, "Awsaja")


# --- toward danger: at once, with alerts ----------------------------------------------------


async def test_a_warning_takes_effect_at_once_and_alerts_exactly_the_followers(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    ids = await area_ids_by_pcode(db)
    karamles, safina = ids["DEMO-KARAMLES"], ids["DEMO-SAFINA"]
    a, _ = await make_operators(client, demo_bot)
    followers = {
        code: await resident(client, db, 740001 + i, code, areas=(karamles,))
        for i, code in enumerate(ALERT)
    }
    elsewhere = await resident(client, db, 740010, "en", areas=(safina,))
    unsubscribed = await resident(client, db, 740011, "ar")

    await a.send("/setstatus Karamles confirmed IKMAA | Devices found in the church yard")
    applied = plain((await a.reply()).text)
    assert applied.startswith("✅ The change took effect.")
    assert ALERT["en"]["headline"] in applied
    assert "🚨 4 subscribers of this place are being alerted." in applied

    for code, user in followers.items():
        alert = await user.reply(predicate=has_text(ALERT[code]["header"]), timeout=10)
        lines = plain(alert.text).split("\n")
        expected = ALERT[code]
        assert lines[0] == expected["header"], code
        assert expected["place"] in lines, code
        assert expected["headline"] in lines, code
        assert expected["updated"] in lines, code
        assert any("Devices found in the church yard" in line for line in lines), code
        assert expected["risk"] in plain(alert.text), code
    alerts = [b for b in await list_broadcasts(db) if b.kind == "status_alert"]
    assert len(alerts) == 1
    assert (alerts[0].priority, alerts[0].total) == (Priority.URGENT, 4)
    for other in (elsewhere, unsubscribed):
        assert not any(
            "🚨" in plain(m.text) for m in await other.messages()
        ), other.user_id
    assert ("status.set", "ok") in [(e.action, e.outcome) for e in await audit_of(demo_bot, OP_A)]


# --- by buttons; forged buttons ------------------------------------------------------------


async def test_the_whole_change_by_buttons_and_forged_buttons(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    a, b = await make_operators(client, demo_bot)
    kharbardan = (await area_ids_by_pcode(demo_bot.bot_data.db))["DEMO-KHARBARDAN"]
    await a.send("/setstatus Kharbardan")
    statuses = await a.reply()
    assert plain(statuses.text).startswith("📍 Kharbardan (village)")
    assert labels(statuses) == [
        "❔ Unknown", "⚠️ Suspected hazardous", "⛔ Confirmed hazardous",
        "🚧 Clearance in progress", "🔷 Cleared", "🔷 Cancelled (no evidence found)",
    ]
    suspected = statuses.buttons[1].callback_data
    assert suspected is not None and suspected.startswith("op:v1:st:")

    # Someone else's token, a made-up token, an altered choice: all refused.
    assert (await press_data(b, suspected)).text == STALE
    assert (await press_data(a, "op:v1:st:AAAAAAAAAAAA:1")).text == STALE
    assert (await press_data(a, suspected[:-1] + "7")).text == STALE
    assert (await press_data(a, "op:v1:src:" + suspected.split(":")[3] + ":0")).text == STALE

    await a.press("⚠️ Suspected hazardous", message_id=statuses.message_id)
    sources = await a.reply()
    assert "New status: ⚠️ Suspected hazardous" in plain(sources.text)
    assert "Who says so?" in plain(sources.text)
    assert labels(sources)[:2] == [
        "DMA — Directorate of Mine Action", "IKMAA — Iraqi Kurdistan Mine Action Agency",
    ]
    # The status button is used up: pressing it again does nothing.
    replay = await client.wait_callback_answer(
        await client.press_button(OP_A, statuses.message_id, "⚠️ Suspected hazardous")
    )
    assert replay.text == STALE

    await a.press("DMA — Directorate of Mine Action", message_id=sources.message_id)
    applied = plain((await a.reply()).text)
    assert applied.startswith("✅ The change took effect.")
    assert "⚠️ Suspected danger." in applied
    assert "🗓️ Updated November 24, 2026 by Directorate of Mine Action." in applied
    history = await status_history(demo_bot.bot_data.db, kharbardan)
    assert (history[-1].status, history[-1].source, history[-1].recorded_by) == (
        "suspected", "Directorate of Mine Action", str(OP_A),
    )
    # The command, four refused presses, and the change.
    summary = [(e.action, e.outcome, e.detail) for e in await audit_count(demo_bot, OP_A, 6)]
    assert summary.count(("status.set", "rejected", "stale button")) == 4
    assert summary[-1][:2] == ("status.set", "ok")
    assert summary[-1][2] == f"area {kharbardan} suspected history {history[-1].history_id} alerted 0"
    assert ("status.set", "rejected", "stale button") in [
        (e.action, e.outcome, e.detail) for e in await audit_of(demo_bot, OP_B)
    ]


async def test_an_ambiguous_name_a_missing_source_and_bad_input(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    a, _ = await make_operators(client, demo_bot)
    db = demo_bot.bot_data.db
    town = (await area_ids_by_pcode(db))["GN99003"]
    rows = len(await status_history(db, town))

    # The town is under clearance: "confirmed" raises the warning, so it takes effect at once.
    await a.send("/setstatus Qayyarah confirmed | Shelling reported")
    choice = await a.reply()
    assert plain(choice.text) == "Several places match that name. Which one do you mean?"
    assert "Qayyarah (town) — Al-Qayarra" in labels(choice)
    assert "Al-Qayarra (sub-district) — Al-Mosul" in labels(choice)
    await a.press("Qayyarah (town) — Al-Qayarra", message_id=choice.message_id)
    sources = await a.reply()  # no source named: choose one
    assert "Residents are only told a status with its source." in plain(sources.text)
    await a.press("UNMAS — United Nations Mine Action Service", message_id=sources.message_id)
    applied = plain((await a.reply()).text)
    assert "📍 Qayyarah (town) — Al-Qayarra" in applied
    assert "🗓️ Updated November 24, 2026 by United Nations Mine Action Service." in applied
    assert "📝 Note: Shelling reported" in applied
    assert len(await status_history(db, town)) == rows + 1

    # A source typed in full is taken as written; the same again changes nothing.
    await a.send("/setstatus Qayyarah town confirmed United Nations Mine Action Service "
                 "| Shelling reported")
    unchanged = await a.reply()
    if unchanged.buttons:  # still two places: choose the town
        await a.press("Qayyarah (town) — Al-Qayarra", message_id=unchanged.message_id)
        unchanged = await a.reply()
    assert plain(unchanged.text).startswith("Nothing changed:")

    bad = {
        "/setstatus": "To change an area's safety status, write:",
        "/setstatus Nowhereville-on-sea cleared DMA": "I found no area with that name.",
        "/setstatus Awsaja cleared DMA | " + "x" * 501: "The note is too long",
        "/setstatus Awsaja cleared " + "y" * 121: "The source is too long",
        "/history": "Write it like this: /history Awsaja",
    }
    for command, answer in bad.items():
        await a.send(command)
        assert plain((await a.reply()).text).startswith(answer), command
    assert len(await status_history(db, town)) == rows + 1

    async def all_rejected() -> bool:
        entries = await audit_of(demo_bot, OP_A)
        return len([e for e in entries if e.outcome == "rejected"]) == len(bad)

    await eventually(all_rejected, within=5)

    # /history of an ambiguous name: choose, then read.
    await a.send("/history Qayyarah")
    choice = await a.reply()
    await a.press("Qayyarah (town) — Al-Qayarra", message_id=choice.message_id)
    history = plain((await a.reply()).text)
    assert history.startswith("📜 History of Qayyarah (town) — Al-Qayarra, newest first")
    assert f"Set by operator {OP_A}, recorded" in history


# --- refused to everyone else ---------------------------------------------------------------


@pytest.mark.parametrize(("who", "code"), [("resident", "ar"), ("staff", "en")])
async def test_every_operator_action_is_refused_to_residents_and_staff(
    client: SandboxClient, demo_bot: DaleelApp, who: str, code: str
) -> None:
    db = demo_bot.bot_data.db
    a, _ = await make_operators(client, demo_bot)
    await a.send("/setstatus Awsaja cleared DMA")
    pid = proposal_id(await a.reply())
    await a.send("/setstatus Kharbardan")
    token_button = (await a.reply()).buttons[1].callback_data
    assert token_button is not None

    user_id = 750001 if who == "resident" else STAFF
    if who == "staff":
        await make_staff(db)
    user = client.user(user_id)
    await choose_language(user, code)
    refused = FOR_OPERATORS[code]
    commands = {
        "/setstatus Awsaja cleared DMA": "status.set",
        "/setstatus Kharbardan": "status.set",
        "/pending": "status.pending",
        "/history Awsaja": "status.history",
    }
    registered = {
        name
        for handlers in demo_bot.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    # The other operator commands, where they exist (built alongside this feature).
    others = [
        f"/{name}" for name in ("addarea", "alias", "unalias", "aliases", "feed", "feeds")
        if name in registered
    ]
    for command in [*commands, *others]:
        await user.send(command)
        assert plain((await user.reply()).text) == refused, command
    presses = {
        f"op:v1:ok:{pid}": "status.confirm",
        f"op:v1:no:{pid}": "status.reject",
        token_button: "status.set",
        "op:v1:area:AAAAAAAAAAAA:0": "status.set",
        "op:v1:src:AAAAAAAAAAAA:0": "status.set",
        "op:v1:hist:AAAAAAAAAAAA:0": "status.history",
        "op:v1:nonsense": "status.button",
    }
    for data in presses:
        answer = await press_data(user, data)
        assert answer.text == refused and answer.show_alert, data

    entries = await audit_of(demo_bot, user_id)
    assert entries and all(e.outcome == "refused" for e in entries)
    assert len(entries) == len(commands) + len(others) + len(presses)
    actions = [e.action for e in entries]
    assert sorted(a for a in actions if a.startswith("status.")) == sorted(
        [*commands.values(), *presses.values()]
    )
    proposal = await get_proposal(db, pid)
    assert proposal is not None and proposal.state == "pending"
