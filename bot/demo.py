"""``daleel demo``: sandbox, demo database and the bot in one process, with a console chat."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_application, running
from bot.config import Secret, Settings
from bot.console import Console
from bot.logs import configure_logging
from bot.sandbox import Sandbox, SandboxClient
from bot.storage import Database

__all__ = ["DEMO_TOKEN", "DEMO_USERS", "build_demo_database", "demo_settings", "run_demo"]

# Not a secret: the sandbox is the only server that knows it.
DEMO_TOKEN = "7000000001:DEMO_sandbox_token_not_a_secret_00"
DEMO_USERS = {"resident": 700001, "staff": 700002, "operator": 700003, "admin": 700009}


def demo_settings(database: Path, api_base_url: str) -> Settings:
    return Settings(
        token=Secret(DEMO_TOKEN),
        admin_ids=frozenset({DEMO_USERS["admin"]}),
        database=database,
        timezone=ZoneInfo("Asia/Baghdad"),
        default_language="ar",
        api_base_url=api_base_url,
        mode="polling",
        webhook=None,
    )


async def build_demo_database(path: Path) -> None:
    """A fresh database with the schema (and, as features land, their demo data)."""
    await asyncio.to_thread(_remove_database, path)
    db = await Database.open(path)
    await db.close()


def _fresh_directory(root: Path) -> None:
    root.mkdir(exist_ok=True)
    (root / "daleel.log").unlink(missing_ok=True)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def _stdin_lines() -> AsyncIterator[str]:
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line:
            return
        yield line


async def run_demo(*, role: str, user_id: int | None, wait: float) -> int:
    import handlers  # noqa: PLC0415 - the Telegram surface

    root = Path.cwd() / "demo"
    database = root / "daleel-demo.sqlite3"
    await asyncio.to_thread(_fresh_directory, root)
    await build_demo_database(database)
    configure_logging("INFO", (DEMO_TOKEN,), file=root / "daleel.log")
    interactive = sys.stdin.isatty()
    who = user_id or DEMO_USERS[role]
    async with Sandbox(DEMO_TOKEN) as sandbox, SandboxClient(sandbox.url) as client:
        app = build_application(demo_settings(database, sandbox.url), handlers.features())
        async with running(app, poll_timeout=1):
            print(
                f"Daleel demo: you are {role} (Telegram user {who}). Type a message or a "
                "/command; type a number to press a button. End with Ctrl-D.",
                flush=True,
            )
            console = Console(client, client.user(who), sys.stdout, wait=wait, echo=not interactive)
            await console.run(_stdin_lines())
    return 0
