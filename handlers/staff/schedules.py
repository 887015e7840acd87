"""``/schedules`` lists the scheduled announcements, each with a button that stops it.

``/cancel <id>`` does the same (routed by the announce feature); both go through
:func:`handlers.staff.scheduling.cancel_schedule`.
Payload: ``sch:v1:cancel:<schedule id>`` (re-checked: the role, and that it is active).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.i18n.catalogues import Markup, pick
from bot.storage.announcements import ALL_LANGUAGES, Announcement, get_announcement
from bot.storage.schedules import Schedule, list_schedules
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit import buttons
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Payload
from handlers.kit.permissions import requires
from handlers.staff.describe import describe_audience, describe_priority, describe_rule
from handlers.staff.scheduling import cancel_schedule

__all__ = ["register"]

_MAX_LISTED = 50
_MAX_BUTTONS = 10
_EXCERPT = 60
def _excerpt(announcement: Announcement | None, code: str) -> str:
    if announcement is None:
        return ""
    texts = announcement.texts
    text = texts.get(ALL_LANGUAGES) or pick(texts, code) or ""
    first = " ".join(text.split())
    return first if len(first) <= _EXCERPT else first[: _EXCERPT - 1].rstrip() + "…"


async def _entry(context: DaleelContext, schedule: Schedule) -> str:
    tr = context.tr
    announcement = await get_announcement(context.db, schedule.announcement_id)
    lines = [
        tr.gettext(
            "<b>#{id}</b> · {rule}",
            id=str(schedule.id),
            rule=Markup(describe_rule(tr, schedule.rule)),
        ),
        tr.gettext("Next: {when}", when=schedule.next_run)
        if schedule.next_run
        else tr.gettext("Next: —"),
        await describe_audience(
            context, announcement.audience if announcement else None
        ),
        describe_priority(tr, announcement.priority if announcement else None),
        tr.gettext(
            "By {user}: “{text}”",
            user=str(schedule.created_by),
            text=_excerpt(announcement, tr.code),
        ),
    ]
    return "\n".join(lines)


@requires("staff", "schedules")
async def schedules_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/schedules: the active schedules, soonest first, each with a cancel button."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    schedules = await list_schedules(context.db, limit=_MAX_LISTED + 1)
    actor.note(f"listed {min(len(schedules), _MAX_LISTED)}")
    if not schedules:
        await context.bot.send_message(chat.id, tr.gettext("No announcement is scheduled."))
        return
    blocks = [tr.gettext("<b>Scheduled announcements</b> (camp time)")]
    shown: list[Schedule] = []
    for schedule in schedules[:_MAX_LISTED]:
        block = await _entry(context, schedule)
        if telegram_length("\n\n".join([*blocks, block])) > MESSAGE_LIMIT - 300:
            break
        blocks.append(block)
        shown.append(schedule)
    hidden = len(schedules) - len(shown)
    if hidden > 0:
        blocks.append(
            tr.ngettext(
                "… and {n} more not shown.", "… and {n} more not shown.", hidden
            )
            if len(schedules) <= _MAX_LISTED
            else tr.gettext("… and more not shown.")
        )
    blocks.append(tr.gettext("/cancel and a number stops a schedule."))
    rows: list[list[Button]] = [
        [(tr.gettext("✖️ Cancel #{id}", id=Markup(str(s.id))), CancelSchedule(s.id).encode())]
        for s in shown[:_MAX_BUTTONS]
    ]
    await context.bot.send_message(
        chat.id, "\n\n".join(blocks), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


@dataclass(frozen=True)
class CancelSchedule(Payload, feature="sch", action="cancel"):
    """Stop this schedule."""

    schedule_id: int


async def schedule_button(
    update: Update, context: DaleelContext, actor: Actor, press: Press[CancelSchedule]
) -> None:
    """``sch:v1:cancel:<id>`` — the role is checked at the press, the schedule re-read."""
    await press.query.answer()
    await cancel_schedule(context, press.chat_id, actor, press.payload.schedule_id)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("schedules", schedules_command, filters.ChatType.PRIVATE))
    buttons.on_guarded(
        app, CancelSchedule, schedule_button, role="staff", action="schedule.cancel", alert=False
    )
    buttons.on_unknown(app, "sch", role="staff", action="schedule.cancel", alert=False)
