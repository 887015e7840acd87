"""Food reminders the evening before a distribution, and notices when one is postponed.

Residents who turned food reminders on (subscription topic ``food``) get:

- **a reminder** at ``[sending] food_reminder_time`` (camp time) for tomorrow's planned
  distributions of their camp — the whole camp's and their sector's (all sectors' when
  they did not say which sector is theirs). One message per resident, however many
  distributions; each distribution is reminded once (:mod:`bot.storage.food_notices`).
- **a notice** when a distribution they may have been told about is postponed, cancelled
  or moved to another date: every ``WATCH_SECONDS`` (imports run in another process) the
  distributions are compared with what was last recorded. A distribution seen for the
  first time is only recorded. A notice about today or tomorrow goes in the urgent lane.

Both go through the delivery engine (durable, paced). A crash between queueing and
recording can repeat one reminder or notice once; it cannot lose one.
The timers are the surface's (``handlers.camp.reminders``: ``food:reminders``, one run_once
re-armed for the next evening, and ``food:watch``); :func:`next_reminder` says when.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from bot.announcements.rules import Rule, next_after
from bot.camps.kinds import kind_line
from bot.domain.distributions import NOT_HAPPENING
from bot.i18n.catalogues import N_, Markup, Translator, pick
from bot.state import AppState
from bot.storage import audit
from bot.storage.db import Database
from bot.storage.food_notices import (
    Change,
    FoodSubscriber,
    distribution_changes,
    food_subscribers,
    mark_reminded,
    record_seen,
    to_remind,
)
from bot.storage.outbox import OutboxMessage, Priority
from bot.storage.services_food import Distribution, camp_distributions
from bot.text.demo import demo_notice
from bot.text.length import MESSAGE_LIMIT, telegram_length

__all__ = [
    "KIND_NOTICE",
    "KIND_REMINDER",
    "WATCH_SECONDS",
    "catch_up",
    "days_until",
    "is_news",
    "next_planned",
    "next_reminder",
    "render_notice",
    "render_reminder",
    "send_reminders",
    "watch_distributions",
]

log = logging.getLogger(__name__)

KIND_REMINDER = "food_reminder"
KIND_NOTICE = "food_notice"
WATCH_SECONDS = 300.0
_FIELD = 300  # characters of a data text (items, place) in a reminder
_FOOTER = N_("You get this because you turned on food reminders. /alerts changes that.")


def _clip(text: str | None, limit: int = _FIELD) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def days_until(tr: Translator, day: date, today: date) -> str:
    """"today", "tomorrow", "in 3 days" (plural forms per language)."""
    n = (day - today).days
    if n <= 0:
        return tr.gettext("today")
    if n == 1:
        return tr.gettext("tomorrow")
    return tr.ngettext("in {n} day", "in {n} days", n)


def _details(tr: Translator, d: Distribution, today: date, *, items: bool) -> list[str]:
    when = Markup(days_until(tr, d.date, today))
    lines = [
        kind_line(tr, d.kind),
        tr.gettext("📅 {date} ({when})", date=tr.date(d.date), when=when),
    ]
    if d.starts and d.ends:
        lines.append(
            tr.gettext("🕒 from {start} to {end}", start=tr.time(d.starts), end=tr.time(d.ends))
        )
    lines.append(
        tr.gettext("👥 Sector {sector}", sector=d.sector_code)
        if d.sector_code
        else tr.gettext("👥 The whole camp")
    )
    point = _clip(pick(d.points, tr.code))
    if point:
        lines.append(tr.gettext("📍 {point}", point=point))
    if items:
        what = _clip(pick(d.items, tr.code))
        if what:
            lines.append(tr.gettext("🧺 {items}", items=what))
        bring = _clip(pick(d.bring, tr.code))
        if bring:
            lines.append(tr.gettext("🪪 Bring: {bring}", bring=bring))
    return lines


def _fit(tr: Translator, title: str, blocks: list[str], demo: bool) -> str:
    """Title, blocks and footer within Telegram's limit (the last blocks give way)."""
    tail = []
    if demo:
        tail.append(demo_notice(tr))
    tail.append(tr.gettext(_FOOTER))
    kept = list(blocks)
    while True:
        text = "\n\n".join([title, *kept, *tail])
        if telegram_length(text) <= MESSAGE_LIMIT or len(kept) <= 1:
            return text
        kept.pop()


