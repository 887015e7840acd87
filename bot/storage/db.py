"""The one SQLite connection the application owns, its migrations and online backup."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

__all__ = [
    "Database", "Migration", "MigrationError", "StorageError", "load_migrations", "utc_now",
]

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=5000",
)
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# A migration that begins with this line rebuilds a table the SQLite way
# (https://sqlite.org/lang_altertable.html#otheralter): it runs with foreign keys off, so
# dropping the old table cascades to nothing, and they are checked before it commits.
_FOREIGN_KEYS_OFF = "-- foreign_keys: off\n"


def _probe(path: Path) -> None:
    sqlite3.connect(path).close()


class StorageError(RuntimeError):
    """The database cannot be opened or written where the configuration puts it."""


class MigrationError(RuntimeError):
    """The migrations on disk do not fit the database."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def utc_now() -> str:
    """Timestamps are stored as UTC ISO-8601 text, which sorts in time order."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def load_migrations() -> list[Migration]:
    """Read ``NNNN_name.sql`` files shipped in the package, in version order."""
    found: list[Migration] = []
    for entry in resources.files("bot.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    _check_sequence(found)
    return found


def _check_sequence(migrations: Sequence[Migration]) -> None:
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(migrations) + 1)):
        raise MigrationError(f"migrations must be numbered 1..n without gaps, found {versions}")


class Database:
    """Wraps one aiosqlite connection: WAL, foreign keys, explicit serialised transactions.

    The connection is in autocommit mode; every multi-statement write goes through
    :meth:`transaction`, which holds a lock so concurrent handlers never interleave
    statements inside one another's transaction.
    """

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self.path = path

    @classmethod
    async def open(cls, path: Path, *, migrate: bool = True) -> Database:
        """Open (and migrate) the database; :class:`StorageError` names the file and the
        reason when it cannot be (a read-only folder, a missing disk, not a database)."""
        try:
            return await cls._open(path, migrate=migrate)
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            raise StorageError(
                f"cannot use the database {path}: {error.strerror or error}{where}"
            ) from error
        except sqlite3.Error as error:
            raise StorageError(f"cannot use the database {path}: {error}") from error

    @classmethod
    async def _open(cls, path: Path, *, migrate: bool) -> Database:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Tried first with the standard module: when aiosqlite's connect fails, its worker
        # thread outlives the event loop and prints a traceback at exit.
        await asyncio.to_thread(_probe, path)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            for pragma in _PRAGMAS:
                # Exhaust each cursor: an unfinished statement would block VACUUM INTO.
                async with conn.execute(pragma) as cursor:
                    await cursor.fetchall()
            db = cls(conn, path)
            if migrate:
                await db.migrate(load_migrations())
        except BaseException:
            await conn.close()
            raise
        return db

    async def close(self) -> None:
        await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error: nothing is half-written."""
        async with self._lock:
            await _run(self._conn, "BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await _run(self._conn, "ROLLBACK")
                raise
            await _run(self._conn, "COMMIT")

    # Each call below is ONE hand-off to aiosqlite's thread: under load, hand-offs (not
    # SQLite) were the cost of a resident's answer (measured with cProfile at 50 residents).

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        rows = await self._conn.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """One write statement, atomic on its own (autocommit); returns the rows changed.

        The lock keeps it out of another task's open transaction, where a rollback
        would take it away too.
        """
        async with self._lock:
            # A finished write leaves no open statement, so the cursor needs no closing.
            cursor = await self._conn.execute(sql, params)
            return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)

    async def applied_versions(self) -> list[int]:
        await _run(
            self._conn,
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        rows = await self.fetch_all("SELECT version FROM schema_migrations ORDER BY version")
        return [int(row[0]) for row in rows]

    async def migrate(self, migrations: Sequence[Migration]) -> list[int]:
        """Apply the migrations not yet recorded, each atomically; return the new versions."""
        _check_sequence(migrations)
        applied = set(await self.applied_versions())
        known = {m.version for m in migrations}
        if applied - known:
            raise MigrationError(
                f"the database has migrations {sorted(applied - known)} this code does not know;"
                " it was written by a newer version of Daleel"
            )
        done: list[int] = []
        for migration in migrations:
            if migration.version in applied:
                continue
            rebuilds = migration.sql.startswith(_FOREIGN_KEYS_OFF)
            if rebuilds:  # a no-op inside a transaction: switched before it begins
                await _run(self._conn, "PRAGMA foreign_keys=OFF")
            try:
                async with self.transaction() as conn:
                    for statement in _statements(migration.sql):
                        await _run(conn, statement)
                    if rebuilds:
                        await _check_foreign_keys(conn, migration)
                    await _run(
                        conn,
                        "INSERT INTO schema_migrations (version, name, applied_at)"
                        " VALUES (?, ?, ?)",
                        (migration.version, migration.name, utc_now()),
                    )
            finally:
                if rebuilds:
                    await _run(self._conn, "PRAGMA foreign_keys=ON")
            done.append(migration.version)
        return done

    async def backup(self, destination: Path) -> None:
        """A consistent copy while the bot runs: VACUUM INTO a temp file, check it, rename."""
        temporary = destination.with_name(destination.name + ".partial")
        await asyncio.to_thread(temporary.unlink, missing_ok=True)
        await _run(self._conn, "VACUUM INTO ?", (str(temporary),))
        async with aiosqlite.connect(temporary) as copy:
            async with copy.execute("PRAGMA integrity_check") as cursor:
                row = await cursor.fetchone()
            if row is None or row[0] != "ok":
                raise RuntimeError("the backup copy failed its integrity check")
        await asyncio.to_thread(temporary.replace, destination)


async def _check_foreign_keys(conn: aiosqlite.Connection, migration: Migration) -> None:
    """After a rebuild with foreign keys off: every reference must still point somewhere."""
    broken = list(await conn.execute_fetchall("PRAGMA foreign_key_check"))
    if broken:
        raise MigrationError(
            f"migration {migration.version} ({migration.name}) leaves {len(broken)} broken"
            f" reference(s), first in table {broken[0][0]}"
        )


async def _run(conn: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> None:
    """Execute and close the cursor at once, so no statement stays open."""
    async with conn.execute(sql, params):
        pass


def _statements(script: str) -> list[str]:
    """Split a script into statements; sqlite3.complete_statement understands triggers."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
