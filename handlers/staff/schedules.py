"""``/schedules`` lists the scheduled announcements, ``/cancel <id>`` stops one (staff).

Also the words staff read about an announcement anywhere: its audience, priority and
timing (:func:`describe_audience`, :func:`describe_priority`, :func:`describe_rule`).
Payload: ``sch:v1:cancel:<schedule id>`` (re-checked: the role, and that it is active).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import cast

from babel.dates import get_day_names
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.access import Actor
from bot.announcements.rules import Rule
from bot.announcements.schedules import cancel
from bot.domain.languages import language
from bot.i18n.catalogues import N_, Markup, Translator, pick
from bot.safety.answers import level_label, place_of
from bot.storage import audit
from bot.storage.announcements import ALL_LANGUAGES, Announcement, get_announcement
from bot.storage.areas import area_ancestors, get_area
from bot.storage.audiences import Audience, get_sector
from bot.storage.camps import get_camp
from bot.storage.schedules import Schedule, list_schedules
from handlers.camp.choose import MESSAGE_LIMIT, STALE, visible_length
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import decode, encode
from handlers.kit.permissions import authorize, requires

__all__ = [
    "describe_audience",
    "describe_priority",
    "describe_rule",
    "register",
    "weekday_names",
]

_MAX_LISTED = 50
_MAX_BUTTONS = 10
_EXCERPT = 60
_PRIORITIES: Mapping[str, str] = MappingProxyType({
    "urgent": N_("🚨 Urgent safety alert"),
    "routine": N_("📢 Routine announcement"),
})


def describe_priority(tr: Translator, priority: str | None) -> str:
    return tr.gettext(_PRIORITIES.get(priority or "routine", _PRIORITIES["routine"]))


async def describe_audience(context: DaleelContext, audience: Audience | None) -> str:
    """One line, as HTML (names escaped): who the announcement is for."""
    tr, db = context.tr, context.db
    if audience is None or audience.kind == "everyone":
        return tr.gettext("Audience: everyone")
    if audience.kind == "language":
        return tr.gettext(
            "Audience: readers of {language}", language=language(str(audience.ref)).native_name
        )
    ref = audience.ref if isinstance(audience.ref, int) else 0
    if audience.kind == "camp":
        camp = await get_camp(db, ref)
        name = (pick(camp.names, tr.code) or camp.code) if camp else "?"
        return tr.gettext("Audience: the residents of {camp}", camp=name)
    if audience.kind == "sector":
        sector = await get_sector(db, ref)
        camp = await get_camp(db, sector.camp_id) if sector else None
        if camp is None or sector is None:
            return tr.gettext("Audience: a sector that no longer exists")
        return tr.gettext(
            "Audience: sector {sector} of {camp}",
            sector=sector.code,
            camp=pick(camp.names, tr.code) or camp.code,
        )
    area = await get_area(db, ref)
    if area is None:
        return tr.gettext("Audience: an area that no longer exists")
    place = place_of(area, await area_ancestors(db, area.id), tr.code)
    return tr.gettext(
        "Audience: those following {area} or a place in it", area=Markup(level_label(tr, place))
    )


def weekday_names(tr: Translator) -> dict[int, str]:
    """0 = Monday … 6 = Sunday, in the reader's language."""
    names = get_day_names("wide", locale=tr.language.babel_locale)
    return {day: str(names[day]) for day in range(7)}


def describe_rule(tr: Translator, rule: Rule) -> str:
    """When a schedule goes out, in camp time (HTML)."""
    at = tr.time(rule.at)
    if rule.kind == "once" and rule.on_date is not None:
        return tr.gettext("Once, on {date} at {time}", date=tr.date(rule.on_date), time=at)
    if rule.kind == "daily":
        return tr.gettext("Every day at {time}", time=at)
    if rule.kind == "weekly":
        names = weekday_names(tr)
        days = tr.gettext(", ").join(names[d] for d in sorted(rule.weekdays))
        return tr.gettext("Every week on {days} at {time}", days=days, time=at)
    return tr.gettext("Every month on day {day} at {time}", day=rule.month_day or 1, time=at)


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
        if visible_length("\n\n".join([*blocks, block])) > MESSAGE_LIMIT - 300:
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
        [(tr.gettext("✖️ Cancel #{id}", id=Markup(str(s.id))), encode("sch", "cancel", s.id))]
        for s in shown[:_MAX_BUTTONS]
    ]
    await context.bot.send_message(
        chat.id, "\n\n".join(blocks), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


async def _cancel(context: DaleelContext, chat_id: int, actor: Actor, schedule_id: int) -> None:
    tr = context.tr
    if await cancel(cast("DaleelApp", context.application), schedule_id, actor.user_id):
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
        await _cancel(context, update.effective_chat.id, actor, schedule_id)


async def schedule_button(update: Update, context: DaleelContext) -> None:
    """``sch:v1:cancel:<id>`` — the role is checked at the press, the schedule re-read."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    callback = decode(query.data)
    schedule_id = callback.arg_int(0) if callback and callback.action == "cancel" else None
    actor = await authorize(update, context, "staff", "schedule.cancel")
    if actor is None:
        return
    if schedule_id is None:
        await audit.record(context.db, actor.user_id, "schedule.cancel", "rejected", "stale button")
        await query.answer(context.tr.gettext(STALE))
        return
    await query.answer()
    await _cancel(context, chat.id, actor, schedule_id)
    await audit.record(context.db, actor.user_id, actor.action, actor.outcome, actor.detail)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("schedules", schedules_command, filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(schedule_button, pattern=r"^sch:"))
