"""Issue 11: from a resident's message to the case being in the queue.

The bot runs as a real process (``python bot.py run``), the sandbox in its own. Each of
:data:`CASES` residents (languages in turn) chose a language, sends /feedback and presses
"Complaint"; the clock starts when their message leaves (the sandbox has it) and stops
when the case's row and its message are in the database, which this process polls over
its own read connection (every millisecond, at most 10 s). That row is what staff's queue
reads. Residents file one after another (no contention): the figure is the path itself —
getUpdates, the handlers, one transaction; the acknowledgement is sent after the commit.
A second run has 10 residents file at once.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from bench.harness import bot_process, median, ms, percentile, sandbox, write_config
from bot.domain.languages import LANGUAGES
from bot.storage import Database
from sandbox import SandboxClient

CASES = 50
AT_ONCE = 10
_CODES = tuple(lang.code for lang in LANGUAGES)
_NATIVE = {lang.code: lang.native_name for lang in LANGUAGES}
_COMPLAINT = "case:v1:topic:complaint"
_TEXT = "The water tap in our sector has been broken for a week; children carry water far."


async def _stored(db: Database, chat_id: int) -> None:
    """Poll the database (the bot is another process: there is nothing to wait on)."""
    async with asyncio.timeout(10):
        while True:
            row = await db.fetch_one(
                "SELECT 1 FROM cases c JOIN case_messages m ON m.case_id = c.id"
                " WHERE c.chat_id = ?", (chat_id,),
            )
            if row is not None:
                return
            await asyncio.sleep(0.001)


async def _file(client: SandboxClient, db: Database, user_id: int, code: str) -> float:
    user = client.user(user_id)
    await user.send("/start")
    await user.reply(predicate=lambda m: _NATIVE[code] in m.button_texts, timeout=30)
    await user.press(_NATIVE[code])
    await user.reply(predicate=lambda m: len(m.buttons) == 6, timeout=30)
    await user.send("/feedback")
    topics = await user.reply(predicate=lambda m: len(m.buttons) == 4, timeout=30)
    user.cursor = await client.last_seq()
    await client.press(user_id, topics.message_id, _COMPLAINT)
    await user.reply(timeout=30)
    began = time.perf_counter()
    await user.send(_TEXT)
    await _stored(db, user_id)
    elapsed = time.perf_counter() - began
    await user.reply(timeout=30)  # the acknowledgement, before the next resident
    return elapsed


def _row(label: str, values: list[float]) -> tuple[str, str]:
    return (
        f"{label} ({len(values)} cases)",
        f"p50 {ms(median(values))}, p95 {ms(percentile(values, 0.95))}, "
        f"max {ms(max(values))}",
    )


async def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        async with sandbox() as (url, client):
            config = write_config(workdir, url)
            async with bot_process(config, client):
                db = await Database.open(workdir / "bench.sqlite3", migrate=False)
                try:
                    alone = [
                        await _file(client, db, 400_000 + i, _CODES[i % len(_CODES)])
                        for i in range(CASES)
                    ]
                    together = await asyncio.gather(*(
                        _file(client, db, 410_000 + i, _CODES[i % len(_CODES)])
                        for i in range(AT_ONCE)
                    ))
                finally:
                    await db.close()
    return [
        _row("resident's message → case in the queue, one at a time", alone),
        _row(f"… {AT_ONCE} residents filing at once", list(together)),
    ]
