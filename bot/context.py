"""Typed application state and the per-update context handlers receive."""

from __future__ import annotations

from typing import Any

import httpx
from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.i18n import Catalogues, Translator
from bot.storage import Database
from bot.storage.residents import Resident

__all__ = ["AppState", "DaleelApp", "DaleelContext"]


class AppState:
    """What the whole application shares (PTB's ``bot_data``).

    PTB constructs it without arguments; :func:`bot.app.build_application` configures it and
    ``post_init`` opens the resources, so nothing is built at import time.
    """

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._catalogues: Catalogues | None = None
        self._db: Database | None = None
        self._http: httpx.AsyncClient | None = None

    def configure(self, settings: Settings) -> None:
        self._settings = settings

    def open(self, catalogues: Catalogues, db: Database, http: httpx.AsyncClient) -> None:
        self._catalogues, self._db, self._http = catalogues, db, http

    def opened(self) -> tuple[Database | None, httpx.AsyncClient | None]:
        db, http = self._db, self._http
        self._db = self._http = None
        return db, http

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            raise RuntimeError("the application has not been configured")
        return self._settings

    @property
    def catalogues(self) -> Catalogues:
        if self._catalogues is None:
            raise RuntimeError("catalogues are loaded in post_init")
        return self._catalogues

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("the database is opened in post_init")
        return self._db

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            raise RuntimeError("the HTTP client is opened in post_init")
        return self._http


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
