"""Storage: migrations recorded once, WAL and foreign keys, atomic writes, online backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage import Database, Migration, MigrationError, load_migrations
from bot.storage.residents import (
    count_by_language,
    delete_resident,
    get_resident,
    set_active,
    set_language,
)


async def test_open_applies_migrations_once(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    db = await Database.open(path)
    try:
        versions = await db.applied_versions()
        assert versions == [m.version for m in load_migrations()]
        row = await db.fetch_one("PRAGMA journal_mode")
        assert row is not None and row[0] == "wal"
        row = await db.fetch_one("PRAGMA foreign_keys")
        assert row is not None and row[0] == 1
        assert await db.migrate(load_migrations()) == []
    finally:
        await db.close()
    db = await Database.open(path)  # reopening applies nothing new
    try:
        assert await db.applied_versions() == versions
    finally:
        await db.close()


async def test_unknown_newer_migration_is_refused(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.sqlite3")
    try:
        future = [*load_migrations(), Migration(99, "future", "SELECT 1;")]
        with pytest.raises(MigrationError):
            await db.migrate(future)  # gap: 99 after n
        await db.execute(
            "INSERT INTO schema_migrations VALUES (999, 'newer', '2030-01-01')"
        )
        with pytest.raises(MigrationError, match="newer version"):
            await db.migrate(load_migrations())
    finally:
        await db.close()


async def test_failed_migration_leaves_nothing(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.sqlite3")
    try:
        n = len(load_migrations())
        bad = [*load_migrations(), Migration(n + 1, "bad", "CREATE TABLE t (x);\nNOT SQL;")]
        with pytest.raises(sqlite3.OperationalError):
            await db.migrate(bad)
        assert await db.fetch_one("SELECT name FROM sqlite_master WHERE name = 't'") is None
        assert n + 1 not in await db.applied_versions()
    finally:
        await db.close()


async def test_transaction_rolls_back(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.sqlite3")
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO residents (chat_id, language, created_at, updated_at)"
                    " VALUES (1, 'ar', 'now', 'now')"
                )
                raise RuntimeError("boom")
        assert await get_resident(db, 1) is None
    finally:
        await db.close()


async def test_resident_repository(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.sqlite3")
    try:
        assert await get_resident(db, 7) is None
        await set_language(db, 7, "ckb")
        await set_language(db, 8, "ar")
        await set_language(db, 7, "ku")
        resident = await get_resident(db, 7)
        assert resident is not None and resident.language == "ku" and resident.active
        assert await set_active(db, 7, False)
        resident = await get_resident(db, 7)
        assert resident is not None and not resident.active
        assert not await set_active(db, 99, False)
        assert await count_by_language(db) == {"ku": 1, "ar": 1}
        with pytest.raises(sqlite3.IntegrityError):
            await set_language(db, 9, "fr")
        assert await delete_resident(db, 7)
        assert await get_resident(db, 7) is None
        assert not await delete_resident(db, 7)
    finally:
        await db.close()


async def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.sqlite3")
    try:
        for chat in range(1, 201):
            await set_language(db, chat, "ar")
        await db.backup(tmp_path / "copy.sqlite3")
    finally:
        await db.close()
    copy = await Database.open(tmp_path / "copy.sqlite3", migrate=False)
    try:
        assert await count_by_language(copy) == {"ar": 200}
    finally:
        await copy.close()
    assert not (tmp_path / "copy.sqlite3.partial").exists()
