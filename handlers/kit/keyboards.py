"""Inline keyboards laid out for the reader's direction."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

__all__ = ["Button", "keyboard"]

Button = tuple[str, str]  # (label, callback_data)


def keyboard(rows: Sequence[Sequence[Button]], *, rtl: bool) -> InlineKeyboardMarkup:
    """Telegram has no RTL keyboards: reverse each row so the first button is on the right."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=data)
                for label, data in (reversed(row) if rtl else row)
            ]
            for row in rows
            if row
        ]
    )
