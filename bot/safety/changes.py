"""Changing an area's safety status: the two-person rule, and the alerts that follow.

The direction of a change is decided once, by the order of warning in
:mod:`bot.domain.statuses` (:func:`~bot.domain.statuses.needs_second_operator`), against
what residents are told now (the effective status):

- A change that **raises or keeps the warning** (e.g. unknown → suspected, in progress →
  confirmed, cleared → unknown) takes effect at once: a warning that waits can kill. It
  also retires the area's pending softenings — they were made against older news.
- A change that **lowers the warning** (e.g. confirmed → suspected or unknown, suspected →
  unknown) or **tells people they may return** (cleared, cancelled) is a *proposal* until a
  second, different operator confirms it within ``safety.confirmation_hours``; residents
  keep seeing the previous status meanwhile: one person's slip never removes a warning. A
  proposal is confirmed only against the status it was made against: if the status moved
  on in between, it is retired, never applied over newer news.
- A **feed** never publishes: each change it brings is a proposal (the ones raising the
  warning flagged urgent). One operator accepts an urgent one; a softening accepted by an
  operator becomes that operator's proposal and still needs a second operator.
- A pending report of a stronger warning blocks every softening below it (a clearance
  first of all): the warning is decided first.

When the effective status (what residents are told) changes, the history row is marked
``alert_due`` in the same transaction, and every subscriber of the area gets an urgent
alert in their language through the delivery engine; :func:`send_due_alerts` catches up
after a crash between the two.

Every decision is one transaction whose UPDATEs are guarded by ``state = 'pending'``: two
operators pressing at once cannot both confirm, and a replayed button finds nothing to do.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from bot.access import has_role
from bot.domain.records import StatusRecord, Texts
from bot.domain.statuses import STATUSES, lowers_warning, needs_second_operator
from bot.safety.alerts import ALERT_KIND, AlertSent, render_alert, send_alert, send_due_alerts
from bot.safety.answers import (
    effective_status,
)
from bot.state import AppState
from bot.storage.areas import (
    AreaStatus,
    current_in,
    currents_in,
    record_status,
)
from bot.storage.feeds import forget_validators
from bot.storage.proposals import (
    FeedProposal,
    Proposal,
    decide,
    endorse,
    expire_due,
    get_proposal,
    insert_feed_proposals,
    insert_proposal,
    load_proposal,
    pending_keys_in,
    pending_statuses_in,
    supersede_softenings,
)

__all__ = [
    "ALERT_KIND",
    "AlertSent",
    "Applied",
    "Change",
    "Endorsed",
    "FeedOutcome",
    "Proposed",
    "Refused",
    "Rejected",
    "Unchanged",
    "confirm",
    "expire_proposals",
    "is_softening",
    "propose_from_feed",
    "reject",
    "render_alert",
    "send_alert",
    "send_due_alerts",
    "set_status",
]

log = logging.getLogger(__name__)


def is_softening(current: AreaStatus | None, status: str) -> bool:
    """Whether setting ``status`` where residents are told ``current`` lowers the warning
    or tells them they may return: only such a change needs a second operator."""
    return needs_second_operator(effective_status(current), status)


@dataclass(frozen=True)
class Change:
    """What an operator (or a feed row) says about one area."""

    area_id: int
    status: str
    source: str
    note: str | None
    status_date: date
    demo: bool = False  # operators and feeds speak about the real world
    notes: Texts = field(default_factory=Texts)  # the note per language; ``note``: unstated


@dataclass(frozen=True)
class Applied:
    history_id: int
    previous: AreaStatus | None
    alert: AlertSent | None  # None: residents are told the same as before
    superseded: int  # pending proposals this change retired


@dataclass(frozen=True)
class Proposed:
    proposal_id: int
    expires_at: datetime
    superseded: int


@dataclass(frozen=True)
class Unchanged:
    current: AreaStatus


@dataclass(frozen=True)
class Endorsed:
    """A feed's (or file's) softening, now this operator's proposal: a second one confirms."""

    proposal: Proposal
    expires_at: datetime


@dataclass(frozen=True)
class Rejected:
    proposal: Proposal


RefusalReason = Literal[
    "missing", "not_pending", "expired", "moved_on", "own_proposal", "danger_pending",
    "proposer_gone",
]


@dataclass(frozen=True)
class Refused:
    reason: RefusalReason
    proposal: Proposal | None = None


