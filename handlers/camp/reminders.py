"""Food reminders and distribution notices on the JobQueue.

``food:reminders`` is one run_once at reminder time (camp clock), re-armed for the next
evening after each run, so a changed clock or time zone never drifts it; ``food:watch``
looks for changed distributions every ``WATCH_SECONDS``. What is sent is the core's
(:mod:`bot.camps.reminders`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.camps import reminders
from handlers.kit import jobs
from handlers.kit.context import DaleelApp, DaleelContext

__all__ = ["REMINDER_JOB", "WATCH_JOB", "start"]

log = logging.getLogger(__name__)

REMINDER_JOB = "food:reminders"
WATCH_JOB = "food:watch"


def _arm_reminders(app: DaleelApp) -> None:
    due = reminders.next_reminder(app.bot_data)
    jobs.at(app, REMINDER_JOB, _reminder_job, due, due)


async def _reminder_job(context: DaleelContext) -> None:
    app = jobs.app_of(context)
    due = context.job.data if context.job is not None else None
    try:
        if isinstance(due, datetime):
            await reminders.send_reminders(app.bot_data, due.date() + timedelta(days=1))
    finally:
        _arm_reminders(app)


async def _watch_job(context: DaleelContext) -> None:
    await reminders.watch_distributions(context.bot_data)


async def start(app: DaleelApp) -> None:
    """At start-up: catch up on changes and on this evening's reminders, arm the jobs."""
    await reminders.catch_up(app.bot_data)
    _arm_reminders(app)
    seconds = reminders.WATCH_SECONDS
    jobs.repeat(app, WATCH_JOB, _watch_job, seconds, first=seconds)
    log.info("food reminders at %s camp time", app.bot_data.settings.schedules.food_reminder_time)
