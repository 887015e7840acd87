"""Who the safety operators are right now, and telling them something in their language.

:class:`BotMessenger` is how the core's jobs (schedules, feeds, the staleness digest) tell
people things: the core says what (:class:`bot.messenger.Messenger`), the bot sends it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.i18n.catalogues import Translator
from bot.messenger import Render
from bot.state import AppState
from bot.storage.residents import get_resident
from bot.storage.roles import list_grants
from handlers.kit.context import DaleelApp

__all__ = ["BotMessenger", "Notice", "operator_ids", "tell_operators", "translator_for"]

log = logging.getLogger(__name__)

Notice = tuple[str, InlineKeyboardMarkup | None]
"""A rendered message for one operator: HTML text and optional buttons."""


async def operator_ids(state: AppState) -> list[int]:
    """Granted operators and the configured admins (who may act as operators)."""
    granted = {g.user_id for g in await list_grants(state.db) if g.role == "operator"}
    return sorted(granted | set(state.settings.admin_ids))


async def translator_for(state: AppState, user_id: int) -> Translator:
    """The language the user chose in Daleel, else the configured default."""
    resident = await get_resident(state.db, user_id)
    code = resident.language if resident else state.settings.default_language
    return state.catalogues.translator(code)


async def tell_operators(
    app: DaleelApp,
    render: Callable[[Translator], Notice],
    *,
    skip: frozenset[int] = frozenset(),
) -> int:
    """Send each operator (but ``skip``) the notice in their language; best effort, a few
    people, so directly rather than through the outbox. Returns how many got it."""
    state = app.bot_data
    told = 0
    for user_id in await operator_ids(state):
        if user_id in skip:
            continue
        text, markup = render(await translator_for(state, user_id))
        try:
            await app.bot.send_message(user_id, text, reply_markup=markup)
            told += 1
        except TelegramError as error:  # never opened the bot, or blocked it
            log.info("could not tell an operator: %s", type(error).__name__)
    return told


class BotMessenger:
    """The core's :class:`bot.messenger.Messenger`, through this application's bot."""

    def __init__(self, app: DaleelApp) -> None:
        self._app = app

    async def tell(self, user_id: int, render: Render) -> bool:
        tr = await translator_for(self._app.bot_data, user_id)
        try:
            await self._app.bot.send_message(user_id, render(tr))
        except TelegramError as error:  # they blocked the bot: the audit log still says
            log.warning("could not tell a staff member: %s", type(error).__name__)
            return False
        return True

    async def tell_operators(self, render: Render, *, skip: frozenset[int] = frozenset()) -> int:
        return await tell_operators(self._app, lambda tr: (render(tr), None), skip=skip)
