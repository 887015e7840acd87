"""The JobQueue glue every timed job of the surface shares.

There is no second scheduler: the core's timed work (schedules, food reminders, feeds, the
status digest) runs from python-telegram-bot's JobQueue. Each job has a name; arming one
first removes any job of that name, so starting twice (or after a restart) never
duplicates it. Jobs run on the real clock; the camp clock (``AppState.now()``) decides
when they are due, so tests move a fake clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any, cast

from handlers.kit.context import DaleelApp, DaleelContext

__all__ = ["Job", "app_of", "at", "remove", "repeat"]

log = logging.getLogger(__name__)

Job = Callable[[DaleelContext], Coroutine[Any, Any, None]]


def app_of(context: DaleelContext) -> DaleelApp:
    """The application a job runs in (PTB types it loosely)."""
    return cast("DaleelApp", context.application)


def remove(app: DaleelApp, name: str) -> None:
    """Remove every job called ``name`` (none: nothing to do)."""
    if app.job_queue is None:
        return
    for job in app.job_queue.get_jobs_by_name(name):
        job.schedule_removal()


def at(app: DaleelApp, name: str, callback: Job, due: datetime, data: object = None) -> bool:
    """(Re)place the one job ``name`` to run at ``due`` (camp clock; at once if past).

    Never skipped when late (APScheduler skips a job more than a second late by default).
    False when there is no JobQueue.
    """
    remove(app, name)
    if app.job_queue is None:
        log.error("no JobQueue: %s cannot run", name)
        return False
    delay = max((due - app.bot_data.now()).total_seconds(), 0.0)
    app.job_queue.run_once(
        callback, delay, data=data, name=name, job_kwargs={"misfire_grace_time": None}
    )
    return True


def repeat(app: DaleelApp, name: str, callback: Job, seconds: float, *, first: float) -> bool:
    """(Re)place the one job ``name`` running every ``seconds``; False without a JobQueue."""
    remove(app, name)
    if app.job_queue is None:
        return False
    app.job_queue.run_repeating(callback, seconds, first=first, name=name)
    return True
