"""Run the sandbox as a process: ``python -m sandbox --port 8081 --token TOKEN``.

Prints the base URL, then serves until SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from pathlib import Path

from sandbox.limits import Limits
from sandbox.server import Sandbox


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", required=True, help="the bot token it accepts")
    parser.add_argument("--port-file", type=Path, help="write the chosen port here")
    parser.add_argument("--bot-username", default="daleel_demo_bot")
    parser.add_argument("--global-rate", type=float, default=30.0, help="messages/s, all chats")
    parser.add_argument("--per-chat-rate", type=float, default=1.0, help="messages/s, one chat")
    parser.add_argument("--per-chat-burst", type=int, default=3)
    parser.add_argument("--paid-rate", type=float, default=1000.0, help="paid broadcasts/s")
    parser.add_argument("--no-limits", action="store_true", help="no flood limits")
    parser.add_argument(
        "--no-retain", action="store_true", help="keep no message bodies (benchmarks)"
    )
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    limits = Limits(
        global_per_second=args.global_rate,
        per_chat_per_second=args.per_chat_rate,
        per_chat_burst=args.per_chat_burst,
        paid_per_second=args.paid_rate,
        enforce=not args.no_limits,
    )
    sandbox = Sandbox(
        args.token,
        limits=limits,
        bot_username=args.bot_username,
        retain_messages=not args.no_retain,
    )
    await sandbox.start(args.host, args.port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    if args.port_file:
        # Write then rename, so a reader never sees a half-written port.
        tmp = args.port_file.with_name(args.port_file.name + ".tmp")
        tmp.write_text(f"{sandbox.port}\n")
        os.replace(tmp, args.port_file)
    sys.stdout.write(f"{sandbox.url}\n")
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await sandbox.stop()


def main(argv: list[str] | None = None) -> None:
    asyncio.run(_serve(_arguments(argv)))


if __name__ == "__main__":
    main()
