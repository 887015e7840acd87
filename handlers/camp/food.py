"""Food distributions: the next one for the resident's camp and sector, what is coming,
postponements with their reasons, and what to do when left off the list."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from telegram import Update

from bot.camps.kinds import kind_line
from bot.camps.names import camp_name
from bot.camps.reminders import days_until, next_planned
from bot.domain.distributions import NOT_HAPPENING
from bot.i18n.bidi import rtl_lines
from bot.i18n.catalogues import N_, Markup, Translator, pick
from bot.storage.camps import Camp, Sector, camp_sectors
from bot.storage.questions import count_question
from bot.storage.services_food import (
    Distribution,
    ResidentCamp,
    camp_distributions,
    get_distribution,
    last_done,
)
from bot.text.demo import demo_notice
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.camp.food_quiet import quiet_blocks, upcoming_line
from handlers.kit import buttons
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.camps import CampHome, CampMenu, camp_or_ask, my_camp
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import FoodHome
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Payload
from handlers.kit.routes import Asked
from handlers.kit.ui import BACK, MAIN_MENU, Screen, button_label, clip, present

__all__ = ["register", "show_food", "show_left_off"]

_UPCOMING = 5
_HEADLINED = 2  # postponed or cancelled rounds put first; later ones are listed as such
_LOOKAHEAD = 30  # rows read: enough for the next one, the upcoming ones and a new date


@dataclass(frozen=True)
class LeftOff(Payload, feature="food", action="left"):
    """What to do when left off the list."""


@dataclass(frozen=True)
class ShowDistribution(Payload, feature="food", action="show"):
    distribution_id: int


def _pending(distributions: Sequence[Distribution], now: datetime) -> list[Distribution]:
    """What is still to come: not done, and not a planned one that already ended today."""
    today, clock = now.date(), now.time()
    return [
        d
        for d in distributions
        if d.status != "done"
        and not (d.status == "planned" and d.date == today and d.ends and d.ends <= clock)
    ]


def _when_line(tr: Translator, d: Distribution, today: date) -> str:
    return tr.gettext(
        "📅 {date} ({when})", date=tr.date(d.date), when=Markup(days_until(tr, d.date, today))
    )


def _sector_line(tr: Translator, d: Distribution) -> str:
    if d.sector_code is None:
        return tr.gettext("👥 The whole camp")
    return tr.gettext("👥 Sector {sector}", sector=d.sector_code)


def _status_lines(
    tr: Translator, d: Distribution, later: Sequence[Distribution], budget: int
) -> list[str]:
    reason = clip(pick(d.reasons, tr.code), budget)
    if d.status == "postponed":
        lines = [
            tr.gettext("⚠️ <b>Postponed.</b> Reason: {reason}", reason=reason)
            if reason
            else tr.gettext("⚠️ <b>Postponed.</b>")
        ]
        new = next_planned(d, later)
        if new is not None:
            lines.append(tr.gettext("Next planned date: {date}.", date=tr.date(new.date)))
        else:
            lines.append(tr.gettext("No new date has been announced yet."))
        return lines
    if d.status == "cancelled":
        return [
            tr.gettext("❌ <b>Cancelled.</b> Reason: {reason}", reason=reason)
            if reason
            else tr.gettext("❌ <b>Cancelled.</b>")
        ]
    if d.status == "done":
        return [tr.gettext("✔️ Done")]
    return [tr.gettext("✅ Planned")]


def _distribution_block(
    tr: Translator,
    d: Distribution,
    later: Sequence[Distribution],
    today: date,
    budget: int,
) -> list[str]:
    """One round in full; what happened to it first when it will not happen as planned."""
    status = _status_lines(tr, d, later, budget)
    first = d.status in NOT_HAPPENING
    lines = [*(status if first else []), kind_line(tr, d.kind), _when_line(tr, d, today)]
    if d.starts and d.ends:
        lines.append(
            tr.gettext(
                "🕒 from {start} to {end}", start=tr.time(d.starts), end=tr.time(d.ends)
            )
        )
    lines.append(_sector_line(tr, d))
    point = clip(pick(d.points, tr.code), budget // 2)
    if point:
        lines.append(tr.gettext("📍 {point}", point=point))
    items = clip(pick(d.items, tr.code), budget)
    if items:
        lines.append(tr.gettext("🧺 {items}", items=items))
    bring = clip(pick(d.bring, tr.code), budget // 2)
    if bring:
        lines.append(tr.gettext("🪪 Bring: {bring}", bring=bring))
    if not first:
        lines.extend(status)
    return lines


def _title(
    tr: Translator, camp: Camp, sector: Sector | None, shown: Sequence[Distribution] = ()
) -> str:
    """"Food distribution" only when every round shown gives out food: a kerosene or cash
    round under a food headline sends families with the wrong expectation."""
    food = all(d.kind == "food" for d in shown)
    if sector is not None:
        if food:
            return tr.gettext(
                "<b>Food distribution: {camp}, sector {sector}</b>",
                camp=camp_name(camp, tr),
                sector=sector.code,
            )
        return tr.gettext(
            "<b>Distributions: {camp}, sector {sector}</b>",
            camp=camp_name(camp, tr),
            sector=sector.code,
        )
    if food:
        return tr.gettext("<b>Food distribution: {camp}</b>", camp=camp_name(camp, tr))
    return tr.gettext("<b>Distributions: {camp}</b>", camp=camp_name(camp, tr))


def _demo_notice(tr: Translator) -> str:
    return demo_notice(tr)


def _left_off_button(tr: Translator) -> Button:
    return (tr.gettext("❓ I was left off the list / my card was stopped"), LeftOff().encode())


@dataclass(frozen=True)
class _View:
    """Who is looking: their language, camp, sector, and the camp time now."""

    tr: Translator
    camp: Camp
    sector: Sector | None
    sectors_known: bool  # the camp has sectors (so choosing one would help)
    now: datetime
    others: tuple[Distribution, ...] = ()  # nothing for the sector: the camp's other rounds
    last: Distribution | None = None  # nothing to come: the last round that took place


@dataclass(frozen=True)
class _Plan:
    """What the screen says, in order: rounds that will not happen as planned (headlined
    as what they are, never as "next"), the next planned round, and what comes after."""

    changed: tuple[Distribution, ...]
    next: Distribution | None
    upcoming: tuple[Distribution, ...]


def _plan(pending: Sequence[Distribution]) -> _Plan:
    """Only a planned round is "next"; a postponed or cancelled one up to it comes first."""
    nxt = next((d for d in pending if d.status == "planned"), None)
    changed = tuple(
        d
        for d in pending
        if d.status in NOT_HAPPENING and (nxt is None or d.date <= nxt.date)
    )[:_HEADLINED]
    shown = {d.id for d in changed} | ({nxt.id} if nxt else set())
    upcoming = tuple(d for d in pending if d.id not in shown)[:_UPCOMING]
    return _Plan(changed, nxt, upcoming)


def _changed_block(
    tr: Translator, d: Distribution, later: Sequence[Distribution], today: date, budget: int
) -> list[str]:
    """A postponed or cancelled round: what happened first (and the new date), then which."""
    lines = _status_lines(tr, d, later, budget)
    lines.extend([_when_line(tr, d, today), kind_line(tr, d.kind)])
    if d.starts and d.ends:
        lines.append(
            tr.gettext("🕒 from {start} to {end}", start=tr.time(d.starts), end=tr.time(d.ends))
        )
    lines.append(_sector_line(tr, d))
    return lines


def _home_text(view: _View, pending: Sequence[Distribution], budget: int) -> str:
    tr, today = view.tr, view.now.date()
    plan = _plan(pending)
    shown = (*plan.changed, *((plan.next,) if plan.next else ()), *plan.upcoming)
    if not shown:
        shown = (*view.others, *((view.last,) if view.last else ()))
    blocks = [_title(tr, view.camp, view.sector, shown)]
    for d in plan.changed:
        later = [o for o in pending if o.date > d.date]
        blocks.append("\n".join(_changed_block(tr, d, later, today, budget)))
    if plan.next is not None:
        lines = [tr.gettext("<b>Next distribution</b>")]
        lines.extend(_distribution_block(tr, plan.next, pending, today, budget))
        blocks.append("\n".join(lines))
    elif not plan.changed:
        blocks.extend(quiet_blocks(tr, view.sector, view.others, view.last, today))
        shown_demo = any(d.demo for d in (*view.others, *((view.last,) if view.last else ())))
        if shown_demo:
            blocks.append(_demo_notice(tr))
        return "\n\n".join(blocks)
    if plan.upcoming:
        lines = [tr.gettext("<b>Upcoming</b>")]
        lines.extend(upcoming_line(tr, d, today) for d in plan.upcoming)
        blocks.append("\n".join(lines))
    if view.sector is None and view.sectors_known:
        blocks.append(
            tr.gettext(
                "You have not chosen a sector, so you see every sector's dates. "
                "To choose yours, send /camp."
            )
        )
    if any(d.demo for d in shown):
        blocks.append(_demo_notice(tr))
    return "\n\n".join(blocks)


def _home_screen(view: _View, pending: Sequence[Distribution]) -> Screen:
    tr = view.tr
    text = ""
    for budget in (600, 300, 120):
        text = _home_text(view, pending, budget)
        if telegram_length(text) <= MESSAGE_LIMIT:
            break
    plan = _plan(pending)
    rows: list[list[Button]] = [
        [(_upcoming_label(tr, d), ShowDistribution(d.id).encode())]
        for d in (*plan.changed, *plan.upcoming)
    ]
    rows.append([_left_off_button(tr)])
    rows.append(
        [
            (tr.gettext("🔄 Change camp"), CampHome("food").encode()),
            (tr.gettext(MAIN_MENU), CampMenu().encode()),
        ]
    )
    return Screen(text, keyboard(rows, rtl=tr.language.rtl))


def _upcoming_label(tr: Translator, d: Distribution) -> str:
    if d.sector_code is None:
        return button_label(tr, N_("📅 {date}: the whole camp"), date=tr.date(d.date))
    return button_label(
        tr, N_("📅 {date}: sector {sector}"), date=tr.date(d.date), sector=d.sector_code
    )


def _detail_screen(
    tr: Translator, camp: Camp, d: Distribution, later: Sequence[Distribution], now: datetime
) -> Screen:
    text = ""
    for budget in (1000, 500, 200):
        lines = [
            tr.gettext("<b>Food distribution: {camp}</b>", camp=camp_name(camp, tr))
            if d.kind == "food"
            else tr.gettext("<b>Distribution: {camp}</b>", camp=camp_name(camp, tr)),
            *_distribution_block(tr, d, later, now.date(), budget),
        ]
        if d.demo:
            lines.extend(["", _demo_notice(tr)])
        text = "\n".join(lines)
        if telegram_length(text) <= MESSAGE_LIMIT:
            break
    rows = [[_left_off_button(tr)], [(tr.gettext(BACK), FoodHome().encode())]]
    return Screen(text, keyboard(rows, rtl=tr.language.rtl))


def _general_left_off(tr: Translator) -> str:
    return tr.gettext(
        "Go to the camp management office or to the help desk of the food partner, and take "
        "your ration card and your ID. You can also call the free hotline of the IDP "
        "Information Centre on 6999.\n\nHelp is free: never pay anyone to be put on a list."
    )


def _data_paragraphs(tr: Translator, text: str | None) -> str:
    """A staff-written text of several lines, escaped, each line laid out for the reader."""
    escaped = html.escape(text or "", quote=False)
    return rtl_lines(escaped) if tr.language.rtl else escaped


def _left_off_screen(tr: Translator, camp: Camp | None) -> Screen:
    answer = pick(camp.left_off, tr.code) if camp else None
    body = _data_paragraphs(tr, clip(answer, 3500)) if answer else _general_left_off(tr)
    title = tr.gettext("<b>Left off the food list, or your ration card was stopped?</b>")
    paragraphs = [title, body]
    if answer and camp and camp.demo:
        paragraphs.append(demo_notice(tr))
    text = "\n\n".join(paragraphs)
    rows = [
        [
            (tr.gettext(BACK), FoodHome().encode()),
            (tr.gettext(MAIN_MENU), CampMenu().encode()),
        ]
    ]
    return Screen(text, keyboard(rows, rtl=tr.language.rtl))


# --- entry points --------------------------------------------------------------------------


async def _sector(context: DaleelContext, mine: ResidentCamp) -> tuple[Sector | None, bool]:
    """The resident's sector (if still one of their camp's) and whether the camp has any."""
    sectors = await camp_sectors(context.db, mine.camp_id) if mine.camp_id else []
    return next((s for s in sectors if s.id == mine.sector_id), None), bool(sectors)


async def _quiet_view(context: DaleelContext, view: _View) -> _View:
    """Nothing to come for the resident: the other sectors' planned rounds (another sector's
    postponement is not theirs to act on), and the last round that took place for them."""
    today, sector = view.now.date(), view.sector
    others: list[Distribution] = []
    if sector is not None:
        rows = await camp_distributions(context.db, view.camp.id, None, today, limit=_LOOKAHEAD)
        others = [
            d
            for d in _pending(rows, view.now)
            if d.sector_id not in (None, sector.id) and d.status == "planned"
        ]
    last = await last_done(context.db, view.camp.id, sector.id if sector else None, today)
    return replace(view, others=tuple(others[:_UPCOMING]), last=last)


async def show_food(chat_id: int, context: DaleelContext, *, update: Update | None = None) -> None:
    """The next distribution for the resident's camp and sector, and what comes after.

    Asks for the camp first when the resident has none; counts the question (camp only).
    """
    mine = await camp_or_ask(chat_id, context, then="food", update=update)
    if mine is None:
        return
    camp, resident = mine
    now = context.state.now()
    await count_question(context.db, day=now.date(), topic="food", camp_id=camp.id)
    sector, sectors_known = await _sector(context, resident)
    rows = await camp_distributions(
        context.db, camp.id, sector.id if sector else None, now.date(), limit=_LOOKAHEAD
    )
    pending = _pending(rows, now)
    view = _View(context.tr, camp, sector, sectors_known, now)
    if not pending:
        view = await _quiet_view(context, view)
    screen = _home_screen(view, pending)
    await present(chat_id, context, screen, update=update)


async def show_left_off(
    chat_id: int, context: DaleelContext, *, update: Update | None = None
) -> None:
    """What to do when left off the list: the camp's own answer, else the general one."""
    mine = await my_camp(context, chat_id) if context.resident else None
    camp = mine[0] if mine else None
    now = context.state.now()
    await count_question(
        context.db, day=now.date(), topic="left_off", camp_id=camp.id if camp else 0
    )
    await present(chat_id, context, _left_off_screen(context.tr, camp), update=update)


