"""Schedules live in the database and run through python-telegram-bot's JobQueue.

There is no second scheduler: each active schedule has exactly one JobQueue job, named
``schedule:<id>``, waiting for its next run (computed by :mod:`bot.announcements.rules` in camp
time, from ``AppState.now()``, so tests move a fake clock). Arming a schedule first removes
any job of that name, so registering twice — or after a restart — never duplicates it.

A run is claimed in the database before its broadcast is queued
(:func:`bot.storage.schedules.begin_run`): however many timers fire for one run, it is
sent once. At start-up (:func:`start`):

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from telegram.error import TelegramError

from bot.access import has_role
from bot.announcements.rules import Rule, catch_up, first_run, next_after
from bot.announcements.sending import NotSent, Queued, queue_announcement
from bot.i18n.catalogues import Translator
from bot.storage import audit
from bot.storage.announcements import get_announcement
from bot.storage.residents import get_resident
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
from handlers.kit.context import DaleelApp, DaleelContext

__all__ = ["JOB_PREFIX", "PastTime", "arm", "cancel", "create", "job_name", "run_due", "start"]

log = logging.getLogger(__name__)

JOB_PREFIX = "schedule:"
# A run that fires this much after its time (the bot was down) is called late to its author.
_LATE = timedelta(minutes=1)


class PastTime(ValueError):
    """A one-off schedule whose time has already passed."""


@dataclass(frozen=True)
class _Tick:
    schedule_id: int
    due: datetime
    resume: bool = False  # a claimed run whose broadcast may not have been queued


def job_name(schedule_id: int) -> str:
    return f"{JOB_PREFIX}{schedule_id}"


def _disarm(app: DaleelApp, schedule_id: int) -> None:
    if app.job_queue is None:
        return
    for job in app.job_queue.get_jobs_by_name(job_name(schedule_id)):
        job.schedule_removal()


def arm(app: DaleelApp, schedule: Schedule, *, resume: bool = False) -> None:
    """(Re)place the schedule's one job, waiting for ``next_run``; none if it is over."""
    _disarm(app, schedule.id)
    if app.job_queue is None:
        log.error("no JobQueue: schedule %s cannot run", schedule.id)
        return
    if schedule.state != "active" or schedule.next_run is None:
        return
    delay = max((schedule.next_run - app.bot_data.now()).total_seconds(), 0.0)
    app.job_queue.run_once(
        _fire,
        delay,
        data=_Tick(schedule.id, schedule.next_run, resume),
        name=job_name(schedule.id),
        # APScheduler skips a job more than a second late by default: never skip a run.
        job_kwargs={"misfire_grace_time": None},
    )


async def create(
    app: DaleelApp, announcement_id: int, created_by: int, rule: Rule
) -> Schedule | None:
    """Store and arm a new schedule for a draft; PastTime for a one-off in the past, None
    when the draft is no longer a draft (already sent, scheduled or discarded)."""
    state = app.bot_data
    first = first_run(rule, state.now(), state.settings.timezone)
    if first is None:
        raise PastTime(rule)
    schedule = await create_schedule(state.db, announcement_id, created_by, rule, first)
    if schedule is not None:
        arm(app, schedule)
    return schedule


async def cancel(app: DaleelApp, schedule_id: int, cancelled_by: int) -> bool:
    """Stop a schedule for good; False when there is no such active schedule."""
    cancelled = await cancel_schedule(app.bot_data.db, schedule_id, cancelled_by)
    _disarm(app, schedule_id)
    return cancelled


async def _fire(context: DaleelContext) -> None:
    """The JobQueue callback."""
    job = context.job
    if job is None or not isinstance(job.data, _Tick):
        return
    app = cast("DaleelApp", context.application)
    await run_due(app, job.data.schedule_id, job.data.due, resume=job.data.resume)


async def run_due(
    app: DaleelApp, schedule_id: int, due: datetime, *, resume: bool = False
) -> None:
    """Send the run ``due`` of a schedule once, then wait for the next one."""
    state = app.bot_data
    schedule = await get_schedule(state.db, schedule_id)
    if schedule is None:
        return
    now = state.now()
    if not resume:
        following = next_after(schedule.rule, max(due, now), state.settings.timezone)
        if not await begin_run(state.db, schedule.id, due, following):
            return  # cancelled, already sent, or a stale timer
    try:
        await _send_run(app, schedule, due, late=now - due > _LATE)
    except Exception:
        log.exception("schedule %s: the run due %s failed", schedule.id, due.isoformat())
        await finish_run(state.db, schedule.id, due, "failed")
        await audit.record(
            state.db, schedule.created_by, "schedule.run", "failed", f"schedule {schedule.id}"
        )
        sid = str(schedule.id)
        await _tell(
            app, schedule.created_by,
            lambda tr: tr.gettext(
                "Scheduled announcement #{id} could not be sent because of an error. Please "
                "send it again with /announce.",
                id=sid,
            ),
        )
    finally:
        latest = await get_schedule(state.db, schedule.id)
        if latest is not None and not resume:
            arm(app, latest)


