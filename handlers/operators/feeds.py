"""Operators configure status feeds: ``/feed add <name> <url>``, ``/feed remove <name>``,
``/feed check <name>`` (poll now and report) and ``/feeds`` (each feed with its last poll).

Each sub-command checks the operator role when it runs and is audited under its own
action (``feed.add``, ``feed.remove``, ``feed.check``; ``feeds`` for the list). The audit
log keeps feed ids and outcomes, never the URL (it may carry an access key).

The JobQueue job ``feeds:poll`` polls every active feed every ``feeds.poll_minutes``,
the first time shortly after start-up (:mod:`bot.feeds.poll`).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import cast
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.feeds.fetch import is_public
from bot.feeds.outcome import PollOutcome
from bot.feeds.poll import poll_all, poll_feed
from bot.feeds.report import render_outcome, render_poll
from bot.i18n.catalogues import Translator
from bot.storage.feeds import Feed, active_feeds, add_feed, get_feed_by_name, remove_feed
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit import jobs
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.notify import BotMessenger
from handlers.kit.permissions import requires
from handlers.kit.ui import clip

__all__ = ["FIRST_POLL_SECONDS", "JOB_NAME", "poll_job", "register", "start"]

log = logging.getLogger(__name__)

JOB_NAME = "feeds:poll"
FIRST_POLL_SECONDS = 30.0  # after start-up: let the bot settle, then poll
MAX_FEEDS = 20
MAX_URL = 500
_NAME = re.compile(r"[a-z0-9_-]{1,32}")
_URL_SHOWN = 80
_USAGE = (
    "/feed add partner https://example.org/statuses.csv\n"
    "/feed remove partner\n"
    "/feed check partner\n"
    "/feeds"
)


async def _reply(update: Update, context: DaleelContext, text: str) -> None:
    if update.effective_chat is not None:
        await context.bot.send_message(
            update.effective_chat.id, text, disable_web_page_preview=True
        )


async def _usage(update: Update, context: DaleelContext) -> None:
    text = context.tr.gettext("Write it like this: {example}", example=_USAGE)
    await _reply(update, context, text)


def _no_such_feed(tr: Translator, name: str) -> str:
    return tr.gettext("There is no feed called {name}. /feeds lists them.", name=name)


def _name(text: str) -> str | None:
    lowered = text.lower()
    return lowered if _NAME.fullmatch(lowered) else None


def _url_problem(tr: Translator, url: str) -> str | None:
    """Why this is not a feed address, or None if it is one."""
    if len(url) > MAX_URL:
        return tr.gettext("That address is too long (at most {limit} characters).", limit=MAX_URL)
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        _ = parts.port  # a port that is not a number raises
    except ValueError:
        valid = False
    if not valid:
        return tr.gettext(
            "The address must start with {http} or {https} and name a server.",
            http="http://", https="https://",
        )
    if parts.username is not None or parts.password is not None:
        return tr.gettext(
            "The address must not contain a user name or password: every operator sees it."
        )
    return None


async def _named_feed(
    update: Update, context: DaleelContext, actor: Actor, args: list[str]
) -> Feed | None:
    """The active feed named by the only argument; otherwise answer and note why not."""
    name = _name(args[0]) if len(args) == 1 else None
    if name is None:
        actor.note("bad arguments", outcome="rejected")
        await _usage(update, context)
        return None
    feed = await get_feed_by_name(context.db, name)
    if feed is None:
        actor.note("no such feed", outcome="rejected")
        await _reply(update, context, _no_such_feed(context.tr, name))
    return feed


@requires("operator", "feed.add")
async def _add(update: Update, context: DaleelContext, actor: Actor) -> None:
    args = (context.args or [])[1:]
    tr = context.tr
    if len(args) != 2:
        actor.note("bad arguments", outcome="rejected")
        await _usage(update, context)
        return
    name, url = _name(args[0]), args[1]
    if name is None:
        actor.note("bad name", outcome="rejected")
        await _reply(
            update,
            context,
            tr.gettext(
                "A feed name is 1 to 32 characters: lowercase letters a-z, digits, - and _."
            ),
        )
        return
    problem = _url_problem(tr, url)
    if problem is None and not context.settings.feeds.allow_private_addresses and (
        not await is_public(url)
    ):
        problem = tr.gettext(
            "That address is on this server or a private network: Daleel reads feeds only "
            "from public addresses."
        )
    if problem is not None:
        actor.note("bad url", outcome="rejected")
        await _reply(update, context, problem)
        return
    if len(await active_feeds(context.db)) >= MAX_FEEDS:
        actor.note("too many feeds", outcome="rejected")
        await _reply(
            update,
            context,
            tr.gettext("There can be at most {limit} feeds. Remove one first.", limit=MAX_FEEDS),
        )
        return
    now = context.state.clock().isoformat(timespec="seconds")
    feed = await add_feed(context.db, name, url, actor.user_id, now=now)
    if feed is None:
        actor.note("name taken", outcome="rejected")
        await _reply(
            update,
            context,
            tr.gettext(
                "A feed called {name} already exists. Remove it first, or choose another name.",
                name=name,
            ),
        )
        return
    actor.note(f"feed {feed.id}")
    minutes = max(1, round(context.settings.feeds.poll_minutes))  # whole minutes, as configured
    await _reply(
        update,
        context,
        tr.ngettext(
            "Feed {name} added. It is checked every {n} minute; {command} checks it now. "
            "Its changes wait for review in /pending: a feed never publishes.",
            "Feed {name} added. It is checked every {n} minutes; {command} checks it now. "
            "Its changes wait for review in /pending: a feed never publishes.",
            minutes,
            name=name,
            command=f"/feed check {name}",
        ),
    )


@requires("operator", "feed.remove")
async def _remove(update: Update, context: DaleelContext, actor: Actor) -> None:
    feed = await _named_feed(update, context, actor, (context.args or [])[1:])
    if feed is None:
        return
    removed = await remove_feed(context.db, feed.name)
    if removed is None:  # removed by someone else a moment ago
        actor.note("no such feed", outcome="rejected")
        await _reply(update, context, _no_such_feed(context.tr, feed.name))
        return
    actor.note(f"feed {feed.id}")
    await _reply(
        update,
        context,
        context.tr.gettext(
            "Feed {name} removed: it is no longer checked. The changes it brought stay in "
            "/pending until an operator decides.",
            name=feed.name,
        ),
    )


@requires("operator", "feed.check")
async def _check(update: Update, context: DaleelContext, actor: Actor) -> None:
    feed = await _named_feed(update, context, actor, (context.args or [])[1:])
    if feed is None:
        return
    app = cast("DaleelApp", context.application)
    polled = await poll_feed(app.bot_data, BotMessenger(app), feed.id, requested_by=actor.user_id)
    if polled is None:
        actor.note("no such feed", outcome="rejected")
        await _reply(update, context, _no_such_feed(context.tr, feed.name))
        return
    _, outcome = polled
    actor.note(outcome.audit_text(feed.id))  # the check ran; feed.poll says how it went
    await _reply(update, context, render_poll(context.tr, feed.name, outcome))


@requires("operator", "feed")
async def _unknown(update: Update, context: DaleelContext, actor: Actor) -> None:
    actor.note("bad arguments", outcome="rejected")
    await _usage(update, context)


_SUBCOMMANDS = {"add": _add, "remove": _remove, "check": _check}


async def feed_command(update: Update, context: DaleelContext) -> None:
    """/feed add|remove|check …: each sub-command is guarded and audited on its own."""
    args = context.args or []
    handler = _SUBCOMMANDS.get(args[0].lower()) if args else None
    await (handler or _unknown)(update, context)


def _feed_lines(tr: Translator, feed: Feed) -> str:
    url = clip(feed.url, _URL_SHOWN) or ""
    lines = [tr.gettext("<b>{name}</b> · {url}", name=feed.name, url=url)]
    outcome = PollOutcome.stored(feed.last_outcome, feed.last_detail)
    if outcome is None or feed.last_polled_at is None:
        lines.append(tr.gettext("Not checked yet."))
    else:
        when = datetime.fromisoformat(feed.last_polled_at)
        lines.append(
            tr.gettext(
                "Last checked {when}: {outcome}", when=when, outcome=render_outcome(tr, outcome)
            )
        )
    return "\n".join(lines)


@requires("operator", "feeds")
async def feeds_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/feeds: every active feed with its last poll and how it went."""
    tr = context.tr
    feeds = await active_feeds(context.db)
    actor.note(f"feeds {len(feeds)}")
    if not feeds:
        await _reply(
            update,
            context,
            tr.gettext(
                "No status feeds yet. Add one like this: {example}",
                example="/feed add partner https://example.org/statuses.csv",
            ),
        )
        return
    blocks = [tr.gettext("<b>Status feeds</b>")]
    blocks += [_feed_lines(tr, feed) for feed in feeds]
    blocks.append(
        tr.gettext(
            "{check} and a name checks a feed now; {remove} and a name stops it.",
            check="/feed check",
            remove="/feed remove",
        )
    )
    message = ""
    for block in blocks:  # several messages if the list is long
        joined = f"{message}\n\n{block}" if message else block
        if message and telegram_length(joined) > MESSAGE_LIMIT:
            await _reply(update, context, message)
            joined = block
        message = joined
    await _reply(update, context, message)


async def poll_job(context: DaleelContext) -> None:
    """The JobQueue job: poll every active feed."""
    app = jobs.app_of(context)
    await poll_all(app.bot_data, BotMessenger(app))


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("feed", feed_command, private))
    app.add_handler(CommandHandler("feeds", feeds_command, private))


async def start(app: DaleelApp) -> None:
    """Schedule the polling job (one, whatever the number of feeds)."""
    interval = app.bot_data.settings.feeds.poll_minutes * 60
    first = min(FIRST_POLL_SECONDS, interval)
    if not jobs.repeat(app, JOB_NAME, poll_job, interval, first=first):
        log.warning("no job queue: status feeds will only be checked with /feed check")