async def _on_home(update: Update, context: DaleelContext, press: Press[FoodHome]) -> None:
    """``food:v1:home``: the next distributions."""
    await press.query.answer()
    await show_food(press.chat_id, context, update=update)


async def _on_left_off(update: Update, context: DaleelContext, press: Press[LeftOff]) -> None:
    """``food:v1:left``: what to do when left off the list."""
    await press.query.answer()
    await show_left_off(press.chat_id, context, update=update)


async def _on_distribution(
    update: Update, context: DaleelContext, press: Press[ShowDistribution]
) -> None:
    """``food:v1:show:<id>``: one distribution, if it is the resident's to see."""
    chat_id = press.chat_id
    mine = await my_camp(context, chat_id)
    d = await get_distribution(context.db, press.payload.distribution_id)
    if mine is None or d is None or d.camp_id != mine[0].id:
        await answer_stale(update, context)
        return
    camp, resident = mine
    sector, _ = await _sector(context, resident)
    if sector is not None and d.sector_id not in (None, sector.id):
        await answer_stale(update, context)
        return
    await press.query.answer()
    now = context.state.now()
    later = await camp_distributions(
        context.db, camp.id, sector.id if sector else None, d.date, limit=_LOOKAHEAD
    )
    await present(chat_id, context, _detail_screen(context.tr, camp, d, later, now), update=update)


async def _answer_food(asked: Asked, context: DaleelContext) -> None:
    await show_food(asked.chat_id, context)


async def _answer_left_off(asked: Asked, context: DaleelContext) -> None:
    await show_left_off(asked.chat_id, context)


def register(app: DaleelApp) -> None:
    buttons.on(app, FoodHome, _on_home)
    buttons.on(app, LeftOff, _on_left_off)
    buttons.on(app, ShowDistribution, _on_distribution)
    app.bot_data.routes.add("food", _answer_food)  # typed questions, the camp picker
    app.bot_data.routes.add("left_off_list", _answer_left_off)
