"""Builds the python-telegram-bot Application and owns its resources' lifetime."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import cast

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
from bot.understanding.lexicon import load_lexicons
from handlers.kit.bot import DaleelBot
from handlers.kit.context import DaleelApp, DaleelContext, SurfaceState
from handlers.kit.notify import BotMessenger
from handlers.kit.processor import PerChatUpdateProcessor
from handlers.kit.ratelimit import ReplyRateLimiter

__all__ = ["ALLOWED_UPDATES", "Features", "build_application", "refresh_places", "running"]

log = logging.getLogger(__name__)

# my_chat_member tells us at once when a resident blocks the bot.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


@dataclass(frozen=True)
class Features:
    """The Telegram surface: how to register handlers and what to do once started."""

    register: Callable[[DaleelApp], None]
    on_started: Callable[[DaleelApp], Awaitable[None]]


def build_application(
    settings: Settings, features: Features, *, locales_dir: Traversable | None = None
) -> DaleelApp:
    catalogue_dir = locales_dir or default_locales_dir()

    async def post_init(app: DaleelApp) -> None:
        catalogues = await asyncio.to_thread(Catalogues.load, catalogue_dir, settings.timezone)
        lexicons = await asyncio.to_thread(load_lexicons)
        db = await Database.open(settings.database)
        http = httpx.AsyncClient(timeout=httpx.Timeout(10.0), follow_redirects=False)
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
        app.bot_data.use_lexicons(lexicons)
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
        log.info("Daleel stopped")

    base_url = f"{settings.api_base_url}/bot" if settings.api_base_url else None
    base_file_url = f"{settings.api_base_url}/file/bot" if settings.api_base_url else None
    proxy = settings.proxy.reveal() if settings.proxy else None
    bot = DaleelBot(
        settings.token.reveal(),
        base_url=base_url or "https://api.telegram.org/bot",
        base_file_url=base_file_url or "https://api.telegram.org/file/bot",
        request=HTTPXRequest(connection_pool_size=64, proxy=proxy),
        get_updates_request=HTTPXRequest(connection_pool_size=1, proxy=proxy),
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
    state.places_version = await places_version(state.db)
    names = await place_names(state.db)
    generic = [word for lexicon in state.lexicons for word in lexicon.place_generic]
    index = await asyncio.to_thread(PlaceIndex.build, names, generic_words=generic)
    state.use_places(index)
    log.info("place index: %d names", len(names))


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


