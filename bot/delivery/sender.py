"""Who sends one message for the dispatcher: python-telegram-bot's ``Bot``, or a test's.

The only place the core talks to the Bot API for broadcasts; the dispatcher
(:mod:`bot.delivery.dispatcher`) decides when.
"""

from __future__ import annotations

from typing import Any, Protocol

from telegram import Bot
from telegram.constants import ParseMode

from bot.delivery.flood import BYPASS

__all__ = ["BotSender", "Sender"]


class Sender(Protocol):
    """Sends one message; returns Telegram's message id or raises PTB's errors."""

    async def send(self, chat_id: int, text: str, reply_markup: str | None, *, paid: bool) -> int:
        ...


class BotSender:
    """Sends with python-telegram-bot's ``send_message`` (the Bot API's ``sendMessage``,
    spelled as documented, so any Bot API server or proxy accepts it): HTML, optional
    ``allow_paid_broadcast``, and ``rate_limit_args=BYPASS`` when the bot has a rate
    limiter (the interactive ReplyRateLimiter must not pace or retry broadcasts: the
    dispatcher does). The keyboard is stored as Bot API JSON and passed as it is.
    """

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        # PTB's ExtBot (the application's bot) may have a rate limiter; a plain Bot has none.
        self._bypass = getattr(bot, "rate_limiter", None) is not None

    async def send(self, chat_id: int, text: str, reply_markup: str | None, *, paid: bool) -> int:
        extra: dict[str, Any] = {"rate_limit_args": BYPASS} if self._bypass else {}
        message = await self._bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            allow_paid_broadcast=paid or None,
            api_kwargs={"reply_markup": reply_markup} if reply_markup else None,
            **extra,
        )
        return message.message_id
