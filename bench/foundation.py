"""Issue 2: start-up to the first getUpdates; round trip at 1 and 50 residents; memory."""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from pathlib import Path

from bench.harness import bot_process, median, ms, percentile, sandbox, write_config
from sandbox import SandboxClient

STARTS = 5
MESSAGES_PER_USER = {1: 200, 50: 20}
# Residents read the answer and think before the next question: 0.5-1.5 s, seeded.
THINK_SECONDS = (0.5, 1.5)


async def startup_time() -> list[tuple[str, str]]:
    samples = []
    with tempfile.TemporaryDirectory() as work:
        async with sandbox() as (url, client):
            config = write_config(Path(work), url)
            for _ in range(STARTS):
                async with bot_process(config, client) as bot:
                    first = (await client.stats()).methods["getUpdates"]
                    # The sandbox stamps a call when it arrives; first_call is that time.
                    assert first.first_call is not None
                    samples.append(first.first_call - bot.started_at)
                await client.reset()
    return [("start-up to first getUpdates (median of 5)", ms(median(samples)))]


async def _resident(
    client: SandboxClient, user_id: int, count: int, out: list[float], *, think: bool = True
) -> None:
    pace = random.Random(user_id)
    user = client.user(user_id)
    await user.send("/start")
    await user.reply(timeout=30)
    await user.press("English")
    await user.reply(predicate=lambda m: len(m.buttons) == 6, timeout=30)
    for _ in range(count):
        if think:
            await asyncio.sleep(pace.uniform(*THINK_SECONDS))  # pacing, not synchronisation
        began = time.perf_counter()
        await user.send("/help")
        await user.reply(predicate=lambda m: "/forget" in m.text, timeout=30)
        out.append(time.perf_counter() - began)


async def round_trips() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as work:
        async with sandbox() as (url, client):
            config = write_config(Path(work), url)
            async with bot_process(config, client) as bot:
                for users, count in MESSAGES_PER_USER.items():
                    latencies: list[float] = []
                    base = 100_000 * users
                    await asyncio.gather(
                        *(_resident(client, base + i, count, latencies) for i in range(users))
                    )
                    rows.append(
                        (
                            f"round trip /help, {users} resident(s) at a human pace "
                            f"({len(latencies)} msgs)",
                            f"p50 {ms(percentile(latencies, 0.5))}, "
                            f"p99 {ms(percentile(latencies, 0.99))}",
                        )
                    )
                # Saturation: 50 residents who never pause, to find the throughput ceiling.
                latencies = []
                began = time.perf_counter()
                await asyncio.gather(
                    *(_resident(client, 900_000 + i, 20, latencies, think=False)
                      for i in range(50))
                )
                elapsed = time.perf_counter() - began
                rows.append(
                    ("saturation: 50 residents without pause",
                     f"{len(latencies) / elapsed:.0f} answers/s, p50 "
                     f"{ms(percentile(latencies, 0.5))}")
                )
                rss, peak = bot.memory_kib()
                rows.append(("bot resident memory after the runs", f"{rss / 1024:.1f} MiB "
                             f"(peak {peak / 1024:.1f} MiB)"))
    return rows


async def run() -> list[tuple[str, str]]:
    return [*(await startup_time()), *(await round_trips())]