@dataclass(frozen=True)
class FeedOutcome:
    proposed: tuple[int, ...]  # proposal ids, in row order
    urgent: int  # of which raise the warning
    unchanged: int  # rows that say what residents are already told (or older news)
    already_pending: int  # the same change is already waiting for a decision


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _record(change: Change) -> StatusRecord:
    return StatusRecord(
        "", change.status, change.status_date, change.source, change.note, False, change.notes
    )


def _same(current: AreaStatus | None, change: Change) -> bool:
    return (
        current is not None
        and current.status == change.status
        and current.source == change.source
        and current.status_date == change.status_date
        and (current.note or None) == (change.note or None)
        and current.notes == change.notes
    )


def _effective_changes(current: AreaStatus | None, change: Change) -> bool:
    """Whether residents will be told something different (what deserves an alert)."""
    return effective_status(current) != effective_status(change)


# --- operators ---------------------------------------------------------------------------


async def set_status(
    state: AppState, change: Change, operator_id: int
) -> Applied | Proposed | Unchanged:
    """An operator's change: at once when it raises or keeps the warning residents are
    told, a proposal for a second operator when it lowers it or releases the land."""
    if change.status not in STATUSES:
        raise ValueError(f"unknown status {change.status!r}")
    if not change.source.strip():
        # Residents are told "no information" about a status nobody named: recording it
        # would silently replace a warning they were given.
        raise ValueError("a status needs a named source")
    now = state.clock()
    hours = state.settings.safety.confirmation_hours
    async with state.db.transaction() as conn:
        current = await current_in(conn, change.area_id)
        if _same(current, change):
            return Unchanged(current) if current is not None else _never()
        if is_softening(current, change.status):
            # A new softening replaces older ones; news of danger stays pending.
            superseded = await supersede_softenings(conn, change.area_id, now=_iso(now))
            expires = now + timedelta(hours=hours)
            proposal_id = await insert_proposal(
                conn, area_id=change.area_id, status=change.status,
                status_date=change.status_date, source=change.source, note=change.note,
                notes=change.notes, origin="operator", proposed_by=operator_id, feed_id=None,
                base_history_id=current.history_id if current else None, urgent=False,
                created_at=_iso(now), expires_at=_iso(expires),
            )
            return Proposed(proposal_id, expires, superseded)
        # News at least as strong as what residents are told makes pending softenings moot.
        superseded = await supersede_softenings(conn, change.area_id, now=_iso(now))
        due = _effective_changes(current, change)
        history_id = await record_status(
            conn, change.area_id, _record(change), origin="operator",
            recorded_by=str(operator_id), confirmed_by=None, now=_iso(now), alert_due=due,
        )
    alert = await _alert(state, history_id, due, operator_id)
    return Applied(history_id, current, alert, superseded)


async def _alert(
    state: AppState, history_id: int, due: bool, operator_id: int
) -> AlertSent | None:
    """Send what the new row owes: its own alert, or one an older row left owed."""
    sent = await send_alert(state, history_id, created_by=operator_id)
    return sent if due or sent.broadcast_id is not None else None


def _never() -> Unchanged:
    raise AssertionError("unreachable")


