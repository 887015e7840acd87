"""One error handler: log the traceback (never text, names or the token), apologise."""

from __future__ import annotations

import logging
import sqlite3

from telegram import Update
from telegram.error import TelegramError

from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.middleware import load_resident

__all__ = ["register"]

log = logging.getLogger(__name__)


async def on_error(update: object, context: DaleelContext) -> None:
    """A bad update must never stop the bot; the resident hears a short apology."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    try:
        await load_resident(update, context)  # a fresh context: find their language again
        if update.callback_query:
            await update.callback_query.answer()
        await context.bot.send_message(
            update.effective_chat.id,
            context.tr.gettext(
                "Sorry, something went wrong on our side. Please try again in a moment."
            ),
        )
    except (TelegramError, OSError, sqlite3.Error) as exc:
        log.warning("could not send the apology either: %s", type(exc).__name__)


def register(app: DaleelApp) -> None:
    app.add_error_handler(on_error)
