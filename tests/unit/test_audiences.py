"""Audiences resolved to (chat id, language), and the roles/audit/schedule/draft storage."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.announcements.rules import Rule
from bot.domain.languages import CODES
from bot.storage import Database
from bot.storage.announcements import (
    claim_draft,
    get_announcement,
    start_draft,
    update_draft,
)
from bot.storage.audiences import (
    Audience,
    Recipient,
    audience_counts,
    audience_exists,
    audience_recipients,
)
from bot.storage.audit import recent, record
from bot.storage.residents import set_active, set_language
from bot.storage.roles import grant_role, list_grants, revoke_role, roles_of
from bot.storage.schedules import (
    begin_run,
    cancel_schedule,
    create_schedule,
    finish_run,
    get_schedule,
    record_missed,
    run_outcome,
    unfinished_runs,
)
from bot.storage.services_food import set_camp
from bot.storage.subscriptions import stop_all, subscribe

CAMP, OTHER = 1, 2
SECTOR_A, SECTOR_B, OTHER_SECTOR = 11, 12, 21
DISTRICT, VILLAGE, OTHER_VILLAGE = 100, 101, 200


@pytest.fixture(autouse=True)
async def _camps_sectors_and_areas(db: Database) -> None:
    """Two camps with sectors, a district with a village, and a village elsewhere."""
    for camp in (CAMP, OTHER):
        await db.execute(
            "INSERT INTO camps (id, code, name_en, updated_at) VALUES (?, ?, ?, 'now')",
            (camp, f"camp-{camp}", f"Camp {camp}"),
        )
    await db.executemany(
        "INSERT INTO camp_sectors (id, camp_id, code) VALUES (?, ?, ?)",
        [(SECTOR_A, CAMP, "A"), (SECTOR_B, CAMP, "B"), (OTHER_SECTOR, OTHER, "A")],
    )
    await db.executemany(
        "INSERT INTO areas (id, pcode, level, parent_id, name_en, updated_at)"
        " VALUES (?, ?, ?, ?, ?, 'now')",
        [
            (DISTRICT, "D1", "district", None, "District"),
            (VILLAGE, "V1", "village", DISTRICT, "Village in the district"),
            (OTHER_VILLAGE, "V2", "village", None, "Elsewhere"),
        ],
    )


async def resident(
    db: Database,
    chat_id: int,
    language: str,
    camp: int | None = None,
    sector: int | None = None,
    *,
    camp_news: bool = False,
    areas: tuple[int, ...] = (),
) -> None:
    await set_language(db, chat_id, language)
    if camp is not None:
        assert await set_camp(db, chat_id, camp, sector)
    if camp_news:
        assert await subscribe(db, chat_id, "camp") == "added"
    for area in areas:
        assert await subscribe(db, chat_id, "area", area) == "added"


@pytest.fixture
async def people(db: Database) -> Database:
    """A small camp population, each resident with a reason to be in or out."""
    await resident(db, 1, "ar", CAMP, SECTOR_A, camp_news=True)
    await resident(db, 2, "ckb", CAMP, SECTOR_B, camp_news=True, areas=(VILLAGE,))
    await resident(db, 3, "ku", CAMP, SECTOR_A)  # camp announcements off
    await resident(db, 4, "en", CAMP, None, camp_news=True, areas=(DISTRICT,))
    await resident(db, 5, "ar", OTHER, OTHER_SECTOR, camp_news=True, areas=(OTHER_VILLAGE,))
    await resident(db, 6, "ar", None, None, camp_news=True)  # no camp chosen
    await resident(db, 7, "ar", CAMP, SECTOR_A, camp_news=True, areas=(VILLAGE,))
    assert await set_active(db, 7, False)  # blocked the bot
    await resident(db, 8, "ckb", CAMP, SECTOR_B, camp_news=True, areas=(VILLAGE,))
    await stop_all(db, 8)  # sent /stop
    return db


def ids(recipients: list[Recipient]) -> list[int]:
    return [r.chat_id for r in recipients]


@pytest.mark.parametrize(
    ("audience", "urgent", "expected"),
    [
        (Audience("everyone"), True, [1, 2, 3, 4, 5, 6]),
        (Audience("everyone"), False, [1, 2, 4, 5, 6]),
        (Audience("camp", CAMP), True, [1, 2, 3, 4]),
        (Audience("camp", CAMP), False, [1, 2, 4]),
        (Audience("camp", OTHER), True, [5]),
        (Audience("sector", SECTOR_A), True, [1, 3]),
        (Audience("sector", SECTOR_A), False, [1]),
        (Audience("sector", SECTOR_B), True, [2]),
        # Following an area is consent enough; a district reaches its villages' followers.
        (Audience("area", VILLAGE), False, [2]),
        (Audience("area", DISTRICT), True, [2, 4]),
        (Audience("area", DISTRICT), False, [2, 4]),
        (Audience("area", OTHER_VILLAGE), True, [5]),
        (Audience("language", "ar"), True, [1, 5, 6]),
        (Audience("language", "ckb"), True, [2]),
        (Audience("language", "ku"), False, []),
        (Audience("language", "en"), False, [4]),
    ],
)
async def test_audiences_reach_exactly_who_they_should(
    people: Database, audience: Audience, urgent: bool, expected: list[int]
) -> None:
    recipients = await audience_recipients(people, audience, urgent=urgent)
    assert ids(recipients) == expected
    languages = {1: "ar", 2: "ckb", 3: "ku", 4: "en", 5: "ar", 6: "ar"}
    assert all(r.language == languages[r.chat_id] for r in recipients)
    counts = await audience_counts(people, audience, urgent=urgent)
    assert set(counts) == set(CODES)  # every language, Badini too, with 0 when nobody
    assert sum(counts.values()) == len(expected)
    for code, n in counts.items():
        assert n == sum(1 for r in recipients if r.language == code)


async def test_audience_validation_and_existence(db: Database) -> None:
    with pytest.raises(ValueError, match="language"):
        Audience("language", "fr")
    with pytest.raises(ValueError, match="id"):
        Audience("camp", "1")
    with pytest.raises(ValueError, match="reference"):
        Audience("everyone", 1)
    assert Audience.stored("sector", "12") == Audience("sector", 12)
    with pytest.raises(ValueError):
        Audience.stored("area", "x")
    assert await audience_exists(db, Audience("camp", CAMP))
    assert not await audience_exists(db, Audience("camp", 999))
    assert not await audience_exists(db, Audience("area", 999))
    assert await audience_exists(db, Audience("language", "ku"))


# --- roles and audit ---------------------------------------------------------------------


async def test_roles_grant_revoke(db: Database) -> None:
    assert await roles_of(db, 42) == frozenset()
    assert await grant_role(db, 42, "staff", 1) is True
    assert await grant_role(db, 42, "staff", 1) is False
    assert await grant_role(db, 42, "operator", 1) is True
    assert await roles_of(db, 42) == {"staff", "operator"}
    assert [(g.user_id, g.role) for g in await list_grants(db)] == [
        (42, "operator"), (42, "staff")
    ]
    assert await revoke_role(db, 42, "staff") == 1
    assert await roles_of(db, 42) == {"operator"}
    assert await revoke_role(db, 42) == 1
    assert await revoke_role(db, 42) == 0
    with pytest.raises(ValueError):
        await grant_role(db, 42, "admin", 1)  # type: ignore[arg-type]


async def test_audit_is_append_only_newest_first(db: Database) -> None:
    await record(db, 5, "grant", "ok", "user 6 role staff")
    await record(db, 9, "announce", "refused", "needs staff")
    entries = await recent(db, 10)
    assert [(e.user_id, e.action, e.outcome) for e in entries] == [
        (9, "announce", "refused"), (5, "grant", "ok")
    ]
    assert len(await recent(db, 1)) == 1
    with pytest.raises(ValueError):
        await record(db, 5, "grant", "maybe")  # type: ignore[arg-type]


# --- drafts and schedules ------------------------------------------------------------------


async def test_draft_lifecycle_and_single_claim(db: Database) -> None:
    first = await start_draft(db, 77)
    second = await start_draft(db, 77)
    old = await get_announcement(db, first.id)
    assert old is not None and old.state == "discarded"  # one draft at a time per author
    draft = await update_draft(
        db, second.id, step="priority", mode="each", texts={"ar": "نص"},
        audience=Audience("camp", CAMP),
    )
    assert draft is not None and draft.audience == Audience("camp", CAMP)
    assert draft.texts == {"ar": "نص"} and draft.priority is None
    draft = await update_draft(db, second.id, step="preview", priority="urgent")
    assert draft is not None and draft.priority == "urgent" and draft.mode == "each"
    assert await claim_draft(db, second.id, "sent") is True
    assert await claim_draft(db, second.id, "sent") is False  # a second press sends nothing
    assert await update_draft(db, second.id, step="mode") is None


async def test_schedule_runs_are_claimed_once(db: Database) -> None:
    draft = await start_draft(db, 77)
    rule = Rule("daily", time(9, 0))
    due = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    following = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
    schedule = await create_schedule(db, draft.id, 77, rule, due)
    assert schedule is not None and schedule.next_run == due and schedule.rule == rule
    assert await create_schedule(db, draft.id, 77, rule, due) is None  # no longer a draft
    assert await begin_run(db, schedule.id, due, following) is True
    assert await begin_run(db, schedule.id, due, following) is False  # a duplicate timer
    assert await unfinished_runs(db) == [(schedule.id, due)]
    await finish_run(db, schedule.id, due, "sent", 5)
    assert await run_outcome(db, schedule.id, due) == ("sent", 5)
    assert await unfinished_runs(db) == []
    later = await get_schedule(db, schedule.id)
    assert later is not None and later.next_run == following and later.state == "active"
    # Missed runs are recorded and the schedule moves on.
    then = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
    assert await record_missed(db, schedule.id, following, [following], then)
    assert await run_outcome(db, schedule.id, following) == ("missed", None)
    assert await cancel_schedule(db, schedule.id, 78) is True
    assert await cancel_schedule(db, schedule.id, 78) is False
    cancelled = await get_schedule(db, schedule.id)
    assert cancelled is not None and cancelled.state == "cancelled" and cancelled.next_run is None
    assert await begin_run(db, schedule.id, then, None) is False


async def test_one_off_schedule_ends(db: Database) -> None:
    draft = await start_draft(db, 77)
    due = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    schedule = await create_schedule(db, draft.id, 77, Rule("once", time(9), date(2026, 11, 25)), due)
    assert schedule is not None
    assert await begin_run(db, schedule.id, due, None)
    done = await get_schedule(db, schedule.id)
    assert done is not None and done.state == "done" and done.next_run is None
    other = await create_schedule(
        db, (await start_draft(db, 78)).id, 78, Rule("once", time(9), date(2026, 11, 25)), due
    )
    assert other is not None
    assert await record_missed(db, other.id, due, [due], None)
    missed = await get_schedule(db, other.id)
    assert missed is not None and missed.state == "missed"