def render_reminder(tr: Translator, distributions: Sequence[Distribution], today: date) -> str:
    """Tomorrow's distributions for one resident, in their language."""
    if all(d.kind == "food" for d in distributions):
        title = tr.ngettext(
            "🍞 <b>Food distribution tomorrow</b>", "🍞 <b>{n} food distributions tomorrow</b>",
            len(distributions),
        )
    else:  # kerosene, hygiene items, cash: each block names its kind
        title = tr.ngettext(
            "📅 <b>Distribution tomorrow</b>", "📅 <b>{n} distributions tomorrow</b>",
            len(distributions),
        )
    blocks = ["\n".join(_details(tr, d, today, items=True)) for d in distributions]
    return _fit(tr, title, blocks, any(d.demo for d in distributions))


def is_news(change: Change, today: date) -> bool:
    """Worth telling food subscribers: postponed, cancelled or moved (not the first sight,
    not the past, not "done")."""
    d, told = change.distribution, change.told_status
    if told is None or change.told_date is None:
        return False
    if max(d.date, change.told_date) < today:
        return False
    if d.status in NOT_HAPPENING:
        return told != d.status or d.date != change.told_date
    return d.status == "planned" and (d.date != change.told_date or told != "planned")


def next_planned(d: Distribution, later: Sequence[Distribution]) -> Distribution | None:
    """For a postponed round: the next planned one for the same people, if there is one
    (the food screen and the postponement notice say the same)."""
    for other in later:
        if (
            other.date > d.date
            and other.status == "planned"
            and (other.sector_id == d.sector_id or other.sector_id is None)
        ):
            return other
    return None


async def _next_planned(db: Database, d: Distribution) -> Distribution | None:
    later = await camp_distributions(db, d.camp_id, d.sector_id, d.date, limit=30)
    return next_planned(d, later)


def render_notice(
    tr: Translator, change: Change, new: Distribution | None, today: date
) -> str:
    """One change, as a block: what happened, to which distribution, and what now."""
    d = change.distribution
    food = d.kind == "food"  # other kinds are not called food (each block names its kind)
    reason = _clip(pick(d.reasons, tr.code))
    if d.status == "postponed":
        lines = [
            tr.gettext("⚠️ <b>Food distribution postponed</b>")
            if food
            else tr.gettext("⚠️ <b>Distribution postponed</b>")
        ]
        lines += _details(tr, d, today, items=False)
        lines.append(
            tr.gettext("⚠️ <b>Postponed.</b> Reason: {reason}", reason=reason)
            if reason
            else tr.gettext("⚠️ <b>Postponed.</b>")
        )
        lines.append(
            tr.gettext("Next planned date: {date}.", date=tr.date(new.date))
            if new is not None
            else tr.gettext("No new date has been announced yet.")
        )
        return "\n".join(lines)
    if d.status == "cancelled":
        lines = [
            tr.gettext("❌ <b>Food distribution cancelled</b>")
            if food
            else tr.gettext("❌ <b>Distribution cancelled</b>")
        ]
        lines += _details(tr, d, today, items=False)
        lines.append(
            tr.gettext("❌ <b>Cancelled.</b> Reason: {reason}", reason=reason)
            if reason
            else tr.gettext("❌ <b>Cancelled.</b>")
        )
        return "\n".join(lines)
    told = change.told_date or d.date
    lines = [
        tr.gettext("📅 <b>Food distribution: new date</b>")
        if food
        else tr.gettext("📅 <b>Distribution: new date</b>"),
        tr.gettext(
            "It was planned for {old}; it is now on {new}.",
            old=tr.date(told), new=tr.date(d.date),
        ),
    ]
    lines += _details(tr, d, today, items=True)
    return "\n".join(lines)


def _concerns(d: Distribution, sector_id: int | None) -> bool:
    """A whole-camp round concerns everyone; a sector's round its residents, and those
    who did not say which sector is theirs."""
    return d.sector_id is None or sector_id is None or d.sector_id == sector_id


