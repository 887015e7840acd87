"""What the whole application shares: settings, the open resources, the clock.

PTB keeps one instance as ``bot_data``; nothing here depends on python-telegram-bot, so
the core (jobs, status changes, sending) can use it too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from bot.config import Settings
from bot.delivery import Dispatcher
from bot.i18n.catalogues import Catalogues
from bot.places.index import PlaceIndex
from bot.safety.sources import Source
from bot.storage import Database
from bot.understanding.intent import Understander
from bot.understanding.lexicon import Lexicon

__all__ = ["AppState"]


class AppState:
    """What the whole application shares (PTB's ``bot_data``).

    PTB constructs it without arguments; :func:`handlers.kit.app.build_application`
    configures it and ``post_init`` opens the resources, so nothing is built at import time.
    """

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._catalogues: Catalogues | None = None
        self._db: Database | None = None
        self._http: httpx.AsyncClient | None = None
        self._places: PlaceIndex | None = None
        self.places_version: tuple[int, str, int] | None = None
        self._lexicons: tuple[Lexicon, ...] = ()
        self._understander: Understander | None = None
        self._dispatcher: Dispatcher | None = None
        # The known sources, named in every language (read at start, again at /setstatus).
        self.sources: tuple[Source, ...] = ()
        # One poll of a feed at a time (the job and a /feed check may meet), by feed id.
        self.feed_locks: dict[int, asyncio.Lock] = {}
        # One status alert queued at a time: the catch-up job and an operator may meet.
        self.alert_lock = asyncio.Lock()
        # Tests replace the clock; everything that asks "what time is it" asks here.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def configure(self, settings: Settings) -> None:
        self._settings = settings

    def open(self, catalogues: Catalogues, db: Database, http: httpx.AsyncClient) -> None:
        self._catalogues, self._db, self._http = catalogues, db, http

    def opened(self) -> tuple[Database | None, httpx.AsyncClient | None]:
        db, http = self._db, self._http
        self._db = self._http = None
        return db, http

    def use_dispatcher(self, dispatcher: Dispatcher | None) -> Dispatcher | None:
        """Set (or, with None, take back) the broadcast dispatcher; returns the old one."""
        old, self._dispatcher = self._dispatcher, dispatcher
        return old

    def now(self) -> datetime:
        """Camp time now (aware, in the configured time zone)."""
        return self.clock().astimezone(self.settings.timezone)

    def use_places(self, places: PlaceIndex) -> None:
        """Swap in a rebuilt index (after an import or a new area); readers never see half."""
        self._places = places

    def use_understander(self, understander: Understander) -> None:
        """Read every message with these lexicons, compiled once (at start, or shared)."""
        self._lexicons = understander.lexicons
        self._understander = understander

    @property
    def places(self) -> PlaceIndex:
        if self._places is None:
            raise RuntimeError("the place index is built in post_init")
        return self._places

    @property
    def lexicons(self) -> tuple[Lexicon, ...]:
        return self._lexicons

    @property
    def understander(self) -> Understander:
        if self._understander is None:
            raise RuntimeError("the lexicons are compiled in post_init (use_understander)")
        return self._understander

    @property
    def dispatcher(self) -> Dispatcher:
        """The one sender of broadcasts (bot.delivery), started in post_init."""
        if self._dispatcher is None:
            raise RuntimeError("the dispatcher is started in post_init")
        return self._dispatcher

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
