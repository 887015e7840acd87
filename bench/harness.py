"""Shared bench plumbing: a sandbox in this process, the bot as a real subprocess."""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sandbox import Limits, SandboxClient

REPO = Path(__file__).resolve().parents[1]
TOKEN = "6660001:BENCH_token_for_the_sandbox_only_x"


@dataclass
class BotUnderTest:
    process: asyncio.subprocess.Process
    started_at: float  # time.time() when the process was spawned

    def memory_kib(self) -> tuple[int, int]:
        """(resident now, peak resident) of the bot process, from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def write_config(workdir: Path, sandbox_url: str, extra: str = "") -> Path:
    config = workdir / "config.toml"
    config.write_text(
        f'[telegram]\napi_base_url = "{sandbox_url}"\n[access]\nadmin_ids = [1]\n'
        f'[storage]\ndatabase = "{workdir / "bench.sqlite3"}"\n[logging]\nlevel = "WARNING"\n'
        + extra,
        encoding="utf-8",
    )
    return config


@asynccontextmanager
async def sandbox(
    limits: Limits | None = None, *, retain: bool = True
) -> AsyncIterator[tuple[str, SandboxClient]]:
    """The sandbox in its own process, so the simulated residents do not steal its CPU."""
    limits = limits or Limits.disabled()
    args = ["--port", "0", "--token", TOKEN] + ([] if retain else ["--no-retain"])
    if limits.enforce:
        args += [
            "--global-rate", str(limits.global_per_second),
            "--per-chat-rate", str(limits.per_chat_per_second),
            "--per-chat-burst", str(limits.per_chat_burst),
            "--paid-rate", str(limits.paid_per_second),
        ]
    else:
        args.append("--no-limits")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox", *args, cwd=REPO, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        async with asyncio.timeout(20):
            url = (await process.stdout.readline()).decode().strip()
        async with SandboxClient(url) as client:
            yield url, client
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(20):
            await process.wait()


async def polls_started(client: SandboxClient) -> int:
    entry = (await client.stats()).methods.get("getUpdates")
    return entry.calls + entry.in_flight if entry else 0


@asynccontextmanager
async def bot_process(config: Path, client: SandboxClient) -> AsyncIterator[BotUnderTest]:
    """Start ``python bot.py run``; yield once it long-polls; SIGTERM afterwards."""
    before = await polls_started(client)
    started_at = time.time()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "bot.py", "--config", str(config), "run",
        cwd=REPO, env={**os.environ, "DALEEL_BOT_TOKEN": TOKEN},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    bot = BotUnderTest(process, started_at)
    try:
        async with asyncio.timeout(30):
            while await polls_started(client) <= before:
                if process.returncode is not None:
                    assert process.stderr is not None
                    raise RuntimeError((await process.stderr.read()).decode())
                await asyncio.sleep(0.005)
        yield bot
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(20):
            await process.wait()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def median(values: list[float]) -> float:
    return statistics.median(values)