def _per_resident(
    subscribers: Sequence[FoodSubscriber],
    by_camp: dict[int, list[Distribution]],
    render: Callable[[str, tuple[int, ...]], str],
) -> list[OutboxMessage]:
    """One message per resident with everything that concerns them (rendered once per
    language and combination)."""
    cache: dict[tuple[str, tuple[int, ...]], str] = {}
    messages = []
    for sub in subscribers:
        relevant = tuple(d.id for d in by_camp.get(sub.camp_id, ()) if _concerns(d, sub.sector_id))
        if not relevant:
            continue
        key = (sub.language, relevant)
        if key not in cache:
            cache[key] = render(sub.language, relevant)
        messages.append(OutboxMessage(sub.chat_id, cache[key]))
    return messages


async def send_reminders(state: AppState, day: date) -> int | None:
    """Remind food subscribers of the distributions on ``day``; the broadcast id, if any."""
    distributions = await to_remind(state.db, day)
    if not distributions:
        return None
    by_id = {d.id: d for d in distributions}
    by_camp: dict[int, list[Distribution]] = {}
    for d in distributions:
        by_camp.setdefault(d.camp_id, []).append(d)
    today = state.now().date()

    def render(code: str, ids: tuple[int, ...]) -> str:
        tr = state.catalogues.translator(code)
        return render_reminder(tr, [by_id[i] for i in ids], today)

    subscribers = await food_subscribers(state.db, by_camp)
    messages = _per_resident(subscribers, by_camp, render)
    broadcast_id = None
    if messages:
        broadcast_id = await state.dispatcher.enqueue(
            created_by=audit.SYSTEM, priority=Priority.ROUTINE, kind=KIND_REMINDER,
            messages=messages,
        )
    await mark_reminded(state.db, distributions)
    await audit.record(
        state.db, audit.SYSTEM, "food.reminders", "ok",
        f"distributions {len(distributions)} recipients {len(messages)}"
        + (f" broadcast {broadcast_id}" if broadcast_id else ""),
    )
    return broadcast_id


async def watch_distributions(state: AppState) -> int | None:
    """Tell food subscribers what changed since the last look; the broadcast id, if any."""
    today = state.now().date()
    changes = await distribution_changes(state.db, today)
    if not changes:
        return None
    news = [c for c in changes if is_news(c, today)]
    broadcast_id = None
    if news:
        by_id = {c.distribution.id: c for c in news}
        new_dates = {c.distribution.id: await _next_planned(state.db, c.distribution) for c in news}
        by_camp: dict[int, list[Distribution]] = {}
        for c in news:
            by_camp.setdefault(c.distribution.camp_id, []).append(c.distribution)

        def render(code: str, ids: tuple[int, ...]) -> str:
            tr = state.catalogues.translator(code)
            blocks = [render_notice(tr, by_id[i], new_dates[i], today) for i in ids]
            demo = any(by_id[i].distribution.demo for i in ids)
            return _fit(tr, blocks[0], blocks[1:], demo)

        messages = _per_resident(await food_subscribers(state.db, by_camp), by_camp, render)
        if messages:
            soon = any(
                min(c.distribution.date, c.told_date or c.distribution.date)
                <= today + timedelta(days=1)
                for c in news
            )
            broadcast_id = await state.dispatcher.enqueue(
                created_by=audit.SYSTEM,
                priority=Priority.URGENT if soon else Priority.ROUTINE,
                kind=KIND_NOTICE,
                messages=messages,
            )
        await audit.record(
            state.db, audit.SYSTEM, "food.notices", "ok",
            f"changes {len(news)} recipients {len(messages)}"
            + (f" broadcast {broadcast_id}" if broadcast_id else ""),
        )
    await record_seen(state.db, [c.distribution for c in changes])
    return broadcast_id


# --- when -----------------------------------------------------------------------------


def next_reminder(state: AppState) -> datetime:
    """When the next evening's reminders go (camp time)."""
    at: time = state.settings.schedules.food_reminder_time
    due = next_after(Rule("daily", at), state.now(), state.settings.timezone)
    assert due is not None
    return due


async def catch_up(state: AppState) -> None:
    """At start-up: the changes since the last run, and this evening's reminders if due."""
    await watch_distributions(state)
    now = state.now()
    if now.time() >= state.settings.schedules.food_reminder_time:
        # The bot was down at reminder time (or starts in the evening): tomorrow's
        # reminders go now; those already sent are not repeated.
        await send_reminders(state, now.date() + timedelta(days=1))
