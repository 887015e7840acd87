"""bot.safety.changes against a real SQLite database: feeds (endorsement, urgent danger),
Unchanged, the alerts a change owes (caught up once after a crash), and reports of
danger that a clearance never hides."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.records import StatusRecord
from bot.safety.changes import (
    Applied,
    Endorsed,
    Proposed,
    Refused,
    confirm,
    expire_proposals,
    propose_from_feed,
    send_due_alerts,
    set_status,
)
from bot.storage.areas import alerts_due, current_status, record_status
from bot.storage.proposals import feed_names, pending_proposals
from tests.unit.status_world import (
    AREA,
    DMA,
    OP_A,
    OP_B,
    OTHER,
    START,
    TODAY,
    World,
    change,
    follower,
    imported,
    queued,
)

# --- feeds ---------------------------------------------------------------------------------


async def _feed(w: World, name: str = "partner-export") -> int:
    await w.db.execute(
        "INSERT INTO status_feeds (name, url, added_by, added_at) VALUES (?, ?, ?, ?)",
        (name, "http://127.0.0.1/feed.csv", OP_A, "2026-11-01T00:00:00+00:00"),
    )
    row = await w.db.fetch_one("SELECT id FROM status_feeds WHERE name = ?", (name,))
    assert row is not None
    return int(row[0])


async def test_a_feed_proposes_and_one_operator_accepts_danger(w: World) -> None:
    await imported(w, "cleared", date(2026, 11, 1))
    await follower(w, 10, "en")
    feed = await _feed(w)
    assert await feed_names(w.db, [feed, 77]) == {feed: "partner-export"}
    outcome = await propose_from_feed(
        w.state, feed, [change("suspected"), change("cleared", area=OTHER)]
    )
    assert (len(outcome.proposed), outcome.urgent, outcome.unchanged) == (2, 1, 0)
    # Nothing was published.
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "cleared"
    urgent, toward_return = await pending_proposals(w.db)
    assert (urgent.urgent, urgent.area_id, urgent.proposed_by) == (True, AREA, None)
    # The same rows again change nothing.
    again = await propose_from_feed(
        w.state, feed, [change("suspected"), change("cleared", area=OTHER)]
    )
    assert (again.proposed, again.already_pending) == ((), 2)

    accepted = await confirm(w.state, urgent.id, OP_A)
    assert isinstance(accepted, Applied)
    assert accepted.alert is not None and accepted.alert.recipients == 1
    current = await current_status(w.db, AREA)
    assert current is not None
    assert (current.status, current.origin, current.recorded_by, current.confirmed_by) == (
        "suspected", "feed", f"feed:{feed}", str(OP_A),
    )

    # A feed's return: the first operator's acceptance makes it their proposal.
    endorsed = await confirm(w.state, toward_return.id, OP_A)
    assert isinstance(endorsed, Endorsed)
    assert endorsed.proposal.proposed_by == OP_A
    assert endorsed.expires_at == START + timedelta(hours=48)
    assert await current_status(w.db, OTHER) is None
    own = await confirm(w.state, toward_return.id, OP_A)
    assert isinstance(own, Refused) and own.reason == "own_proposal"
    second = await confirm(w.state, toward_return.id, OP_B)
    assert isinstance(second, Applied)
    other = await current_status(w.db, OTHER)
    assert other is not None
    assert (other.status, other.recorded_by, other.confirmed_by) == ("cleared", str(OP_A), str(OP_B))


async def test_a_feed_saying_what_residents_are_told_changes_nothing(w: World) -> None:
    await imported(w, "confirmed", date(2026, 11, 20))
    feed = await _feed(w)
    outcome = await propose_from_feed(w.state, feed, [
        change("confirmed"),  # the same status and source
        change("suspected", day=date(2026, 11, 1)),  # older than what residents are told
    ])
    assert (outcome.proposed, outcome.unchanged) == ((), 2)


# --- alerts owed after a crash ------------------------------------------------------------


async def test_an_alert_owed_after_a_crash_is_sent_once(w: World) -> None:
    await follower(w, 10, "en")
    await follower(w, 11, "ku")
    async with w.db.transaction() as conn:  # recorded, then the process died
        history_id = await record_status(
            conn, AREA, StatusRecord("P1", "confirmed", TODAY, DMA, None, False),
            origin="operator", recorded_by=str(OP_A), confirmed_by=None,
            now="2026-11-24T07:00:00+00:00", alert_due=True,
        )
    assert await alerts_due(w.db) == [(history_id, AREA)]
    assert await send_due_alerts(w.state) == 2
    assert await alerts_due(w.db) == []
    assert await send_due_alerts(w.state) == 0
    row = await w.db.fetch_one(
        "SELECT alert_broadcast_id FROM area_status_history WHERE id = ?", (history_id,)
    )
    assert row is not None and row[0] is not None
    texts = await queued(w, int(row[0]))
    assert texts[11].startswith("🚨 <b>Rewşa ewlehiyê guherî</b>")


async def test_an_owed_alert_that_newer_news_overtook_is_not_sent(w: World) -> None:
    await follower(w, 10, "en")
    async with w.db.transaction() as conn:
        stale_id = await record_status(
            conn, AREA, StatusRecord("P1", "suspected", TODAY, DMA, None, False),
            origin="operator", recorded_by=str(OP_A), confirmed_by=None,
            now="2026-11-24T07:00:00+00:00", alert_due=True,
        )
    newer = await set_status(w.state, change("confirmed"), OP_B)
    assert isinstance(newer, Applied) and newer.alert is not None
    assert newer.alert.recipients == 1
    assert await send_due_alerts(w.state) == 0  # the newer alert supersedes it
    row = await w.db.fetch_one(
        "SELECT alert_due, alert_broadcast_id FROM area_status_history WHERE id = ?",
        (stale_id,),
    )
    assert row is not None and (row[0], row[1]) == (0, None)


# --- a report of danger is never lost to a clearance ---------------------------------------


async def test_a_clearance_waits_while_a_report_of_danger_is_pending(w: World) -> None:
    await imported(w, "suspected", date(2026, 11, 1))
    feed = await _feed(w)
    reported = await propose_from_feed(w.state, feed, [change("confirmed")])
    proposed = await set_status(w.state, change("cleared"), OP_A)
    assert isinstance(proposed, Proposed) and proposed.superseded == 0  # danger stays
    blocked = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(blocked, Refused) and blocked.reason == "danger_pending"
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "suspected"
    # The report of danger is decided first; it makes the clearance moot.
    accepted = await confirm(w.state, reported.proposed[0], OP_B)
    assert isinstance(accepted, Applied) and accepted.superseded == 1
    late = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(late, Refused) and late.reason == "not_pending"


async def test_a_report_of_danger_still_applies_after_newer_news_of_the_same_day(
    w: World,
) -> None:
    await imported(w, "suspected", date(2026, 11, 1))
    feed = await _feed(w)
    reported = await propose_from_feed(w.state, feed, [change("confirmed")])
    await set_status(w.state, change("in_progress"), OP_A)  # the base moved on, same day
    accepted = await confirm(w.state, reported.proposed[0], OP_B)
    assert isinstance(accepted, Applied)
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "confirmed"
    # An older report, though, never goes over newer news.
    older = await propose_from_feed(
        w.state, feed, [change("suspected", source="Partner", day=TODAY)]
    )
    await set_status(w.state, change("in_progress", day=TODAY + timedelta(days=1)), OP_A)
    refused = await confirm(w.state, older.proposed[0], OP_B)
    assert isinstance(refused, Refused) and refused.reason == "moved_on"


async def test_a_report_of_danger_never_expires_unseen(w: World) -> None:
    feed = await _feed(w)
    reported = await propose_from_feed(w.state, feed, [change("confirmed")])
    w.clock.now = START + timedelta(days=30)
    assert await expire_proposals(w.state) == []
    accepted = await confirm(w.state, reported.proposed[0], OP_A)
    assert isinstance(accepted, Applied)


async def test_a_proposer_who_lost_the_role_is_not_one_of_the_two(w: World) -> None:
    from bot.storage.roles import grant_role, revoke_role  # noqa: PLC0415

    await grant_role(w.db, 503, "operator", OP_A)
    proposed = await set_status(w.state, change("cleared"), 503)
    assert isinstance(proposed, Proposed)
    await revoke_role(w.db, 503)
    refused = await confirm(w.state, proposed.proposal_id, OP_B)
    assert isinstance(refused, Refused) and refused.reason == "proposer_gone"
    assert await current_status(w.db, AREA) is None


async def test_a_newer_status_takes_over_the_alert_an_older_one_owed(w: World) -> None:
    await follower(w, 10, "en")
    async with w.db.transaction() as conn:  # owed, then the process died
        await record_status(
            conn, AREA, StatusRecord("P1", "confirmed", TODAY, DMA, None, False),
            origin="operator", recorded_by=str(OP_A), confirmed_by=None,
            now="2026-11-24T07:00:00+00:00", alert_due=True,
        )
    # Same warning, new details: on its own it would owe nothing; it carries the alert.
    outcome = await set_status(w.state, change("confirmed", note="Marked with red stones"), OP_B)
    assert isinstance(outcome, Applied)
    assert outcome.alert is not None and outcome.alert.recipients == 1  # the owed alert
    assert await send_due_alerts(w.state) == 0  # once
    assert await alerts_due(w.db) == []
