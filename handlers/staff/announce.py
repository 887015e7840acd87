"""``/announce``: staff write an announcement, choose who gets it and how urgent it is, see
it as each language group will, then send it now or schedule it.

The draft lives in the database (:mod:`bot.storage.announcements`); its ``step`` says
what it waits for. Typed answers (the texts, an area's name, a date) reach
:func:`draft_text` only while the author's draft waits for one (a ``user_data`` flag,
restored from the database at start-up); everything else is buttons:

``ann:v1:<action>:<draft id>[:<arg>]`` with actions ``mode`` (all|each), ``skip``
(language), ``aud`` (audience kind), ``campp`` (page), ``camp`` (camp id), ``sec`` (sector
id), ``area`` (area id), ``lang`` (code), ``prio`` (urgent|routine), ``send``, ``when``,
``kind`` (once|daily|weekly|monthly), ``day`` (0-6), ``days`` (done) and ``stop``.

Every press and every typed answer checks the staff role at that moment (a role revoked
while composing is refused at the next press, "Send" included) and re-reads the draft:
only its author, only while it is a draft, only the action its step expects. Sending,
scheduling and discarding are audited; so is every refusal.

Staff text is plain text, HTML-escaped when rendered (see :mod:`bot.announcements.texts`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.access import Actor
from bot.announcements.texts import clean_text
from bot.storage import audit
from bot.storage.announcements import (
    ALL_LANGUAGES,
    Announcement,
    claim_draft,
    discard_drafts,
    drafts_waiting,
    get_announcement,
    start_draft,
)
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.payloads import Callback, decode
from handlers.kit.permissions import authorize, requires
from handlers.kit.ui import Screen, present
from handlers.staff.announce_compose import (
    got_area_name,
    got_camp_name,
    got_text,
    on_area,
    on_audience,
    on_camp,
    on_camp_page,
    on_language,
    on_mode,
    on_priority,
    on_sector,
    on_skip,
)
from handlers.staff.announce_send import got_when, on_day, on_days, on_kind, on_send, on_when
from handlers.staff.announce_ui import WAITING, forget, mode_screen, show, stale, waits_for_text
from handlers.staff.scheduling import cancel_schedule_command

__all__ = ["WAITING", "draft_text", "register", "restore_waiting"]


@requires("staff", "announce.start")
async def announce_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/announce: a new draft (an unfinished one is dropped)."""
    draft = await start_draft(context.db, actor.user_id)
    actor.note(f"announcement {draft.id}")
    await show(update, context, draft, mode_screen(context.tr, draft))


class _DraftText(MessageHandler[DaleelContext, None]):
    """Private text (not a command) from someone whose draft waits for a typed answer."""

    def __init__(self, app: DaleelApp) -> None:
        super().__init__(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, draft_text
        )
        self._app = app

    def check_update(self, update: object) -> bool | dict[str, list[object]] | None:
        if not isinstance(update, Update) or update.effective_user is None:
            return None
        waiting = self._app.user_data.get(update.effective_user.id)
        if not waiting or WAITING not in waiting:
            return None
        return super().check_update(update)


async def draft_text(update: Update, context: DaleelContext) -> None:
    """A typed answer to the step the author's draft is at."""
    message = update.effective_message
    if message is None or message.text is None or context.user_data is None:
        return
    actor = await authorize(update, context, "staff", "announce.write")
    if actor is None:
        forget(context)
        return
    actor.audited = False  # typing a text is a step; scheduling is audited when it ends
    draft_id = context.user_data.get(WAITING)
    draft = await get_announcement(context.db, draft_id) if isinstance(draft_id, int) else None
    if draft is None or draft.author_id != actor.user_id or draft.state != "draft":
        await stale(update, context)
        return
    step, text = draft.step, clean_text(message.text)
    if not text:
        await message.reply_text(context.tr.gettext("Please send it as text."))
        return
    if step.startswith("text:"):
        await got_text(update, context, draft, step.removeprefix("text:"), text)
    elif step == "area":
        await got_area_name(update, context, draft, text)
    elif step in ("camp", "camp_sector"):
        await got_camp_name(update, context, draft, text)
    elif step in ("once", "daily", "monthly") or step.startswith("weekly_time:"):
        await got_when(update, context, actor, draft, text)
        if actor.audited:
            await audit.record(context.db, actor.user_id, actor.action, actor.outcome, actor.detail)
    else:
        await stale(update, context)


