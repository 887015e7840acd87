"""Issue 4: the delivery engine against the sandbox enforcing Telegram's limits.

The sandbox runs in its own process (bench.harness) and the dispatcher in another
(``python -m bench.delivery worker ...``, the production ``Dispatcher.from_settings``
path), so the figures are for the dispatcher alone on this machine:

- a broadcast to 10,000 residents at the 30/s limit: the rate the sandbox saw as a share
  of the limit, the share of sends answered 429, and that none was lost;
- a paid broadcast (``allow_paid_broadcast``) to 10,000 at the 1000/s limit;
- the dispatcher's memory while 100,000 messages are queued.

``DALEEL_BENCH_QUICK=1`` sends the 30/s broadcast to 2,000 residents (about 70 s instead
of about 5.5 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.harness import REPO, TOKEN, sandbox
from bot.config import RateLimits, Secret, Settings
from bot.delivery import Dispatcher, OutboxMessage, Priority, broadcast_report
from bot.storage import Database
from sandbox import Limits, SandboxClient

FULL = 10_000
QUICK = 2_000
PAID = 10_000
QUEUED = 100_000
MEMORY_TARGET_MIB = 200
# What a camp announcement looks like: the same news in four languages, ~300 characters.
TEXTS = (
    "<b>إعلان من إدارة المخيم</b>\nسيتم توزيع الطحين والزيت يوم الخميس من الساعة 9:00 "
    "إلى 13:00 عند نقطة التوزيع الرئيسية. يرجى إحضار البطاقة التموينية. "
    "القطاعات 1 إلى 4 صباحًا، والقطاعات 5 إلى 8 بعد الظهر.",
    "<b>ڕاگەیاندنی بەڕێوەبەرایەتیی کەمپ</b>\nئارد و ڕۆن ڕۆژی پێنجشەممە لە کاتژمێر 9:00 "
    "تا 13:00 لە خاڵی سەرەکیی دابەشکردن دابەش دەکرێت. تکایە کارتی خۆراک بهێنە.",
    "<b>Daxuyaniya rêveberiya kampê</b>\nArd û rûn roja pêncşemê ji saet 9:00 heta 13:00 "
    "li xala sereke ya belavkirinê tên belavkirin. Ji kerema xwe karta xwarinê bînin.",
    "<b>Camp management announcement</b>\nFlour and oil will be distributed on Thursday "
    "from 9:00 to 13:00 at the main distribution point. Please bring your ration card. "
    "Sectors 1-4 in the morning, sectors 5-8 in the afternoon.",
)


def _quick() -> bool:
    return os.environ.get("DALEEL_BENCH_QUICK", "") not in ("", "0")


def _messages(first_chat: int, count: int) -> Any:
    for i in range(count):
        yield OutboxMessage(first_chat + i, TEXTS[i % len(TEXTS)])


def _memory_kib() -> tuple[int, int]:
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


# --- the worker process: one dispatcher, as the bot runs it ---------------------------


async def _worker(args: argparse.Namespace) -> None:
    rates = RateLimits(
        global_per_second=args.rate, paid_per_second=args.paid_rate, paid_broadcast=args.paid
    )
    settings = Settings(
        token=Secret(TOKEN), admin_ids=frozenset(), database=Path(args.db),
        timezone=ZoneInfo("Asia/Baghdad"), default_language="ar", api_base_url=args.url,
        mode="polling", webhook=None, rates=rates,
    )  # fmt: skip
    db = await Database.open(settings.database)
    dispatcher = Dispatcher.from_settings(db, settings, concurrency=args.concurrency)
    await dispatcher.start()
    began = time.perf_counter()
    ids = [
        await dispatcher.enqueue(
            created_by=1, priority=Priority.ROUTINE, kind="bench",
            messages=_messages(args.first_chat, args.recipients), paid=args.paid,
        )
        for _ in range(args.broadcasts)
    ]  # fmt: skip
    enqueued = time.perf_counter() - began
    result: dict[str, Any] = {"enqueue_seconds": enqueued}
    cpu_before = time.process_time()
    if args.hold:
        # Memory with the queue full: sample while the dispatcher works through it.
        samples = []
        for _ in range(int(args.hold)):
            await asyncio.sleep(1.0)
            samples.append(_memory_kib()[0])
        result["rss_kib"] = max(samples)
        result["hwm_kib"] = _memory_kib()[1]
        progress = await dispatcher.progress(ids[-1])
        assert progress is not None
        result["queued"] = progress.queued + progress.ahead
    else:
        finished = dispatcher.observe(ids[-1], _ignore, interval=1.0)
        await finished.finished()
        report = await broadcast_report(db, ids[-1])
        assert report is not None
        result.update(sent=report.sent, failed=report.failed, blocked=report.blocked,
                      pending=report.pending, duration=report.duration_seconds)
        result["rss_kib"], result["hwm_kib"] = _memory_kib()
    result["cpu_seconds"] = time.process_time() - cpu_before
    result["stats"] = vars(dispatcher.stats)
    await dispatcher.stop()
    await db.close()
    sys.stdout.write(json.dumps(result) + "\n")


async def _ignore(progress: object) -> None:
    """The bench watches the broadcast to know when it ends; nothing to show."""


def _worker_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.delivery worker")
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--recipients", type=int, required=True)
    parser.add_argument("--first-chat", type=int, default=1)
    parser.add_argument("--broadcasts", type=int, default=1)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--paid-rate", type=float, default=1000.0)
    parser.add_argument("--paid", action="store_true")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--hold", type=float, default=0.0, help="measure memory for N s")
    return parser.parse_args(argv)


# --- the parent: sandbox, residents, worker, figures ---------------------------------


async def _residents(client: SandboxClient, count: int) -> None:
    """Make ``count`` chats known to the sandbox (each resident wrote to the bot)."""
    for start in range(1, count + 1, 100):
        await asyncio.gather(
            *(client.send_text(i, "/start") for i in range(start, min(start + 100, count + 1)))
        )


async def _run_worker(url: str, workdir: Path, *args: str) -> dict[str, Any]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.delivery", "worker", "--url", url,
        "--db", str(workdir / "outbox.sqlite3"), *args,
        cwd=REPO, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"the delivery worker failed:\n{err.decode()}")
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    return result


async def _broadcast(
    count: int, *, paid: bool, limit: float, label: str
) -> list[tuple[str, str]]:
    limits = Limits(global_per_second=30.0, per_chat_per_second=1.0, paid_per_second=1000.0)
    with tempfile.TemporaryDirectory() as work:
        async with sandbox(limits, retain=False) as (url, client):
            await _residents(client, count)
            before = await client.stats()
            base_429 = before.too_many_requests
            result = await _run_worker(
                url, Path(work), "--recipients", str(count), *(["--paid"] if paid else [])
            )
            stats = await client.stats()
    entry = stats.methods["sendMessage"]
    assert entry.first_call is not None and entry.last_call is not None
    calls = entry.calls
    ok = entry.outcomes.get("ok", 0)
    too_many = stats.too_many_requests - base_429
    span = entry.last_call - entry.first_call
    rate = (ok - 1) / span if span > 0 else float("nan")
    lost = count - result["sent"] - result["failed"] - result["blocked"]
    return [
        (f"{label}: {count:,} recipients, delivered", f"{ok:,} in {span:.1f} s"),
        (f"{label}: rate the sandbox saw (first to last send)",
         f"{rate:.1f}/s = {100 * rate / limit:.1f}% of the {limit:g}/s limit"),
        (f"{label}: sends answered 429",
         f"{too_many} of {calls:,} = {100 * too_many / calls:.2f}%"),
        (f"{label}: lost (not sent, failed or blocked)",
         f"{lost} (sent {result['sent']:,}, failed {result['failed']}, "
         f"blocked {result['blocked']}, duplicates {ok - result['sent']})"),
        (f"{label}: dispatcher CPU per message", f"{1e6 * result['cpu_seconds'] / ok:.0f} µs"),
        (f"{label}: enqueue {count:,} rows", f"{result['enqueue_seconds'] * 1000:.0f} ms"),
    ]  # fmt: skip


async def _memory() -> list[tuple[str, str]]:
    limits = Limits(global_per_second=30.0, per_chat_per_second=1.0, paid_per_second=1000.0)
    per = QUEUED // 10
    with tempfile.TemporaryDirectory() as work:
        async with sandbox(limits, retain=False) as (url, client):
            await _residents(client, per)
            result = await _run_worker(
                url, Path(work), "--recipients", str(per), "--broadcasts", "10", "--hold", "5"
            )
    rss, hwm = result["rss_kib"] / 1024, result["hwm_kib"] / 1024
    verdict = "within" if hwm < MEMORY_TARGET_MIB else "OVER"
    return [
        (f"dispatcher memory, {result['queued']:,} messages queued",
         f"{rss:.1f} MiB resident (peak {hwm:.1f} MiB, {verdict} the {MEMORY_TARGET_MIB} MB "
         "target)"),
        ("enqueue 10 broadcasts of 10,000 rows", f"{result['enqueue_seconds']:.2f} s"),
    ]  # fmt: skip


async def run() -> list[tuple[str, str]]:
    count = QUICK if _quick() else FULL
    rows = await _broadcast(count, paid=False, limit=30.0, label="30/s broadcast")
    rows += await _broadcast(PAID, paid=True, limit=1000.0, label="paid broadcast")
    rows += await _memory()
    return rows


def main(argv: list[str]) -> None:
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    if argv[:1] == ["worker"]:
        asyncio.run(_worker(_worker_arguments(argv[1:])))
        return

    async def table() -> None:
        for metric, value in await run():
            print(f"| {metric} | {value} |", flush=True)

    asyncio.run(table())


if __name__ == "__main__":
    main(sys.argv[1:])
