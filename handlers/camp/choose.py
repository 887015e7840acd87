"""Choosing one's camp and sector: once, changeable with /camp and from the camp screens.

Choosing a camp also subscribes the resident to its announcements (unless /stop paused
their alerts), and the confirmation says so, with the button that switches them off.

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
from telegram.ext import CommandHandler, filters

from bot.camps.names import camp_name
from bot.storage.camps import Camp, Sector, camp_sectors, get_camp
from bot.storage.services_food import set_camp
from bot.storage.subscriptions import follow_chosen_camp
from handlers.kit import buttons
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.camps import (
    CampHome,
    CampMenu,
    Intent,
    PickCamp,
    PickGovernorate,
    PickSector,
    ask_camp,
    camps_screen,
    sector_screen,
)
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import CampAlerts
from handlers.kit.keyboards import keyboard
from handlers.kit.routes import Asked, Need
from handlers.kit.screens import main_menu_markup, main_menu_text, send_main_menu
from handlers.kit.ui import Screen, present

__all__ = ["register"]

# The picker's "then" and the need it hands over to; "menu" is the main menu.
_THEN: Mapping[Intent, Need] = MappingProxyType({"svc": "services", "food": "food"})


async def camp_command(update: Update, context: DaleelContext) -> None:
    """/camp: choose or change the camp."""
    if update.effective_chat:
        await ask_camp(update.effective_chat.id, context)


async def _confirm(
    update: Update, context: DaleelContext, camp: Camp, sector: Sector | None, then: Intent
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
    markup = None
    if await follow_chosen_camp(context.db, chat_id):
        text += "\n\n" + tr.gettext(
            "You will receive this camp's announcements here. One press switches them off."
        )
        off = (tr.gettext("🔕 Turn off camp announcements"), CampAlerts("off").encode())
        markup = keyboard([[off]], rtl=tr.language.rtl)
    await present(chat_id, context, Screen(text, markup), update=update)
    need = _THEN.get(then)
    if need is None or not await context.routes.answer(need, Asked(update, chat_id), context):
        await send_main_menu(chat_id, context)


async def _on_menu(update: Update, context: DaleelContext, press: Press[CampMenu]) -> None:
    """``camp:v1:menu``: the main menu, in place of the picker."""
    tr = context.tr
    await press.query.answer()
    menu = Screen(main_menu_text(tr), main_menu_markup(tr))
    await present(press.chat_id, context, menu, update=update)


async def _on_home(update: Update, context: DaleelContext, press: Press[CampHome]) -> None:
    """``camp:v1:home[:<then>]``: the governorates."""
    await press.query.answer()
    await ask_camp(press.chat_id, context, then=press.payload.then, update=update)


async def _on_governorate(
    update: Update, context: DaleelContext, press: Press[PickGovernorate]
) -> None:
    """``camp:v1:gov:<pcode>[:<then>]``: the camps of one governorate."""
    screen = await camps_screen(context, press.payload.pcode, press.payload.then)
    if screen is None:
        await answer_stale(update, context)
        return
    await press.query.answer()
    await present(press.chat_id, context, screen, update=update)


async def _on_camp(update: Update, context: DaleelContext, press: Press[PickCamp]) -> None:
    """``camp:v1:set:<camp id>[:<then>]``: the camp; its sectors next, if it has any."""
    chat_id, then = press.chat_id, press.payload.then
    camp = await get_camp(context.db, press.payload.camp_id)
    if camp is None:
        await answer_stale(update, context)
        return
    sectors = await camp_sectors(context.db, camp.id)
    if sectors:
        await press.query.answer()
        screen = sector_screen(camp, sectors, context.tr, then)
        await present(chat_id, context, screen, update=update)
        return
    if not await set_camp(context.db, chat_id, camp.id, None):
        await answer_stale(update, context)
        return
    await press.query.answer()
    await _confirm(update, context, camp, None, then)


async def _on_sector(update: Update, context: DaleelContext, press: Press[PickSector]) -> None:
    """``camp:v1:sec:<camp id>:<sector id or 0>[:<then>]``: the sector, the last step."""
    chat_id, sector_id = press.chat_id, press.payload.sector_id
    camp = await get_camp(context.db, press.payload.camp_id)
    if camp is None:
        await answer_stale(update, context)
        return
    sector = None
    if sector_id:
        sectors = await camp_sectors(context.db, camp.id)
        sector = next((s for s in sectors if s.id == sector_id), None)
        if sector is None:  # not a sector of this camp
            await answer_stale(update, context)
            return
    if not await set_camp(context.db, chat_id, camp.id, sector_id or None):
        await answer_stale(update, context)
        return
    await press.query.answer()
    await _confirm(update, context, camp, sector, press.payload.then)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("camp", camp_command, filters.ChatType.PRIVATE))
    buttons.on(app, CampMenu, _on_menu)
    buttons.on(app, CampHome, _on_home)
    buttons.on(app, PickGovernorate, _on_governorate)
    buttons.on(app, PickCamp, _on_camp)
    buttons.on(app, PickSector, _on_sector)
