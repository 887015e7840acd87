"""Scheduled announcements: creating, cancelling, running one, catching up at start-up.

Schedules live in the database; the timers are python-telegram-bot's JobQueue, set by the
surface (``handlers.staff.schedule_jobs``: one job per active schedule, waiting for its
``next_run``). Every function here says what to arm next instead of arming it: runs are
computed by :mod:`bot.announcements.rules` in camp time, from ``AppState.now()``, so tests
move a fake clock.

A run is claimed in the database before its broadcast is queued
(:func:`bot.storage.schedules.begin_run`): however many timers fire for one run, it is
sent once. At start-up (:func:`catch_up`):

- a run claimed but never finished (the process died in between) is sent again;
- a run that fell due while the bot was down is sent once if it is at most
  ``[sending] missed_grace_minutes`` late, and its author is told it went out late;
  otherwise it is marked missed and the author is told. A recurring schedule then waits
  for its next run.

When a schedule runs, its author's role is checked again: if they are no longer staff the
run is refused (audited) and the schedule cancelled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.access import has_role
from bot.announcements import rules
from bot.announcements.rules import Rule, first_run, next_after
from bot.announcements.sending import NotSent, Queued, queue_announcement
from bot.messenger import Messenger
from bot.state import AppState
from bot.storage import audit
from bot.storage.announcements import get_announcement
from bot.storage.schedules import (
    Schedule,
    begin_run,
    cancel_schedule,
    create_schedule,
    end_schedule,
    finish_run,
    get_schedule,
    record_missed,
    unfinished_runs,
)
from bot.storage.schedules import active_schedules as load_active

__all__ = ["CaughtUp", "PastTime", "cancel", "catch_up", "create", "run_due"]

log = logging.getLogger(__name__)

# A run that fires this much after its time (the bot was down) is called late to its author.
_LATE = timedelta(minutes=1)


class PastTime(ValueError):
    """A one-off schedule whose time has already passed."""


@dataclass(frozen=True)
class CaughtUp:
    """What start-up found: runs to send again at once, and the schedules to arm."""

    resume: tuple[tuple[int, datetime], ...]  # (schedule id, due): claimed, never finished
    active: tuple[Schedule, ...]


async def create(
    state: AppState, announcement_id: int, created_by: int, rule: Rule
) -> Schedule | None:
    """Store a new schedule for a draft (to be armed); PastTime for a one-off in the past,
    None when the draft is no longer a draft (already sent, scheduled or discarded)."""
    first = first_run(rule, state.now(), state.settings.timezone)
    if first is None:
        raise PastTime(rule)
    return await create_schedule(state.db, announcement_id, created_by, rule, first)


async def cancel(state: AppState, schedule_id: int, cancelled_by: int) -> bool:
    """Stop a schedule for good (its job is to be removed); False when there is no such
    active schedule."""
    return await cancel_schedule(state.db, schedule_id, cancelled_by)


async def run_due(
    state: AppState, tell: Messenger, schedule_id: int, due: datetime, *, resume: bool = False
) -> Schedule | None:
    """Send the run ``due`` of a schedule once; the author is told how it went.

    Returns the schedule as it now stands when its job is to be re-armed for the next run
    (or removed, when it is over); None when the job is to be left as it is.
    """
    schedule = await get_schedule(state.db, schedule_id)
    if schedule is None:
        return None
    now = state.now()
    if not resume:
        following = next_after(schedule.rule, max(due, now), state.settings.timezone)
        if not await begin_run(state.db, schedule.id, due, following):
            return None  # cancelled, already sent, or a stale timer
    try:
        await _send_run(state, tell, schedule, due, late=now - due > _LATE)
    except Exception:
        log.exception("schedule %s: the run due %s failed", schedule.id, due.isoformat())
        await finish_run(state.db, schedule.id, due, "failed")
        await audit.record(
            state.db, schedule.created_by, "schedule.run", "failed", f"schedule {schedule.id}"
        )
        sid = str(schedule.id)
        await tell.tell(
            schedule.created_by,
            lambda tr: tr.gettext(
                "Scheduled announcement #{id} could not be sent because of an error. Please "
                "send it again with /announce.",
                id=sid,
            ),
        )
    latest = await get_schedule(state.db, schedule.id)
    # A resumed run leaves the schedule's own job alone, unless the run ended the schedule.
    if latest is None or (resume and latest.state == "active"):
        return None
    return latest


async def _send_run(
    state: AppState, tell: Messenger, schedule: Schedule, due: datetime, *, late: bool
) -> None:
    db, author, sid = state.db, schedule.created_by, str(schedule.id)
    if not await has_role(db, state.settings, author, "staff"):
        # Checked when the action runs: a former staff member's schedules stop.
        await finish_run(db, schedule.id, due, "refused")
        await end_schedule(db, schedule.id, "cancelled")
        await audit.record(db, author, "schedule.run", "refused", f"schedule {sid}: needs staff")
        return
    announcement = await get_announcement(db, schedule.announcement_id)
    result: Queued | NotSent = (
        await queue_announcement(state, announcement, created_by=author)
        if announcement is not None
        else NotSent("incomplete")
    )
    if isinstance(result, Queued):
        await finish_run(db, schedule.id, due, "sent", result.broadcast_id)
        await audit.record(
            db, author, "schedule.run", "ok",
            f"schedule {sid} broadcast {result.broadcast_id} recipients {result.recipients}",
        )
        if late:
            broadcast = str(result.broadcast_id)
            await tell.tell(
                author,
                lambda tr: tr.gettext(
                    "Scheduled announcement #{id} was due at {due}, while Daleel was not "
                    "running. It went out now, late: broadcast #{broadcast}.",
                    id=sid, due=due, broadcast=broadcast,
                ),
            )
        else:
            await tell.tell(
                author,
                lambda tr: tr.ngettext(
                    "Scheduled announcement #{id} went out to {n} recipient: broadcast "
                    "#{broadcast}. /report {broadcast} shows how it went.",
                    "Scheduled announcement #{id} went out to {n} recipients: broadcast "
                    "#{broadcast}. /report {broadcast} shows how it went.",
                    result.recipients, id=sid, broadcast=str(result.broadcast_id),
                ),
            )
        return
    await finish_run(db, schedule.id, due, "empty" if result.reason == "nobody" else "failed")
    await audit.record(
        db, author, "schedule.run", "rejected", f"schedule {sid}: {result.reason}"
    )
    if result.reason == "nobody":
        await tell.tell(
            author,
            lambda tr: tr.gettext(
                "Scheduled announcement #{id} was not sent: nobody in its audience can "
                "receive it right now.",
                id=sid,
            ),
        )
    elif result.reason == "too_long":
        await tell.tell(
            author,
            lambda tr: tr.gettext(
                "Scheduled announcement #{id} was not sent: it is too long for Telegram. "
                "Please write it again, shorter, with /announce.",
                id=sid,
            ),
        )
    else:
        await tell.tell(
            author,
            lambda tr: tr.gettext(
                "Scheduled announcement #{id} was not sent: its camp, sector or area no "
                "longer exists.",
                id=sid,
            ),
        )


# --- start-up --------------------------------------------------------------------------


async def catch_up(state: AppState, tell: Messenger) -> CaughtUp:
    """At start-up: runs to resume, missed runs recorded (authors told), what to arm."""
    db, zone = state.db, state.settings.timezone
    grace = timedelta(minutes=state.settings.schedules.missed_grace_minutes)
    resume: list[tuple[int, datetime]] = []
    for schedule_id, due in await unfinished_runs(db):
        # The process died between claiming this run and recording its broadcast: send it
        # again (at worst one run is sent twice, never lost).
        if await get_schedule(db, schedule_id) is not None:
            log.warning("schedule %s: resuming the run due %s", schedule_id, due.isoformat())
            resume.append((schedule_id, due))
    now = state.now()
    active: list[Schedule] = []
    for schedule in await load_active(db):
        if schedule.next_run is None:
            continue
        decision = rules.catch_up(schedule.rule, schedule.next_run, now, grace, zone)
        if decision.missed:
            next_run = decision.fire or decision.next_run
            await record_missed(db, schedule.id, schedule.next_run, decision.missed, next_run)
            await audit.record(
                db, audit.SYSTEM, "schedule.missed", "failed",
                f"schedule {schedule.id} missed {len(decision.missed)}",
            )
            # When a later run is going out now, only the earlier ones are news.
            going_on = decision.next_run if decision.fire is None else None
            await _tell_missed(tell, schedule, decision.missed, going_on, grace)
        latest = await get_schedule(db, schedule.id)
        if latest is not None:
            active.append(latest)  # a run within the grace period fires at once (delay 0)
    return CaughtUp(tuple(resume), tuple(active))


async def _tell_missed(
    tell: Messenger,
    schedule: Schedule,
    missed: tuple[datetime, ...],
    next_run: datetime | None,
    grace: timedelta,
) -> None:
    minutes = int(grace.total_seconds() // 60)
    sid = str(schedule.id)
    await tell.tell(
        schedule.created_by,
        lambda tr: tr.ngettext(
            "Scheduled announcement #{id} was not sent at {due}: Daleel was not running, and "
            "it is now more than {n} minute late.",
            "Scheduled announcement #{id} was not sent at {due}: Daleel was not running, and "
            "it is now more than {n} minutes late.",
            minutes, id=sid, due=missed[-1],
        ),
    )
    if len(missed) > 1:
        await tell.tell(
            schedule.created_by,
            lambda tr: tr.ngettext(
                "In all, {n} run of schedule #{id} was missed.",
                "In all, {n} runs of schedule #{id} were missed.",
                len(missed), id=sid,
            ),
        )
    if next_run is not None:
        await tell.tell(
            schedule.created_by,
            lambda tr: tr.gettext(
                "Schedule #{id} goes on: its next run is {when}.", id=sid, when=next_run
            ),
        )
