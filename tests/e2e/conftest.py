"""End-to-end fixtures: the real Daleel application over real HTTP against the sandbox.

The bot runs in-process (same event loop) for most tests, and as a real subprocess
(``python bot.py``) where a restart, a bad config or the command line is the point.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
import tomllib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pytest
import pytest_asyncio

import handlers
from bot.config import Secret, Settings
from bot.i18n.catalogues import LANGUAGES
from handlers.kit.app import Prebuilt, build_application, running
from handlers.kit.context import DaleelApp
from handlers.staff import broadcasts
from sandbox import BotMessage, Sandbox, SandboxClient, SimulatedUser
from sandbox.demo import build_demo_database
from tests.conftest import CAMP_ZONE, REPO, eventually

TOKEN = "5550001:TEST_token_for_the_sandbox_only_x"
ADMIN = 900001
NATIVE = {lang.code: lang.native_name for lang in LANGUAGES}


@pytest.fixture
def bot_token() -> str:
    return TOKEN


@pytest.fixture
def settings(tmp_path: Path, sandbox: Sandbox) -> Settings:
    return Settings(
        token=Secret(TOKEN),
        admin_ids=frozenset({ADMIN}),
        database=tmp_path / "daleel.sqlite3",
        timezone=CAMP_ZONE,
        default_language="ar",
        api_base_url=sandbox.url,
        mode="polling",
        webhook=None,
    )


@pytest.fixture
def fast_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    """Broadcast progress shown every 0.1 s instead of every 3 s: the final report of a
    broadcast arrives as soon as it finishes, not up to 3 s later."""
    monkeypatch.setattr(broadcasts, "PROGRESS_INTERVAL", 0.1)


# The demo data is written as seen from this morning, in camp time.
DEMO_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=CAMP_ZONE)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database (real places and camps, demo services, distributions and
    statuses, dated from DEMO_NOW), imported once: each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    await build_demo_database(path, today=DEMO_NOW.date())
    # Closed cleanly, the database is one file: no write-ahead log to copy along.
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    return path


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def prebuilt(demo_template: Path) -> Prebuilt:
    """Catalogues, compiled lexicons and the demo database's place index, built once for
    every bot the tests start (a bot on any other places builds its own index)."""
    return await Prebuilt.load(CAMP_ZONE, places_of=demo_template)


@pytest.fixture
def demo_database(settings: Settings, demo_template: Path) -> Path:
    """The test's own copy of the demo database, at ``settings.database``."""
    shutil.copyfile(demo_template, settings.database)
    return settings.database


@pytest.fixture
def demo_settings(settings: Settings, demo_database: Path) -> Settings:
    """``settings``, with a copy of the demo database at ``settings.database``."""
    return settings


@asynccontextmanager
async def run_bot(
    settings: Settings,
    prebuilt: Prebuilt | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> AsyncIterator[DaleelApp]:
    """The real bot on ``settings`` until the block ends (its database survives)."""
    app = build_application(settings, handlers.features(), prebuilt=prebuilt)
    if clock is not None:
        app.bot_data.clock = clock
    async with running(app, poll_timeout=1):
        yield app


@pytest.fixture
async def bot(settings: Settings, prebuilt: Prebuilt) -> AsyncIterator[DaleelApp]:
    async with run_bot(settings, prebuilt) as app:
        yield app


@pytest.fixture
async def demo_bot(
    settings: Settings, demo_database: Path, prebuilt: Prebuilt
) -> AsyncIterator[DaleelApp]:
    """The running bot on a copy of the demo database, its clock fixed at DEMO_NOW."""
    async with run_bot(settings, prebuilt, clock=lambda: DEMO_NOW) as app:
        yield app


_BIDI = str.maketrans("", "", "\u200e\u200f\u2066\u2067\u2068\u2069")


def plain(text: str) -> str:
    """The text as read, without the invisible direction marks (asserted separately)."""
    return text.translate(_BIDI)


def has_text(fragment: str) -> Callable[[BotMessage], bool]:
    return lambda message: fragment in plain(message.text)


async def choose_language(user: SimulatedUser, code: str) -> BotMessage:
    """First contact: /start, press the language, return the main menu message."""
    await user.send("/start")
    await user.reply(predicate=lambda m: NATIVE[code] in m.button_texts)
    await user.press(NATIVE[code])
    return await user.reply(predicate=lambda m: len(m.buttons) == 6)


# --- the bot as a real process ------------------------------------------------------


def write_config(path: Path, settings: Settings, **overrides: object) -> Path:
    """A config.toml for ``settings`` (token left to the environment)."""
    lines = [
        "[telegram]",
        f'api_base_url = "{settings.api_base_url}"',
        "[access]",
        f"admin_ids = [{', '.join(str(i) for i in sorted(settings.admin_ids))}]",
        "[storage]",
        f'database = "{settings.database}"',
        "[logging]",
        f'level = "{overrides.pop("level", "INFO")}"',
    ]
    text = "\n".join(lines) + "\n" + str(overrides.pop("extra", ""))
    path.write_text(text, encoding="utf-8")
    tomllib.loads(text)  # the test's own config must at least be TOML
    return path


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    log: Path

    async def stop(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(15):
            return await self.process.wait()

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()


@asynccontextmanager
async def bot_process(
    config: Path, client: SandboxClient, *, env: dict[str, str] | None = None
) -> AsyncIterator[BotProcess]:
    """``python bot.py --config … run`` until it polls; stopped with SIGTERM afterwards."""
    log = config.with_suffix(".log")
    before = await polls_started(client)
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "bot.py", "--config", str(config), "run",
            cwd=REPO, stdout=sink, stderr=sink,
            env={**os.environ, "DALEEL_BOT_TOKEN": TOKEN, **(env or {})},
        )
    handle = BotProcess(process, log)
    try:
        await eventually(
            lambda: _polled_since(client, before), within=20, process=process, log=log
        )
        yield handle
    finally:
        handle.kill()
        await process.wait()


async def polls_started(client: SandboxClient) -> int:
    """getUpdates calls finished or still parked in a long poll."""
    entry = (await client.stats()).methods.get("getUpdates")
    return entry.calls + entry.in_flight if entry else 0


async def _polled_since(client: SandboxClient, before: int) -> bool:
    return await polls_started(client) > before


__all__ = [
    "ADMIN",
    "DEMO_NOW",
    "NATIVE",
    "REPO",
    "TOKEN",
    "BotProcess",
    "bot_process",
    "choose_language",
    "eventually",
    "has_text",
    "plain",
    "replace",
    "run_bot",
    "write_config",
]
