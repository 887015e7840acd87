"""Scheduled announcements on the JobQueue (one job per active schedule), and stopping one.

The job ``schedule:<id>`` waits for the schedule's next run; the run itself, and what it
tells the author, is the core's (:mod:`bot.announcements.schedules`), which says after each
run what to arm next. Staff create and cancel schedules from ``/announce`` and
``/schedules`` through :func:`create` and :func:`cancel`; :func:`start` catches up at
start-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from telegram import Update

from bot.access import Actor
from bot.announcements import schedules
from bot.announcements.rules import Rule
from bot.storage.schedules import Schedule, active_schedules
from handlers.kit import jobs
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.notify import BotMessenger

__all__ = [
    "JOB_PREFIX",
    "arm",
    "cancel",
    "cancel_schedule",
    "cancel_schedule_command",
    "create",
    "job_name",
    "start",
]

log = logging.getLogger(__name__)

JOB_PREFIX = "schedule:"


@dataclass(frozen=True)
class _Tick:
    schedule_id: int
    due: datetime
    resume: bool = False  # a claimed run whose broadcast may not have been queued


def job_name(schedule_id: int) -> str:
    return f"{JOB_PREFIX}{schedule_id}"


def arm(app: DaleelApp, schedule: Schedule) -> None:
    """(Re)place the schedule's one job, waiting for ``next_run``; none if it is over."""
    if schedule.state != "active" or schedule.next_run is None:
        jobs.remove(app, job_name(schedule.id))
        return
    tick = _Tick(schedule.id, schedule.next_run)
    jobs.at(app, job_name(schedule.id), _fire, schedule.next_run, tick)


async def _fire(context: DaleelContext) -> None:
    """The JobQueue callback: one run, then the next one armed."""
    job = context.job
    if job is None or not isinstance(job.data, _Tick):
        return
    app, tick = jobs.app_of(context), job.data
    latest = await schedules.run_due(
        app.bot_data, BotMessenger(app), tick.schedule_id, tick.due, resume=tick.resume
    )
    if latest is not None:
        arm(app, latest)


async def create(
    app: DaleelApp, announcement_id: int, created_by: int, rule: Rule
) -> Schedule | None:
    """Store and arm a new schedule for a draft (see :func:`bot.announcements.schedules.create`)."""
    schedule = await schedules.create(app.bot_data, announcement_id, created_by, rule)
    if schedule is not None:
        arm(app, schedule)
    return schedule


async def cancel(app: DaleelApp, schedule_id: int, cancelled_by: int) -> bool:
    """Stop a schedule for good; False when there is no such active schedule."""
    cancelled = await schedules.cancel(app.bot_data, schedule_id, cancelled_by)
    jobs.remove(app, job_name(schedule_id))
    return cancelled


async def start(app: DaleelApp) -> None:
    """Register every active schedule with the JobQueue, catching up on missed runs."""
    caught = await schedules.catch_up(app.bot_data, BotMessenger(app))
    for schedule_id, due in caught.resume:
        resume = _Tick(schedule_id, due, resume=True)
        jobs.at(app, f"{job_name(schedule_id)}:resume", _fire, app.bot_data.now(), resume)
    for schedule in caught.active:
        arm(app, schedule)
    log.info("schedules: %d registered", len(await active_schedules(app.bot_data.db)))


async def cancel_schedule(
    context: DaleelContext, chat_id: int, actor: Actor, schedule_id: int
) -> None:
    """Stop a schedule for a staff member (already authorised) and tell them."""
    tr = context.tr
    if await cancel(jobs.app_of(context), schedule_id, actor.user_id):
        actor.note(f"schedule {schedule_id}", action="schedule.cancel")
        await context.bot.send_message(
            chat_id,
            tr.gettext(
                "Schedule #{id} is cancelled: it will not go out again.", id=str(schedule_id)
            ),
        )
    else:
        actor.note(
            f"schedule {schedule_id} not active", outcome="rejected", action="schedule.cancel"
        )
        await context.bot.send_message(
            chat_id, tr.gettext("There is no active schedule #{id}.", id=str(schedule_id))
        )


async def cancel_schedule_command(
    update: Update, context: DaleelContext, actor: Actor, schedule_id: int
) -> None:
    """``/cancel <id>`` (the command itself is routed by the announce feature)."""
    if update.effective_chat is not None:
        await cancel_schedule(context, update.effective_chat.id, actor, schedule_id)
