"""The dispatcher's own connection to Telegram: python-telegram-bot's ``Bot`` on its httpx
request class, with a pool sized for the sends in flight and the configured proxy.

Broadcasts use a Bot of their own, not the application's: they never wait for (or hold)
a connection an interactive reply needs, and the dispatcher can finish its sends on
shutdown after the application's bot has closed.
"""

from __future__ import annotations

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.config import Settings

__all__ = ["broadcast_bot"]

# The sends' own timeouts: a stuck request must not hold one of the few slots for long.
_CONNECT_SECONDS = 5.0
_READ_SECONDS = 10.0


def broadcast_bot(settings: Settings, *, pool_size: int) -> tuple[HTTPXRequest, Bot]:
    """The request object (the caller initialises and shuts it down) and its Bot."""
    request = HTTPXRequest(
        connection_pool_size=pool_size,
        proxy=settings.proxy.reveal() if settings.proxy else None,
        connect_timeout=_CONNECT_SECONDS,
        read_timeout=_READ_SECONDS,
        pool_timeout=_READ_SECONDS,
    )
    base = settings.api_base_url
    bot = Bot(
        settings.token.reveal(),
        base_url=f"{base}/bot" if base else "https://api.telegram.org/bot",
        base_file_url=f"{base}/file/bot" if base else "https://api.telegram.org/file/bot",
        request=request,
        get_updates_request=request,
    )
    return request, bot
