"""Killed with SIGKILL mid-broadcast and started again: every recipient gets the
message, at most ``concurrency`` of them twice, and nobody gets anything else."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.delivery import Priority, broadcast_report, enqueue_broadcast
from bot.storage import Database
from sandbox import Fault, Limits, Sandbox, SandboxClient
from tests.conftest import REPO, eventually
from tests.delivery.conftest import (
    TOKEN,
    delivered,
    make_known,
    outbox_messages,
    plain_for,
    received,
)

SCRIPT = Path(__file__).with_name("dispatcher_process.py")
CONCURRENCY = 8
RATE = 50.0  # the sandbox enforces it too: 200 messages take about 4 s


@asynccontextmanager
async def dispatcher_process(
    db: Path, sandbox: Sandbox
) -> AsyncIterator[tuple[asyncio.subprocess.Process, int]]:
    """The dispatcher in its own process; yields it and how many rows it requeued."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(SCRIPT), "--db", str(db), "--api", sandbox.url, "--token", TOKEN,
        "--rate", str(RATE), "--concurrency", str(CONCURRENCY),
        cwd=REPO, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    try:
        assert process.stdout is not None and process.stderr is not None
        async with asyncio.timeout(20):
            line = await process.stdout.readline()
        if not line:
            raise AssertionError((await process.stderr.read()).decode())
        yield process, int(json.loads(line)["requeued"])
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(20):
            await process.wait()


async def _finished(path: Path, broadcast_id: int) -> bool:
    db = await Database.open(path)
    try:
        report = await broadcast_report(db, broadcast_id)
    finally:
        await db.close()
    return report is not None and report.finished


@pytest.mark.slow
async def test_sigkill_mid_broadcast_then_restart_resumes_without_loss(
    tmp_path: Path, sandbox: Sandbox, client: SandboxClient
) -> None:
    audience, bystanders = range(1, 201), range(201, 211)
    await make_known(client, [*audience, *bystanders])
    await client.set_limits(Limits(global_per_second=RATE, per_chat_per_second=1.0))
    path = tmp_path / "daleel.sqlite3"
    db = await Database.open(path)
    broadcast_id = await enqueue_broadcast(
        db, created_by=1, priority=Priority.ROUTINE, kind="announcement",
        messages=outbox_messages(audience),
    )  # fmt: skip
    await db.close()

    async with dispatcher_process(path, sandbox) as (first, requeued):
        assert requeued == 0
        await eventually(lambda: _at_least(client, 60), within=20)
        first.kill()  # SIGKILL: no cleanup of any kind
        await first.wait()
    assert first.returncode == -signal.SIGKILL
    at_kill = await delivered(client)
    assert 60 <= at_kill < 200, "the kill must land mid-broadcast"

    async with dispatcher_process(path, sandbox) as (_, requeued):
        await eventually(lambda: _finished(path, broadcast_id), within=30)
    assert requeued <= 200 - at_kill + CONCURRENCY

    got = await received(client, [*audience, *bystanders])
    for chat in audience:
        assert got[chat], f"resident {chat} got nothing"
        assert set(got[chat]) == {plain_for(chat)}, f"resident {chat} got {got[chat]}"
    twice = [chat for chat in audience if len(got[chat]) == 2]
    assert all(len(got[chat]) <= 2 for chat in audience)
    assert len(twice) <= CONCURRENCY
    assert all(got[chat] == [] for chat in bystanders)
    db = await Database.open(path)
    try:
        report = await broadcast_report(db, broadcast_id)
    finally:
        await db.close()
    assert report is not None
    assert (report.sent, report.failed, report.blocked, report.pending) == (200, 0, 0, 0)
    assert (await client.stats()).too_many_requests == 0


async def _at_least(client: SandboxClient, count: int) -> bool:
    return await delivered(client) >= count


async def _in_flight(client: SandboxClient, count: int) -> bool:
    entry = (await client.stats()).methods.get("sendMessage")
    return entry is not None and entry.in_flight == count


@pytest.mark.slow
async def test_only_the_sends_in_flight_at_the_kill_can_arrive_twice(
    tmp_path: Path, sandbox: Sandbox, client: SandboxClient
) -> None:
    """Telegram holds every slot's request when the process dies (it will deliver them):
    exactly ``concurrency`` residents get the message twice — never more."""
    audience = range(1, 101)
    await make_known(client, audience)
    path = tmp_path / "daleel.sqlite3"
    db = await Database.open(path)
    broadcast_id = await enqueue_broadcast(
        db, created_by=1, priority=Priority.ROUTINE, kind="announcement",
        messages=outbox_messages(audience),
    )  # fmt: skip
    await db.close()

    async with dispatcher_process(path, sandbox) as (first, _):
        await eventually(lambda: _at_least(client, 20), within=20)
        await client.inject(Fault("delay", method="sendMessage", delay_seconds=1.5,
                                  times=CONCURRENCY))
        await eventually(lambda: _in_flight(client, CONCURRENCY), within=10)
        first.kill()
        await first.wait()

    async with dispatcher_process(path, sandbox) as (_, requeued):
        await eventually(lambda: _finished(path, broadcast_id), within=30)
    await eventually(lambda: _in_flight(client, 0), within=10)
    assert requeued >= CONCURRENCY

    got = await received(client, audience)
    assert all(set(got[chat]) == {plain_for(chat)} for chat in audience)
    twice = [chat for chat in audience if len(got[chat]) == 2]
    assert len(twice) == CONCURRENCY
    assert all(1 <= len(got[chat]) <= 2 for chat in audience)
