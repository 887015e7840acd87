"""/start and /help: first contact, and coming back."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.routes import Asked
from handlers.kit.screens import send_language_menu, send_main_menu

__all__ = ["register"]


async def start(update: Update, context: DaleelContext) -> None:
    """First contact asks for the language; afterwards /start shows the main menu."""
    chat = update.effective_chat
    if chat is None:
        return
    if context.resident is None:
        await send_language_menu(chat.id, context, first_time=True)
    else:
        await send_main_menu(chat.id, context)


async def help_command(update: Update, context: DaleelContext) -> None:
    """/help: what Daleel does and its commands."""
    chat = update.effective_chat
    if chat is None:
        return
    await context.bot.send_message(
        chat.id,
        context.tr.gettext(
            "<b>Daleel</b> answers your questions about the camp's services, food "
            "distributions and the safety of your home area.\n\n"
            "/menu: the main menu\n"
            "/camp: choose your camp and sector\n"
            "/alerts: your alerts\n"
            "/language: change the language\n"
            "/stop: stop all alerts\n"
            "/forget: erase everything Daleel keeps about you\n"
            "/help: this help\n\n"
            "You can also type your question in your own words, in Arabic, Kurdish or English."
        ),
    )


async def _answer_help(asked: Asked, context: DaleelContext) -> None:
    await help_command(asked.update, context)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("start", start, filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("help", help_command, filters.ChatType.PRIVATE))
    app.bot_data.routes.add("help", _answer_help)  # typed questions
