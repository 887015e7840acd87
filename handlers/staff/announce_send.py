"""The end of composing: the preview per language with the recipients counted, then
"Send now" (queued once, followed live) or a schedule (once at a date and time, daily,
weekly on chosen days, monthly on a day — in camp time; a time in the past is refused)."""

from __future__ import annotations

import asyncio
from typing import cast

from telegram import Update

from bot.access import Actor
from bot.announcements.rules import Rule, parse_month_day
from bot.announcements.schedules import PastTime
from bot.announcements.sending import NotSent, Queued, queue_announcement
from bot.announcements.texts import MESSAGE_LIMIT, render_all, telegram_length, too_long
from bot.announcements.when import load_when_words, parse_clock, parse_when
from bot.domain.languages import LANGUAGES
from bot.i18n.catalogues import Markup
from bot.storage.announcements import Announcement, claim_draft, release_draft, set_broadcast
from bot.storage.audiences import audience_counts
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import keyboard
from handlers.kit.ui import Screen, present
from handlers.staff.announce_payloads import AskWhen, ChooseKind, DaysDone, SendNow, ToggleDay
from handlers.staff.announce_ui import (
    ask_time_screen,
    build_screen,
    cancel_row,
    example_datetime,
    example_time,
    forget,
    language_lengths,
    move,
    stale_draft,
    weekly_screen,
    when_screen,
)
from handlers.staff.broadcasts import follow_broadcast
from handlers.staff.describe import describe_audience, describe_priority, describe_rule
from handlers.staff.scheduling import create

__all__ = [
    "got_when",
    "on_day",
    "on_days",
    "on_kind",
    "on_send",
    "on_when",
    "preview",
]


