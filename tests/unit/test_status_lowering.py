"""Lowering a warning residents see needs a second operator; raising it takes effect at
once (bot.safety.changes, the order of warning in bot.domain.statuses)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.safety.changes import (
    Applied,
    Endorsed,
    Proposed,
    Refused,
    confirm,
    propose_from_feed,
    set_status,
)
from bot.storage.areas import current_status
from tests.unit.status_world import AREA, OP_A, OP_B, World, a_feed, change, follower, imported

# --- lowering the warning: two people, like a clearance --------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    ("confirmed", "unknown"), ("confirmed", "suspected"), ("confirmed", "in_progress"),
    ("in_progress", "suspected"), ("suspected", "unknown"),
])
async def test_one_operator_alone_cannot_lower_a_warning(
    w: World, before: str, after: str
) -> None:
    await imported(w, before, date(2026, 11, 1))
    await follower(w, 10, "en")
    proposed = await set_status(w.state, change(after), OP_A)
    assert isinstance(proposed, Proposed)
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == before  # residents: unchanged
    own = await confirm(w.state, proposed.proposal_id, OP_A)
    assert isinstance(own, Refused) and own.reason == "own_proposal"

    applied = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(applied, Applied)
    assert applied.alert is not None and applied.alert.recipients == 1
    current = await current_status(w.db, AREA)
    assert current is not None
    assert (current.status, current.recorded_by, current.confirmed_by) == (
        after, str(OP_A), str(OP_B),
    )


@pytest.mark.parametrize(("before", "after"), [
    (None, "unknown"), (None, "suspected"), ("unknown", "suspected"),
    ("suspected", "in_progress"), ("in_progress", "confirmed"), ("suspected", "confirmed"),
    ("cleared", "unknown"), ("cancelled", "suspected"),
])
async def test_raising_a_warning_takes_effect_at_once(
    w: World, before: str | None, after: str
) -> None:
    if before is not None:
        await imported(w, before, date(2026, 11, 1))
    outcome = await set_status(w.state, change(after), OP_A)
    assert isinstance(outcome, Applied)
    current = await current_status(w.db, AREA)
    assert current is not None and (current.status, current.confirmed_by) == (after, None)


async def test_a_raised_warning_retires_a_pending_softening(w: World) -> None:
    await imported(w, "suspected", date(2026, 11, 1))
    softer = await set_status(w.state, change("unknown"), OP_A)
    assert isinstance(softer, Proposed)
    raised = await set_status(w.state, change("confirmed"), OP_B)
    assert isinstance(raised, Applied) and raised.superseded == 1
    retired = await confirm(w.state, softer.proposal_id, OP_B)
    assert isinstance(retired, Refused) and retired.reason == "not_pending"
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "confirmed"


async def test_a_softening_waits_while_a_stronger_report_is_pending(w: World) -> None:
    await imported(w, "suspected", date(2026, 11, 1))
    feed = await a_feed(w)
    reported = await propose_from_feed(w.state, feed, [change("in_progress", source="Partner")])
    assert reported.urgent == 1
    softer = await set_status(w.state, change("unknown"), OP_A)
    assert isinstance(softer, Proposed) and softer.superseded == 0  # the report stays
    blocked = await confirm(w.state, softer.proposal_id, OP_B)
    assert isinstance(blocked, Refused) and blocked.reason == "danger_pending"
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "suspected"


async def test_a_feed_lowering_a_warning_needs_two_operators(w: World) -> None:
    await imported(w, "confirmed", date(2026, 11, 1))
    feed = await a_feed(w)
    outcome = await propose_from_feed(w.state, feed, [change("unknown", source="Partner")])
    assert (len(outcome.proposed), outcome.urgent) == (1, 0)
    proposal_id = outcome.proposed[0]
    endorsed = await confirm(w.state, proposal_id, OP_A)
    assert isinstance(endorsed, Endorsed) and endorsed.proposal.proposed_by == OP_A
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "confirmed"
    own = await confirm(w.state, proposal_id, OP_A)
    assert isinstance(own, Refused) and own.reason == "own_proposal"
    second = await confirm(w.state, proposal_id, OP_B)
    assert isinstance(second, Applied)
    current = await current_status(w.db, AREA)
    assert current is not None and (current.status, current.confirmed_by) == ("unknown", str(OP_B))


async def test_a_softening_is_decided_against_what_residents_are_told_now(w: World) -> None:
    """A feed's report of danger that newer, stronger news overtook is no longer a warning
    one operator may publish: accepting it would lower what residents are told."""
    await imported(w, "unknown", date(2026, 11, 1))
    feed = await a_feed(w)
    reported = await propose_from_feed(w.state, feed, [change("suspected", source="Partner")])
    assert reported.urgent == 1
    await set_status(w.state, change("confirmed"), OP_A)  # the same day, stronger
    refused = await confirm(w.state, reported.proposed[0], OP_B)
    assert isinstance(refused, Refused) and refused.reason == "moved_on"
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "confirmed"
