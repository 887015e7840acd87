"""Safety operators through the real bot on the demo database: a warning takes effect
at once and alerts exactly the followers; the whole change by buttons; forged buttons,
ambiguous names and bad input; every operator action refused to everyone else."""

from __future__ import annotations

import pytest
from telegram.ext import CommandHandler

from bot.storage.areas import area_ids_by_pcode, status_history
from bot.storage.outbox import Priority, list_broadcasts
from bot.storage.proposals import get_proposal
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import choose_language, eventually, has_text, plain
from tests.e2e.operating import (
    ALERT,
    FOR_OPERATORS,
    OP_A,
    OP_B,
    STALE,
    audit_count,
    audit_of,
    confirm_area,
    labels,
    make_operators,
    press_data,
    proposal_id,
)
from tests.e2e.staffing import STAFF, make_staff, resident

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

    applied = plain((await confirm_area(
        a, "/setstatus Karamles confirmed IKMAA | Devices found in the church yard",
        "Karamles (village) — Markaz Al-Hamdaniya",
    )).text)
    assert applied.startswith("✅ The change took effect.")
    assert ALERT["en"]["headline"] in applied
    assert f"🚨 {len(ALERT)} subscribers of this place are being alerted." in applied

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
    assert (alerts[0].priority, alerts[0].total) == (Priority.URGENT, len(ALERT))
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
    statuses = await confirm_area(a, "/setstatus Kharbardan")
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
    pid = proposal_id(await confirm_area(a, "/setstatus Awsaja cleared DMA"))
    token_button = (await confirm_area(a, "/setstatus Kharbardan")).buttons[1].callback_data
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
