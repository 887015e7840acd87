"""The ``daleel`` command line: its arguments, and the commands that need no Telegram.

``backup``, ``import`` and ``export`` work on the database alone and live here, in the
core. ``run`` and ``demo`` need the Telegram surface (and the sandbox); the composition
root, ``handlers.main``, passes them in as ``surface``, so the core never imports them.
The ``daleel`` script and ``python bot.py`` start ``handlers.main.main``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from bot.config import (
    ConfigError,
    Settings,
    StorageSettings,
    load_settings,
    load_storage_settings,
)
from bot.domain.records import Record
from bot.domain.roles import ROLES
from bot.i18n.catalogues import CatalogueError
from bot.importing.results import KINDS, RowError
from bot.storage.db import Database, StorageError

__all__ = ["EXIT_CONFIG", "Surface", "main", "settings_from", "storage_settings_from"]

EXIT_CONFIG = 2

Surface = Callable[[argparse.Namespace], int]
"""Runs ``run`` or ``demo`` (the parsed arguments); returns the exit status."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="daleel", description="Daleel Telegram bot")
    parser.add_argument(
        "--config", type=Path, default=Path("config.toml"), help="config file (config.toml)"
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot (the default)")
    backup = commands.add_parser("backup", help="consistent online copy of the database")
    backup.add_argument("path", type=Path)
    for verb, text in (("import", "validate and load a CSV file"), ("export", "write a CSV file")):
        sub = commands.add_parser(verb, help=text)
        # cases: aggregate figures only (``bot.cases.export``); they are never imported.
        sub.add_argument("kind", choices=KINDS if verb == "import" else (*KINDS, "cases"))
        sub.add_argument("file", type=Path)
        if verb == "import":
            sub.add_argument("--partial", action="store_true",
                             help="load the valid rows even if others have errors")
            sub.add_argument("--dry-run", action="store_true",
                             help="check and report, write nothing")
    demo = commands.add_parser("demo", help="sandbox + demo data + a console chat")
    demo.add_argument(
        "--as",
        dest="role",
        choices=("resident", *ROLES),
        default="resident",
        help="who you are in the console chat",
    )
    demo.add_argument("--user", type=int, default=None, help="act as this Telegram user id")
    demo.add_argument("--wait", type=float, default=10.0, help="longest wait for an answer (s)")
    demo.add_argument(
        "--no-villages", dest="villages", action="store_false",
        help="leave out the 22,000 villages (starts in a second instead of about fifteen)",
    )
    return parser


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def settings_from(path: Path) -> Settings:
    """The settings of a config file, with the environment's overrides."""
    return load_settings(path, os.environ)


def storage_settings_from(path: Path) -> StorageSettings:
    """The storage settings alone: ``backup``, ``import`` and ``export`` need no token."""
    return load_storage_settings(path)


async def _backup(config: Path, destination: Path) -> int:

    settings = storage_settings_from(config)
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


_SHOWN_ERRORS = 50


async def _import(config: Path, kind: str, file: Path, partial: bool, dry_run: bool) -> int:
    from bot.importing.apply import import_csv  # noqa: PLC0415

    settings = storage_settings_from(config)
    try:
        data = await asyncio.to_thread(file.read_bytes)
    except OSError as exc:
        print(f"daleel: {file}: cannot be read ({exc.strerror})", file=sys.stderr)
        return 1
    today = datetime.now(settings.timezone).date()
    db = await Database.open(settings.database)
    try:
        report = await import_csv(
            db, kind, data, today=today, partial=partial, dry_run=dry_run,
            recorded_by=f"import:{file.name}",
            confirmation_hours=settings.confirmation_hours,
        )
    finally:
        await db.close()
    _print_warnings(report.warnings)
    for error in report.errors[:_SHOWN_ERRORS]:
        where = f"row {error.row}" if error.row else "file"
        column = f", {error.column}" if error.column else ""
        print(f"{where}{column}: {error.message}")
    if len(report.errors) > _SHOWN_ERRORS:
        print(f"... and {len(report.errors) - _SHOWN_ERRORS} more errors")
    outcome = (
        "written" if report.applied
        else "dry run: nothing written" if dry_run
        else "REJECTED: nothing written (fix the errors, or use --partial)"
    )
    print(
        f"{kind}: {_rows(report.rows)}, {report.accepted} valid ({report.new} new), "
        f"{len(report.errors)} errors; {outcome}"
    )
    if report.merged:
        print(
            f"{_rows(report.merged)} named a place already known (or an earlier row): their "
            "spellings were added to it as aliases"
        )
    if report.proposed:
        print(
            f"{report.proposed} changes that lower the warning or release the land were not "
            "written: they wait in /pending for two operators"
        )
    if report.applied and kind in ("areas", "camps"):
        print("a running bot picks up new or renamed places within 5 minutes")
    if report.warnings:  # again as the last line, where it cannot be missed
        print(f"WARNING: {len(report.warnings)} column(s) NOT USED, their values were ignored: "
              + ", ".join(repr(w.column) for w in report.warnings if w.column))
    return 0 if report.applied or (dry_run and report.ok) else 1


def _print_warnings(warnings: Sequence[RowError]) -> None:
    for warning in warnings:
        where = f"row {warning.row}" if warning.row else "file"
        print(f"WARNING ({where}): {warning.message}")


async def _export_cases(config: Path, file: Path) -> int:
    from bot.cases.export import aggregate, to_csv  # noqa: PLC0415
    from bot.storage.cases import case_facts  # noqa: PLC0415

    settings = storage_settings_from(config)
    days = -(-settings.feedback.answer_within_hours // 24)
    db = await Database.open(settings.database)
    try:
        facts = await case_facts(db)
    finally:
        await db.close()
    rows = aggregate(facts, zone=settings.timezone, within_days=days)
    await asyncio.to_thread(file.write_bytes, to_csv(rows, within_days=days))
    print(f"cases: {_rows(len(rows))} ({len(facts)} cases, counts only) written to {file}")
    return 0


async def _export(config: Path, kind: str, file: Path) -> int:
    if kind == "cases":
        return await _export_cases(config, file)
    from bot.importing.export import export  # noqa: PLC0415
    from bot.storage import (  # noqa: PLC0415
        Database,
        area_export,
        camps,
    )

    settings = storage_settings_from(config)
    db = await Database.open(settings.database)
    try:
        records: Sequence[Record]
        if kind == "areas":
            records = await area_export.export_areas(db)
        elif kind == "statuses":
            records = await area_export.export_statuses(db)
        elif kind == "camps":
            records = await camps.export_camps(db)
        elif kind == "services":
            records = await camps.export_services(db)
        else:
            records = await camps.export_distributions(db)
    finally:
        await db.close()
    await asyncio.to_thread(file.write_bytes, export(kind, records))
    print(f"{kind}: {_rows(len(records))} written to {file}")
    return 0


async def check_database(path: Path) -> None:
    """Open (and migrate) the database once, so a bad place fails before the bot starts."""
    db = await Database.open(path)
    await db.close()


def main(argv: Sequence[str] | None = None, *, surface: Surface | None = None) -> int:
    """Parse the command line and run it; ``run`` and ``demo`` need ``surface``."""
    # Durations from python-telegram-bot as timedeltas (its announced future default).
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = _parser().parse_args(argv)
    try:
        if args.command == "backup":
            return asyncio.run(_backup(args.config, args.path))
        if args.command == "import":
            return asyncio.run(
                _import(args.config, args.kind, args.file, args.partial, args.dry_run)
            )
        if args.command == "export":
            return asyncio.run(_export(args.config, args.kind, args.file))
        if surface is None:
            print(f"daleel: {args.command or 'run'} needs the Telegram surface: "
                  "start it with the daleel command", file=sys.stderr)
            return EXIT_CONFIG
        return surface(args)
    except ConfigError as exc:
        print(f"daleel: configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except (CatalogueError, StorageError) as exc:
        print(f"daleel: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