def _expects(step: str, action: str) -> bool:
    """Is ``action`` a valid press for a draft at ``step``? (Old buttons are stale.)"""
    if action == "stop":
        return True
    expected = {
        "mode": step == "mode",
        "skip": step.startswith("text:") and step != f"text:{ALL_LANGUAGES}",
        "aud": step == "audience",
        "campp": step in ("camp", "camp_sector"),
        "camp": step in ("camp", "camp_sector"),
        "sec": step.startswith("sector:"),
        "area": step == "area",
        "lang": step == "language",
        "prio": step == "priority",
        "send": step == "preview",
        "when": step == "preview",
        "kind": step == "when",
        "day": step.startswith("weekly:"),
        "days": step.startswith("weekly:"),
    }
    return expected.get(action, False)


async def _on_stop(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement, cb: Callback
) -> None:
    chat = update.effective_chat
    if chat is None or not await claim_draft(context.db, draft.id, "discarded"):
        await stale(update, context)
        return
    forget(context)
    actor.note(f"announcement {draft.id}", action="announce.discard")
    await present(
        chat.id,
        context,
        Screen(context.tr.gettext("The announcement was discarded. Nothing was sent.")),
        update=update,
    )


ButtonHandler = Callable[[Update, DaleelContext, Actor, Announcement, Callback], Awaitable[None]]
_BUTTONS: Mapping[str, ButtonHandler] = MappingProxyType({
    "mode": on_mode,
    "skip": on_skip,
    "aud": on_audience,
    "campp": on_camp_page,
    "camp": on_camp,
    "sec": on_sector,
    "area": on_area,
    "lang": on_language,
    "prio": on_priority,
    "send": on_send,
    "when": on_when,
    "kind": on_kind,
    "day": on_day,
    "days": on_days,
    "stop": _on_stop,
})


async def announce_button(update: Update, context: DaleelContext) -> None:
    """Every ``ann:`` press: the role now, then the draft, then the step's own handler."""
    query = update.callback_query
    if query is None:
        return
    callback = decode(query.data)
    action = callback.action if callback is not None and callback.action in _BUTTONS else None
    actor = await authorize(update, context, "staff", f"announce.{action or 'button'}")
    if actor is None:
        forget(context)
        return
    actor.audited = False  # steps are audited only when they finish something
    draft_id = callback.arg_int(0) if callback is not None and action else None
    draft = await get_announcement(context.db, draft_id) if draft_id is not None else None
    if draft is not None and draft.author_id != actor.user_id:
        # Someone else's draft: a forged or shared payload.
        await audit.record(
            context.db, actor.user_id, f"announce.{action}", "rejected",
            f"announcement {draft.id} of another author",
        )
        draft = None
    if (
        callback is None or action is None or draft is None or draft.state != "draft"
        or not _expects(draft.step, action)
    ):
        await stale(update, context)
        return
    await query.answer()
    try:
        await _BUTTONS[action](update, context, actor, draft, callback)
    except Exception:
        await audit.record(context.db, actor.user_id, actor.action, "failed", actor.detail)
        raise
    if actor.audited:
        await audit.record(context.db, actor.user_id, actor.action, actor.outcome, actor.detail)


@requires("staff", "cancel")
async def cancel_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """``/cancel <id>`` stops a schedule; ``/cancel`` alone drops the draft being written."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    args = context.args or []
    if len(args) == 1 and args[0].lstrip("#").isdecimal() and len(args[0]) <= 12:
        actor.action = "schedule.cancel"
        await cancel_schedule_command(update, context, actor, int(args[0].lstrip("#")))
        return
    if not args:
        dropped = await discard_drafts(context.db, actor.user_id)
        forget(context)
        if dropped:
            actor.note(f"drafts {dropped}", action="announce.discard")
            await context.bot.send_message(
                chat.id, tr.gettext("The announcement was discarded. Nothing was sent.")
            )
            return
    actor.note("bad arguments", outcome="rejected")
    await context.bot.send_message(
        chat.id,
        tr.gettext(
            "Write /cancel and the number of a schedule, for example {example}. /schedules "
            "lists them.",
            example="/cancel 7",
        ),
    )


async def restore_waiting(app: DaleelApp) -> None:
    """After a restart, listen again for the texts of drafts being written."""
    for draft in await drafts_waiting(app.bot_data.db):
        if waits_for_text(draft.step):
            app.user_data[draft.author_id][WAITING] = draft.id


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("announce", announce_command, private))
    app.add_handler(CommandHandler("cancel", cancel_command, private))
    app.add_handler(CallbackQueryHandler(announce_button, pattern=r"^ann:"))
    handler: BaseHandler[Update, DaleelContext, None] = _DraftText(app)
    app.add_handler(handler)
