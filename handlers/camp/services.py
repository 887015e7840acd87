"""Camp services: categories → services → one service, with "open now" in camp time."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from babel.lists import format_list
from telegram import Update

from bot.camps.hours import ALL_DAYS, OpeningState, opening_status, weekdays
from bot.camps.names import camp_name
from bot.domain.categories import CATEGORIES
from bot.i18n.bidi import isolate_ltr
from bot.i18n.catalogues import N_, Markup, Translator, pick
from bot.storage.camps import Camp
from bot.storage.questions import count_question
from bot.storage.services_food import (
    Service,
    get_service,
    service_categories,
    services_in_category,
)
from bot.text.demo import demo_notice
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit import buttons
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.camps import CampHome, CampMenu, ask_camp, camp_or_ask, my_camp
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import FoodHome, ServicesHome
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Payload
from handlers.kit.routes import Asked
from handlers.kit.ui import BACK, MAIN_MENU, Screen, clip, present

__all__ = [
    "days_text",
    "hours_line",
    "opening_line",
    "register",
    "show_services",
]

# Residents are shown them in the order of CATEGORIES; labels are translated where the
# language is known.
_CATEGORY_LABELS: Mapping[str, str] = MappingProxyType({
    "health": N_("🩺 Health"),
    "water_sanitation": N_("🚰 Water and sanitation"),
    "food": N_("🍞 Food"),
    "shelter_items": N_("⛺ Shelter and household items"),
    "registration_documents": N_("📄 Registration and documents"),
    "legal_protection": N_("⚖️ Legal aid and protection"),
    "education": N_("📚 Education"),
    "psychosocial": N_("🤝 Psychosocial support"),
    "other": N_("📌 Other services"),
})
WEEKDAY_NAMES: tuple[str, ...] = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
# The week as it is lived in Iraq: Saturday first, so "Sunday to Thursday" is one run.
_WEEK_ORDER = (5, 6, 0, 1, 2, 3, 4)
_PAGE = 10
_TITLE_LIMIT = 100  # venue titles and addresses: keep them short on small screens


# --- hours, in words -------------------------------------------------------------------


def days_text(tr: Translator, days: int) -> str | None:
    """"Every day", "Sunday to Thursday", "Monday and Wednesday"; None when not known."""
    days &= ALL_DAYS
    if not days:
        return None
    if days == ALL_DAYS:
        return tr.gettext("every day")
    ordered = [day for day in _WEEK_ORDER if day in weekdays(days)]
    positions = [_WEEK_ORDER.index(day) for day in ordered]
    names = [tr.gettext(WEEKDAY_NAMES[day]) for day in ordered]
    if len(ordered) >= 3 and positions == list(range(positions[0], positions[-1] + 1)):
        return tr.gettext("{first} to {last}", first=Markup(names[0]), last=Markup(names[-1]))
    return format_list(names, locale=tr.language.babel_locale)


def hours_line(tr: Translator, service: Service) -> str:
    days = days_text(tr, service.days)
    if days and service.opens and service.closes:
        return tr.gettext(
            "🕒 {days}, from {opens} to {closes}",
            days=Markup(days),
            opens=tr.time(service.opens),
            closes=tr.time(service.closes),
        )
    if days:
        return tr.gettext("🕒 {days}; hours not known", days=Markup(days))
    return tr.gettext("🕒 Opening days and hours not known")


def opening_line(tr: Translator, service: Service, now: datetime) -> str | None:
    """"Open now, until 14:00" / "Closed now. Opens tomorrow at 08:00."; None if unknown."""
    status = opening_status(service.days, service.opens, service.closes, now, tr.zone)
    state = status.state
    at = tr.time(status.at) if status.at else ""
    if state is OpeningState.OPEN:
        if status.at is None:
            return tr.gettext("✅ Open today (hours not known)")
        return tr.gettext("✅ Open now, until {time}", time=at)
    if state is OpeningState.OPENS_TODAY:
        return tr.gettext("⛔ Closed now. Opens today at {time}.", time=at)
    if state is OpeningState.OPENS_LATER and status.weekday is not None:
        if status.days_ahead == 1:
            return tr.gettext("⛔ Closed now. Opens tomorrow at {time}.", time=at)
        return tr.gettext(
            "⛔ Closed now. Opens on {weekday} at {time}.",
            weekday=Markup(tr.gettext(WEEKDAY_NAMES[status.weekday])),
            time=at,
        )
    if state is OpeningState.CLOSED_TODAY:
        return tr.gettext("⛔ Closed today")
    return None


def _name(service: Service, tr: Translator) -> str:
    return pick(service.names, tr.code) or service.code


# --- buttons -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShowCategory(Payload, feature="svc", action="cat"):
    category: str
    page: int = 0


@dataclass(frozen=True)
class ShowService(Payload, feature="svc", action="show"):
    service_id: int


# --- screens -------------------------------------------------------------------------------


def _home_screen(tr: Translator, camp: Camp, counts: dict[str, int]) -> Screen:
    rows: list[list[Button]] = [
        [(tr.gettext(_CATEGORY_LABELS[category]), ShowCategory(category).encode())]
        for category in CATEGORIES
        if counts.get(category)
    ]
    rows.append(
        [
            (tr.gettext("🔄 Change camp"), CampHome("svc").encode()),
            (tr.gettext(MAIN_MENU), CampMenu().encode()),
        ]
    )
    if counts:
        text = tr.gettext(
            "<b>Services in {camp}</b>\nWhat kind of service do you need?",
            camp=camp_name(camp, tr),
        )
    else:
        text = tr.gettext(
            "I have no information about the services in {camp} yet. "
            "Please ask at the camp management office.",
            camp=camp_name(camp, tr),
        )
    return Screen(text, keyboard(rows, rtl=tr.language.rtl))


def _category_screen(
    tr: Translator,
    camp: Camp,
    category: str,
    services: Sequence[Service],
    *,
    page: int,
    now: datetime,
) -> Screen:
    pages = max((len(services) + _PAGE - 1) // _PAGE, 1)
    page = min(max(page, 0), pages - 1)
    shown = services[page * _PAGE : (page + 1) * _PAGE]
    title = tr.gettext(
        "<b>{category}</b> in {camp}",
        category=Markup(html.escape(tr.gettext(_CATEGORY_LABELS[category]), quote=False)),
        camp=camp_name(camp, tr),
    )
    blocks = [title]
    for service in shown:
        lines = [tr.gettext("• <b>{name}</b>", name=clip(_name(service, tr), 120))]
        opening = opening_line(tr, service, now)
        if opening:
            lines.append(opening)
        blocks.append("\n".join(lines))
    if pages > 1:
        blocks.append(tr.gettext("Page {page} of {pages}", page=page + 1, pages=pages))
    blocks.append(tr.gettext("Choose a service to see where it is and when it is open."))
    if any(service.demo for service in shown):
        blocks.append(demo_notice(tr))
    rows: list[list[Button]] = [
        [(clip(_name(service, tr), 60) or "", ShowService(service.id).encode())]
        for service in shown
    ]
    paging: list[Button] = []
    if page > 0:
        paging.append((tr.gettext("‹ Previous"), ShowCategory(category, page - 1).encode()))
    if page < pages - 1:
        paging.append((tr.gettext("More ›"), ShowCategory(category, page + 1).encode()))
    if paging:
        rows.append(paging)
    rows.append([(tr.gettext(BACK), ServicesHome().encode())])
    return Screen("\n\n".join(blocks), keyboard(rows, rtl=tr.language.rtl))


def _detail_text(tr: Translator, service: Service, now: datetime, budget: int) -> str:
    lines = [tr.gettext("<b>{name}</b>", name=clip(_name(service, tr), 120))]
    location = clip(pick(service.locations, tr.code), budget)
    if location:
        lines.append(tr.gettext("📍 {location}", location=location))
    lines.append(hours_line(tr, service))
    opening = opening_line(tr, service, now)
    if opening:
        lines.append(opening)
    if service.phone:
        phone = Markup(isolate_ltr(html.escape(service.phone, quote=False)))
        lines.append(tr.gettext("📞 {phone}", phone=phone))
    notes = clip(pick(service.notes, tr.code), budget)
    if notes:
        lines.append(tr.gettext("ℹ️ {notes}", notes=notes))
    if service.demo:
        lines.append("")
        lines.append(demo_notice(tr))
    return "\n".join(lines)


def _detail_screen(tr: Translator, service: Service, now: datetime) -> Screen:
    text = ""
    for budget in (1000, 500, 200):  # location and notes are at most 1000 characters each
        text = _detail_text(tr, service, now, budget)
        if telegram_length(text) <= MESSAGE_LIMIT:
            break
    rows: list[list[Button]] = []
    if service.category == "food":
        rows.append([(tr.gettext("🍞 Food distribution dates"), FoodHome().encode())])
    rows.append(
        [
            (tr.gettext(BACK), ShowCategory(service.category).encode()),
            (tr.gettext("🏥 All services"), ServicesHome().encode()),
        ]
    )
    return Screen(text, keyboard(rows, rtl=tr.language.rtl))


# --- entry points --------------------------------------------------------------------------


async def show_services(
    chat_id: int,
    context: DaleelContext,
    category: str | None = None,
    *,
    update: Update | None = None,
) -> None:
    """The services of the resident's camp (one category if given and the camp has it).

    Asks for the camp first when the resident has none; counts the question (camp only).
    """
    mine = await camp_or_ask(chat_id, context, then="svc", update=update)
    if mine is None:
        return
    camp, _ = mine
    now = context.state.now()
    await count_question(context.db, day=now.date(), topic="services", camp_id=camp.id)
    counts = await service_categories(context.db, camp.id)
    if category in counts:
        services = await services_in_category(context.db, camp.id, category)
        screen = _category_screen(
            context.tr, camp, category, services, page=0, now=now
        )
    else:
        screen = _home_screen(context.tr, camp, counts)
    await present(chat_id, context, screen, update=update)


async def _on_home(update: Update, context: DaleelContext, press: Press[ServicesHome]) -> None:
    """``svc:v1:home``: the categories of the resident's camp."""
    await press.query.answer()
    await show_services(press.chat_id, context, update=update)


