"""Builds the python-telegram-bot Application and owns its resources' lifetime."""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import httpx
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.delivery import Dispatcher
from bot.delivery.unreached import tell_unreached
from bot.i18n.catalogues import Catalogues, default_locales_dir
from bot.places.index import PlaceIndex
from bot.safety.alerts import ALERT_KIND
from bot.storage import Database
from bot.storage.areas import place_names, places_version
from bot.understanding.intent import Understander
from bot.understanding.lexicon import load_lexicons
from handlers.kit.bot import DaleelBot
from handlers.kit.context import DaleelApp, DaleelContext, SurfaceState
from handlers.kit.notify import BotMessenger
from handlers.kit.processor import PerChatUpdateProcessor
from handlers.kit.ratelimit import ReplyRateLimiter

__all__ = [
    "ALLOWED_UPDATES",
    "Features",
    "Prebuilt",
    "build_application",
    "refresh_places",
    "running",
]

log = logging.getLogger(__name__)

# my_chat_member tells us at once when a resident blocks the bot.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


@dataclass(frozen=True)
class Features:
    """The Telegram surface: how to register handlers and what to do once started."""

    register: Callable[[DaleelApp], None]
    on_started: Callable[[DaleelApp], Awaitable[None]]


PlacesVersion = tuple[int, str, int]


@dataclass(frozen=True)
class Prebuilt:
    """Start-up resources built once and handed to several applications in one process.

    Why: each start otherwise loads the catalogues and the CA bundle, compiles the
    lexicons and builds the place index, a few hundred milliseconds; the tests start
    hundreds of bots. All of these are immutable once built. ``places`` is an index with
    the places_version of the database it was built from: a database at that version
    starts with it, any other builds its own, exactly as without a Prebuilt.
    """

    catalogues: Catalogues
    understander: Understander
    tls: ssl.SSLContext
    places: tuple[PlacesVersion, PlaceIndex] | None = None

    @classmethod
    async def load(
        cls,
        zone: ZoneInfo,
        *,
        locales_dir: Traversable | None = None,
        places_of: Path | None = None,
    ) -> Prebuilt:
        """Load what ``post_init`` would; with ``places_of``, that database's place index."""
        catalogues = await asyncio.to_thread(
            Catalogues.load, locales_dir or default_locales_dir(), zone
        )
        understander = Understander.build(await asyncio.to_thread(load_lexicons))
        tls = await asyncio.to_thread(httpx.create_ssl_context)
        places = None
        if places_of is not None:
            db = await Database.open(places_of)
            try:
                places = await _build_places(db, understander)
            finally:
                await db.close()
        return cls(catalogues, understander, tls, places)


