"""Safety operators through the real bot on the demo database: a return toward safety
needs a second operator; rejected, expired and file-made proposals change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.importing.apply import import_csv
from bot.storage.areas import status_history
from bot.storage.audit import SYSTEM, recent
from bot.storage.proposals import get_proposal
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
from handlers.operators import status as operators
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import DEMO_NOW, choose_language, has_text, plain, run_bot
from tests.e2e.operating import (
    AWSAJA,
    IKMAA,
    OP_A,
    OP_B,
    ask,
    audit_of,
    audited,
    confirm_area,
    labels,
    make_operators,
    press_data,
    proposal_id,
)
from tests.e2e.staffing import MovingClock

# --- the two-person rule --------------------------------------------------------------------


async def propose_clearance(a: SimulatedUser, b: SimulatedUser) -> tuple[int, BotMessage]:
    """Operator A proposes Awsaja cleared; B is asked to confirm, A is not."""
    proposed = await confirm_area(
        a, "/setstatus Awsaja cleared DMA | Clearance finished; land handed over", AWSAJA
    )
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
    history = plain((await confirm_area(a, "/history Awsaja", AWSAJA)).text).split("\n\n")
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
    pid = proposal_id(await confirm_area(a, "/setstatus Tel Qasab cancelled IKMAA"))
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
    history = plain((await confirm_area(a, "/history Tel Qasab")).text)
    assert history.split("\n\n")[1].startswith("October 2, 2026 · ⚠️ Suspected hazardous")
    assert "Proposals that did not take effect" in history
    assert (
        f"#{pid} 🔷 Cancelled (no evidence found) ({IKMAA}, November 24, 2026): "
        f"rejected by operator {OP_B}." in history
    )


async def test_an_unconfirmed_proposal_expires_and_its_proposer_is_told(
    client: SandboxClient,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    prebuilt: Prebuilt,
    demo_database: Path,
) -> None:
    monkeypatch.setattr(operators, "EXPIRY_SECONDS", 0.2)
    clock = MovingClock(DEMO_NOW)
    async with run_bot(settings, prebuilt, clock=clock) as app:
        a, b = await make_operators(client, app, ("ckb", "en"))
        reader = client.user(730101)
        await choose_language(reader, "en")
        pid = proposal_id(await confirm_area(a, "/setstatus Awsaja cleared DMA"))
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
    client: SandboxClient,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    prebuilt: Prebuilt,
    demo_database: Path,
) -> None:
    """`daleel import statuses` with a real "cleared" row: residents still see the old
    status; the change waits in /pending; untaken, it expires and every operator is told."""
    monkeypatch.setattr(operators, "EXPIRY_SECONDS", 0.2)
    clock = MovingClock(DEMO_NOW)
    async with run_bot(settings, prebuilt, clock=clock) as app:
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
