"""Safety operators: area status changes (the two-person rule), proposals, history.

- ``/setstatus <area> <status> [source] [| note]`` (or by buttons after naming the area):
  :mod:`handlers.operators.set_status`
- ``/pending``, Confirm / Reject: :mod:`handlers.operators.review`
- ``/history <area>``: :mod:`handlers.operators.history`

Every command and every button checks the operator role at the moment it runs
(:func:`bot.access.requires`; refusals are audited). At start-up the alerts a crash
left owed are sent, and a JobQueue job (``status:expire``) expires proposals whose time
ran out, tells their proposers, and catches up on owed alerts again.
"""

from __future__ import annotations

import asyncio
import logging
from typing import cast

from telegram.ext import CommandHandler, filters

from bot.domain.roles import Role
from bot.safety.changes import send_due_alerts
from bot.storage import action_tokens
from handlers.kit import buttons
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.operators.common import (
    FEATURE,
    TOKEN_MAX_AGE,
    Confirm,
    PickArea,
    PickHistory,
    PickSource,
    PickStatus,
    Reject,
)
from handlers.operators.history import history_button, history_command
from handlers.operators.parse import load_sources
from handlers.operators.review import (
    confirm_button,
    expire_and_tell,
    pending_command,
    reject_button,
)
from handlers.operators.set_status import (
    area_button,
    setstatus_command,
    source_button,
    status_button,
)

__all__ = ["EXPIRY_JOB", "EXPIRY_SECONDS", "expiry_job", "register", "start"]

log = logging.getLogger(__name__)

EXPIRY_JOB = "status:expire"
EXPIRY_SECONDS: float = 60.0  # read when the job is armed: tests make it short

async def expiry_job(context: DaleelContext) -> None:
    """Every EXPIRY_SECONDS: expire proposals, tell proposers, send owed alerts."""
    app = cast("DaleelApp", context.application)
    state = app.bot_data
    await expire_and_tell(app)
    await send_due_alerts(state)
    await action_tokens.purge(state.db, now=state.clock(), max_age=TOKEN_MAX_AGE * 24)


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("setstatus", setstatus_command, private))
    app.add_handler(CommandHandler("pending", pending_command, private))
    app.add_handler(CommandHandler("history", history_command, private))
    op: Role = "operator"
    buttons.on_guarded(app, Confirm, confirm_button, role=op, action="status.confirm")
    buttons.on_guarded(app, Reject, reject_button, role=op, action="status.reject")
    # The steps of /setstatus: audited once the change is made, not at every step.
    step = "status.set"
    buttons.on_guarded(app, PickArea, area_button, role=op, action=step, audit_success=False)
    buttons.on_guarded(app, PickStatus, status_button, role=op, action=step, audit_success=False)
    buttons.on_guarded(app, PickSource, source_button, role=op, action=step, audit_success=False)
    buttons.on_guarded(app, PickHistory, history_button, role=op, action="status.history")
    # Not a button Daleel makes: still only operators learn that it is merely stale.
    buttons.on_unknown(app, FEATURE, role=op, action="status.button")


async def start(app: DaleelApp) -> None:
    """Alerts a crash left owed go now; proposals are checked for expiry from now on."""
    # A malformed file stops start-up with its reason; answers name sources from this.
    app.bot_data.sources = await asyncio.to_thread(load_sources)
    sent = await send_due_alerts(app.bot_data)
    if sent:
        log.info("status alerts owed since the last run: %d recipients", sent)
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(EXPIRY_JOB):
        job.schedule_removal()
    queue.run_repeating(expiry_job, EXPIRY_SECONDS, first=EXPIRY_SECONDS, name=EXPIRY_JOB)
