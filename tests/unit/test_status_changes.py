"""bot.safety.changes against a real SQLite database: danger at once, the two-person rule
for a return, expiry, a status that moved on, rejection and withdrawal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.safety.changes import (
    ALERT_KIND,
    Applied,
    Proposed,
    Refused,
    Rejected,
    Unchanged,
    confirm,
    expire_proposals,
    reject,
    set_status,
)
from bot.storage.areas import alerts_due, current_status, status_history
from bot.storage.outbox import Priority, get_broadcast
from bot.storage.proposals import get_proposal, pending_proposals, proposals_for_area
from bot.storage.residents import set_language
from tests.unit.status_world import (
    AREA,
    DMA,
    OP_A,
    OP_B,
    OTHER,
    START,
    World,
    change,
    follower,
    imported,
    queued,
)

# --- toward danger: at once ---------------------------------------------------------------


async def test_danger_takes_effect_at_once_and_alerts_exactly_the_followers(w: World) -> None:
    await imported(w, "cleared", date(2026, 11, 1))
    await follower(w, 10, "ar")
    await follower(w, 11, "en")
    await follower(w, 12, "ckb", area=OTHER)  # follows another place
    await set_language(w.db, 13, "ku")  # follows nothing

    outcome = await set_status(w.state, change("confirmed", note="Devices found"), OP_A)

    assert isinstance(outcome, Applied)
    assert outcome.previous is not None and outcome.previous.status == "cleared"
    assert outcome.alert is not None and outcome.alert.recipients == 2
    current = await current_status(w.db, AREA)
    assert current is not None and current.history_id == outcome.history_id
    assert (current.status, current.source, current.recorded_by, current.origin) == (
        "confirmed", DMA, str(OP_A), "operator",
    )
    assert outcome.alert.broadcast_id is not None
    broadcast = await get_broadcast(w.db, outcome.alert.broadcast_id)
    assert broadcast is not None
    assert (broadcast.kind, broadcast.priority, broadcast.total) == (ALERT_KIND, Priority.URGENT, 2)
    texts = await queued(w, outcome.alert.broadcast_id)
    assert set(texts) == {10, 11}
    assert texts[11].startswith("🚨 <b>Safety status changed</b>\n\n")
    assert "⛔ <b>Confirmed danger.</b>" in texts[11]
    assert "Updated November 24, 2026 by Directorate of Mine Action." in texts[11]
    assert "📝 Note: Devices found" in texts[11]
    assert "Do not touch, move or pick up unknown objects." in texts[11]
    assert texts[10].startswith("🚨 <b>تغيّر وضع السلامة</b>")
    assert "24 تشرين الثاني 2026" in texts[10]
    assert "لا تلمس أي جسم غريب" in texts[10]
    assert await alerts_due(w.db) == []  # the alert is in the outbox


async def test_the_same_news_again_is_unchanged(w: World) -> None:
    first = await set_status(w.state, change("suspected", note="n"), OP_A)
    assert isinstance(first, Applied)
    again = await set_status(w.state, change("suspected", note="n"), OP_B)
    assert isinstance(again, Unchanged) and again.current.history_id == first.history_id
    assert len(await status_history(w.db, AREA)) == 1


async def test_a_new_date_of_the_same_status_is_recorded_without_an_alert(w: World) -> None:
    await follower(w, 10, "en")
    await set_status(w.state, change("suspected", day=date(2026, 11, 20)), OP_A)
    outcome = await set_status(w.state, change("suspected"), OP_A)
    assert isinstance(outcome, Applied) and outcome.alert is None  # residents are told the same
    assert len(await status_history(w.db, AREA)) == 2


async def test_a_status_needs_a_known_word_and_a_named_source(w: World) -> None:
    with pytest.raises(ValueError, match="unknown status"):
        await set_status(w.state, change("safe"), OP_A)
    with pytest.raises(ValueError, match="source"):
        await set_status(w.state, change("suspected", source="  "), OP_A)
    assert await status_history(w.db, AREA) == []


# --- toward return: two people -------------------------------------------------------------


async def test_return_waits_for_a_second_operator(w: World) -> None:
    await imported(w, "in_progress", date(2026, 11, 18))
    await follower(w, 10, "en")
    proposed = await set_status(w.state, change("cleared"), OP_A)
    assert isinstance(proposed, Proposed)
    assert proposed.expires_at == START + timedelta(hours=48)
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "in_progress"  # residents: unchanged

    refused = await confirm(w.state, proposed.proposal_id, OP_A)
    assert isinstance(refused, Refused) and refused.reason == "own_proposal"
    pending = await get_proposal(w.db, proposed.proposal_id)
    assert pending is not None and pending.state == "pending"

    applied = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(applied, Applied)
    assert applied.alert is not None and applied.alert.recipients == 1
    current = await current_status(w.db, AREA)
    assert current is not None
    assert (current.status, current.recorded_by, current.confirmed_by) == (
        "cleared", str(OP_A), str(OP_B),
    )
    decided = await get_proposal(w.db, proposed.proposal_id)
    assert decided is not None
    assert (decided.state, decided.decided_by, decided.history_id) == (
        "confirmed", OP_B, applied.history_id,
    )
    # Pressing again finds nothing to do.
    replay = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(replay, Refused) and replay.reason == "not_pending"
    assert isinstance(await confirm(w.state, 9999, OP_B), Refused)
    assert len(await status_history(w.db, AREA)) == 2


async def test_a_proposal_expires_unconfirmed(w: World) -> None:
    proposed = await set_status(w.state, change("cancelled"), OP_A)
    assert isinstance(proposed, Proposed)
    w.clock.now = START + timedelta(hours=47, minutes=59)
    assert await expire_proposals(w.state) == []
    w.clock.now = START + timedelta(hours=48)
    expired = await expire_proposals(w.state)
    assert [(p.id, p.state, p.proposed_by) for p in expired] == [
        (proposed.proposal_id, "expired", OP_A)
    ]
    assert await expire_proposals(w.state) == []  # once
    late = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(late, Refused) and late.reason == "not_pending"
    assert await current_status(w.db, AREA) is None


async def test_a_late_confirmation_expires_the_proposal(w: World) -> None:
    proposed = await set_status(w.state, change("cleared"), OP_A)
    assert isinstance(proposed, Proposed)
    w.clock.now = START + timedelta(hours=49)  # before the expiry job came round
    late = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(late, Refused) and late.reason == "expired"
    p = await get_proposal(w.db, proposed.proposal_id)
    assert p is not None and p.state == "expired"
    assert await current_status(w.db, AREA) is None


async def test_a_proposal_is_never_applied_over_newer_news(w: World) -> None:
    await imported(w, "suspected", date(2026, 11, 1))
    proposed = await set_status(w.state, change("cleared"), OP_A)
    assert isinstance(proposed, Proposed)
    await imported(w, "confirmed", date(2026, 11, 23))  # an import lands in between
    moved = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(moved, Refused) and moved.reason == "moved_on"
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "confirmed"
    p = await get_proposal(w.db, proposed.proposal_id)
    assert p is not None and p.state == "superseded"


async def test_danger_retires_pending_returns(w: World) -> None:
    proposed = await set_status(w.state, change("cleared"), OP_A)
    assert isinstance(proposed, Proposed)
    warned = await set_status(w.state, change("suspected"), OP_B)
    assert isinstance(warned, Applied) and warned.superseded == 1
    retired = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(retired, Refused) and retired.reason == "not_pending"
    assert [p.state for p in await proposals_for_area(w.db, AREA)] == ["superseded"]


async def test_a_new_return_proposal_replaces_the_pending_one(w: World) -> None:
    first = await set_status(w.state, change("cleared"), OP_A)
    second = await set_status(w.state, change("cancelled"), OP_B)
    assert isinstance(first, Proposed) and isinstance(second, Proposed)
    assert second.superseded == 1
    assert [p.id for p in await pending_proposals(w.db)] == [second.proposal_id]


async def test_reject_and_withdraw(w: World) -> None:
    proposed = await set_status(w.state, change("cleared"), OP_A)
    assert isinstance(proposed, Proposed)
    rejected = await reject(w.state, proposed.proposal_id, OP_B)
    assert isinstance(rejected, Rejected) and rejected.proposal.id == proposed.proposal_id
    again = await reject(w.state, proposed.proposal_id, OP_B)
    assert isinstance(again, Refused) and again.reason == "not_pending"
    assert isinstance(await confirm(w.state, proposed.proposal_id, OP_B), Refused)
    withdrawn = await set_status(w.state, change("cleared", note="again"), OP_A)
    assert isinstance(withdrawn, Proposed)
    assert isinstance(await reject(w.state, withdrawn.proposal_id, OP_A), Rejected)
    missing = await reject(w.state, 9999, OP_A)
    assert isinstance(missing, Refused) and missing.reason == "missing"
    assert await current_status(w.db, AREA) is None
