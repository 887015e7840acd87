"""Group -1: load the resident and their language once per update."""

from __future__ import annotations

from telegram import Update
from telegram.ext import TypeHandler

from bot.domain.languages import CODES
from bot.storage.residents import get_resident
from handlers.kit.context import DaleelApp, DaleelContext

__all__ = ["guess_language", "load_resident", "register"]


def guess_language(telegram_code: str | None, default: str) -> str:
    """Telegram's language_code is only a first guess for someone who has not chosen."""
    if telegram_code:
        primary = telegram_code.replace("_", "-").split("-")[0].lower()
        if primary in CODES:
            return primary
    return default


async def load_resident(update: Update, context: DaleelContext) -> None:
    """Attach the resident (if they chose a language before) and their translator.

    The error handler gets a fresh context from PTB, so it calls this again.
    """
    chat = update.effective_chat
    resident = await get_resident(context.db, chat.id) if chat and chat.type == "private" else None
    user = update.effective_user
    code = (
        resident.language
        if resident
        else guess_language(user.language_code if user else None, context.settings.default_language)
    )
    context.use(resident, context.state.catalogues.translator(code))


def register(app: DaleelApp) -> None:
    app.add_handler(TypeHandler(Update, load_resident), group=-1)
