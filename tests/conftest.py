"""Test-wide setup and the fixtures more than one test directory uses, each defined once.

Whatever is expensive and immutable (compiled catalogues, the keyword lexicons, the
shipped place list, a TLS context) is built once per session; whatever a test may change
(a database) is built per test.
"""

import os
import ssl
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.i18n.catalogues import Catalogues, default_locales_dir
from bot.places.gazetteer import Gazetteer, load_iraq_gazetteer
from bot.storage import Database
from bot.understanding.lexicon import Lexicon, load_lexicons

# python-telegram-bot 22 warns on every RetryAfter unless durations are timedeltas;
# Daleel handles both (handlers.kit.ratelimit.retry_after_seconds) and opts in, as the CLI does.
os.environ["PTB_TIMEDELTA"] = "1"

REPO = Path(__file__).resolve().parents[1]
# The place and camp lists the product ships; tests read nothing outside the repository.
IRAQ_DATA = REPO / "data" / "iraq"
CAMP_ZONE = ZoneInfo("Asia/Baghdad")


@pytest.fixture(scope="session")
def tls() -> ssl.SSLContext:
    """One CA bundle load for the whole run: each httpx client would spend ~30 ms on it."""
    return ssl.create_default_context()


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
    """The shipped places and camps (data/iraq), read with the product's import code."""
    return load_iraq_gazetteer(IRAQ_DATA)
