"""Editing a message a button was pressed on, when a second press may already have done it.

On a slow line a resident taps twice before the first answer arrives; both presses are
handled, and the second edit asks for exactly what the message already shows. Telegram
answers "message is not modified" (400): the screen is right, so that answer is not an
error.
"""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup
from telegram.error import BadRequest

__all__ = ["edit_pressed", "is_not_modified"]


def is_not_modified(error: BadRequest) -> bool:
    return "message is not modified" in error.message.lower()


async def edit_pressed(
    query: CallbackQuery, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show ``text`` on the pressed message; already showing it is fine."""
    try:
        await query.edit_message_text(text, reply_markup=reply_markup)
    except BadRequest as error:
        if not is_not_modified(error):
            raise
