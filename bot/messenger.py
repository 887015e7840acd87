"""How the core tells a few people something directly: a schedule's author, the operators.

Broadcasts to residents go through the delivery engine (:mod:`bot.delivery`, durable and
paced). A handful of staff or operators are told directly, each in the language they
chose; the core says what to tell whom, and the Telegram surface, which owns the bot,
sends it (``handlers.kit.notify.BotMessenger``). Tests can pass their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from bot.i18n.catalogues import Translator

__all__ = ["Messenger", "Render"]

Render = Callable[[Translator], str]
"""A message (HTML) in the reader's language."""


class Messenger(Protocol):
    """Tells people something now, best effort: they may have blocked the bot."""

    async def tell(self, user_id: int, render: Render) -> bool:
        """Send one person the message in their language; False when it could not go."""
        ...

    async def tell_operators(self, render: Render, *, skip: frozenset[int] = frozenset()) -> int:
        """Send every safety operator (but ``skip``) the message; returns how many got it."""
        ...
