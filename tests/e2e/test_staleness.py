"""The operators' daily digest of old statuses, at digest time, through the real bot; and
the warning residents read about an old status."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.safety import staleness
from bot.storage import Database
from bot.storage.audit import recent
from bot.storage.roles import grant_role
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
from handlers.kit.notify import BotMessenger
from handlers.operators import digest
from sandbox import SandboxClient
from tests.e2e.conftest import (
    ADMIN,
    DEMO_NOW,
    choose_language,
    eventually,
    has_text,
    plain,
    run_bot,
)
from tests.e2e.staffing import STAFF, MovingClock  # staff: granted by the demo database

OPERATOR = 700003  # granted by the demo database
SECOND_OPERATOR = 700005
RESIDENT = 700001
DIGEST = {"en": "📋 Daily status check:", "ar": "📋 فحص الأوضاع اليومي:"}

# Stale on DEMO_NOW (more than 30 days old), oldest first; and some that are current.
STALE = (
    ("Mahana (village)", "cleared, August 14, 2026, Iraqi Kurdistan Mine Action Agency, "
                         "102 days old"),
    ("Imam Gharbi (village)", "suspected hazardous, September 30, 2026, Directorate of Mine "
                              "Action, 55 days old"),
    ("Tel Qasab (village)", "suspected hazardous, October 2, 2026, Directorate of Mine Action, "
                            "53 days old"),
    ("Sinjar (town)", "suspected hazardous, October 20, 2026, Directorate of Mine Action, "
                      "35 days old"),
)
CURRENT = ("Awsaja", "Kocho", "Hajj Ali", "Qayyarah (town)")


async def _audited_digest(app: DaleelApp) -> str | None:
    for entry in await recent(app.bot_data.db, 50):
        if entry.action == "status.digest":
            assert entry.user_id == 0 and entry.outcome == "ok"
            return entry.detail
    return None


async def test_operators_get_the_digest_at_digest_time_in_their_language(
    client: SandboxClient, settings: Settings, prebuilt: Prebuilt, demo_database: Path
) -> None:
    db = await Database.open(settings.database)
    try:
        await grant_role(db, SECOND_OPERATOR, "operator", ADMIN)
    finally:
        await db.close()
    # Everyone opens the bot in the morning, long after today's digest time.
    users = {
        OPERATOR: "en", SECOND_OPERATOR: "ar", STAFF: "en", RESIDENT: "ar",
    }
    async with run_bot(settings, prebuilt, clock=MovingClock(DEMO_NOW)):
        for user_id, code in users.items():
            await choose_language(client.user(user_id), code)
    seen = {user_id: len(await client.messages(user_id)) for user_id in users}

    # The next morning's run, started two seconds before digest time (08:00 camp time).
    morning = DEMO_NOW.replace(hour=7, minute=59, second=58)
    async with run_bot(settings, prebuilt, clock=MovingClock(morning)) as app:
        english = await client.user(OPERATOR).reply(predicate=has_text(DIGEST["en"]), timeout=10)
        arabic = await client.user(SECOND_OPERATOR).reply(
            predicate=has_text(DIGEST["ar"]), timeout=10
        )
        await eventually(lambda: _is_done(app), within=5)
        assert await _audited_digest(app) == "stale 4"
        # One job left, armed for tomorrow's digest.
        assert app.job_queue is not None
        jobs = app.job_queue.get_jobs_by_name(digest.DIGEST_JOB)
        assert len(jobs) == 1 and jobs[0].data == _tomorrow_eight(morning)

    lines = plain(english.text).split("\n")
    assert lines[0] == (
        "📋 Daily status check: 4 areas have a safety status that may be out of date."
    )
    assert lines[1] == "Not updated for more than 30 days, oldest first:"
    items = [line for line in lines if line.startswith("• ")]
    assert len(items) == len(STALE)
    for line, (place, rest) in zip(items, STALE, strict=True):
        assert line.startswith(f"• {place} — ") and line.endswith(f": {rest}"), line
    for name in CURRENT:
        assert name not in plain(english.text)
    assert "/setstatus" in lines[-1]

    text = plain(arabic.text)
    assert text.startswith(
        "📋 فحص الأوضاع اليومي: 4 مناطق قد لا يكون وضعها الأمني محدَّثًا."
    ), text
    assert "• مهانة (قرية)" in text and "منذ 102 يوم" in text
    assert text.index("مهانة") < text.index("إمام غربي") < text.index("تل قصب")
    assert "العوسجة" not in text

    # Staff and residents never get it: nothing new in their chats.
    for user_id in (STAFF, RESIDENT):
        assert len(await client.messages(user_id)) == seen[user_id]


async def _is_done(app: DaleelApp) -> bool:
    return await _audited_digest(app) is not None


async def test_nothing_stale_sends_nothing_but_is_audited(
    client: SandboxClient, bot: DaleelApp
) -> None:
    operator = client.user(OPERATOR)
    await choose_language(operator, "en")
    await grant_role(bot.bot_data.db, OPERATOR, "operator", ADMIN)
    before = len(await client.messages(OPERATOR))
    assert await staleness.send_digest(bot.bot_data, BotMessenger(bot)) == 0
    assert await _audited_digest(bot) == "stale 0"
    assert len(await client.messages(OPERATOR)) == before


async def test_a_resident_asking_about_a_stale_area_is_warned(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    resident = client.user(RESIDENT)
    await choose_language(resident, "en")
    await resident.send("Mahana")
    answer = plain((await resident.reply(predicate=lambda m: m.event == "sent")).text)
    lines = answer.split("\n")
    assert lines[1].startswith("📍 Mahana (village)")
    assert "⚠️ Warning: this information is 102 days old and may be out of date." in lines
    assert "Do not touch, move or pick up unknown objects." in answer
    await resident.send("Awsaja")  # six days old: current
    answer = plain((await resident.reply(predicate=lambda m: m.event == "sent")).text)
    assert "Awsaja (village)" in answer and "Warning" not in answer


def _tomorrow_eight(day: datetime) -> datetime:
    return day.replace(hour=8, minute=0, second=0) + timedelta(days=1)
