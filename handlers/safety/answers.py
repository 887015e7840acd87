""""Is my area safe?": find the place (typed or browsed) and answer with its status.

Callbacks (``safe:v1:…``), every id re-checked against the database at the press:

- ``home``: ask for the place name, with a button to browse instead
- ``govs:<page>``: the governorates
- ``list:<area_id>:<page>``: the places under an area
- ``area:<area_id>``: the answer for one area

"Main menu" buttons use the menu feature's own ``menu:v1:home``.

A "Did you mean" keeps the spelling typed for its buttons; the offers too old to be counted
are purged by a daily job, not on the answer path a resident waits on.

The answer never comes with a map pin: a location would invite travel to the place.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.domain.areas import LEVEL_RANK
from bot.i18n.catalogues import N_, Markup, Translator
from bot.places.index import PlaceMatch, is_confident
from bot.safety.answers import area_name, button_label, place_of, render_answer
from bot.safety.labels import area_label, label_of
from bot.safety.summary import summarise_inside
from bot.storage.area_paths import areas_with_ancestors
from bot.storage.areas import Area, area_children, get_area
from bot.storage.areas import current_status as load_status
from bot.storage.questions import count_question
from bot.storage.safety_views import with_children
from bot.storage.spellings import count_offer_pick, offer_spelling, purge_old_offers
from handlers.kit import buttons, jobs
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import FollowArea, MenuHome, SafetyHome
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Payload
from handlers.kit.routes import Asked
from handlers.kit.ui import BACK, MAIN_MENU

__all__ = [
    "answer_area",
    "answer_place_matches",
    "purge_offers",
    "register",
    "show_safety_home",
    "start",
]

logger = logging.getLogger(__name__)

PAGE_SIZE = 20  # two per row: with navigation, a list message stays under 30 buttons
MAX_CHOICES = 5
_MAX_PAGE = 999
# Below the district a place is small enough to have a status of its own.
_ANSWERABLE_WITH_CHILDREN = frozenset({"subdistrict", "town", "village"})
PURGE_JOB = "safety:purge-offers"
_DAY = 24 * 3600.0
_FIRST_PURGE = 120.0  # two minutes after start, then daily

_ASK = N_(
    "Type the name of your town or village, in any language or spelling. "
    "Or browse the list by governorate."
)
_NOT_FOUND = N_(
    "I could not find that place. Try another spelling, or browse the list by governorate."
)
_DID_YOU_MEAN = N_("Did you mean one of these places? Choose one.")
_CHOOSE_GOVERNORATE = N_("Choose your governorate.")
_CHOOSE_IN = N_("Choose a place in {place}.")
_BROWSE = N_("🗺️ Browse by governorate")
_ITSELF = N_("📍 All of {name}")
_MORE = N_("More ›")
_BACK = BACK
_ALERT = N_("🔔 Alert me when this changes")
_SEARCH_AGAIN = N_("🔎 Search another place")
_MAIN_MENU = MAIN_MENU


@dataclass(frozen=True)
class Governorates(Payload, feature="safe", action="govs"):
    page: int


@dataclass(frozen=True)
class PlacesIn(Payload, feature="safe", action="list"):
    area_id: int
    page: int


@dataclass(frozen=True)
class AnswerFor(Payload, feature="safe", action="area"):
    area_id: int


@dataclass(frozen=True)
class PickedFor(Payload, feature="safe", action="pick"):
    """A "Did you mean" choice; *offer* names the spelling typed (kept in storage)."""

    area_id: int
    offer: str


# --- public: also called by the free-text feature ---------------------------------------


async def answer_area(chat_id: int, area_id: int, context: DaleelContext) -> None:
    """Send the safety answer for one area (or "not found" if the id is unknown)."""
    if not await _send_answer(chat_id, area_id, context):
        await _send_not_found(chat_id, context)


async def answer_place_matches(
    chat_id: int, matches: Sequence[PlaceMatch], context: DaleelContext, spelling: str = ""
) -> None:
    """A typed place name: answer when sure, offer the likeliest places when not (and
    count the folded *spelling* with the place picked, so operators can learn it)."""
    if is_confident(matches):
        await answer_area(chat_id, matches[0].area_id, context)
        return
    offer = await _offer(spelling, context) if matches else None
    # The places offered with their ancestors in one read, not two per place.
    found = await areas_with_ancestors(context.db, [m.area_id for m in matches])
    choices: list[Button] = []
    for area_id in dict.fromkeys(m.area_id for m in matches):
        if len(choices) == MAX_CHOICES:
            break
        if area_id in found:
            area, ancestors = found[area_id]
            label = label_of(context.tr, area, ancestors)
            pick = PickedFor(area.id, offer) if offer else AnswerFor(area.id)
            choices.append((button_label(label), pick.encode()))
    if not choices:
        await _send_not_found(chat_id, context)
        return
    tr = context.tr
    rows = [[choice] for choice in choices]
    rows.append([(tr.gettext(_BROWSE), Governorates(0).encode())])
    await context.bot.send_message(
        chat_id, tr.gettext(_DID_YOU_MEAN), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


async def _offer(spelling: str, context: DaleelContext) -> str | None:
    """The token of *spelling* for the buttons of a "Did you mean" (None: not counted)."""
    if not spelling:
        return None
    try:
        return await offer_spelling(context.db, spelling, day=context.state.now().date())
    except sqlite3.Error:
        logger.exception("could not keep a spelling offered")
        return None


# --- the answer ---------------------------------------------------------------------------


async def _send_answer(chat_id: int, area_id: int, context: DaleelContext) -> bool:
    # The area and its ancestors in one read: each read is a hand-off to the one
    # database thread, queued behind other residents'.
    found = (await areas_with_ancestors(context.db, [area_id])).get(area_id)
    if found is None:
        return False
    area, ancestors = found
    tr = context.tr
    record = await load_status(context.db, area.id)
    inside = await summarise_inside(context.db, area.id)
    now = context.state.now()
    text = render_answer(
        tr,
        place_of(area, ancestors, tr.code),
        record,
        today=now.date(),
        stale_after_days=context.settings.safety.stale_after_days,
        inside=inside,
        sources=context.state.sources,
    )
    # The places with danger inside it, one press away.
    rows = [
        [(button_label(label_of(tr, p.area, ())),
          AnswerFor(p.area.id).encode())]
        for p in (inside.dangerous if inside is not None else ())
    ] + [
        [(tr.gettext(_ALERT), FollowArea(area.id).encode())],
        [(tr.gettext(_SEARCH_AGAIN), SafetyHome().encode())],
        [(tr.gettext(_MAIN_MENU), MenuHome().encode())],
    ]
    await context.bot.send_message(
        chat_id, text, reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )
    try:
        # Aggregate only: the day, the topic and the place; never who asked.
        await count_question(context.db, day=now.date(), topic="safety", area_id=area.id)
    except sqlite3.Error:
        logger.exception("could not count a safety question")
    return True


async def _send_not_found(chat_id: int, context: DaleelContext) -> None:
    tr = context.tr
    rows = [
        [(tr.gettext(_BROWSE), Governorates(0).encode())],
        [(tr.gettext(_MAIN_MENU), MenuHome().encode())],
    ]
    await context.bot.send_message(
        chat_id, tr.gettext(_NOT_FOUND), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


async def show_safety_home(chat_id: int, context: DaleelContext) -> None:
    """Ask for the place's name, with a button to browse the list instead."""
    tr = context.tr
    rows = [
        [(tr.gettext(_BROWSE), Governorates(0).encode())],
        [(tr.gettext(_MAIN_MENU), MenuHome().encode())],
    ]
    await context.bot.send_message(
        chat_id, tr.gettext(_ASK), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


# --- browsing -----------------------------------------------------------------------------


def _sorted(areas: Sequence[Area], code: str) -> list[Area]:
    """By kind (towns before villages), then by name as the reader reads it."""
    return sorted(
        areas, key=lambda a: (LEVEL_RANK.get(a.level, 9), area_name(a, code).casefold(), a.id)
    )


async def _page(
    tr: Translator, areas: Sequence[Area], page: int, context: DaleelContext
) -> tuple[list[list[Button]], bool]:
    """One page of area buttons, two per row, and whether more pages follow.

    A place with places under it opens its list; any other place answers directly.
    """
    chunk = areas[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    parents = await with_children(context.db, [a.id for a in chunk])
    buttons = [
        (
            button_label(area_name(a, tr.code)),
            PlacesIn(a.id, 0).encode() if a.id in parents else AnswerFor(a.id).encode(),
        )
        for a in chunk
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return rows, len(areas) > (page + 1) * PAGE_SIZE


async def _list_governorates(query: CallbackQuery, page: int, context: DaleelContext) -> bool:
    tr = context.tr
    roots = _sorted(await area_children(context.db, None), tr.code)
    if page * PAGE_SIZE >= len(roots):
        return False
    rows, more = await _page(tr, roots, page, context)
    nav: list[Button] = []
    if page > 0:
        nav.append((tr.gettext(_BACK), Governorates(page - 1).encode()))
    if more:
        nav.append((tr.gettext(_MORE), Governorates(page + 1).encode()))
    rows.append(nav)
    rows.append([(tr.gettext(_MAIN_MENU), MenuHome().encode())])
    await query.answer()
    await _show(query, tr.gettext(_CHOOSE_GOVERNORATE), keyboard(rows, rtl=tr.language.rtl))
    return True


async def _list_children(
    query: CallbackQuery, area: Area, page: int, context: DaleelContext
) -> bool:
    tr = context.tr
    children = _sorted(await area_children(context.db, area.id), tr.code)
    if page * PAGE_SIZE >= len(children):
        return False
    rows, more = await _page(tr, children, page, context)
    if area.level in _ANSWERABLE_WITH_CHILDREN and page == 0:
        # A sub-district or town can have a status of its own, apart from its villages.
        itself = tr.gettext(_ITSELF, name=area_name(area, tr.code))
        rows.insert(0, [(button_label(itself), AnswerFor(area.id).encode())])
    nav: list[Button] = []
    if page > 0:
        nav.append((tr.gettext(_BACK), PlacesIn(area.id, page - 1).encode()))
    elif area.parent_id is not None:
        nav.append((tr.gettext(_BACK), PlacesIn(area.parent_id, 0).encode()))
    else:
        nav.append((tr.gettext(_BACK), Governorates(0).encode()))
    if more:
        nav.append((tr.gettext(_MORE), PlacesIn(area.id, page + 1).encode()))
    rows.append(nav)
    rows.append([(tr.gettext(_MAIN_MENU), MenuHome().encode())])
    text = tr.gettext(_CHOOSE_IN, place=Markup(await area_label(context.db, tr, area)))
    await query.answer()
    await _show(query, text, keyboard(rows, rtl=tr.language.rtl))
    return True


async def _show(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup) -> None:
    """Browsing edits the list in place; a message that can no longer be edited gets a
    fresh one."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" in str(error).lower():
            return
        if query.message is None:
            raise
        await query.get_bot().send_message(query.message.chat.id, text, reply_markup=markup)


# --- the buttons -------------------------------------------------------------------------
# Every id is re-checked at the press: a payload that names nothing (now) is stale.


async def _on_home(update: Update, context: DaleelContext, press: Press[SafetyHome]) -> None:
    """``safe:v1:home``: ask for the place's name."""
    await press.query.answer()
    await show_safety_home(press.chat_id, context)


async def _on_governorates(
    update: Update, context: DaleelContext, press: Press[Governorates]
) -> None:
    """``safe:v1:govs:<page>``: the governorates."""
    page = press.payload.page
    if page > _MAX_PAGE or not await _list_governorates(press.query, page, context):
        await answer_stale(update, context)


async def _on_list(update: Update, context: DaleelContext, press: Press[PlacesIn]) -> None:
    """``safe:v1:list:<area id>:<page>``: the places under an area."""
    page = press.payload.page
    area = await get_area(context.db, press.payload.area_id) if page <= _MAX_PAGE else None
    if area is None:
        await answer_stale(update, context)
    elif await _list_children(press.query, area, page, context):
        pass
    elif page > 0:
        await answer_stale(update, context)
    else:  # nothing under it (any more): answer for the place itself
        await press.query.answer()
        await _send_answer(press.chat_id, area.id, context)


async def _on_area(update: Update, context: DaleelContext, press: Press[AnswerFor]) -> None:
    """``safe:v1:area:<area id>``: the answer for one area."""
    area_id = press.payload.area_id
    if await get_area(context.db, area_id) is None:
        await answer_stale(update, context)
        return
    await press.query.answer()
    await _send_answer(press.chat_id, area_id, context)


async def _on_pick(update: Update, context: DaleelContext, press: Press[PickedFor]) -> None:
    """``safe:v1:pick:<area id>:<offer>``: a "Did you mean" choice, its spelling counted."""
    area_id = press.payload.area_id
    if await get_area(context.db, area_id) is None:
        await answer_stale(update, context)
        return
    await press.query.answer()
    await _send_answer(press.chat_id, area_id, context)
    try:
        # Aggregate only: the folded spelling and the place; never who picked it.
        day = context.state.now().date()
        await count_offer_pick(context.db, press.payload.offer, area_id, day=day)
    except sqlite3.Error:
        logger.exception("could not count a spelling picked")


async def _answer(asked: Asked, context: DaleelContext) -> None:
    """A typed question (with the places it named) or a checked "Did you mean" button."""
    if asked.area_id is not None:
        await answer_area(asked.chat_id, asked.area_id, context)
    elif asked.places:
        await answer_place_matches(asked.chat_id, list(asked.places), context, asked.spelling)
    else:
        await show_safety_home(asked.chat_id, context)


# --- the daily purge ----------------------------------------------------------------------


async def purge_offers(app: DaleelApp) -> int:
    """Forget the "Did you mean" offers too old to be counted; how many."""
    state = app.bot_data
    purged = await purge_old_offers(state.db, day=state.now().date())
    if purged:
        logger.info("purged %d old place spelling offer(s)", purged)
    return purged


async def _purge_job(context: DaleelContext) -> None:
    try:
        await purge_offers(jobs.app_of(context))
    except sqlite3.Error:
        logger.exception("could not purge old place spelling offers")


async def start(app: DaleelApp) -> None:
    """Arm the daily purge of old "Did you mean" offers."""
    jobs.repeat(app, PURGE_JOB, _purge_job, _DAY, first=_FIRST_PURGE)


def register(app: DaleelApp) -> None:
    buttons.on(app, SafetyHome, _on_home, resident=False)
    buttons.on(app, Governorates, _on_governorates, resident=False)
    buttons.on(app, PlacesIn, _on_list, resident=False)
    buttons.on(app, AnswerFor, _on_area, resident=False)
    buttons.on(app, PickedFor, _on_pick, resident=False)
    app.bot_data.routes.add("safety", _answer)  # typed questions
