"""Typed application state and the per-update context handlers receive.

``bot_data`` is the core's :class:`bot.state.AppState` plus what only the surface needs
(:class:`SurfaceState`: the routes between features).
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.i18n.catalogues import Translator
from bot.state import AppState
from bot.storage import Database
from bot.storage.residents import Resident
from handlers.kit.routes import Routes

__all__ = ["DaleelApp", "DaleelContext", "SurfaceState"]


class SurfaceState(AppState):
    """PTB's ``bot_data``: the core's state and the routes features answer through."""

    def __init__(self) -> None:
        super().__init__()
        self.routes = Routes()


class DaleelContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], SurfaceState]):
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
    def routes(self) -> Routes:
        return self.bot_data.routes

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


DaleelApp = Application[Any, DaleelContext, dict[Any, Any], dict[Any, Any], SurfaceState, Any]
