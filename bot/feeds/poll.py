"""Polling a status feed: fetch, read, check every P-code, turn the rows into proposals.

A feed never publishes: its rows become proposals (:func:`bot.safety.changes.propose_from_feed`,
one transaction) that operators accept or reject. Whatever goes wrong — the server cannot
be reached or times out, answers with an error or a redirect Daleel does not follow, the
body is too large or malformed, or it names areas Daleel does not know — nothing changes
and operators are told, once per failure (not again at every poll while it lasts). Every
poll's outcome is kept on the feed (``/feeds`` shows it) and written to the audit log.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging

from bot.feeds.fetch import (
    BadRedirect,
    Fetched,
    HttpError,
    NotModified,
    TimedOut,
    TooLarge,
    Unreachable,
    fetch,
)
from bot.feeds.outcome import MAX_ERRORS_SHOWN, MAX_UNKNOWN_SHOWN, REJECTIONS, PollOutcome
from bot.feeds.parse import FeedParse, parse_feed
from bot.feeds.report import render_poll
from bot.messenger import Messenger
from bot.safety.changes import Change, propose_from_feed
from bot.safety.sources import expand_source
from bot.state import AppState
from bot.storage import audit
from bot.storage.areas import area_ids_by_pcode
from bot.storage.feeds import Feed, Validators, active_feeds, get_feed, record_poll

__all__ = ["poll_all", "poll_feed"]

log = logging.getLogger(__name__)

def _lock(state: AppState, feed_id: int) -> asyncio.Lock:
    """One poll of a feed at a time (the job and a /feed check may meet)."""
    return state.feed_locks.setdefault(feed_id, asyncio.Lock())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rejected(parsed: FeedParse, sha: str) -> PollOutcome:
    return PollOutcome(
        "malformed",
        rows=parsed.data_rows,
        error_count=len(parsed.errors),
        errors=tuple(str(error) for error in parsed.errors[:MAX_ERRORS_SHOWN]),
        body_sha256=sha,
    )


async def _process(state: AppState, feed: Feed, fetched: Fetched) -> PollOutcome:
    sha = _sha256(fetched.body)
    if sha == feed.body_sha256:
        return PollOutcome("same_body", body_sha256=sha)
    today = state.now().date()
    parsed = await asyncio.to_thread(
        parse_feed, fetched.body, today=today, content_type=fetched.content_type
    )
    if not parsed.ok:
        return _rejected(parsed, sha)
    pcodes = [row.record.pcode for row in parsed.rows]
    ids = await area_ids_by_pcode(state.db, pcodes)
    unknown = [code for code in pcodes if code not in ids]
    if unknown:
        return PollOutcome(
            "unknown_areas",
            rows=parsed.data_rows,
            unknown_count=len(unknown),
            unknown=tuple(unknown[:MAX_UNKNOWN_SHOWN]),
            body_sha256=sha,
        )
    # A source code ("DMA") is kept as the source's full name, as when typed or imported.
    changes = [
        Change(
            ids[r.record.pcode], r.record.status, expand_source(r.record.source, state.sources),
            r.record.note, r.record.date, notes=r.record.notes,
        )
        for r in parsed.rows
    ]
    result = await propose_from_feed(state, feed.id, changes)
    return PollOutcome(
        "ok",
        proposed=len(result.proposed),
        urgent=result.urgent,
        unchanged=result.unchanged,
        already_pending=result.already_pending,
        rows=parsed.data_rows,
        body_sha256=sha,
    )


async def _outcome(state: AppState, feed: Feed) -> tuple[PollOutcome, Validators | None]:
    settings = state.settings.feeds
    result = await fetch(
        state.http,
        feed.url,
        etag=feed.etag,
        last_modified=feed.last_modified,
        timeout_seconds=settings.timeout_seconds,
        max_bytes=settings.max_bytes,
        allow_private=settings.allow_private_addresses,
    )
    if isinstance(result, Fetched):
        outcome = await _process(state, feed, result)
        validators = None
        if outcome.kind in ("ok", "same_body") and outcome.body_sha256:
            validators = Validators(result.etag, result.last_modified, outcome.body_sha256)
        return outcome, validators
    if isinstance(result, NotModified):
        return PollOutcome("not_modified"), None
    if isinstance(result, HttpError):
        return PollOutcome("http_error", status=result.status), None
    if isinstance(result, TooLarge):
        return PollOutcome("too_large", limit=result.limit), None
    if isinstance(result, TimedOut):
        return PollOutcome("timeout", seconds=result.seconds), None
    if isinstance(result, BadRedirect):
        return PollOutcome("redirect", location=result.location), None
    assert isinstance(result, Unreachable)
    log.info("feed %d unreachable: %s", feed.id, result.reason)
    return PollOutcome("unreachable"), None


async def poll_feed(
    state: AppState, tell: Messenger, feed_id: int, *, requested_by: int | None = None
) -> tuple[Feed, PollOutcome] | None:
    """Poll one active feed now; None if there is no such active feed.

    Operators are told about proposals, and about a failure that is news; ``requested_by``
    (the operator who asked with ``/feed check``) is answered directly instead.
    """
    async with _lock(state, feed_id):
        feed = await get_feed(state.db, feed_id)
        if feed is None or not feed.active:
            return None
        outcome, validators = await _outcome(state, feed)
        news = outcome.failed and outcome.failure_key() != feed.reported_failure
        # Any answer that is not a failure ends the failure: the next one is news again.
        reported = outcome.failure_key() if outcome.failed else None
        polled_at = state.clock().isoformat(timespec="seconds")
        await record_poll(
            state.db, feed.id, polled_at=polled_at, outcome=outcome.kind,
            detail=outcome.detail(), reported_failure=reported, validators=validators,
        )
        verdict: audit.Outcome = (
            "ok" if not outcome.failed else "rejected" if outcome.kind in REJECTIONS else "failed"
        )
        await audit.record(
            state.db, audit.SYSTEM, "feed.poll", verdict, outcome.audit_text(feed.id)
        )
    if news or (outcome.kind == "ok" and outcome.proposed):
        skip = frozenset() if requested_by is None else frozenset({requested_by})
        await tell.tell_operators(lambda tr: render_poll(tr, feed.name, outcome), skip=skip)
    return feed, outcome


async def poll_all(state: AppState, tell: Messenger) -> int:
    """Poll every active feed (each on its own: one failing does not stop the others);
    returns how many were polled."""
    feeds = await active_feeds(state.db)
    results = await asyncio.gather(
        *(poll_feed(state, tell, feed.id) for feed in feeds), return_exceptions=True
    )
    for feed, result in zip(feeds, results, strict=True):
        if isinstance(result, BaseException):
            log.error(
                "polling feed %d failed", feed.id,
                exc_info=(type(result), result, result.__traceback__),
            )
    return len(feeds)