async def _on_category(update: Update, context: DaleelContext, press: Press[ShowCategory]) -> None:
    """``svc:v1:cat:<category>[:<page>]``: one page of a category's services."""
    chat_id, category = press.chat_id, press.payload.category
    if category not in _CATEGORY_LABELS:
        await answer_stale(update, context)
        return
    await press.query.answer()
    mine = await my_camp(context, chat_id)
    if mine is None:
        await ask_camp(chat_id, context, then="svc", update=update)
        return
    camp, _ = mine
    services = await services_in_category(context.db, camp.id, category)
    if not services:  # the camp changed, or its services did: start from its categories
        await show_services(chat_id, context, update=update)
        return
    screen = _category_screen(
        context.tr, camp, category, services, page=press.payload.page, now=context.state.now()
    )
    await present(chat_id, context, screen, update=update)


async def _on_service(update: Update, context: DaleelContext, press: Press[ShowService]) -> None:
    """``svc:v1:show:<service id>``: one service, with a map pin when it has one."""
    chat_id = press.chat_id
    service = await get_service(context.db, press.payload.service_id)
    mine = await my_camp(context, chat_id)
    # Only a service of the resident's own camp: anything else is a stale or forged button.
    if service is None or mine is None or service.camp_id != mine[0].id:
        await answer_stale(update, context)
        return
    await press.query.answer()
    tr = context.tr
    await present(chat_id, context, _detail_screen(tr, service, context.state.now()), update=update)
    if service.lat is not None and service.lon is not None:
        address = pick(service.locations, tr.code) or camp_name(mine[0], tr)
        await context.bot.send_venue(
            chat_id,
            latitude=service.lat,
            longitude=service.lon,
            title=clip(_name(service, tr), _TITLE_LIMIT) or "",
            address=clip(address, _TITLE_LIMIT) or "",
        )


async def _answer(asked: Asked, context: DaleelContext) -> None:
    await show_services(asked.chat_id, context, asked.category)


def register(app: DaleelApp) -> None:
    buttons.on(app, ServicesHome, _on_home)
    buttons.on(app, ShowCategory, _on_category)
    buttons.on(app, ShowService, _on_service)
    app.bot_data.routes.add("services", _answer)  # typed questions, the camp picker
