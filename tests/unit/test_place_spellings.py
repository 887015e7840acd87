"""Spellings residents type are counted without who typed them, and accepted as aliases."""

from __future__ import annotations

from datetime import date, timedelta

from bot.storage.area_edits import aliases_of
from bot.storage.db import Database
from bot.storage.spellings import (
    accept_spelling,
    count_offer_pick,
    count_picked,
    count_unmatched,
    offer_spelling,
    purge_old_offers,
    spelling_counts,
)

DAY = date(2026, 3, 1)
NEXT = date(2026, 3, 2)


async def _area(db: Database) -> int:
    await db.execute(
        "INSERT INTO areas (pcode, level, name_en, updated_at)"
        " VALUES ('IQ-T-1', 'village', 'Hajj Ali', '2026-01-01T00:00:00Z')"
    )
    row = await db.fetch_one("SELECT id FROM areas WHERE pcode = 'IQ-T-1'")
    assert row is not None
    return int(row[0])


async def test_picks_and_misses_are_counted_apart_and_most_frequent_first(db: Database) -> None:
    area = await _area(db)
    for _ in range(3):
        assert await count_picked(db, "hajali", area, day=DAY)
    assert await count_picked(db, "haj  ali", area, day=NEXT)
    assert await count_unmatched(db, "kharabat", day=DAY)
    assert await count_unmatched(db, "kharabat", day=NEXT)

    picked = await spelling_counts(db, picked=True)
    assert [(s.spelling, s.area_id, s.count) for s in picked] == [
        ("hajali", area, 3),
        ("haj ali", area, 1),
    ]
    missed = await spelling_counts(db, picked=False)
    assert [(s.spelling, s.area_id, s.count, s.last_day) for s in missed] == [
        ("kharabat", 0, 2, NEXT)
    ]
    assert await spelling_counts(db, picked=True, min_count=2) == picked[:1]


async def test_no_chat_id_or_message_is_stored(db: Database) -> None:
    area = await _area(db)
    await count_picked(db, "hajali", area, day=DAY)
    columns = [row[1] for row in await db.fetch_all("PRAGMA table_info(place_spellings)")]
    assert columns == ["spelling", "area_id", "count", "last_day"]


async def test_empty_or_overlong_text_is_not_a_spelling(db: Database) -> None:
    assert not await count_unmatched(db, "   ", day=DAY)
    assert not await count_unmatched(db, "x" * 65, day=DAY)
    assert await spelling_counts(db, picked=False) == []


async def test_accepting_makes_an_alias_and_forgets_the_counts(db: Database) -> None:
    area = await _area(db)
    await count_picked(db, "hajali", area, day=DAY)
    await count_unmatched(db, "hajali", day=DAY)
    assert await accept_spelling(db, "hajali", area, now="2026-03-01T10:00:00Z", added_by=7)
    assert "hajali" in await aliases_of(db, area)
    assert await spelling_counts(db, picked=True) == []
    assert await spelling_counts(db, picked=False) == []
    assert not await accept_spelling(db, "hajali", area, now="2026-03-01T10:00:00Z")


async def test_a_did_you_mean_counts_its_spelling_once_and_not_when_old(db: Database) -> None:
    area = await _area(db)
    token = await count_and_offer(db)
    assert await count_offer_pick(db, token, area, day=DAY)
    assert not await count_offer_pick(db, token, area, day=DAY)  # used up
    assert not await count_offer_pick(db, "forged", area, day=DAY)
    old = await offer_spelling(db, "hajali", day=DAY)
    assert old is not None
    assert not await count_offer_pick(db, old, area, day=DAY + timedelta(days=8))
    picked = await spelling_counts(db, picked=True)
    assert [(s.spelling, s.count) for s in picked] == [("hajali", 1)]


async def test_offering_keeps_old_offers_until_the_daily_purge_and_they_stay_refused(
    db: Database,
) -> None:
    area = await _area(db)
    old = await offer_spelling(db, "hajali", day=DAY)
    later = DAY + timedelta(days=8)
    fresh = await offer_spelling(db, "hajj ali", day=later)  # one write: no purge here
    assert old is not None and fresh is not None
    assert len(await db.fetch_all("SELECT token FROM place_spelling_offers")) == 2
    assert not await count_offer_pick(db, old, area, day=later)  # too old, purged or not
    assert await purge_old_offers(db, day=later) == 1
    assert await purge_old_offers(db, day=later) == 0  # once is enough
    rows = await db.fetch_all("SELECT token FROM place_spelling_offers")
    assert [r[0] for r in rows] == [fresh]
    assert not await count_offer_pick(db, old, area, day=later)
    assert await count_offer_pick(db, fresh, area, day=later)
    picked = await spelling_counts(db, picked=True)
    assert [(s.spelling, s.count) for s in picked] == [("hajj ali", 1)]


async def count_and_offer(db: Database) -> str:
    token = await offer_spelling(db, "hajali", day=DAY)
    assert token is not None
    rows = await db.fetch_all("SELECT * FROM place_spelling_offers")
    assert [tuple(r)[1:] for r in rows] == [("hajali", DAY.isoformat())]  # no chat id
    return token
