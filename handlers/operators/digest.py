"""The operators' daily digest of old statuses on the JobQueue.

``status:digest`` is one run_once at digest time (camp clock), re-armed for the next day
after each run. The digest itself is the core's (:mod:`bot.safety.staleness`).
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.safety.staleness import next_digest, send_digest
from handlers.kit import jobs
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.notify import BotMessenger

__all__ = ["DIGEST_JOB", "start"]

log = logging.getLogger(__name__)

DIGEST_JOB = "status:digest"


def _arm(app: DaleelApp, *, after: datetime | None = None) -> None:
    """(Re)arm the one digest job for the next digest time after now (and ``after``)."""
    due = next_digest(app.bot_data, after=after)
    jobs.at(app, DIGEST_JOB, _digest_job, due, due)


async def _digest_job(context: DaleelContext) -> None:
    app = jobs.app_of(context)
    due = context.job.data if context.job is not None else None
    try:
        await send_digest(app.bot_data, BotMessenger(app))
    finally:
        _arm(app, after=due if isinstance(due, datetime) else None)


async def start(app: DaleelApp) -> None:
    """Arm the daily digest."""
    _arm(app)
    log.info("status digest at %s camp time", app.bot_data.settings.safety.digest_time)