async def preview(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement
) -> None:
    """Each language group's message as it will arrive, then the counts and the choice."""
    chat = update.effective_chat
    if chat is None or draft.audience is None or draft.priority is None:
        return
    tr = context.tr
    rendered = render_all(context.state.catalogues, draft.texts, draft.priority)
    long = too_long(rendered)
    if long:
        await claim_draft(context.db, draft.id, "discarded")
        forget(context)
        actor.note(
            f"announcement {draft.id} too long: {','.join(r.language for r in long)}",
            outcome="rejected", action="announce.preview",
        )
        await context.bot.send_message(
            chat.id,
            tr.gettext(
                "Nothing was sent: the announcement is too long in {languages}. Telegram "
                "allows {limit} characters per message, heading included. Send /announce to "
                "write it again, shorter.",
                languages=language_lengths(tr, long),
                limit=MESSAGE_LIMIT,
            ),
        )
        return
    counts = await audience_counts(
        context.db, draft.audience, urgent=draft.priority == "urgent"
    )
    for lang in LANGUAGES:
        item = rendered.get(lang.code)
        if item is None:
            continue
        label = tr.ngettext(
            "👁 Readers of {language} ({n} recipient) will see:",
            "👁 Readers of {language} ({n} recipients) will see:",
            counts.get(lang.code, 0),
            language=lang.native_name,
        )
        together = f"{label}\n\n{item.text}"
        if telegram_length(together) <= MESSAGE_LIMIT:
            await context.bot.send_message(chat.id, together)
        else:
            await context.bot.send_message(chat.id, label)
            await context.bot.send_message(chat.id, item.text)
    total = sum(counts.values())
    lines = [
        tr.gettext("<b>Ready to go</b>"),
        await describe_audience(context, draft.audience),
        describe_priority(tr, draft.priority),
        *(
            tr.gettext("{language}: {count}", language=lang.native_name, count=counts[lang.code])
            for lang in LANGUAGES
        ),
        tr.ngettext("In all: {n} recipient.", "In all: {n} recipients.", total),
    ]
    if total == 0:
        lines.append(tr.gettext("Nobody in this audience can receive it right now."))
    if draft.priority == "routine" and draft.audience.kind != "area":
        lines.append(
            tr.gettext(
                "Routine announcements reach only residents who turned camp announcements on."
            )
        )
    lines.append(tr.gettext("Send it now, or schedule it?"))
    rows = [
        [
            (tr.gettext("📤 Send now"), SendNow(draft.id).encode()),
            (tr.gettext("🕒 Schedule"), AskWhen(draft.id).encode()),
        ],
        cancel_row(tr, draft),
    ]
    await context.bot.send_message(
        chat.id, "\n".join(lines), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


async def on_send(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: SendNow,
) -> None:
    """"Send now": claimed once (a second press finds it sent), queued, then followed."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    actor.note(f"announcement {draft.id}", action="announce.send")
    if not await claim_draft(context.db, draft.id, "sent"):
        await stale_draft(update, context)
        return
    try:
        result: Queued | NotSent = await queue_announcement(
            context.state, draft, created_by=actor.user_id
        )
    except Exception:
        await release_draft(context.db, draft.id)
        raise
    if isinstance(result, NotSent):
        await _not_sent(update, context, actor, draft, result)
        return
    await set_broadcast(context.db, draft.id, result.broadcast_id)
    actor.note(
        f"announcement {draft.id} broadcast {result.broadcast_id} recipients {result.recipients}",
        action="announce.send",
    )
    await present(
        chat.id,
        context,
        Screen(
            tr.ngettext(
                "📤 Sending to {n} recipient: broadcast #{broadcast}.",
                "📤 Sending to {n} recipients: broadcast #{broadcast}.",
                result.recipients,
                broadcast=str(result.broadcast_id),
            )
        ),
        update=update,
    )
    await follow_broadcast(context, chat.id, result.broadcast_id)


async def _not_sent(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement, result: NotSent
) -> None:
    tr = context.tr
    chat = update.effective_chat
    if chat is None:
        return
    actor.note(f"announcement {draft.id}: {result.reason}", outcome="rejected",
               action="announce.send")
    if result.reason == "nobody":
        # Keep the draft: it can still be scheduled for when people have joined.
        await release_draft(context.db, draft.id)
        text = tr.gettext(
            "Nobody in this audience can receive it right now. Nothing was sent. You can "
            "still schedule it."
        )
        rows = [[(tr.gettext("🕒 Schedule"), AskWhen(draft.id).encode())], cancel_row(tr, draft)]
        await present(chat.id, context, build_screen(tr, text, rows), update=update)
        return
    await claim_draft(context.db, draft.id, "discarded")
    forget(context)
    if result.reason == "too_long":
        text = tr.gettext(
            "Nothing was sent: the announcement is too long in {languages}. Telegram "
            "allows {limit} characters per message, heading included. Send /announce to "
            "write it again, shorter.",
            languages=language_lengths(tr, result.languages),
            limit=MESSAGE_LIMIT,
        )
    else:
        text = tr.gettext(
            "Nothing was sent: the chosen camp, sector or area no longer exists. Send "
            "/announce to start again."
        )
    await present(chat.id, context, Screen(text), update=update)


async def on_when(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: AskWhen,
) -> None:
    await move(update, context, draft, "when", when_screen(context.tr, draft))


async def on_kind(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ChooseKind,
) -> None:
    kind = press.kind
    tr = context.tr
    if kind == "once":
        await move(update, context, draft, "once",
                    ask_time_screen(tr, draft, "once", example_datetime(context)))
    elif kind == "daily":
        await move(
            update, context, draft, "daily", ask_time_screen(tr, draft, "daily", example_time(tr))
        )
    elif kind == "monthly":
        await move(update, context, draft, "monthly",
                    ask_time_screen(tr, draft, "monthly", "15 18:30"))
    else:
        await move(update, context, draft, "weekly:0", weekly_screen(tr, draft, 0))


def _mask(step: str) -> int:
    raw = step.split(":", 1)[1] if ":" in step else "0"
    return int(raw) & 0x7F if raw.isdecimal() else 0


async def on_day(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ToggleDay,
) -> None:
    day = press.day
    if not 0 <= day <= 6:
        await stale_draft(update, context)
        return
    mask = _mask(draft.step) ^ (1 << day)
    await move(update, context, draft, f"weekly:{mask}", weekly_screen(context.tr, draft, mask))


async def on_days(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: DaysDone,
) -> None:
    mask, tr = _mask(draft.step), context.tr
    if not mask:
        await move(update, context, draft, draft.step, weekly_screen(tr, draft, 0, warn=True))
        return
    await move(update, context, draft, f"weekly_time:{mask}",
                ask_time_screen(tr, draft, "weekly", example_time(tr)))


async def got_when(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement, text: str
) -> None:
    tr, step = context.tr, draft.step
    chat = update.effective_chat
    if chat is None:
        return
    rule: Rule | None = None
    example = example_time(tr)
    words = await asyncio.to_thread(load_when_words)  # a small file, read when a time is typed
    if step == "once":
        example = example_datetime(context)
        parsed = parse_when(text, context.state.now().date(), words)
        if parsed is not None:
            rule = Rule("once", parsed[1], on_date=parsed[0])
    elif step == "daily":
        at = parse_clock(text, words)
        rule = Rule("daily", at) if at else None
    elif step == "monthly":
        example = "15 18:30"
        day_time = parse_month_day(text)
        rule = Rule("monthly", day_time[1], month_day=day_time[0]) if day_time else None
    else:
        mask = int(step.removeprefix("weekly_time:") or 0)
        at = parse_clock(text, words)
        days = frozenset(d for d in range(7) if mask & (1 << d))
        rule = Rule("weekly", at, weekdays=days) if at and days else None
    if rule is None:
        await context.bot.send_message(
            chat.id,
            tr.gettext("I could not read that. Write it like this: {example}", example=example),
        )
        return
    try:
        schedule = await create(
            cast("DaleelApp", context.application), draft.id, actor.user_id, rule
        )
    except PastTime:
        actor.note(f"announcement {draft.id}: time in the past", outcome="rejected",
                   action="announce.schedule")
        await context.bot.send_message(
            chat.id,
            tr.gettext(
                "That time has already passed: it is now {now} in the camp. Please send a "
                "later time.",
                now=context.state.now(),
            ),
        )
        return
    if schedule is None or schedule.next_run is None:
        await stale_draft(update, context)
        return
    forget(context)
    actor.note(
        f"announcement {draft.id} schedule {schedule.id} {rule.kind}", action="announce.schedule"
    )
    lines = [
        tr.gettext(
            "✅ Scheduled as #{id}: {rule}.",
            id=str(schedule.id),
            rule=Markup(describe_rule(tr, rule)),
        ),
        tr.gettext("First: {when}.", when=schedule.next_run),
        await describe_audience(context, draft.audience),
        describe_priority(tr, draft.priority),
        tr.gettext(
            "/schedules lists the scheduled announcements; /cancel {id} stops this one.",
            id=str(schedule.id),
        ),
    ]
    await context.bot.send_message(chat.id, "\n".join(lines))
