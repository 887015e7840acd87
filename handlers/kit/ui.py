"""What every screen of the surface is made of: a message with its buttons, shown in place.

A button press edits the message it was pressed on; anything else sends a new message.
Data texts (names, notes) are clipped before escaping so a screen stays under Telegram's
limit (:data:`bot.text.length.MESSAGE_LIMIT`, measured with
:func:`bot.text.length.telegram_length`).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.i18n.catalogues import N_, Markup, Translator
from handlers.kit.context import DaleelContext

__all__ = ["BACK", "MAIN_MENU", "Screen", "button_label", "clip", "command_text", "present"]

# One style of navigation everywhere: "back" goes one step up, the house to the main menu
# (two different signs, so a screen never shows two buttons with the same arrow).
BACK = N_("⬅️ Back")
MAIN_MENU = N_("🏠 Main menu")


@dataclass(frozen=True)
class Screen:
    """One message: HTML text and its buttons."""

    text: str
    markup: InlineKeyboardMarkup | None = None


def command_text(update: Update) -> str:
    """What follows the command word, newlines included (PTB's ``context.args`` splits on
    every space and loses them)."""
    message = update.effective_message
    parts = (message.text or "").split(maxsplit=1) if message is not None else []
    return parts[1] if len(parts) == 2 else ""


def clip(text: str | None, limit: int) -> str | None:
    """Shorten a data text to ``limit`` characters (before escaping), marking the cut."""
    if text is None or len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def button_label(tr: Translator, message: str, /, **values: str) -> str:
    """A translated button label: labels are not HTML, so values are inserted as they are."""
    return tr.gettext(message, **{key: Markup(value) for key, value in values.items()})


async def present(
    chat_id: int, context: DaleelContext, screen: Screen, *, update: Update | None = None
) -> None:
    """Edit the message whose button was pressed, or send a new one."""
    query = update.callback_query if update else None
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(screen.text, reply_markup=screen.markup)
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return  # pressed twice: already showing this
            # Otherwise the old message cannot be edited (deleted, too old): send anew.
        else:
            return
    await context.bot.send_message(chat_id, screen.text, reply_markup=screen.markup)
