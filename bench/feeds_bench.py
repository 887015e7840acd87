"""Issue 5: processing a 5,000-row status feed.

The bot's application runs in this process (its one httpx client, its database on the demo
data) against the sandbox in its own process; a minimal HTTP server on loopback serves an
HXL CSV of 5,000 villages with statuses. Measured through ``bot.feeds.poll_feed``, the
path the JobQueue job and ``/feed check`` take: fetch, read, check every P-code, and turn
every change into a proposal in one transaction. Then the same feed polled again, once
answered 304 (conditional request) and once re-sent whole (the body's hash matches).
"""

from __future__ import annotations

import asyncio
import csv
import io
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import handlers
from bench.harness import TOKEN, ms, sandbox
from bot.config import FeedSettings, Secret, Settings
from bot.domain.statuses import STATUSES
from bot.feeds.parse import parse_feed
from bot.feeds.poll import poll_feed
from bot.importing.apply import import_csv
from bot.storage import Database
from bot.storage.db import utc_now
from bot.storage.feeds import add_feed
from handlers.kit.app import build_application, running
from handlers.kit.notify import BotMessenger
from sandbox.demo import build_demo_database

ROWS = 5_000
SOURCE = "Directorate of Mine Action"


def _feed_body(pcodes: list[str], day: date) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["pcode", "status", "date", "organisation", "note"])
    writer.writerow(["#loc+code", "#status", "#date", "#org", "#meta+note"])
    for i, pcode in enumerate(pcodes):
        writer.writerow([pcode, STATUSES[i % len(STATUSES)], day.isoformat(), SOURCE,
                         f"survey {i}"])
    return out.getvalue().encode()


class _Server:
    """Serves one body; answers 304 to a matching If-None-Match when ``conditional``."""

    def __init__(self, body: bytes) -> None:
        self.body, self.conditional = body, True
        self.etag = '"bench-1"'

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        if self.conditional and f"if-none-match: {self.etag}" in head:
            writer.write(b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n")
        else:
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/csv; charset=utf-8\r\n"
                + f"ETag: {self.etag}\r\nContent-Length: {len(self.body)}\r\n".encode()
                + b"Connection: close\r\n\r\n" + self.body
            )
        await writer.drain()
        writer.close()


@asynccontextmanager
async def _serving(server: _Server) -> AsyncIterator[str]:
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/statuses.csv"
    finally:
        listener.close()
        await listener.wait_closed()


async def _add_villages(db_path: Path, today: date) -> None:
    """The shipped data has 572 areas: add villages under the sub-districts (as a
    mine-action partner's export covers villages) so the feed names 5,000 distinct areas."""
    db = await Database.open(db_path)
    try:
        found = await db.fetch_all("SELECT pcode FROM areas WHERE level = 'subdistrict'")
        parents = [str(row[0]) for row in found]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["pcode", "level", "parent_pcode", "name_en"])
        for i in range(ROWS):
            writer.writerow([f"BENCH-V{i:05d}", "village", parents[i % len(parents)],
                             f"Bench village {i}"])
        report = await import_csv(db, "areas", out.getvalue().encode(), today=today)
        assert report.applied, report.errors[:3]
    finally:
        await db.close()


async def run() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as work:
        db_path = Path(work) / "bench.sqlite3"
        await build_demo_database(db_path)
        await _add_villages(db_path, date.today())
        async with sandbox() as (url, _client):
            settings = Settings(
                token=Secret(TOKEN), admin_ids=frozenset({1}), database=db_path,
                timezone=ZoneInfo("Asia/Baghdad"), default_language="ar", api_base_url=url,
                mode="polling", webhook=None,
                # The feed is served on loopback, which a real deployment refuses.
                feeds=FeedSettings(allow_private_addresses=True),
            )
            app = build_application(settings, handlers.features())
            async with running(app, poll_timeout=1):
                state = app.bot_data
                found = await state.db.fetch_all(
                    "SELECT pcode FROM areas WHERE pcode LIKE 'BENCH-%' ORDER BY id LIMIT ?",
                    (ROWS,),
                )
                pcodes = [str(row[0]) for row in found]
                body = _feed_body(pcodes, state.now().date() - timedelta(days=1))
                began = time.perf_counter()
                parsed = parse_feed(body, today=state.now().date(), content_type="text/csv")
                parse_seconds = time.perf_counter() - began
                assert parsed.ok, parsed.errors[:3]
                server = _Server(body)
                async with _serving(server) as feed_url:
                    feed = await add_feed(state.db, "bench", feed_url, 1, now=utc_now())
                    assert feed is not None
                    began = time.perf_counter()
                    first = await poll_feed(app.bot_data, BotMessenger(app), feed.id)
                    whole = time.perf_counter() - began
                    assert first is not None and first[1].kind == "ok", first
                    began = time.perf_counter()
                    again = await poll_feed(app.bot_data, BotMessenger(app), feed.id)
                    not_modified = time.perf_counter() - began
                    assert again is not None and again[1].kind == "not_modified", again
                    server.conditional = False
                    began = time.perf_counter()
                    same = await poll_feed(app.bot_data, BotMessenger(app), feed.id)
                    same_body = time.perf_counter() - began
                    assert same is not None and same[1].kind == "same_body", same
    outcome = first[1]
    kib = len(body) / 1024
    rows += [
        (f"feed of {len(pcodes):,} rows ({kib:.0f} KiB HXL CSV): fetch, read, check, propose",
         f"{whole * 1000:.0f} ms ({outcome.proposed:,} proposals, {outcome.urgent:,} urgent, "
         f"{outcome.unchanged:,} unchanged)"),
        ("… of which reading and validating the rows", f"{parse_seconds * 1000:.0f} ms"),
        ("same feed polled again: 304 Not Modified", ms(not_modified)),
        ("same feed polled again: body re-sent, same hash", ms(same_body)),
    ]  # fmt: skip
    return rows


if __name__ == "__main__":
    for metric, value in asyncio.run(run()):
        print(f"{metric}: {value}")
