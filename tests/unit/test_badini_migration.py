"""Migration 0009 rebuilds residents for Badini: every row, subscription, queued message and
the /forget trigger survive it, and the new language list is enforced."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage import Database, Migration, MigrationError, load_migrations
from bot.storage.residents import delete_resident, get_resident, set_language

NOW = "2026-12-01T10:00:00+00:00"


def _before_badini() -> list[Migration]:
    return [m for m in load_migrations() if m.version < 9]


def _badini() -> Migration:
    return next(m for m in load_migrations() if m.name == "badini")


async def _fill(db: Database) -> None:
    """Two residents, each with a subscription and a queued message (as before 0009)."""
    for chat_id, lang in ((11, "ar"), (12, "ku")):
        await db.execute(
            "INSERT INTO residents (chat_id, language, created_at, updated_at, alerts_paused)"
            " VALUES (?, ?, ?, ?, ?)",
            (chat_id, lang, NOW, NOW, chat_id == 12),
        )
        await db.execute(
            "INSERT INTO subscriptions (chat_id, topic, created_at) VALUES (?, 'food', ?)",
            (chat_id, NOW),
        )
    await db.execute(
        "INSERT INTO broadcasts (id, created_by, created_at, priority, kind, total)"
        " VALUES (1, 5, ?, 1, 'announcement', 2)",
        (NOW,),
    )
    await db.execute("INSERT INTO outbox_contents (id, broadcast_id, text) VALUES (1, 1, 'x')")
    for chat_id in (11, 12):
        await db.execute(
            "INSERT INTO outbox_messages (broadcast_id, content_id, chat_id, priority)"
            " VALUES (1, 1, ?, 1)",
            (chat_id,),
        )


async def _attached(db: Database) -> set[tuple[str, str, str]]:
    """The triggers and indexes on residents, and what other tables say of it."""
    rows = await db.fetch_all(
        "SELECT type, name, sql FROM sqlite_master WHERE (tbl_name = 'residents'"
        " AND type <> 'table') OR (sql LIKE '%REFERENCES residents%')"
    )
    return {(row[0], row[1], " ".join(str(row[2]).split())) for row in rows}


async def _count(db: Database, sql: str) -> int:
    row = await db.fetch_one(sql)
    assert row is not None
    return int(row[0])


async def test_the_rebuild_keeps_every_row_and_what_hangs_on_residents(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.sqlite3", migrate=False)
    try:
        await db.migrate(_before_badini())
        await _fill(db)
        attached = await _attached(db)
        assert {("trigger", "outbox_forget_resident"), ("table", "subscriptions")} <= {
            (kind, name) for kind, name, _ in attached
        }
        with pytest.raises(sqlite3.IntegrityError):
            await set_language(db, 13, "kmr_Arab")  # not yet a language the table knows
        assert await db.migrate(load_migrations()) == [
            m.version for m in load_migrations() if m.version >= 9
        ]

        # Every trigger and index of the old table is there again, as it was.
        assert await _attached(db) == attached
        kept = await db.fetch_all("SELECT chat_id, language, alerts_paused FROM residents")
        assert sorted(tuple(row) for row in kept) == [(11, "ar", 0), (12, "ku", 1)]
        assert await _count(db, "SELECT COUNT(*) FROM subscriptions") == 2
        assert await _count(db, "SELECT COUNT(*) FROM outbox_messages") == 2
        row = await db.fetch_one("PRAGMA foreign_keys")
        assert row is not None and row[0] == 1, "foreign keys are on again"

        resident = await set_language(db, 13, "kmr_Arab")
        assert resident.language == "kmr_Arab"
        with pytest.raises(sqlite3.IntegrityError):
            await set_language(db, 14, "ku_Arab")

        # /forget still cascades to subscriptions and, through the trigger, the outbox.
        await delete_resident(db, 11)
        assert await get_resident(db, 11) is None
        assert await _count(db, "SELECT COUNT(*) FROM subscriptions WHERE chat_id = 11") == 0
        assert await _count(db, "SELECT COUNT(*) FROM outbox_messages WHERE chat_id = 11") == 0
        assert await _count(db, "SELECT COUNT(*) FROM outbox_messages WHERE chat_id = 12") == 1
    finally:
        await db.close()


async def test_a_rebuild_that_breaks_a_reference_is_rolled_back(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.sqlite3", migrate=False)
    try:
        await db.migrate(_before_badini())
        await _fill(db)
        # The same rebuild, but one resident is left behind: its subscription points nowhere.
        lossy = _badini().sql.replace("FROM residents;", "FROM residents WHERE chat_id <> 11;")
        assert lossy != _badini().sql
        with pytest.raises(MigrationError, match="subscriptions"):
            await db.migrate([*_before_badini(), Migration(9, "badini", lossy)])
        assert await db.applied_versions() == [m.version for m in _before_badini()]
        assert await _count(db, "SELECT COUNT(*) FROM residents") == 2
        row = await db.fetch_one("PRAGMA foreign_keys")
        assert row is not None and row[0] == 1
    finally:
        await db.close()
