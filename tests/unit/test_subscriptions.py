"""Alert subscriptions and aggregate question counts (bot.storage.subscriptions/questions)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.storage import Database
from bot.storage.questions import count_question, question_counts
from bot.storage.residents import delete_resident, set_active, set_language
from bot.storage.subscriptions import (
    MAX_AREAS,
    alert_settings,
    stop_all,
    subscribe,
    subscribers_of_area,
    subscribers_of_camp,
    unsubscribe,
)

CAMP, OTHER_CAMP = 1, 2
AREAS = range(1, MAX_AREAS + 3)


@pytest.fixture(autouse=True)
async def _camps_and_villages(db: Database) -> None:
    """Two camps and more villages than one resident may follow."""
    for camp in (CAMP, OTHER_CAMP):
        await db.execute(
            "INSERT INTO camps (id, code, name_en, updated_at) VALUES (?, ?, ?, 'now')",
            (camp, f"camp-{camp}", f"Camp {camp}"),
        )
    await db.executemany(
        "INSERT INTO areas (id, pcode, level, name_en, updated_at)"
        " VALUES (?, ?, 'village', ?, 'now')",
        [(a, f"P{a}", f"Village {a}") for a in AREAS],
    )


async def _resident(db: Database, chat_id: int, language: str, camp: int | None) -> None:
    await set_language(db, chat_id, language)
    await db.execute("UPDATE residents SET camp_id = ? WHERE chat_id = ?", (camp, chat_id))


async def test_subscribe_is_idempotent_and_listed(db: Database) -> None:
    await _resident(db, 10, "ar", CAMP)
    assert await subscribe(db, 10, "area", 3) == "added"
    assert await subscribe(db, 10, "area", 3) == "exists"
    assert await subscribe(db, 10, "camp") == "added"
    assert await subscribe(db, 10, "camp") == "exists"
    assert await subscribe(db, 10, "area", 1) == "added"
    settings = await alert_settings(db, 10)
    assert settings is not None
    assert (settings.camp_id, settings.camp, settings.food, settings.areas) == (
        CAMP, True, False, (3, 1)
    )
    assert await unsubscribe(db, 10, "area", 3) is True
    assert await unsubscribe(db, 10, "area", 3) is False
    assert await unsubscribe(db, 10, "camp") is True
    settings = await alert_settings(db, 10)
    assert settings is not None and settings.areas == (1,) and not settings.camp


async def test_unknown_resident_or_area_is_missing(db: Database) -> None:
    assert await alert_settings(db, 99) is None
    assert await subscribe(db, 99, "food") == "missing"
    await _resident(db, 11, "en", None)
    assert await subscribe(db, 11, "area", 424242) == "missing"
    assert (await db.fetch_one("SELECT COUNT(*) FROM subscriptions"))[0] == 0  # type: ignore[index]


async def test_bad_topics_are_refused(db: Database) -> None:
    await _resident(db, 12, "en", CAMP)
    with pytest.raises(ValueError, match="topic"):
        await subscribe(db, 12, "weather", None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="area id"):
        await subscribe(db, 12, "area", None)
    with pytest.raises(ValueError, match="area id"):
        await subscribe(db, 12, "camp", 3)


async def test_area_limit(db: Database) -> None:
    await _resident(db, 13, "ckb", None)
    for area in range(1, MAX_AREAS + 1):
        assert await subscribe(db, 13, "area", area) == "added"
    assert await subscribe(db, 13, "area", MAX_AREAS + 1) == "full"
    assert await subscribe(db, 13, "area", 1) == "exists"  # already followed is not "full"
    settings = await alert_settings(db, 13)
    assert settings is not None and len(settings.areas) == MAX_AREAS


async def test_recipients_are_active_unpaused_and_in_the_camp(db: Database) -> None:
    await _resident(db, 20, "ar", CAMP)
    await _resident(db, 21, "ku", CAMP)
    await _resident(db, 22, "en", OTHER_CAMP)
    await _resident(db, 23, "ckb", CAMP)
    for chat in (20, 21, 22, 23):
        await subscribe(db, chat, "food")
        await subscribe(db, chat, "area", 5)
    await subscribe(db, 20, "camp")
    await set_active(db, 21, False)  # blocked the bot
    await stop_all(db, 23)  # said /stop

    food = await subscribers_of_camp(db, CAMP, "food")
    assert [(s.chat_id, s.language) for s in food] == [(20, "ar")]
    assert [s.chat_id for s in await subscribers_of_camp(db, CAMP, "camp")] == [20]
    assert [s.chat_id for s in await subscribers_of_camp(db, OTHER_CAMP, "food")] == [22]
    assert [s.chat_id for s in await subscribers_of_area(db, 5)] == [20, 22]
    assert await subscribers_of_area(db, 6) == []
    with pytest.raises(ValueError, match="camp topic"):
        await subscribers_of_camp(db, CAMP, "area")  # type: ignore[arg-type]


async def test_stop_removes_everything_and_subscribing_resumes(db: Database) -> None:
    await _resident(db, 30, "ar", CAMP)
    await subscribe(db, 30, "camp")
    await subscribe(db, 30, "food")
    await subscribe(db, 30, "area", 2)
    assert await stop_all(db, 30) == 3
    settings = await alert_settings(db, 30)
    assert settings is not None and settings.paused
    assert (settings.camp, settings.food, settings.areas) == (False, False, ())
    assert await stop_all(db, 30) == 0
    await subscribe(db, 30, "area", 2)
    settings = await alert_settings(db, 30)
    assert settings is not None and not settings.paused
    assert [s.chat_id for s in await subscribers_of_area(db, 2)] == [30]


async def test_forget_cascades_to_subscriptions(db: Database) -> None:
    await _resident(db, 40, "en", CAMP)
    await subscribe(db, 40, "camp")
    await subscribe(db, 40, "area", 4)
    await delete_resident(db, 40)
    row = await db.fetch_one("SELECT COUNT(*) FROM subscriptions WHERE chat_id = 40")
    assert row is not None and row[0] == 0


async def test_question_counts_are_aggregate(db: Database) -> None:
    day = date(2026, 11, 24)
    for _ in range(3):
        await count_question(db, day=day, topic="safety", area_id=5)
    await count_question(db, day=day, topic="food", camp_id=CAMP)
    await count_question(db, day=date(2026, 11, 25), topic="food", camp_id=CAMP)
    counts = await question_counts(db, since=day, until=day)
    assert [(c.topic, c.area_id, c.camp_id, c.count) for c in counts] == [
        ("food", 0, CAMP, 1),
        ("safety", 5, 0, 3),
    ]
    with pytest.raises(ValueError, match="topic"):
        await count_question(db, day=day, topic="Robert'); DROP TABLE x;--")
    columns = {row[1] for row in await db.fetch_all("PRAGMA table_info(question_counts)")}
    assert columns == {"day", "topic", "area_id", "camp_id", "count"}
