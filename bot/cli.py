"""The ``daleel`` command (also ``python bot.py``)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.i18n import CatalogueError

__all__ = ["main"]

EXIT_CONFIG = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="daleel", description="Daleel Telegram bot")
    parser.add_argument(
        "--config", type=Path, default=Path("config.toml"), help="config file (config.toml)"
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot (the default)")
    backup = commands.add_parser("backup", help="consistent online copy of the database")
    backup.add_argument("path", type=Path)
    demo = commands.add_parser("demo", help="sandbox + demo data + a console chat")
    demo.add_argument(
        "--as",
        dest="role",
        choices=("resident", "staff", "operator", "admin"),
        default="resident",
        help="who you are in the console chat",
    )
    demo.add_argument("--user", type=int, default=None, help="act as this Telegram user id")
    demo.add_argument("--wait", type=float, default=10.0, help="longest wait for an answer (s)")
    return parser


def _settings(path: Path) -> Settings:
    return load_settings(path, os.environ)


def _run(path: Path) -> int:
    import handlers  # noqa: PLC0415 - the Telegram surface is only needed to run
    from bot.app import build_application, run_forever  # noqa: PLC0415
    from bot.logs import configure_logging  # noqa: PLC0415

    settings = _settings(path)
    configure_logging(settings.log_level, (settings.token.reveal(),))
    run_forever(build_application(settings, handlers.features()))
    return 0


async def _backup(config: Path, destination: Path) -> int:
    from bot.storage import Database  # noqa: PLC0415

    settings = _settings(config)
    if not settings.database.is_file():
        print(f"daleel: no database at {settings.database}", file=sys.stderr)
        return 1
    db = await Database.open(settings.database, migrate=False)
    try:
        await db.backup(destination)
    finally:
        await db.close()
    print(f"backup written to {destination}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    # Durations from python-telegram-bot as timedeltas (its announced future default).
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = _parser().parse_args(argv)
    try:
        if args.command == "backup":
            return asyncio.run(_backup(args.config, args.path))
        if args.command == "demo":
            from bot.demo import run_demo  # noqa: PLC0415

            return asyncio.run(run_demo(role=args.role, user_id=args.user, wait=args.wait))
        return _run(args.config)
    except ConfigError as exc:
        print(f"daleel: configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except CatalogueError as exc:
        print(f"daleel: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
