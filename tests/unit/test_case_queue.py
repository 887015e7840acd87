"""The staff queue of cases (bot.storage.case_queue): who reads which case, in what order,
and that the listing searches the ``cases_queue`` index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import Database
from bot.storage.case_queue import (
    Reader,
    add_message,
    case_by_number,
    close_case,
    count_queue,
    may_read,
    overdue_cases,
    queue_page,
    queue_sql,
    refer_outside,
    refer_to_camp,
    set_helped,
    take_case,
    tally,
)
from tests.casework import insert_case, iso

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


async def _camps(db: Database) -> tuple[int, int]:
    for code in ("debaga-1", "khanke"):
        await db.execute(
            "INSERT INTO camps (code, name_en, updated_at) VALUES (?, ?, ?)",
            (code, code.title(), iso(NOW)),
        )
    rows = await db.fetch_all("SELECT id FROM camps ORDER BY code")
    return rows[0][0], rows[1][0]


@pytest.fixture
async def world(db: Database) -> tuple[Database, int, int]:
    """Debaga's and Khanke's cases, ordinary and sensitive, open and closed."""
    debaga, khanke = await _camps(db)
    cases = [
        ("D-NEWAA3", 1, debaga, "question", None, "open"),
        ("D-PRE4AA", 9, debaga, "complaint", None, "taken"),
        ("D-MEAN43", 5, debaga, "feedback", None, "answered"),
        ("D-CUT4AA", 20, debaga, "complaint", None, "closed"),
        ("D-KHAN43", 30, khanke, "complaint", None, "open"),
        ("D-HURT43", 40, debaga, "sensitive", None, "open"),
        ("D-HURTFE", 2, khanke, "sensitive", "female", "open"),
        ("D-HURTMA", 3, debaga, "sensitive", "male", "referred"),
    ]
    for number, days, camp, topic, gender, state in cases:
        await insert_case(
            db, number, created=NOW - timedelta(days=days), camp_id=camp, topic=topic,
            gender=gender, state=state,
        )
    return db, debaga, khanke


async def _numbers(db: Database, reader: Reader) -> list[str]:
    return [row.number for row in await queue_page(db, reader, 0, 50)]


async def test_helpdesk_reads_its_camps_open_cases_oldest_first_never_sensitive(
    world: tuple[Database, int, int],
) -> None:
    db, debaga, khanke = world
    assert await _numbers(db, Reader(frozenset({debaga}))) == ["D-PRE4AA", "D-MEAN43", "D-NEWAA3"]
    assert await _numbers(db, Reader(frozenset({khanke}))) == ["D-KHAN43"]
    both = Reader(frozenset({debaga, khanke}))
    assert await _numbers(db, both) == ["D-KHAN43", "D-PRE4AA", "D-MEAN43", "D-NEWAA3"]
    assert await count_queue(db, both) == 4
    assert await _numbers(db, Reader(frozenset())) == []
    # Administrators: every camp, still no sensitive report.
    assert await _numbers(db, Reader(None)) == ["D-KHAN43", "D-PRE4AA", "D-MEAN43", "D-NEWAA3"]


async def test_paging_keeps_the_order(world: tuple[Database, int, int]) -> None:
    db, debaga, khanke = world
    reader = Reader(frozenset({debaga, khanke}))
    pages = [await queue_page(db, reader, offset, 2) for offset in (0, 2, 4)]
    assert [[row.number for row in page] for page in pages] == [
        ["D-KHAN43", "D-PRE4AA"], ["D-MEAN43", "D-NEWAA3"], [],
    ]


@pytest.mark.parametrize(
    ("gender", "expected"),
    [
        (None, ["D-HURT43"]),
        ("female", ["D-HURT43", "D-HURTFE"]),
        ("male", ["D-HURT43", "D-HURTMA"]),
    ],
)
async def test_focal_points_read_sensitive_reports_of_every_camp_by_gender(
    world: tuple[Database, int, int], gender: str | None, expected: list[str]
) -> None:
    db, _, _ = world
    reader = Reader(frozenset(), sensitive=True, gender=gender)  # type: ignore[arg-type]
    assert await _numbers(db, reader) == expected
    for number in ("D-HURT43", "D-HURTFE", "D-HURTMA", "D-NEWAA3"):
        case = await case_by_number(db, number)
        assert case is not None
        assert may_read(case, reader) == (number in expected)


async def test_may_read_is_the_queues_rule(world: tuple[Database, int, int]) -> None:
    db, debaga, _ = world
    helpdesk = Reader(frozenset({debaga}))
    closed = await case_by_number(db, "D-CUT4AA")
    other = await case_by_number(db, "D-KHAN43")
    sensitive = await case_by_number(db, "D-HURT43")
    assert closed and other and sensitive
    assert may_read(closed, helpdesk)  # closed cases of their camp stay readable
    assert not may_read(other, helpdesk)
    assert not may_read(sensitive, helpdesk)
    assert not may_read(sensitive, Reader(None))  # an admin without protection


@pytest.mark.parametrize(
    "reader",
    [
        Reader(frozenset({1, 2})),
        Reader(None),
        Reader(frozenset({1}), sensitive=True, gender="female"),
        Reader(frozenset(), sensitive=True),
    ],
)
async def test_the_queue_searches_the_cases_queue_index(db: Database, reader: Reader) -> None:
    select, params = queue_sql(reader)
    plan = await db.fetch_all(
        f"EXPLAIN QUERY PLAN {select} ORDER BY created_at, id LIMIT 10", params
    )
    steps = [row[3] for row in plan]
    searches = [step for step in steps if step.startswith(("SEARCH", "SCAN"))]
    assert searches and all("USING INDEX cases_queue" in step for step in searches), steps
    assert all(not step.startswith("SCAN") for step in searches), steps


async def _updated(db: Database, case_id: int) -> str:
    row = await db.fetch_one("SELECT updated_at FROM cases WHERE id = ?", (case_id,))
    assert row is not None
    return str(row[0])


async def test_answers_notes_referrals_and_closing(world: tuple[Database, int, int]) -> None:
    """Each step is stamped with the bot's clock and moves ``updated_at`` (retention counts
    from the last activity, staff's included); a refused step changes nothing."""
    db, debaga, khanke = world
    new = await case_by_number(db, "D-NEWAA3")
    assert new is not None
    at = [NOW + timedelta(minutes=minute) for minute in range(1, 20)]

    async def last_activity() -> str:
        return await _updated(db, new.id)

    assert await add_message(db, new.id, "note", 700_010, "Called the water committee.",
                             now=at[0])
    assert await last_activity() == iso(at[0])
    assert (await case_by_number(db, "D-NEWAA3")).state == "open"  # type: ignore[union-attr]
    assert await take_case(db, new.id, 700_010, now=at[1])
    assert await last_activity() == iso(at[1])
    assert await add_message(db, new.id, "staff", 700_010, "The tank is refilled on Sunday.",
                             now=at[2])
    answered = await case_by_number(db, "D-NEWAA3")
    assert answered and answered.state == "answered" and answered.first_answer_at == iso(at[2])
    assert await last_activity() == iso(at[2])
    assert await refer_to_camp(db, new.id, khanke, now=at[3])
    moved = await case_by_number(db, "D-NEWAA3")
    assert moved and moved.camp_id == khanke and moved.state == "open"
    assert moved.referred_to == f"camp:{khanke}" and await last_activity() == iso(at[3])
    assert await refer_outside(db, new.id, "UNHCR protection desk", now=at[4])
    assert await last_activity() == iso(at[4])
    assert not await set_helped(db, new.id, 700_001, True, now=at[5])  # not closed yet
    assert await close_case(db, new.id, "resolved", now=at[6])
    assert await last_activity() == iso(at[6])
    assert not await close_case(db, new.id, "duplicate", now=at[7])  # closed once
    assert not await add_message(db, new.id, "staff", 700_010, "Too late.", now=at[8])
    assert not await take_case(db, new.id, 700_011, now=at[9])
    assert not await set_helped(db, new.id, 999, True, now=at[10])  # not their case
    assert await last_activity() == iso(at[6])
    assert await set_helped(db, new.id, 700_001, True, now=at[11])
    done = await case_by_number(db, "D-NEWAA3")
    assert done and done.outcome == "resolved" and done.helped is True
    assert done.closed_at == iso(at[6]) and await last_activity() == iso(at[11])
    sensitive = await case_by_number(db, "D-HURT43")
    assert sensitive and not await refer_to_camp(db, sensitive.id, debaga, now=at[12])


async def test_overdue_cases_and_the_weekly_tally(world: tuple[Database, int, int]) -> None:
    db, debaga, khanke = world
    overdue = await overdue_cases(db, iso(NOW - timedelta(hours=72)), iso(NOW))
    # Unanswered, open, older than three days: answered and closed ones are not overdue.
    assert [case.number for case in overdue] == ["D-HURT43", "D-KHAN43", "D-PRE4AA", "D-MEAN43"]
    per_camp, sensitive = await tally(db, iso(NOW - timedelta(days=7)), iso(NOW - timedelta(3)))
    assert per_camp[debaga].open == 3 and per_camp[khanke].open == 1
    assert per_camp[debaga].overdue == 2  # D-PRE4AA and D-MEAN43 (inserted without an answer)
    assert (sensitive.open, sensitive.overdue) == (3, 1)
