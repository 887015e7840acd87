"""Choosing one's camp and sector: once, changeable with /camp and from the camp screens.

Governorate → camp → sector (optional), by buttons; or a typed camp name, matched by the
free-text feature through :func:`find_camps` and offered with :func:`offer_camps`.
Button payloads carry what the resident asked for before we needed their camp
("camp:v1:set:<camp_id>:food"), so they land where they were going.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.i18n.catalogues import N_, Markup, Translator, pick
from bot.storage.areas import area_children
from bot.storage.camps import Camp, Sector, camp_sectors, get_camp, list_camps
from bot.storage.services_food import ResidentCamp, resident_camp, set_camp
from bot.text.fold import fold
from handlers.kit.buttons import STALE, read_press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Callback, encode
from handlers.kit.screens import (
    main_menu_markup,
    main_menu_text,
    send_language_menu,
    send_main_menu,
)

__all__ = [
    "INTENTS",
    "MESSAGE_LIMIT",
    "STALE",
    "Screen",
    "ask_camp",
    "button_label",
    "camp_name",
    "clip",
    "find_camps",
    "match_camps",
    "my_camp",
    "offer_camps",
    "present",
    "register",
    "visible_length",
]

# Where to go once the camp is chosen: the main menu, the services or the food screen.
INTENTS = ("menu", "svc", "food")

MESSAGE_LIMIT = 4096
_NO_GOVERNORATE = "none"
_MAX_OFFERED = 8
# Words people add around a camp's name; they say nothing about which camp it is.
_GENERIC = frozenset(
    fold(word) for word in ("camp", "camps", "idp", "مخيم", "مخيمات", "کەمپ", "kamp", "kampa")
)
_TAGS = re.compile(r"<[^>]*>")


# --- shared by the camp screens (services, food) ---------------------------------------


@dataclass(frozen=True)
class Screen:
    """One message: HTML text and its buttons."""

    text: str
    markup: InlineKeyboardMarkup | None = None


def visible_length(text: str) -> int:
    """Length as Telegram counts it: after the HTML is parsed."""
    return len(html.unescape(_TAGS.sub("", text)))


def clip(text: str | None, limit: int) -> str | None:
    """Shorten a data text to ``limit`` characters (before escaping), marking the cut."""
    if text is None or len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def button_label(tr: Translator, message: str, /, **values: str) -> str:
    """A translated button label: labels are not HTML, so values are inserted as they are."""
    return tr.gettext(message, **{key: Markup(value) for key, value in values.items()})


def camp_name(camp: Camp, tr: Translator) -> str:
    return pick(camp.names, tr.code) or camp.code


async def present(
    chat_id: int, context: DaleelContext, screen: Screen, *, update: Update | None = None
) -> None:
    """Edit the message whose button was pressed, or send a new one."""
    query = update.callback_query if update else None
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(screen.text, reply_markup=screen.markup)
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return  # pressed twice: already showing this
            # Otherwise the old message cannot be edited (deleted, too old): send anew.
        else:
            return
    await context.bot.send_message(chat_id, screen.text, reply_markup=screen.markup)


# --- the picker ---------------------------------------------------------------------------


def _intent(callback: Callback, index: int) -> str | None:
    value = callback.args[index] if len(callback.args) > index else "menu"
    return value if value in INTENTS else None


async def _governorate_screen(context: DaleelContext, then: str, current: str | None) -> Screen:
    tr = context.tr
    camps = await list_camps(context.db)
    governorates = {area.pcode: area for area in await area_children(context.db, None)}
    used = {camp.governorate_pcode for camp in camps}
    buttons: list[Button] = [
        (pick(area.names, tr.code) or pcode, encode("camp", "gov", pcode, then))
        for pcode, area in governorates.items()
        if pcode in used
    ]
    buttons.sort(key=lambda button: fold(button[0]))
    if any(camp.governorate_pcode not in governorates for camp in camps):
        buttons.append((tr.gettext("Other camps"), encode("camp", "gov", _NO_GOVERNORATE, then)))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(tr.gettext("⬅️ Main menu"), encode("camp", "menu"))])
    lines = []
    if current:
        lines.append(tr.gettext("Your camp now: {camp}.", camp=current))
    lines.append(
        tr.gettext(
            "Which camp do you live in? Choose the governorate, or type the camp's name."
        )
    )
    return Screen("\n\n".join(lines), keyboard(rows, rtl=tr.language.rtl))


def _camp_buttons(camps: Sequence[Camp], tr: Translator, then: str) -> list[list[Button]]:
    ordered = sorted(camps, key=lambda camp: fold(camp_name(camp, tr)))
    return [[(camp_name(camp, tr), encode("camp", "set", camp.id, then))] for camp in ordered]


async def _camps_screen(context: DaleelContext, pcode: str, then: str) -> Screen | None:
    tr = context.tr
    camps = await list_camps(context.db)
    governorates = {area.pcode: area for area in await area_children(context.db, None)}
    if pcode == _NO_GOVERNORATE:
        chosen = [camp for camp in camps if camp.governorate_pcode not in governorates]
        title = tr.gettext("Other camps")
    else:
        area = governorates.get(pcode)
        chosen = [camp for camp in camps if camp.governorate_pcode == pcode]
        if area is None or not chosen:
            return None
        title = pick(area.names, tr.code) or pcode
    if not chosen:
        return None
    rows = _camp_buttons(chosen, tr, then)
    rows.append([(tr.gettext("⬅️ Back"), encode("camp", "home", then))])
    return Screen(
        tr.gettext("Choose your camp in {governorate}:", governorate=title),
        keyboard(rows, rtl=tr.language.rtl),
    )


def _sector_screen(camp: Camp, sectors: Sequence[Sector], tr: Translator, then: str) -> Screen:
    buttons: list[Button] = [
        (button_label(tr, N_("Sector {sector}"), sector=sector.code),
         encode("camp", "sec", camp.id, sector.id, then))
        for sector in sectors
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    whole_camp = encode("camp", "sec", camp.id, 0, then)
    rows.append([(tr.gettext("I don't know / the whole camp"), whole_camp)])
    rows.append([(tr.gettext("⬅️ Back"), encode("camp", "home", then))])
    return Screen(
        tr.gettext("Which sector of {camp} do you live in?", camp=camp_name(camp, tr)),
        keyboard(rows, rtl=tr.language.rtl),
    )


async def _current_camp_name(context: DaleelContext, chat_id: int) -> str | None:
    mine = await resident_camp(context.db, chat_id)
    camp = await get_camp(context.db, mine.camp_id) if mine and mine.camp_id else None
    return camp_name(camp, context.tr) if camp else None


async def ask_camp(
    chat_id: int, context: DaleelContext, *, then: str = "menu", update: Update | None = None
) -> None:
    """Show the camp picker; ``then`` ("menu", "svc", "food") is where the resident goes after.

    Someone who has not chosen a language yet (no /start) gets the language menu first.
    """
    if context.resident is None:
        await send_language_menu(chat_id, context, first_time=True)
        return
    screen = await _governorate_screen(
        context, then if then in INTENTS else "menu", await _current_camp_name(context, chat_id)
    )
    await present(chat_id, context, screen, update=update)


# --- typed camp names -----------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(word for word in fold(text).split() if word not in _GENERIC)


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance at most 1 (one letter wrong, missing or extra)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _score(query: str, key: str) -> int:
    if not key:
        return 0
    if query == key:
        return 4
    if len(query) >= 3 and key.startswith(query):
        return 3
    if len(query) >= 4 and (query in key or key in query):
        return 2
    if len(query) >= 4 and _within_one_edit(query, key):
        return 1
    return 0


def match_camps(text: str, camps: Sequence[Camp]) -> list[Camp]:
    """Camps whose name or alias matches, best first (pure: for tests and the index)."""
    query = _key(text)
    if not query:
        return []
    scored: list[tuple[int, str, Camp]] = []
    for camp in camps:
        keys = {_key(name) for name in (*camp.names.values(), *camp.aliases)}
        best = max((_score(query, key) for key in keys), default=0)
        if best:
            scored.append((best, camp.code, camp))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [camp for _, _, camp in scored]


async def find_camps(text: str, context: DaleelContext) -> list[Camp]:
    """Camps the typed text names, best first (empty when none)."""
    return match_camps(text, await list_camps(context.db))[:_MAX_OFFERED]


async def offer_camps(
    chat_id: int, context: DaleelContext, camps: Sequence[Camp], *, then: str = "menu"
) -> None:
    """Buttons for the camps a typed name matched; the picker when it matched none."""
    if not camps or context.resident is None:
        await ask_camp(chat_id, context, then=then)
        return
    tr = context.tr
    then = then if then in INTENTS else "menu"
    rows = _camp_buttons(camps[:_MAX_OFFERED], tr, then)
    rows.append([(tr.gettext("Another camp"), encode("camp", "home", then))])
    await context.bot.send_message(
        chat_id,
        tr.gettext("Which of these is your camp?"),
        reply_markup=keyboard(rows, rtl=tr.language.rtl),
    )


# --- handlers -------------------------------------------------------------------------------


async def camp_command(update: Update, context: DaleelContext) -> None:
    """/camp: choose or change the camp."""
    if update.effective_chat:
        await ask_camp(update.effective_chat.id, context)


async def _confirm(
    update: Update, context: DaleelContext, camp: Camp, sector: Sector | None, then: str
) -> None:
    tr = context.tr
    chat_id = update.effective_chat.id if update.effective_chat else 0
    if sector is not None:
        text = tr.gettext(
            "Your camp is now {camp}, sector {sector}.",
            camp=camp_name(camp, tr),
            sector=sector.code,
        )
    else:
        text = tr.gettext("Your camp is now {camp}.", camp=camp_name(camp, tr))
    await present(chat_id, context, Screen(text), update=update)
    # Lazily: the camp screens import this module for the picker.
    if then == "svc":
        from handlers.camp.services import show_services  # noqa: PLC0415

        await show_services(chat_id, context)
    elif then == "food":
        from handlers.camp.food import show_food  # noqa: PLC0415

        await show_food(chat_id, context)
    else:
        await send_main_menu(chat_id, context)


async def camp_button(update: Update, context: DaleelContext) -> None:
    """Every camp:v1:* button; payloads are re-checked against the database."""
    press = await read_press(update, context, "camp")
    if press is None:
        return
    query, chat_id, callback = press.query, press.chat_id, press.callback
    tr = context.tr
    action = callback.action
    if action == "menu":
        await query.answer()
        menu = Screen(main_menu_text(tr), main_menu_markup(tr))
        await present(chat_id, context, menu, update=update)
        return
    if action == "home":
        then = _intent(callback, 0)
        if then is None:
            await query.answer(tr.gettext(STALE))
            return
        await query.answer()
        await ask_camp(chat_id, context, then=then, update=update)
        return
    if action == "gov" and callback.args:
        then = _intent(callback, 1)
        screen = await _camps_screen(context, callback.args[0], then) if then else None
        if screen is None:
            await query.answer(tr.gettext(STALE))
            return
        await query.answer()
        await present(chat_id, context, screen, update=update)
        return
    if action == "set":
        await _set(update, context, callback)
        return
    if action == "sec":
        await _set_sector(update, context, callback)
        return
    await query.answer(tr.gettext(STALE))


async def _set(update: Update, context: DaleelContext, callback: Callback) -> None:
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    tr = context.tr
    camp_id, then = callback.arg_int(0), _intent(callback, 1)
    camp = await get_camp(context.db, camp_id) if camp_id is not None else None
    if camp is None or then is None:
        await query.answer(tr.gettext(STALE))
        return
    sectors = await camp_sectors(context.db, camp.id)
    if sectors:
        await query.answer()
        screen = _sector_screen(camp, sectors, tr, then)
        await present(update.effective_chat.id, context, screen, update=update)
        return
    if not await set_camp(context.db, update.effective_chat.id, camp.id, None):
        await query.answer(tr.gettext(STALE))
        return
    await query.answer()
    await _confirm(update, context, camp, None, then)


async def _set_sector(update: Update, context: DaleelContext, callback: Callback) -> None:
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    tr = context.tr
    camp_id, sector_id, then = callback.arg_int(0), callback.arg_int(1), _intent(callback, 2)
    camp = await get_camp(context.db, camp_id) if camp_id is not None else None
    if camp is None or sector_id is None or then is None:
        await query.answer(tr.gettext(STALE))
        return
    sector = None
    if sector_id:
        sectors = await camp_sectors(context.db, camp.id)
        sector = next((s for s in sectors if s.id == sector_id), None)
        if sector is None:  # not a sector of this camp
            await query.answer(tr.gettext(STALE))
            return
    if not await set_camp(context.db, update.effective_chat.id, camp.id, sector_id or None):
        await query.answer(tr.gettext(STALE))
        return
    await query.answer()
    await _confirm(update, context, camp, sector, then)


async def my_camp(context: DaleelContext, chat_id: int) -> tuple[Camp, ResidentCamp] | None:
    """The resident's camp, if they chose one that still exists."""
    mine = await resident_camp(context.db, chat_id)
    if mine is None or mine.camp_id is None:
        return None
    camp = await get_camp(context.db, mine.camp_id)
    return None if camp is None else (camp, mine)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("camp", camp_command, filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(camp_button, pattern=r"^camp:"))
