"""Issue 11: the helpdesk queue with 10,000 open cases.

10,000 open cases across the six demo camps (one in ten a sensitive report, some asking
for a woman or a man), a helpdesk member serving every demo camp, a protection focal
point. Measured:

- **queue query + first page** in this process: count, the first ten cases oldest first
  (the ``cases_queue`` index), camp names and the rendered page, for the helpdesk member
  and for the focal point (p50 / p95 over repeated runs);
- **/cases through the bot**: the real bot process against the sandbox, the time from the
  helpdesk member's ``/cases`` to the page arriving (p50 / p95).
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.harness import bot_process, ms, percentile, sandbox, write_config
from bot.camps.names import camp_name
from bot.cases.numbers import ALPHABET, LENGTH, PREFIX
from bot.domain.languages import CODES
from bot.i18n.catalogues import Catalogues, default_locales_dir
from bot.storage import Database
from bot.storage.camps import list_camps
from bot.storage.case_queue import (
    Reader,
    count_queue,
    queue_page,
    set_focal_point,
    set_helpdesk_camps,
)
from bot.storage.residents import set_language
from bot.storage.roles import grant_role
from handlers.helpdesk.render import PAGE_SIZE, queue_screen
from sandbox.demo import build_demo_database

CASES = 10_000
HELPDESK, FOCAL = 2, 3  # 1 is the admin in the bench config
RUNS = 200
BOT_RUNS = 50
ZONE = ZoneInfo("Asia/Baghdad")


def _number(i: int) -> str:
    """The ``i``-th case number, in the format real cases have (``D-`` and six characters)."""
    chars = []
    for _ in range(LENGTH):
        i, digit = divmod(i, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return PREFIX + "".join(reversed(chars))


async def _seed(db: Database, camp_ids: list[int], now: datetime) -> None:
    rng = random.Random(11)
    rows = []
    for i in range(CASES):
        sensitive = i % 10 == 0
        gender = rng.choice((None, "female", "male")) if sensitive else None
        created = (now - timedelta(minutes=rng.randrange(60 * 24 * 30))).isoformat(
            timespec="seconds"
        )
        rows.append((
            _number(i), 100_000 + i,
            "sensitive" if sensitive else rng.choice(("question", "feedback", "complaint")),
            rng.choice(camp_ids), CODES[i % len(CODES)], gender,
            rng.choice(("open", "open", "taken", "answered")), created, created,
        ))
    await db.executemany(
        "INSERT INTO cases (number, chat_id, topic, camp_id, language, gender_wanted, state,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    await db.execute("ANALYZE")


async def _first_page(db: Database, reader: Reader, catalogues: Catalogues) -> float:
    began = time.perf_counter()
    tr = catalogues.translator("en")
    total = await count_queue(db, reader)
    rows = await queue_page(db, reader, 0, PAGE_SIZE)
    camps = {camp.id: camp_name(camp, tr) for camp in await list_camps(db)}
    screen = queue_screen(
        tr, rows, total=total, page=0, camps=camps, now=datetime.now(UTC).astimezone(ZONE)
    )
    assert len(rows) == PAGE_SIZE and screen.markup is not None
    return time.perf_counter() - began


async def run() -> list[tuple[str, str]]:
    results: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        path = workdir / "bench.sqlite3"
        await build_demo_database(path)
        db = await Database.open(path)
        try:
            camp_ids = [camp.id for camp in await list_camps(db) if camp.demo]
            await _seed(db, camp_ids, datetime.now(UTC))
            await grant_role(db, HELPDESK, "helpdesk", 1)
            await set_helpdesk_camps(db, HELPDESK, camp_ids)
            await grant_role(db, FOCAL, "protection", 1)
            await set_focal_point(db, FOCAL, "female")
            for user_id in (HELPDESK, FOCAL):
                await set_language(db, user_id, "en")
            catalogues = Catalogues.load(default_locales_dir(), ZONE)
            helpdesk = Reader(frozenset(camp_ids))
            focal = Reader(frozenset(), sensitive=True, gender="female")
            open_ordinary = await count_queue(db, helpdesk)
            results.append((
                "open cases seeded (helpdesk queue / focal point's queue)",
                f"{CASES:,} ({open_ordinary:,} / {await count_queue(db, focal):,})",
            ))
            for name, reader in (("helpdesk member", helpdesk), ("focal point", focal)):
                times = [await _first_page(db, reader, catalogues) for _ in range(RUNS)]
                results.append((
                    f"queue query + first page rendered, {name} ({RUNS} runs)",
                    f"p50 {ms(percentile(times, 0.5))}, p95 {ms(percentile(times, 0.95))}",
                ))
        finally:
            await db.close()
        async with sandbox() as (url, client), bot_process(write_config(workdir, url), client):
            user = client.user(HELPDESK)
            times = []
            for _ in range(BOT_RUNS):
                began = time.perf_counter()
                await user.send("/cases")
                await user.reply(predicate=lambda m: "open cases" in m.text, timeout=10)
                times.append(time.perf_counter() - began)
        results.append((
            f"/cases through the bot, 10,000 open cases ({BOT_RUNS} runs)",
            f"p50 {ms(percentile(times, 0.5))}, p95 {ms(percentile(times, 0.95))}",
        ))
    return results
