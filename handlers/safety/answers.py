""""Is my area safe?": find the place (typed or browsed) and answer with its status.

Callbacks (``safe:v1:…``), every id re-checked against the database at the press:

- ``home``: ask for the place name, with a button to browse instead
- ``govs:<page>``: the governorates
- ``list:<area_id>:<page>``: the places under an area
- ``area:<area_id>``: the answer for one area

"Main menu" buttons use the menu feature's own ``menu:v1:home``.

The answer never comes with a map pin: a location would invite travel to the place.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.domain.areas import LEVEL_RANK
from bot.i18n.catalogues import N_, Markup, Translator
from bot.places.index import PlaceMatch, is_confident
from bot.safety.answers import area_name, button_label, level_label, place_of, render_answer
from bot.safety.summary import summarise_inside
from bot.storage.areas import Area, area_ancestors, area_children, get_area
from bot.storage.areas import current_status as load_status
from bot.storage.questions import count_question
from bot.storage.safety_views import with_children
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Callback, decode, encode
from handlers.kit.routes import Asked

__all__ = ["answer_area", "answer_place_matches", "register", "show_safety_home"]

logger = logging.getLogger(__name__)

PAGE_SIZE = 20  # two per row: with navigation, a list message stays under 30 buttons
MAX_CHOICES = 5
_MAX_PAGE = 999
# Below the district a place is small enough to have a status of its own.
_ANSWERABLE_WITH_CHILDREN = frozenset({"subdistrict", "town", "village"})

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
_BACK = N_("‹ Back")
_ALERT = N_("🔔 Alert me when this changes")
_SEARCH_AGAIN = N_("🔎 Search another place")
_MAIN_MENU = N_("⬅️ Main menu")
_STALE_BUTTON = N_("This button is no longer valid. Send /menu to start again.")


# --- public: also called by the free-text feature ---------------------------------------


async def answer_area(chat_id: int, area_id: int, context: DaleelContext) -> None:
    """Send the safety answer for one area (or "not found" if the id is unknown)."""
    if not await _send_answer(chat_id, area_id, context):
        await _send_not_found(chat_id, context)


async def answer_place_matches(
    chat_id: int, matches: Sequence[PlaceMatch], context: DaleelContext
) -> None:
    """A typed place name: answer when sure, offer the likeliest places when not."""
    if is_confident(matches):
        await answer_area(chat_id, matches[0].area_id, context)
        return
    choices: list[Button] = []
    seen: set[int] = set()
    for match in matches:
        if len(choices) == MAX_CHOICES:
            break
        if match.area_id in seen:
            continue
        seen.add(match.area_id)
        area = await get_area(context.db, match.area_id)
        if area is not None:
            label = await _described(area, context)
            choices.append((button_label(label), encode("safe", "area", area.id)))
    if not choices:
        await _send_not_found(chat_id, context)
        return
    tr = context.tr
    rows = [[choice] for choice in choices]
    rows.append([(tr.gettext(_BROWSE), encode("safe", "govs", 0))])
    await context.bot.send_message(
        chat_id, tr.gettext(_DID_YOU_MEAN), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


# --- the answer ---------------------------------------------------------------------------


async def _send_answer(chat_id: int, area_id: int, context: DaleelContext) -> bool:
    area = await get_area(context.db, area_id)
    if area is None:
        return False
    tr = context.tr
    ancestors = await area_ancestors(context.db, area.id)
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
    )
    # The places with danger inside it, one press away.
    rows = [
        [(button_label(level_label(tr, place_of(p.area, (), tr.code))),
          encode("safe", "area", p.area.id))]
        for p in (inside.dangerous if inside is not None else ())
    ] + [
        [(tr.gettext(_ALERT), encode("alert", "sub_area", area.id))],
        [(tr.gettext(_SEARCH_AGAIN), encode("safe", "home"))],
        [(tr.gettext(_MAIN_MENU), encode("menu", "home"))],
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


async def _described(area: Area, context: DaleelContext) -> str:
    """"Qayyarah (town) — Mosul" in the reader's language, as HTML."""
    ancestors = await area_ancestors(context.db, area.id)
    return level_label(context.tr, place_of(area, ancestors, context.tr.code))


