"""The main menu: one button per thing residents come for."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.payloads import decode
from handlers.kit.screens import send_language_menu, send_main_menu

__all__ = ["register"]



async def menu_command(update: Update, context: DaleelContext) -> None:
    """/menu: show the main menu."""
    if update.effective_chat:
        await send_main_menu(update.effective_chat.id, context)


async def menu_button(update: Update, context: DaleelContext) -> None:
    """Menu buttons of its own: the language choice and "back to the menu"."""
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    callback = decode(query.data)
    # Menu payloads carry no arguments: anything more is forged or from another version.
    valid = callback is not None and callback.feature == "menu" and not callback.args
    action = callback.action if callback is not None and valid else None
    if action == "language":
        await query.answer()
        await send_language_menu(update.effective_chat.id, context, first_time=False)
    elif action == "home":
        await query.answer()
        await send_main_menu(update.effective_chat.id, context)
    else:
        await query.answer(
            context.tr.gettext("This button is no longer valid. Send /menu to start again.")
        )


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("menu", menu_command, filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=r"^menu:"))
