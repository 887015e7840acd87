"""A dispatcher alone in a process, as the bot runs it (``Dispatcher.from_settings``), for
the crash test: it can be killed with SIGKILL mid-broadcast and started again.

    python tests/delivery/dispatcher_process.py --db PATH --api URL --token TOKEN

Prints one JSON line once it is sending (``{"requeued": n}``: rows a previous run left
``sending``); SIGTERM stops it gracefully.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import RateLimits, Secret, Settings
from bot.delivery import Dispatcher
from bot.storage import Database


async def main(args: argparse.Namespace) -> None:
    settings = Settings(
        token=Secret(args.token), admin_ids=frozenset(), database=Path(args.db),
        timezone=ZoneInfo("Asia/Baghdad"), default_language="ar", api_base_url=args.api,
        mode="polling", webhook=None, rates=RateLimits(global_per_second=args.rate),
    )  # fmt: skip
    db = await Database.open(settings.database)
    dispatcher = Dispatcher.from_settings(db, settings, concurrency=args.concurrency)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await dispatcher.start()
    sys.stdout.write(json.dumps({"requeued": dispatcher.stats.requeued_at_start}) + "\n")
    sys.stdout.flush()
    await stop.wait()
    await dispatcher.stop()
    await db.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--api", required=True, help="the Bot API server, e.g. the sandbox")
    parser.add_argument("--token", required=True)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, default=8)
    asyncio.run(main(parser.parse_args()))
