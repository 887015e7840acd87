"""Issue 5: how fast a confirmed status change reaches an area's subscribers, and how long
a large status feed takes to process.

- **Confirmation → last alert**: the bot runs as a real process against the sandbox (own
  process, Telegram's limits on: 30 messages/s overall, 1/s per chat). 5,000 residents
  (``DALEEL_BENCH_QUICK=1``: 1,000) follow one area, in four languages; operator 2 proposed
  "cleared"; operator 1 presses Confirm in ``/pending``. Measured from the press to the
  first and to the last alert the sandbox accepted; the floor is 5,000 / 30 ≈ 167 s.
- **Feed processing**: a 5,000-row HXL CSV feed served on loopback, fetched, parsed,
  validated against the areas and turned into proposals (:mod:`bench.feeds_bench`).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx

from bench import feeds_bench
from bench.harness import TOKEN, bot_process, ms, sandbox, write_config
from bot.domain.languages import CODES
from bot.domain.records import Texts
from bot.storage import Database
from bot.storage.areas import area_ids_by_pcode, current_status
from bot.storage.db import utc_now
from bot.storage.proposals import insert_proposal
from bot.storage.residents import set_language
from bot.storage.roles import grant_role
from bot.storage.subscriptions import subscribe
from sandbox import Limits, SandboxClient
from sandbox.demo import build_demo_database

FULL = 5_000
QUICK = 1_000
AREA = "DEMO-AWSAJA"
CONFIRMER, PROPOSER = 1, 2  # 1 is the admin in the bench config; 2 is granted "operator"
FIRST_RESIDENT = 10_000


def _quick() -> bool:
    return os.environ.get("DALEEL_BENCH_QUICK", "") not in ("", "0")


async def _prepare(db_path: Path, count: int) -> tuple[int, int]:
    """Demo data, ``count`` subscribers of the area, two operators and a pending proposal
    toward return by the second one; returns (area id, proposal id)."""
    await build_demo_database(db_path)
    db = await Database.open(db_path)
    try:
        area_id = (await area_ids_by_pcode(db, [AREA]))[AREA]
        current = await current_status(db, area_id)
        await grant_role(db, PROPOSER, "operator", CONFIRMER)
        for user_id in (CONFIRMER, PROPOSER):
            await set_language(db, user_id, "en")
        for i in range(count):
            chat_id = FIRST_RESIDENT + i
            await set_language(db, chat_id, CODES[i % len(CODES)])
            assert await subscribe(db, chat_id, "area", area_id) == "added"
        now = utc_now()
        async with db.transaction() as conn:
            proposal_id = await insert_proposal(
                conn, area_id=area_id, status="cleared",
                status_date=current.status_date if current else date.today(),
                source="Directorate of Mine Action", note=None, notes=Texts(), origin="operator",
                proposed_by=PROPOSER, feed_id=None,
                base_history_id=current.history_id if current else None, urgent=False,
                created_at=now, expires_at="9999-12-31T00:00:00+00:00",
            )
    finally:
        await db.close()
    return area_id, proposal_id


async def _known_chats(url: str, client: SandboxClient, count: int) -> None:
    """Every resident wrote to the bot once (the sandbox, like Telegram, only delivers to
    chats it knows); the bot never sees those updates: they are dropped before it starts."""
    chats = [CONFIRMER, PROPOSER, *range(FIRST_RESIDENT, FIRST_RESIDENT + count)]
    for start in range(0, len(chats), 100):
        await asyncio.gather(*(client.send_text(c, "/start") for c in chats[start : start + 100]))
    async with httpx.AsyncClient() as http:
        response = await http.post(
            f"{url}/bot{TOKEN}/deleteWebhook", json={"drop_pending_updates": True}
        )
        response.raise_for_status()


def _sent(stats: object) -> int:
    methods = getattr(stats, "methods", {})
    return sum(
        entry.outcomes.get("ok", 0)
        for name, entry in methods.items()
        if name.lower() == "sendmessage"
    )


async def _alerts_sent(client: SandboxClient, before: int, seq: int) -> int:
    to_operators = 0
    for chat in (CONFIRMER, PROPOSER):
        events = await client.events(chat, after_seq=seq)
        to_operators += sum(1 for event in events if event.event == "sent")
    return _sent(await client.stats()) - before - to_operators


async def _check_each(client: SandboxClient, count: int, seq: int) -> tuple[int, int]:
    """(residents without an alert, alerts beyond one per resident)."""
    lost = duplicates = 0
    chats = list(range(FIRST_RESIDENT, FIRST_RESIDENT + count))
    for start in range(0, count, 100):
        got = await asyncio.gather(
            *(client.events(c, after_seq=seq) for c in chats[start : start + 100])
        )
        for events in got:
            sent = sum(1 for e in events if e.event == "sent")
            lost += sent == 0
            duplicates += max(sent - 1, 0)
    return lost, duplicates


async def _confirmation_to_alerts(count: int) -> list[tuple[str, str]]:
    limits = Limits(global_per_second=30.0, per_chat_per_second=1.0, paid_per_second=1000.0)
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        _, proposal_id = await _prepare(workdir / "bench.sqlite3", count)
        async with sandbox(limits) as (url, client):
            await _known_chats(url, client, count)
            config = write_config(workdir, url)
            async with bot_process(config, client) as bot:
                operator = client.user(CONFIRMER)
                await operator.send("/pending")
                wanted = f"op:v1:ok:{proposal_id}"
                listing = await operator.reply(
                    predicate=lambda m: any(b.callback_data == wanted for b in m.buttons),
                    timeout=30,
                )
                before = _sent(await client.stats())
                seq = await client.last_seq()
                pressed = time.time()
                await client.press(CONFIRMER, listing.message_id, wanted)
                await client.wait_for(FIRST_RESIDENT, after_seq=seq, timeout=60)
                first = time.time() - pressed
                deadline = time.monotonic() + count / 30.0 * 3 + 60
                # Every message since the press but those to the two operators is an alert.
                while await _alerts_sent(client, before, seq) < count:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the alerts did not all arrive")
                    await asyncio.sleep(0.2)
                stats = await client.stats()
                last_call = max(
                    (e.last_call or 0.0)
                    for name, e in stats.methods.items()
                    if name.lower() == "sendmessage"
                )
                lost, duplicates = await _check_each(client, count, seq)
                rss, peak = bot.memory_kib()
    total = last_call - pressed
    rate = count / total if total > 0 else float("nan")
    return [
        (f"confirmation → first alert ({count:,} subscribers, 30/s limit)", ms(first)),
        (f"confirmation → last alert ({count:,} subscribers, 30/s limit)",
         f"{total:.1f} s = {rate:.1f} alerts/s (floor {count / 30:.1f} s at 30/s)"),
        ("alerts lost / duplicated", f"{lost} / {duplicates}"),
        ("bot memory after the alerts", f"{rss / 1024:.1f} MiB (peak {peak / 1024:.1f} MiB)"),
    ]  # fmt: skip


async def run() -> list[tuple[str, str]]:
    rows = await feeds_bench.run()
    rows += await _confirmation_to_alerts(QUICK if _quick() else FULL)
    return rows


if __name__ == "__main__":
    for metric, value in asyncio.run(run()):
        print(f"{metric}: {value}")
