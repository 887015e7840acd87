"""Test-wide setup and the fixtures more than one test directory uses, each defined once.

Whatever is expensive and immutable (compiled catalogues, the keyword lexicons, the
shipped place list, a TLS context) is built once per session; whatever a test may change
(a database) is built per test.
"""

import asyncio
import os
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from bot.i18n.catalogues import Catalogues, default_locales_dir
from bot.places.gazetteer import Gazetteer, load_iraq_gazetteer
from bot.storage import Database
from bot.understanding.lexicon import Lexicon, load_lexicons
from sandbox import Limits, Sandbox, SandboxClient

# python-telegram-bot 22 warns on every RetryAfter unless durations are timedeltas;
# Daleel handles both (handlers.kit.ratelimit.retry_after_seconds) and opts in, as the CLI does.
os.environ["PTB_TIMEDELTA"] = "1"

REPO = Path(__file__).resolve().parents[1]
CAMP_ZONE = ZoneInfo("Asia/Baghdad")


@pytest.fixture(scope="session")
def tls() -> ssl.SSLContext:
    """One CA bundle load for the whole run: each httpx client would spend ~30 ms on it."""
    return ssl.create_default_context()


@pytest.fixture
async def sandbox(bot_token: str) -> AsyncIterator[Sandbox]:
    """A sandbox on a free loopback port for the directory's ``bot_token``, flood limits
    off: tests of pacing and 429s set Telegram's limits or inject their own."""
    async with Sandbox(bot_token, limits=Limits.disabled()) as box:
        yield box


@pytest.fixture
async def client(sandbox: Sandbox, tls: ssl.SSLContext) -> AsyncIterator[SandboxClient]:
    """The sandbox's control client: users write, press and read through it."""
    async with (
        httpx.AsyncClient(timeout=10.0, verify=tls) as http,
        SandboxClient(sandbox.url, http=http) as c,
    ):
        yield c


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A new, empty, migrated database of the test's own (modules that need rows add
    them in an autouse fixture of their own)."""
    database = await Database.open(tmp_path / "daleel.sqlite3")
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture(scope="session")
def catalogues() -> Catalogues:
    """The compiled catalogues of every language, in camp time."""
    return Catalogues.load(default_locales_dir(), CAMP_ZONE)


@pytest.fixture(scope="session")
def lexicons() -> tuple[Lexicon, ...]:
    return load_lexicons()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The shipped places and camps (bot/data/iraq), read with the product's import code."""
    return load_iraq_gazetteer()


async def eventually(
    check: Callable[[], Awaitable[bool]],
    *,
    within: float = 5.0,
    process: asyncio.subprocess.Process | None = None,
    log: Path | None = None,
) -> None:
    """Re-check a remote condition that has no wait endpoint, for at most ``within``
    seconds; with ``process``, fail at once (with its ``log``) if it exits meanwhile."""
    async with asyncio.timeout(within):
        while not await check():
            if process is not None and process.returncode is not None:
                output = log.read_text(errors="replace") if log else ""  # noqa: ASYNC240
                raise AssertionError(f"the bot exited with {process.returncode}:\n{output}")
            await asyncio.sleep(0.01)
