"""The resident's answer to "Did this help?" after their case was closed (Yes / No).

Residents press it, not staff: only the resident whose case it is, only once it is closed;
anything else is a stale button. The answer is stored in ``cases.helped`` (pressing again
changes it) and thanked for in their language.
"""

from __future__ import annotations

from telegram import Update

from bot.storage.case_queue import set_helped
from handlers.kit import buttons
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.cases import Helped
from handlers.kit.context import DaleelApp, DaleelContext

__all__ = ["register"]


async def helped_button(update: Update, context: DaleelContext, press: Press[Helped]) -> None:
    helped = press.payload.answer == "yes"
    if not await set_helped(
        context.db, press.payload.case, press.chat_id, helped, now=context.state.now()
    ):
        await answer_stale(update, context)
        return
    await press.query.answer()
    await press.query.edit_message_reply_markup(None)
    await context.bot.send_message(press.chat_id, context.tr.gettext(
        "Thank you for telling us. It helps us do better."
    ))


def register(app: DaleelApp) -> None:
    buttons.on(app, Helped, helped_button)
