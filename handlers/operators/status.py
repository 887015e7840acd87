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
from collections.abc import Mapping
from types import MappingProxyType
from typing import cast

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.safety.changes import send_due_alerts
from bot.storage import action_tokens, audit
from handlers.kit.buttons import STALE
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.payloads import decode
from handlers.kit.permissions import Handler, authorize
from handlers.operators.common import FEATURE, TOKEN_MAX_AGE
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

_BUTTONS: Mapping[str, Handler] = MappingProxyType({
    "ok": confirm_button,
    "no": reject_button,
    "area": area_button,
    "st": status_button,
    "src": source_button,
    "hist": history_button,
})


async def operator_button(update: Update, context: DaleelContext) -> None:
    """Every ``op:`` press goes to its action's handler, which checks the role first."""
    query = update.callback_query
    if query is None:
        return
    callback = decode(query.data)
    handler = _BUTTONS.get(callback.action) if callback and callback.feature == FEATURE else None
    if handler is not None:
        await handler(update, context)
        return
    # Not a button Daleel makes: still only operators learn that it is merely stale.
    actor = await authorize(update, context, "operator", "status.button")
    if actor is None:
        return
    await audit.record(context.db, actor.user_id, "status.button", "rejected", "stale button")
    await query.answer(context.tr.gettext(STALE), show_alert=True)


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
    app.add_handler(CallbackQueryHandler(operator_button, pattern=rf"^{FEATURE}:"))


async def start(app: DaleelApp) -> None:
    """Alerts a crash left owed go now; proposals are checked for expiry from now on."""
    await asyncio.to_thread(load_sources)  # a malformed file stops start-up with its reason
    sent = await send_due_alerts(app.bot_data)
    if sent:
        log.info("status alerts owed since the last run: %d recipients", sent)
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(EXPIRY_JOB):
        job.schedule_removal()
    queue.run_repeating(expiry_job, EXPIRY_SECONDS, first=EXPIRY_SECONDS, name=EXPIRY_JOB)