async def _send_not_found(chat_id: int, context: DaleelContext) -> None:
    tr = context.tr
    rows = [
        [(tr.gettext(_BROWSE), encode("safe", "govs", 0))],
        [(tr.gettext(_MAIN_MENU), encode("menu", "home"))],
    ]
    await context.bot.send_message(
        chat_id, tr.gettext(_NOT_FOUND), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


async def show_safety_home(chat_id: int, context: DaleelContext) -> None:
    """Ask for the place's name, with a button to browse the list instead."""
    tr = context.tr
    rows = [
        [(tr.gettext(_BROWSE), encode("safe", "govs", 0))],
        [(tr.gettext(_MAIN_MENU), encode("menu", "home"))],
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
            encode("safe", "list", a.id, 0) if a.id in parents else encode("safe", "area", a.id),
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
        nav.append((tr.gettext(_BACK), encode("safe", "govs", page - 1)))
    if more:
        nav.append((tr.gettext(_MORE), encode("safe", "govs", page + 1)))
    rows.append(nav)
    rows.append([(tr.gettext(_MAIN_MENU), encode("menu", "home"))])
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
        rows.insert(0, [(button_label(itself), encode("safe", "area", area.id))])
    nav: list[Button] = []
    if page > 0:
        nav.append((tr.gettext(_BACK), encode("safe", "list", area.id, page - 1)))
    elif area.parent_id is not None:
        nav.append((tr.gettext(_BACK), encode("safe", "list", area.parent_id, 0)))
    else:
        nav.append((tr.gettext(_BACK), encode("safe", "govs", 0)))
    if more:
        nav.append((tr.gettext(_MORE), encode("safe", "list", area.id, page + 1)))
    rows.append(nav)
    rows.append([(tr.gettext(_MAIN_MENU), encode("menu", "home"))])
    ancestors = await area_ancestors(context.db, area.id)
    text = tr.gettext(_CHOOSE_IN, place=Markup(level_label(tr, place_of(area, ancestors, tr.code))))
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


# --- the button handler -------------------------------------------------------------------


async def on_button(update: Update, context: DaleelContext) -> None:
    """Every ``safe:`` button; a payload that does not check out is a stale button."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    callback = decode(query.data)
    if callback is None or callback.feature != "safe" or not await _dispatch(
        callback, query, chat.id, context
    ):
        await query.answer(context.tr.gettext(_STALE_BUTTON))


async def _dispatch(
    callback: Callback, query: CallbackQuery, chat_id: int, context: DaleelContext
) -> bool:
    """Act on a decoded payload; False when it names nothing that exists (now)."""
    action, args = callback.action, callback.args
    if action == "home" and not args:
        await query.answer()
        await show_safety_home(chat_id, context)
        return True
    if action == "govs" and len(args) == 1:
        page = callback.arg_int(0)
        if page is None or page > _MAX_PAGE:
            return False
        return await _list_governorates(query, page, context)
    if action == "list" and len(args) == 2:
        area_id, page = callback.arg_int(0), callback.arg_int(1)
        if area_id is None or page is None or page > _MAX_PAGE:
            return False
        area = await get_area(context.db, area_id)
        if area is None:
            return False
        if await _list_children(query, area, page, context):
            return True
        if page > 0:
            return False
        # Nothing under it (any more): answer for the place itself.
        await query.answer()
        return await _send_answer(chat_id, area.id, context)
    if action == "area" and len(args) == 1:
        area_id = callback.arg_int(0)
        if area_id is None or await get_area(context.db, area_id) is None:
            return False
        await query.answer()
        return await _send_answer(chat_id, area_id, context)
    return False


async def _answer(asked: Asked, context: DaleelContext) -> None:
    """A typed question (with the places it named) or a checked "Did you mean" button."""
    if asked.area_id is not None:
        await answer_area(asked.chat_id, asked.area_id, context)
    elif asked.places:
        await answer_place_matches(asked.chat_id, list(asked.places), context)
    else:
        await show_safety_home(asked.chat_id, context)


def register(app: DaleelApp) -> None:
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^safe:"))
    app.bot_data.routes.add("safety", _answer)  # typed questions
