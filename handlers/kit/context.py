"""Typed application state and the per-update context handlers receive."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.i18n.catalogues import Translator
from bot.state import AppState
from bot.storage import Database
from bot.storage.residents import Resident

__all__ = ["DaleelApp", "DaleelContext"]


class DaleelContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], AppState]):
    """One per update. The middleware fills in the resident and their translator."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self._resident: Resident | None = None
        self._tr: Translator | None = None

    @property
    def state(self) -> AppState:
        return self.bot_data

    @property
    def settings(self) -> Settings:
        return self.bot_data.settings

    @property
    def db(self) -> Database:
        return self.bot_data.db

    @property
    def resident(self) -> Resident | None:
        return self._resident

    @property
    def tr(self) -> Translator:
        if self._tr is None:  # updates the middleware does not see (e.g. errors before it)
            self._tr = self.bot_data.catalogues.translator(self.settings.default_language)
        return self._tr

    def use(self, resident: Resident | None, tr: Translator) -> None:
        self._resident, self._tr = resident, tr


DaleelApp = Application[Any, DaleelContext, dict[Any, Any], dict[Any, Any], AppState, Any]