def build_application(
    settings: Settings,
    features: Features,
    *,
    locales_dir: Traversable | None = None,
    prebuilt: Prebuilt | None = None,
) -> DaleelApp:
    """The application; ``prebuilt`` (tests, bench) skips rebuilding immutable resources."""
    catalogue_dir = locales_dir or default_locales_dir()
    # One CA bundle for the bot's three HTTP clients (each would load its own, ~30 ms).
    tls = prebuilt.tls if prebuilt is not None else httpx.create_ssl_context()

    async def post_init(app: DaleelApp) -> None:
        if prebuilt is None:
            catalogues = await asyncio.to_thread(Catalogues.load, catalogue_dir, settings.timezone)
            understander = Understander.build(await asyncio.to_thread(load_lexicons))
        else:
            catalogues, understander = prebuilt.catalogues, prebuilt.understander
        db = await Database.open(settings.database)
        http = httpx.AsyncClient(timeout=httpx.Timeout(10.0), follow_redirects=False, verify=tls)
        app.bot_data.open(catalogues, db, http)
        dispatcher = Dispatcher.from_settings(db, settings)
        # A broadcast that reached nobody is told to its author, an alert to operators.
        dispatcher.when_finished(
            functools.partial(
                tell_unreached, messenger=BotMessenger(app), alert_kinds={ALERT_KIND}
            )
        )
        await dispatcher.start()
        app.bot_data.use_dispatcher(dispatcher)
        app.bot_data.use_understander(understander)
        reusable = prebuilt.places if prebuilt is not None else None
        if reusable is not None and await places_version(db) == reusable[0]:
            app.bot_data.places_version, index = reusable
            app.bot_data.use_places(index)
        else:
            await refresh_places(app)
        if app.job_queue is not None:
            app.job_queue.run_repeating(
                refresh_places_if_changed, PLACES_CHECK_SECONDS, first=PLACES_CHECK_SECONDS,
                name="refresh-places",
            )
        await features.on_started(app)
        log.info("Daleel started (bot id %s)", settings.bot_id)

    async def post_shutdown(app: DaleelApp) -> None:
        dispatcher = app.bot_data.use_dispatcher(None)
        if dispatcher is not None:  # before the database closes: it records outcomes
            await dispatcher.stop()
        db, http = app.bot_data.opened()
        if http is not None:
            await http.aclose()
        if db is not None:
            await db.close()
        gc.unfreeze()  # what refresh_places froze may be freed again (tests run many bots)
        log.info("Daleel stopped")

    base_url = f"{settings.api_base_url}/bot" if settings.api_base_url else None
    base_file_url = f"{settings.api_base_url}/file/bot" if settings.api_base_url else None
    proxy = settings.proxy.reveal() if settings.proxy else None
    bot = DaleelBot(
        settings.token.reveal(),
        base_url=base_url or "https://api.telegram.org/bot",
        base_file_url=base_file_url or "https://api.telegram.org/file/bot",
        request=HTTPXRequest(
            connection_pool_size=64, proxy=proxy, httpx_kwargs={"verify": tls}
        ),
        get_updates_request=HTTPXRequest(
            connection_pool_size=1, proxy=proxy, httpx_kwargs={"verify": tls}
        ),
        defaults=Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.timezone),
        rate_limiter=ReplyRateLimiter(),
    )
    builder = (
        Application.builder()
        .bot(bot)
        .context_types(ContextTypes(context=DaleelContext, bot_data=SurfaceState))
        .concurrent_updates(PerChatUpdateProcessor(256))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    app: DaleelApp = builder.build()
    app.bot_data.configure(settings)
    features.register(app)
    return app


PLACES_CHECK_SECONDS = 300


async def refresh_places(app: DaleelApp) -> None:
    """(Re)build the place index from the database and swap it in whole."""
    state = app.bot_data
    state.places_version, index = await _build_places(state.db, state.understander)
    state.use_places(index)
    # With every village the index is millions of objects that live as long as the bot: a
    # full garbage collection walked them all, stalling every answer for up to 0.3 s
    # (measured, bench/residents.py). Frozen, they are left out of it; they have no
    # cycles, so an index replaced later is still freed by reference counting (and at
    # shutdown everything is unfrozen).
    gc.freeze()


async def _build_places(
    db: Database, understander: Understander
) -> tuple[PlacesVersion, PlaceIndex]:
    """The database's place index and the version it was read at (read first: a change
    made meanwhile shows as a newer version, and the index is rebuilt again)."""
    version = await places_version(db)
    names = await place_names(db)
    generic = [word for lexicon in understander.lexicons for word in lexicon.place_generic]
    index = await asyncio.to_thread(PlaceIndex.build, names, generic_words=generic)
    log.info("place index: %d names", len(names))
    return version, index


async def refresh_places_if_changed(context: DaleelContext) -> None:
    """A job: ``daleel import`` runs in another process; pick up its places here."""
    if await places_version(context.db) != context.bot_data.places_version:
        await refresh_places(cast("DaleelApp", context.application))


@asynccontextmanager
async def running(app: DaleelApp, *, poll_timeout: int = 10) -> AsyncIterator[DaleelApp]:
    """Run the bot with long polling inside an existing event loop (tests, demo, bench).

    Mirrors what ``run_polling`` does, including the post_init/post_shutdown hooks.
    """
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0.0, timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES
        )
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


def run_forever(app: DaleelApp) -> None:
    """The production entry: polling or webhook as configured; PTB handles signals."""
    settings: Settings = app.bot_data.settings
    if settings.mode == "webhook" and settings.webhook is not None:
        hook = settings.webhook
        app.run_webhook(
            listen=hook.listen,
            port=hook.port,
            url_path=hook.path,
            webhook_url=f"{hook.public_url}/{hook.path}",
            secret_token=hook.secret_token.reveal(),
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        app.run_polling(allowed_updates=ALLOWED_UPDATES, timeout=30)


