"""The main menu: one button per thing residents come for."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from handlers.kit import buttons
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import MenuHome, MenuLanguage
from handlers.kit.screens import send_language_menu, send_main_menu

__all__ = ["register"]


async def menu_command(update: Update, context: DaleelContext) -> None:
    """/menu: show the main menu."""
    if update.effective_chat:
        await send_main_menu(update.effective_chat.id, context)


async def language_button(
    update: Update, context: DaleelContext, press: Press[MenuLanguage]
) -> None:
    """``menu:v1:language``: the language choice."""
    await press.query.answer()
    await send_language_menu(press.chat_id, context, first_time=False)


async def home_button(update: Update, context: DaleelContext, press: Press[MenuHome]) -> None:
    """``menu:v1:home``: back to the main menu."""
    await press.query.answer()
    await send_main_menu(press.chat_id, context)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("menu", menu_command, filters.ChatType.PRIVATE))
    buttons.on(app, MenuLanguage, language_button, resident=False)
    buttons.on(app, MenuHome, home_button, resident=False)
