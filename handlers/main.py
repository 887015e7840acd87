"""The composition root: the ``daleel`` command with the Telegram surface.

``daleel run`` builds the application with every feature (:func:`handlers.features`) and
runs it; ``daleel demo`` starts the sandbox's console demo, imported only then, since the
sandbox is a separate distribution. Everything else on the command line is the core's
(:mod:`bot.cli`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot import cli

__all__ = ["main"]


def _run(args: argparse.Namespace) -> int:
    import handlers  # noqa: PLC0415 - the features load only to run
    from bot.logs import configure_logging  # noqa: PLC0415
    from handlers.kit.app import build_application, run_forever  # noqa: PLC0415

    settings = cli.settings_from(args.config)
    # Before anything starts: a database that cannot be opened is one clear line (exit 2).
    asyncio.run(cli.check_database(settings.database))
    configure_logging(settings.log_level, (settings.token.reveal(),))
    run_forever(build_application(settings, handlers.features()))
    return 0


def _demo(args: argparse.Namespace) -> int:
    try:
        from sandbox.demo import run_demo  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if error.name is None or not error.name.startswith("sandbox"):
            raise
        sys.stderr.write("daleel: the demo needs the sandbox: pip install -e sandbox\n")
        return 1
    return asyncio.run(
        run_demo(role=args.role, user_id=args.user, wait=args.wait, villages=args.villages)
    )


def _surface(args: argparse.Namespace) -> int:
    return _demo(args) if args.command == "demo" else _run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """``daleel …``: the core's commands, and ``run``/``demo`` with the surface."""
    return cli.main(argv, surface=_surface)
