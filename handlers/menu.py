"""The main menu: one button per thing residents come for."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.callbacks import decode
from bot.context import DaleelApp, DaleelContext
from handlers.screens import MENU_ITEMS, main_menu_markup, send_language_menu, send_main_menu

__all__ = ["register"]

# Until their issues land, these entries say so instead of staying silent.
COMING_SOON = frozenset({"services", "food", "safety", "alerts"})
_KNOWN = frozenset(item for item, _ in MENU_ITEMS)


async def menu_command(update: Update, context: DaleelContext) -> None:
    """/menu: show the main menu."""
    if update.effective_chat:
        await send_main_menu(update.effective_chat.id, context)


async def menu_button(update: Update, context: DaleelContext) -> None:
    """A main-menu button; the payload is re-checked against the known items."""
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    callback = decode(query.data)
    item = callback.action if callback and callback.feature == "menu" else None
    tr = context.tr
    if item not in _KNOWN:
        await query.answer(tr.gettext("This button is no longer valid. Send /menu to start again."))
    elif item == "language":
        await query.answer()
        await send_language_menu(update.effective_chat.id, context, first_time=False)
    elif item in COMING_SOON:
        await query.answer()
        await context.bot.send_message(
            update.effective_chat.id,
            tr.gettext("This part of Daleel is not ready yet. It is coming soon."),
            reply_markup=main_menu_markup(tr),
        )


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("menu", menu_command, filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=r"^menu:"))
