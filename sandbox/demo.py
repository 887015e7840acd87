"""``daleel demo``: sandbox, demo database and the bot in one process, with a console chat."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot import resources
from bot.config import Secret, Settings
from bot.importing.apply import ImportReport, import_parsed
from bot.importing.parse import parse
from bot.importing.results import ParseResult
from bot.logs import configure_logging
from bot.storage import Database
from bot.storage.camps import camp_ids_by_code
from bot.storage.case_queue import set_focal_point, set_helpdesk_camps
from bot.storage.roles import grant_role
from handlers.kit.app import build_application, running
from sandbox import Sandbox, SandboxClient
from sandbox.console import Console

__all__ = [
    "DEMO_ANCHOR",
    "DEMO_TOKEN",
    "DEMO_USERS",
    "VILLAGES",
    "build_demo_database",
    "demo_settings",
    "grant_case_roles",
    "run_demo",
]

# Not a secret: the sandbox is the only server that knows it.
DEMO_TOKEN = "7000000001:DEMO_sandbox_token_not_a_secret_00"
DEMO_USERS = {
    "resident": 700001,
    "staff": 700002,
    "operator": 700003,
    "operator2": 700004,  # a second operator, for the two-person rule (console: !as operator2)
    "focal": 700006,  # a protection focal point (a woman): the sensitive reports
    "admin": 700009,
}
# In the demo `staff` is also the helpdesk of the demo camps, so residents' cases reach a
# person (`!as staff`, /cases); `focal` reads sensitive reports, including those asking for
# a woman. Only the demo session has them: the tests' demo database stays without them.
DEMO_HELPDESK_CAMPS = ("debaga-1", "khazer-m1", "hasansham-u3", "qayyarah-jadah-5", "khanke",
                       "shariya")
# The demo files' dates are written as seen from this day; they move with the calendar.
DEMO_ANCHOR = datetime.date(2026, 11, 24)
# Files of bot/data: real places and camps first, then the demo's, in dependency order.
DEMO_FILES: tuple[tuple[str, str], ...] = (
    ("areas", "iraq/areas.csv"),
    ("areas", "demo/areas_demo.csv"),
    ("camps", "iraq/camps.csv"),
    ("camps", "demo/camps_demo.csv"),
    ("services", "demo/services_demo.csv"),
    ("distributions", "demo/distributions_demo.csv"),
    ("statuses", "demo/statuses_demo.csv"),
)


# The village gazetteer (about 22,000 villages): in the demo, not in every test database,
# whose build it would slow by seconds (tests that need it ask for it).
VILLAGES: tuple[str, str] = ("areas", "iraq/villages.csv")


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


def _rebased(result: ParseResult[Any], shift: datetime.timedelta) -> ParseResult[Any]:
    if not shift:
        return result
    records = tuple(
        dataclasses.replace(r, date=r.date + shift) if hasattr(r, "date") else r
        for r in result.records
    )
    return dataclasses.replace(result, records=records)


async def build_demo_database(
    path: Path, *, today: datetime.date | None = None, villages: bool = False
) -> list[ImportReport]:
    """A fresh database with real places and camps plus the demo data, dated around today;
    with ``villages``, the village gazetteer too (right after the places it lies in)."""
    today = today or datetime.date.today()
    await asyncio.to_thread(_remove_database, path)
    db = await Database.open(path)
    reports = []
    files = DEMO_FILES[:1] + ((VILLAGES,) if villages else ()) + DEMO_FILES[1:]
    try:
        for kind, name in files:
            data = await asyncio.to_thread(resources.data_file(name).read_bytes)
            parsed = parse(kind, data, today=max(today, DEMO_ANCHOR))
            report = await import_parsed(
                db, kind, _rebased(parsed, today - DEMO_ANCHOR), recorded_by=f"demo:{name}"
            )
            if not report.applied:
                raise RuntimeError(f"demo data {name} did not import: {report.errors[:3]}")
            reports.append(report)
        # `--as staff` and `--as operator` act with their roles (granted by the demo admin);
        # the second operator confirms what the first proposes (the two-person rule).
        await grant_role(db, DEMO_USERS["staff"], "staff", DEMO_USERS["admin"])
        await grant_role(db, DEMO_USERS["operator"], "operator", DEMO_USERS["admin"])
        await grant_role(db, DEMO_USERS["operator2"], "operator", DEMO_USERS["admin"])
    finally:
        await db.close()
    return reports


async def grant_case_roles(path: Path) -> None:
    """The demo session's case roles: ``staff`` on the helpdesk of the demo camps,
    ``focal`` a female protection focal point (granted by the demo admin)."""
    db = await Database.open(path)
    try:
        admin = DEMO_USERS["admin"]
        camps = await camp_ids_by_code(db)
        await grant_role(db, DEMO_USERS["staff"], "helpdesk", admin)
        await set_helpdesk_camps(db, DEMO_USERS["staff"], [camps[c] for c in DEMO_HELPDESK_CAMPS])
        await grant_role(db, DEMO_USERS["focal"], "protection", admin)
        await set_focal_point(db, DEMO_USERS["focal"], "female")
    finally:
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


async def run_demo(
    *, role: str, user_id: int | None, wait: float, villages: bool = True
) -> int:
    import handlers  # noqa: PLC0415 - the Telegram surface

    root = Path.cwd() / "demo"
    database = root / "daleel-demo.sqlite3"
    await asyncio.to_thread(_fresh_directory, root)
    await build_demo_database(database, villages=villages)
    await grant_case_roles(database)
    configure_logging("INFO", (DEMO_TOKEN,), file=root / "daleel.log")
    interactive = sys.stdin.isatty()
    who = user_id or DEMO_USERS[role]
    async with Sandbox(DEMO_TOKEN) as sandbox, SandboxClient(sandbox.url) as client:
        app = build_application(demo_settings(database, sandbox.url), handlers.features())
        async with running(app, poll_timeout=1):
            print(
                f"Daleel demo (demo data, not real information): you are {role} (Telegram "
                f"user {who}). Type a message or a /command; type a number to press a button; "
                "!as operator2 (or resident, staff, operator, focal, admin) to act as someone "
                "else. "
                "End with Ctrl-D.",
                flush=True,
            )
            people = {name: client.user(uid) for name, uid in DEMO_USERS.items()}
            me = people[role] if user_id is None and role in people else client.user(who)
            console = Console(
                client, me, sys.stdout, wait=wait, echo=not interactive,
                people=people,
            )
            await console.run(_stdin_lines())
    return 0
