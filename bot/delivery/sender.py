"""Who sends one message for the dispatcher: python-telegram-bot's ``Bot``, or a test's.

The only place the core talks to the Bot API for broadcasts; the dispatcher
(:mod:`bot.delivery.dispatcher`) decides when.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from telegram import Bot

from bot.delivery.flood import BYPASS

__all__ = ["BotSender", "Sender"]


class _Limited(Protocol):
    """The application's bot (PTB's ExtBot) when it has a rate limiter to bypass."""

    async def do_api_request(
        self, endpoint: str, *, api_kwargs: dict[str, object], rate_limit_args: Any
    ) -> Any: ...


class Sender(Protocol):
    """Sends one message; returns Telegram's message id or raises PTB's errors."""

    async def send(self, chat_id: int, text: str, reply_markup: str | None, *, paid: bool) -> int:
        ...


class BotSender:
    """Sends with python-telegram-bot: HTML, optional ``allow_paid_broadcast``, and
    ``rate_limit_args=BYPASS`` when the bot has a rate limiter (the interactive
    ReplyRateLimiter must not pace or retry broadcasts: the dispatcher does).

    It calls ``do_api_request`` and reads the message id from the raw JSON: building a
    full ``Message`` object per send was a quarter of the CPU at 1000 messages/s. The
    method is spelled ``sendmessage`` — Bot API method names are case-insensitive — because
    for the camel-case name PTB warns "use Bot.send_message". PTB still encodes the
    request and turns every error answer into its exceptions.
    """

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        # PTB's ExtBot (the application's bot) may have a rate limiter; a plain Bot has none.
        self._bypass = getattr(bot, "rate_limiter", None) is not None

    async def send(self, chat_id: int, text: str, reply_markup: str | None, *, paid: bool) -> int:
        params: dict[str, object] = {"chat_id": chat_id, "text": text, "parse_mode": "HTML"}
        if reply_markup:
            params["reply_markup"] = reply_markup  # stored as Bot API JSON: passed as is
        if paid:
            params["allow_paid_broadcast"] = True
        if self._bypass:
            result = await cast("_Limited", self._bot).do_api_request(
                "sendmessage", api_kwargs=params, rate_limit_args=BYPASS
            )
        else:
            result = await self._bot.do_api_request("sendmessage", api_kwargs=params)
        return int(result["message_id"])
