"""``/announce``: staff write an announcement, choose who gets it and how urgent it is, see
it as each language group will, then send it now or schedule it.

The draft lives in the database (:mod:`bot.storage.announcements`); its ``step`` says
what it waits for. Typed answers (the texts, an area's name, a date) reach
:func:`draft_text` only while the author's draft waits for one (a ``user_data`` flag,
restored from the database at start-up); everything else is buttons:

``ann:v1:<action>:<draft id>[:<arg>]`` with actions ``mode`` (all|each), ``skip``
(language), ``aud`` (audience kind), ``campp`` (page), ``camp`` (camp id), ``sec`` (sector
id), ``area`` (area id), ``lang`` (code), ``prio`` (urgent|routine), ``send``, ``when``,
``kind`` (once|daily|weekly|monthly), ``day`` (0-6), ``days`` (done) and ``stop``, one
payload type each (:mod:`handlers.staff.announce_payloads`) with its own handler.

Every press and every typed answer checks the staff role at that moment (a role revoked
while composing is refused at the next press, "Send" included) and re-reads the draft:
only its author, only while it is a draft, only the action its step expects (one shared
wrapper, :func:`_on_draft`); anything else under ``ann:`` is stale. Sending, scheduling
and discarding are audited; so is every refusal.

Staff text is plain text, HTML-escaped when rendered (see :mod:`bot.announcements.texts`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import CommandHandler, filters

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
from handlers.kit import buttons
from handlers.kit.awaited import AwaitedMessage
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.payloads import P
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
from handlers.staff.announce_payloads import (
    FEATURE,
    AskWhen,
    CampPage,
    ChooseArea,
    ChooseAudience,
    ChooseCamp,
    ChooseKind,
    ChooseLanguage,
    ChooseMode,
    ChoosePriority,
    ChooseSector,
    DaysDone,
    Discard,
    DraftPayload,
    SendNow,
    SkipLanguage,
    ToggleDay,
)
from handlers.staff.announce_send import got_when, on_day, on_days, on_kind, on_send, on_when
from handlers.staff.announce_ui import (
    WAITING,
    forget,
    mode_screen,
    show,
    stale_draft,
    waits_for_text,
)
from handlers.staff.scheduling import cancel_schedule_command

__all__ = ["WAITING", "draft_text", "register", "restore_waiting"]


@requires("staff", "announce.start")
async def announce_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/announce: a new draft (an unfinished one is dropped)."""
    draft = await start_draft(context.db, actor.user_id)
    actor.note(f"announcement {draft.id}")
    await show(update, context, draft, mode_screen(context.tr, draft))


def _waiting(app: DaleelApp, user_id: int) -> bool:
    """Whether this author's draft waits for a typed answer."""
    waiting = app.user_data.get(user_id)
    return waiting is not None and WAITING in waiting


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
        await stale_draft(update, context)
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
        await stale_draft(update, context)


DraftHandler = Callable[[Update, DaleelContext, Actor, Announcement, P], Awaitable[None]]


def _on_draft(
    app: DaleelApp, kind: type[P], handler: DraftHandler[P], expects: Callable[[str], bool]
) -> None:
    """``handler`` gets the presses of ``kind`` (staff only, checked at the press) on the
    presser's own draft, still a draft, at a step that ``expects`` this action; old buttons
    are stale. Steps are audited only when they finish something (``actor.note``)."""

    async def pressed(
        update: Update, context: DaleelContext, actor: Actor, press: Press[P]
    ) -> None:
        assert isinstance(press.payload, DraftPayload)
        draft = await get_announcement(context.db, press.payload.draft_id)
        if draft is not None and draft.author_id != actor.user_id:
            # Someone else's draft: a forged or shared payload.
            await audit.record(
                context.db, actor.user_id, actor.action, "rejected",
                f"announcement {draft.id} of another author",
            )
            draft = None
        if draft is None or draft.state != "draft" or not expects(draft.step):
            await stale_draft(update, context)
            return
        await press.query.answer()
        await handler(update, context, actor, draft, press.payload)

    buttons.on_guarded(
        app, kind, pressed, role="staff", action=f"announce.{kind.ACTION}",
        audit_success=False, alert=False, refused=forget,
    )


def _any_step(step: str) -> bool:
    return True


def _typing(step: str) -> bool:
    return step.startswith("text:") and step != f"text:{ALL_LANGUAGES}"


def _choosing_camp(step: str) -> bool:
    return step in ("camp", "camp_sector")


def _choosing_days(step: str) -> bool:
    return step.startswith("weekly:")


def _at(expected: str) -> Callable[[str], bool]:
    return lambda step: step == expected


async def on_discard(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement, press: Discard
) -> None:
    """✖️ Cancel, at any step: the draft is dropped and nothing is sent."""
    chat = update.effective_chat
    if chat is None or not await claim_draft(context.db, draft.id, "discarded"):
        await stale_draft(update, context)
        return
    forget(context)
    actor.note(f"announcement {draft.id}", action="announce.discard")
    await present(
        chat.id,
        context,
        Screen(context.tr.gettext("The announcement was discarded. Nothing was sent.")),
        update=update,
    )


def _register_buttons(app: DaleelApp) -> None:
    """Each action of the conversation, with the step that expects it; then the rest."""
    _on_draft(app, ChooseMode, on_mode, _at("mode"))
    _on_draft(app, SkipLanguage, on_skip, _typing)
    _on_draft(app, ChooseAudience, on_audience, _at("audience"))
    _on_draft(app, CampPage, on_camp_page, _choosing_camp)
    _on_draft(app, ChooseCamp, on_camp, _choosing_camp)
    _on_draft(app, ChooseSector, on_sector, lambda step: step.startswith("sector:"))
    _on_draft(app, ChooseArea, on_area, _at("area"))
    _on_draft(app, ChooseLanguage, on_language, _at("language"))
    _on_draft(app, ChoosePriority, on_priority, _at("priority"))
    _on_draft(app, SendNow, on_send, _at("preview"))
    _on_draft(app, AskWhen, on_when, _at("preview"))
    _on_draft(app, ChooseKind, on_kind, _at("when"))
    _on_draft(app, ToggleDay, on_day, _choosing_days)
    _on_draft(app, DaysDone, on_days, _choosing_days)
    _on_draft(app, Discard, on_discard, _any_step)
    buttons.on_unknown(
        app, FEATURE, role="staff", action="announce.button", alert=False, refused=forget
    )


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
    _register_buttons(app)
    app.add_handler(AwaitedMessage(app, _waiting, draft_text, filters.TEXT))
