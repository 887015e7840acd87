"""The common start of every feature's button handler.

Button payloads are untrusted: decode them in one place, answer a stale or foreign one
the same way everywhere, and send someone Daleel keeps nothing about (never chose a
language, or erased everything since) to the language menu.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import CallbackQuery, Update

from bot.i18n.catalogues import N_
from handlers.kit.context import DaleelContext
from handlers.kit.payloads import Callback, decode
from handlers.kit.screens import send_language_menu

__all__ = ["STALE", "Press", "read_press"]

STALE = N_("This button is no longer valid. Send /menu to start again.")


@dataclass(frozen=True)
class Press:
    query: CallbackQuery
    chat_id: int
    callback: Callback


async def read_press(update: Update, context: DaleelContext, feature: str) -> Press | None:
    """The decoded press, or None once it has been answered (stale, or no resident)."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return None
    callback = decode(query.data)
    if callback is None or callback.feature != feature:
        await query.answer(context.tr.gettext(STALE))
        return None
    if context.resident is None:
        await query.answer()
        await send_language_menu(chat.id, context, first_time=True)
        return None
    return Press(query, chat.id, callback)