async def _send_run(app: DaleelApp, schedule: Schedule, due: datetime, *, late: bool) -> None:
    state = app.bot_data
    db, author, sid = state.db, schedule.created_by, str(schedule.id)
    if not await has_role(db, state.settings, author, "staff"):
        # Checked when the action runs: a former staff member's schedules stop.
        await finish_run(db, schedule.id, due, "refused")
        await end_schedule(db, schedule.id, "cancelled")
        _disarm(app, schedule.id)
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
            await _tell(
                app, author,
                lambda tr: tr.gettext(
                    "Scheduled announcement #{id} was due at {due}, while Daleel was not "
                    "running. It went out now, late: broadcast #{broadcast}.",
                    id=sid, due=due, broadcast=broadcast,
                ),
            )
        else:
            await _tell(
                app, author,
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
        await _tell(
            app, author,
            lambda tr: tr.gettext(
                "Scheduled announcement #{id} was not sent: nobody in its audience can "
                "receive it right now.",
                id=sid,
            ),
        )
    elif result.reason == "too_long":
        await _tell(
            app, author,
            lambda tr: tr.gettext(
                "Scheduled announcement #{id} was not sent: it is too long for Telegram. "
                "Please write it again, shorter, with /announce.",
                id=sid,
            ),
        )
    else:
        await _tell(
            app, author,
            lambda tr: tr.gettext(
                "Scheduled announcement #{id} was not sent: its camp, sector or area no "
                "longer exists.",
                id=sid,
            ),
        )


# --- start-up --------------------------------------------------------------------------


async def start(app: DaleelApp) -> None:
    """Register every active schedule with the JobQueue, catching up on missed runs."""
    state = app.bot_data
    db, zone = state.db, state.settings.timezone
    grace = timedelta(minutes=state.settings.schedules.missed_grace_minutes)
    resumed: set[int] = set()
    for schedule_id, due in await unfinished_runs(db):
        # The process died between claiming this run and recording its broadcast: send it
        # again (at worst one run is sent twice, never lost).
        schedule = await get_schedule(db, schedule_id)
        if schedule is not None and app.job_queue is not None:
            log.warning("schedule %s: resuming the run due %s", schedule_id, due.isoformat())
            app.job_queue.run_once(
                _fire, 0.0, data=_Tick(schedule_id, due, resume=True),
                name=f"{job_name(schedule_id)}:resume",
                job_kwargs={"misfire_grace_time": None},
            )
            resumed.add(schedule_id)
    now = state.now()
    for schedule in await load_active(db):
        if schedule.next_run is None:
            continue
        decision = catch_up(schedule.rule, schedule.next_run, now, grace, zone)
        if decision.missed:
            next_run = decision.fire or decision.next_run
            await record_missed(db, schedule.id, schedule.next_run, decision.missed, next_run)
            await audit.record(
                db, audit.SYSTEM, "schedule.missed", "failed",
                f"schedule {schedule.id} missed {len(decision.missed)}",
            )
            # When a later run is going out now, only the earlier ones are news.
            going_on = decision.next_run if decision.fire is None else None
            await _tell_missed(app, schedule, decision.missed, going_on, grace)
        latest = await get_schedule(db, schedule.id)
        if latest is not None:
            arm(app, latest)  # a run within the grace period fires at once (delay 0)
    log.info("schedules: %d registered", len(await load_active(db)))


async def _tell_missed(
    app: DaleelApp,
    schedule: Schedule,
    missed: tuple[datetime, ...],
    next_run: datetime | None,
    grace: timedelta,
) -> None:
    minutes = int(grace.total_seconds() // 60)
    sid = str(schedule.id)
    await _tell(
        app, schedule.created_by,
        lambda tr: tr.ngettext(
            "Scheduled announcement #{id} was not sent at {due}: Daleel was not running, and "
            "it is now more than {n} minute late.",
            "Scheduled announcement #{id} was not sent at {due}: Daleel was not running, and "
            "it is now more than {n} minutes late.",
            minutes, id=sid, due=missed[-1],
        ),
    )
    if len(missed) > 1:
        await _tell(
            app, schedule.created_by,
            lambda tr: tr.ngettext(
                "In all, {n} run of schedule #{id} was missed.",
                "In all, {n} runs of schedule #{id} were missed.",
                len(missed), id=sid,
            ),
        )
    if next_run is not None:
        await _tell(
            app, schedule.created_by,
            lambda tr: tr.gettext(
                "Schedule #{id} goes on: its next run is {when}.", id=sid, when=next_run
            ),
        )


# --- telling the author ------------------------------------------------------------------


async def _author_translator(app: DaleelApp, user_id: int) -> Translator:
    """Staff read Daleel in the language they chose (or the default one)."""
    state = app.bot_data
    resident = await get_resident(state.db, user_id)
    return state.catalogues.translator(
        resident.language if resident else state.settings.default_language
    )


async def _send(app: DaleelApp, user_id: int, text: str) -> None:
    try:
        await app.bot.send_message(user_id, text)
    except TelegramError as error:  # the author blocked the bot: the audit log still says
        log.warning("could not tell user about a schedule: %s", type(error).__name__)


async def _tell(app: DaleelApp, user_id: int, render: Callable[[Translator], str]) -> None:
    """A message to a schedule's author, rendered in their language."""
    tr = await _author_translator(app, user_id)
    await _send(app, user_id, render(tr))
