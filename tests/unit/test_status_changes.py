"""bot.safety.changes against a real SQLite database: the two-person rule, expiry, a
status that moved on, feeds (endorsement, urgent danger), Unchanged, and the alerts a
change owes (queued for exactly the area's followers, caught up after a crash)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from bot.config import Secret, Settings
from bot.delivery import Dispatcher
from bot.domain.records import StatusRecord
from bot.i18n.catalogues import Catalogues, default_locales_dir
from bot.safety.changes import (
    ALERT_KIND,
    Applied,
    Change,
    Endorsed,
    Proposed,
    Refused,
    Rejected,
    Unchanged,
    confirm,
    expire_proposals,
    propose_from_feed,
    reject,
    send_due_alerts,
    set_status,
)
from bot.state import AppState
from bot.storage import Database
from bot.storage.areas import alerts_due, current_status, record_status, status_history
from bot.storage.outbox import Priority, get_broadcast
from bot.storage.proposals import feed_names, get_proposal, pending_proposals, proposals_for_area
from bot.storage.residents import set_language
from bot.storage.subscriptions import subscribe

ZONE = ZoneInfo("Asia/Baghdad")
START = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)
AREA, OTHER = 1, 2
OP_A, OP_B = 501, 502
DMA = "Directorate of Mine Action"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


class NoSender:
    """The dispatcher is never started here: queued alerts are read from the outbox."""

    async def send(self, chat_id: int, text: str, reply_markup: str | None, *, paid: bool) -> int:
        raise AssertionError("nothing is sent in these tests")


@dataclass
class World:
    state: AppState
    clock: Clock

    @property
    def db(self) -> Database:
        return self.state.db


@pytest.fixture
async def w(tmp_path: Path) -> AsyncIterator[World]:
    settings = Settings(
        # Both operators are admins here (an admin may act as an operator).
        token=Secret("5550001:unit"), admin_ids=frozenset({OP_A, OP_B}),
        database=tmp_path / "d.sqlite3",
        timezone=ZONE, default_language="ar", api_base_url=None, mode="polling", webhook=None,
    )
    db = await Database.open(settings.database)
    await db.executemany(
        "INSERT INTO areas (id, pcode, level, name_en, name_ar, updated_at)"
        " VALUES (?, ?, 'village', ?, ?, 'now')",
        [(AREA, "P1", "Awsaja", "العوسجة"), (OTHER, "P2", "Safina", "السفينة")],
    )
    state = AppState()
    state.configure(settings)
    http = httpx.AsyncClient()
    state.open(Catalogues.load(default_locales_dir(), ZONE), db, http)
    state.use_dispatcher(Dispatcher(db, NoSender(), settings.rates))
    clock = Clock()
    state.clock = clock
    try:
        yield World(state, clock)
    finally:
        await http.aclose()
        await db.close()


def change(status: str, *, area: int = AREA, source: str = DMA, note: str | None = None,
           day: date = TODAY) -> Change:
    return Change(area, status, source, note, day)


async def imported(w: World, status: str, day: date, *, area: int = AREA) -> int:
    """A status as the importer records it (no alert, no proposal)."""
    async with w.db.transaction() as conn:
        return await record_status(
            conn, area, StatusRecord("P", status, day, DMA, None, False), origin="import",
            recorded_by="import:test.csv", confirmed_by=None, now="2026-11-01T00:00:00+00:00",
        )


async def queued(w: World, broadcast_id: int) -> dict[int, str]:
    rows = await w.db.fetch_all(
        "SELECT m.chat_id, c.text FROM outbox_messages m JOIN outbox_contents c"
        " ON c.id = m.content_id WHERE m.broadcast_id = ?",
        (broadcast_id,),
    )
    return {int(row[0]): str(row[1]) for row in rows}


async def follower(w: World, chat_id: int, language: str, area: int = AREA) -> None:
    await set_language(w.db, chat_id, language)
    assert await subscribe(w.db, chat_id, "area", area) == "added"


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
    feed = await _feed(w)
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
    feed = await _feed(w)
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
    feed = await _feed(w)
    reported = await propose_from_feed(w.state, feed, [change("suspected", source="Partner")])
    assert reported.urgent == 1
    await set_status(w.state, change("confirmed"), OP_A)  # the same day, stronger
    refused = await confirm(w.state, reported.proposed[0], OP_B)
    assert isinstance(refused, Refused) and refused.reason == "moved_on"
    current = await current_status(w.db, AREA)
    assert current is not None and current.status == "confirmed"


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
        w.state, feed, [change("confirmed", source="Partner", day=TODAY)]
    )
    assert older.urgent == 1
    await set_status(w.state, change("confirmed", day=TODAY + timedelta(days=1)), OP_A)
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