async def confirm(
    state: AppState, proposal_id: int, operator_id: int
) -> Applied | Endorsed | Refused:
    """A second operator confirms (or, for a feed's change, an operator accepts)."""
    now = state.clock()
    async with state.db.transaction() as conn:
        proposal = await load_proposal(conn, proposal_id)
        if proposal is None:
            return Refused("missing")
        if proposal.state != "pending":
            return Refused("not_pending", proposal)
        if proposal.expires_at <= _iso(now) and not proposal.urgent:
            await decide(conn, proposal.id, "expired", decided_by=None, now=_iso(now))
            return Refused("expired", proposal)
        current = await current_in(conn, proposal.area_id)
        # Decided against what residents are told now, not when the proposal was made.
        softening = is_softening(current, proposal.status)
        moved_on = (current.history_id if current else None) != proposal.base_history_id
        if moved_on and (
            softening or (current is not None and proposal.status_date < current.status_date)
        ):
            # Confirming now would put this over news that came after it. (A warning at
            # least as strong and as recent as the current status still applies: the safe
            # direction.)
            await decide(conn, proposal.id, "superseded", decided_by=None, now=_iso(now))
            return Refused("moved_on", proposal)
        if softening:
            pending = await pending_statuses_in(conn, proposal.area_id)
            if any(lowers_warning(other, proposal.status) for other in pending):
                # A report of a stronger warning waits for a decision: it is decided first.
                return Refused("danger_pending", proposal)
            if proposal.proposed_by == operator_id:
                return Refused("own_proposal", proposal)
            if proposal.proposed_by is not None and not await has_role(
                state.db, state.settings, proposal.proposed_by, "operator"
            ):
                # Whoever proposed it is no longer an operator: it is not one of the two.
                await decide(conn, proposal.id, "superseded", decided_by=None, now=_iso(now))
                return Refused("proposer_gone", proposal)
            if proposal.proposed_by is None:
                expires = now + timedelta(hours=state.settings.safety.confirmation_hours)
                await endorse(conn, proposal.id, operator_id, expires_at=_iso(expires))
                endorsed = await load_proposal(conn, proposal.id)
                assert endorsed is not None
                return Endorsed(endorsed, expires)
        change = Change(
            proposal.area_id, proposal.status, proposal.source, proposal.note,
            proposal.status_date, notes=proposal.notes,
        )
        due = _effective_changes(current, change)
        recorded_by = (
            str(proposal.proposed_by) if proposal.proposed_by is not None
            else f"feed:{proposal.feed_id}"
        )
        history_id = await record_status(
            conn, proposal.area_id, _record(change), origin=proposal.origin,
            recorded_by=recorded_by, confirmed_by=str(operator_id), now=_iso(now),
            alert_due=due,
        )
        await decide(
            conn, proposal.id, "confirmed", decided_by=operator_id, now=_iso(now),
            history_id=history_id,
        )
        # What was decided makes the other softenings moot (they were made against the
        # status it replaced); other reports of danger stay for a decision.
        superseded = await supersede_softenings(conn, proposal.area_id, now=_iso(now))
    alert = await _alert(state, history_id, due, operator_id)
    return Applied(history_id, current, alert, superseded)


async def reject(state: AppState, proposal_id: int, operator_id: int) -> Rejected | Refused:
    """Any operator may reject a pending proposal; its proposer may withdraw it."""
    now = _iso(state.clock())
    async with state.db.transaction() as conn:
        proposal = await load_proposal(conn, proposal_id)
        if proposal is None:
            return Refused("missing")
        if not await decide(conn, proposal.id, "rejected", decided_by=operator_id, now=now):
            return Refused("not_pending", proposal)
    return Rejected(proposal)


async def expire_proposals(state: AppState) -> list[Proposal]:
    """Expire every proposal whose time ran out; returns them (to tell their proposers)."""
    async with state.db.transaction() as conn:
        ids = await expire_due(conn, _iso(state.clock()))
    expired = [await get_proposal(state.db, proposal_id) for proposal_id in ids]
    await forget_validators(state.db, [p.feed_id for p in expired if p and p.feed_id])
    return [p for p in expired if p is not None]


# --- feeds -------------------------------------------------------------------------------


async def propose_from_feed(
    state: AppState, feed_id: int, changes: Sequence[Change]
) -> FeedOutcome:
    """Turn a feed's rows into proposals, in one transaction. A row saying what residents
    are already told, or older than the current status, changes nothing; the same change
    already pending is not proposed twice."""
    now = state.clock()
    expires = _iso(now + timedelta(hours=state.settings.safety.confirmation_hours))
    fresh: list[FeedProposal] = []
    unchanged = already = 0
    async with state.db.transaction() as conn:
        pending = await pending_keys_in(conn)
        currents = await currents_in(conn, [change.area_id for change in changes])
        for change in changes:
            current = currents.get(change.area_id)
            if current is not None and (
                change.status_date < current.status_date
                or (current.status == change.status and current.source == change.source)
            ):
                unchanged += 1
                continue
            key = (change.area_id, change.status, change.status_date.isoformat(), change.source)
            if key in pending:
                already += 1
                continue
            pending.add(key)
            fresh.append(
                FeedProposal(
                    change.area_id, change.status, change.status_date, change.source,
                    change.note, current.history_id if current else None,
                    urgent=not is_softening(current, change.status), notes=change.notes,
                )
            )
        proposed = await insert_feed_proposals(
            conn, feed_id, fresh, now=_iso(now), expires_at=expires
        )
    urgent = sum(1 for p in fresh if p.urgent)
    return FeedOutcome(tuple(proposed), urgent, unchanged, already)
