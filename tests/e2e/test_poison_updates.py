"""An update python-telegram-bot cannot parse is skipped, and nobody's words reach the log.

Before: PTB parsed the getUpdates batch as a whole, so one bad update was never confirmed,
every later update went unanswered (also after a restart), and the raw batch, with other
residents' texts and names, was logged at CRITICAL on every retry.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.logs import configure_logging
from sandbox import Sandbox, SandboxClient
from tests.e2e.conftest import choose_language, has_text, run_bot

# What a resident wrote and who they are: none of it may appear in any log line.
SECRET_TEXT = "my village is Kocho and my brother is still there"
FIRST_NAME = "Zeynebxatun"
LAST_NAME = "Sinjarihawre"
USERNAME = "zeyneb_from_kocho"


def _person(user_id: int) -> dict[str, object]:
    return {
        "id": user_id, "is_bot": False, "first_name": FIRST_NAME,
        "last_name": LAST_NAME, "username": USERNAME,
    }


def poison_updates(user_id: int) -> list[tuple[str, dict[str, object]]]:
    """Three updates python-telegram-bot 22 cannot parse, each carrying a resident's text and name."""
    chat = {"id": user_id, "type": "private", "first_name": FIRST_NAME}
    now = int(time.time())
    return [
        # a button press without the chat_instance every callback query has
        ("callback_query", {"id": "77", "from": _person(user_id), "data": SECRET_TEXT[:60]}),
        # a chat without its type
        ("message", {"message_id": 900, "date": now, "text": SECRET_TEXT,
                     "from": _person(user_id), "chat": {"id": user_id}}),
        # a date that is not a number
        ("message", {"message_id": 901, "date": "yesterday", "text": SECRET_TEXT,
                     "from": _person(user_id), "chat": chat}),
    ]


@pytest.fixture
def every_log_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Logging as the product configures it, at its most verbose level."""
    configure_logging("DEBUG", ("unused",), tmp_path / "daleel.log")
    caplog.set_level(logging.DEBUG)
    return caplog


def _lines(caplog: pytest.LogCaptureFixture, log_file: Path) -> list[str]:
    lines = [record.getMessage() for record in caplog.records]
    lines += [str(record.exc_info) for record in caplog.records if record.exc_info]
    if log_file.exists():
        lines += log_file.read_text(encoding="utf-8").splitlines()
    return lines


async def test_a_poison_update_is_skipped_and_the_next_message_answered(
    sandbox: Sandbox, client: SandboxClient, settings: Settings, tmp_path: Path,
    every_log_line: pytest.LogCaptureFixture,
) -> None:
    resident = client.user(4101)
    async with run_bot(settings):
        await choose_language(resident, "en")
        for kind, body in poison_updates(4102):
            assert await client.raw_update(kind, body) is not None
        await resident.send("/help")
        help_text = await resident.reply(predicate=has_text("/forget"))
        assert "/forget" in help_text.text
    # Every update was confirmed: nothing is left queued for the next start.
    stats = await client.stats()
    assert stats.pending_updates == 0, stats
    lines = _lines(every_log_line, tmp_path / "daleel.log")
    skipped = [line for line in lines if "skipped update" in line]
    assert len(skipped) >= 3, skipped
    for secret in (SECRET_TEXT, "Kocho", FIRST_NAME, LAST_NAME, USERNAME):
        leaked = [line for line in lines if secret in line]
        assert leaked == [], leaked


async def test_a_poison_update_left_over_does_not_block_a_restarted_bot(
    sandbox: Sandbox, client: SandboxClient, settings: Settings
) -> None:
    resident = client.user(4103)
    async with run_bot(settings):
        await choose_language(resident, "en")
    # While the bot is down, a bad update arrives first, then the resident writes.
    await client.raw_update("message", poison_updates(4104)[1][1])
    await resident.send("/help")
    async with run_bot(settings):
        reply = await resident.reply(predicate=has_text("/forget"))
        assert "/forget" in reply.text
