"""Last in line: unknown commands, text we cannot read, stale buttons. Never silence."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from handlers.kit import buttons
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.screens import main_menu_markup

__all__ = ["register"]

_MAX_SHOWN_COMMAND = 32


async def unknown_command(update: Update, context: DaleelContext) -> None:
    """A command no feature knows: name it (escaped) and point to /help."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split(maxsplit=1)[0].split("@", 1)[0][:_MAX_SHOWN_COMMAND]
    await message.reply_text(
        context.tr.gettext(
            "I don't know the command {command}. Send /help to see what I can do.",
            command=command,
        )
    )


async def free_text(update: Update, context: DaleelContext) -> None:
    """Text no feature understood: offer the menu rather than guess."""
    message = update.effective_message
    if message is None:
        return
    tr = context.tr
    await message.reply_text(
        tr.gettext("I did not understand that. Please choose from the menu below."),
        reply_markup=main_menu_markup(tr),
    )


async def not_text(update: Update, context: DaleelContext) -> None:
    """Photos, voice notes, stickers…: say what we can read."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(
        context.tr.gettext("I can only read text. Please type your question or use /menu.")
    )


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(private & filters.TEXT, free_text))
    app.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL, not_text))
    buttons.register_stale(app)  # a button no feature claims: old, or forged
