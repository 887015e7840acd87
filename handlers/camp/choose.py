"""Choosing one's camp and sector: once, changeable with /camp and from the camp screens.

The picker's screens are the kit's (:mod:`handlers.kit.camps`), since every feature that
needs a camp shows them; this feature handles /camp and the picker's buttons. Button
payloads carry what the resident asked for before we needed their camp
("camp:v1:set:<camp_id>:food"); once the camp is set they land there, through whichever
feature answers that need (:mod:`handlers.kit.routes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.camps.names import camp_name
from bot.storage.camps import Camp, Sector, camp_sectors, get_camp
from bot.storage.services_food import set_camp
from handlers.kit.buttons import STALE, read_press
from handlers.kit.camps import INTENTS, ask_camp, camps_screen, sector_screen
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.payloads import Callback
from handlers.kit.routes import Asked, Need
from handlers.kit.screens import main_menu_markup, main_menu_text, send_main_menu
from handlers.kit.ui import Screen, present

__all__ = ["register"]

# The picker's "then" and the need it hands over to; "menu" is the main menu.
_THEN: Mapping[str, Need] = MappingProxyType({"svc": "services", "food": "food"})


def _intent(callback: Callback, index: int) -> str | None:
    value = callback.args[index] if len(callback.args) > index else "menu"
    return value if value in INTENTS else None


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
    need = _THEN.get(then)
    if need is None or not await context.routes.answer(need, Asked(update, chat_id), context):
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
        screen = await camps_screen(context, callback.args[0], then) if then else None
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
        screen = sector_screen(camp, sectors, tr, then)
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


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("camp", camp_command, filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(camp_button, pattern=r"^camp:"))
