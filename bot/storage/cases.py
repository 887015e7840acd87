"""Cases as their resident sees them: open one, add to it, list one's own, erase content.

A case is always looked up by its number AND the resident's chat: a forged number, or
someone else's, is simply not found. What a resident is shown never includes staff's
internal notes. Staff's queue, answers, notes and closing are
:mod:`bot.storage.case_queue`'s.

Content (message texts and photo file_ids) is erased after ``[feedback] retention_days``
of inactivity (:func:`erase_inactive`) and by /forget (:func:`erase_chat_cases`, inside
:func:`bot.storage.residents.delete_resident`'s transaction); the number, topic, camp,
dates and outcome stay for statistics.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.cases.export import CaseFact
from bot.cases.numbers import new_number
from bot.cases.retention import stamp
from bot.domain.cases import CaseState, Gender, Outcome, Topic
from bot.storage.db import Database

__all__ = [
    "Added",
    "CaseSummary",
    "OpenedCase",
    "add_resident_message",
    "case_facts",
    "count_chat_cases",
    "erase_chat_cases",
    "erase_inactive",
    "find_case",
    "my_cases",
    "open_case",
]

Added = Literal["added", "closed", "not_found"]
_TRIES = 8  # number collisions are one in millions; a loop of them means something else


@dataclass(frozen=True)
class OpenedCase:
    id: int
    number: str


@dataclass(frozen=True)
class CaseSummary:
    """A case as its resident sees it: never a note, never who handles it."""

    number: str
    topic: Topic
    state: CaseState
    outcome: Outcome | None
    created_at: datetime
    last_answer: str | None  # the newest staff answer still kept
    erased: bool


async def open_case(
    db: Database,
    *,
    chat_id: int,
    topic: Topic,
    camp_id: int | None,
    language: str,
    gender_wanted: Gender | None,
    body: str | None,
    photo: str | None,
    now: datetime,
) -> OpenedCase:
    """The case and its first message, in one transaction (both or neither)."""
    at = stamp(now)
    for _ in range(_TRIES):
        number = new_number()
        try:
            async with db.transaction() as conn:
                cursor = await conn.execute(
                    "INSERT INTO cases (number, chat_id, topic, camp_id, language,"
                    " gender_wanted, created_at, updated_at)"
                    " VALUES (?, ?, ?, (SELECT id FROM camps WHERE id = ?), ?, ?, ?, ?)",
                    (number, chat_id, topic, camp_id, language, gender_wanted, at, at),
                )
                case_id = int(cursor.lastrowid or 0)
                await cursor.close()
                await _insert_message(conn, case_id, body, photo, at)
        except sqlite3.IntegrityError as error:
            if "cases.number" not in str(error):
                raise
            continue
        return OpenedCase(case_id, number)
    raise RuntimeError("no free case number after several tries")


async def _insert_message(
    conn: aiosqlite.Connection, case_id: int, body: str | None, photo: str | None, at: str
) -> None:
    async with conn.execute(
        "INSERT INTO case_messages (case_id, author, body, photo, created_at)"
        " VALUES (?, 'resident', ?, ?, ?)",
        (case_id, body or None, photo, at),
    ):
        pass


async def add_resident_message(
    db: Database, chat_id: int, number: str, *, body: str | None, photo: str | None,
    now: datetime,
) -> Added:
    """Add to the resident's own case; a closed case takes nothing more."""
    at = stamp(now)
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT id, state FROM cases WHERE number = ? AND chat_id = ?", (number, chat_id)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return "not_found"
        if row[1] == "closed":
            return "closed"
        await _insert_message(conn, int(row[0]), body, photo, at)
        async with conn.execute(
            "UPDATE cases SET updated_at = ? WHERE id = ?", (at, int(row[0]))
        ):
            pass
    return "added"


_SUMMARY = (
    "SELECT c.number, c.topic, c.state, c.outcome, c.created_at, c.erased_at,"
    " (SELECT m.body FROM case_messages m WHERE m.case_id = c.id AND m.author = 'staff'"
    "  AND m.body IS NOT NULL ORDER BY m.id DESC LIMIT 1)"
    " FROM cases c"
)


def _summary(row: aiosqlite.Row) -> CaseSummary:
    return CaseSummary(
        number=row[0],
        topic=row[1],
        state=row[2],
        outcome=row[3],
        created_at=datetime.fromisoformat(row[4]),
        last_answer=row[6],
        erased=row[5] is not None,
    )


async def my_cases(db: Database, chat_id: int, limit: int = 10) -> list[CaseSummary]:
    """The resident's newest cases, open ones first."""
    rows = await db.fetch_all(
        _SUMMARY + " WHERE c.chat_id = ?"
        " ORDER BY c.state = 'closed', c.created_at DESC, c.id DESC LIMIT ?",
        (chat_id, limit),
    )
    return [_summary(row) for row in rows]


async def find_case(db: Database, chat_id: int, number: str) -> CaseSummary | None:
    """The case with this number if it is this resident's; None otherwise (not theirs,
    forged, or never existed: the resident cannot tell which)."""
    row = await db.fetch_one(_SUMMARY + " WHERE c.number = ? AND c.chat_id = ?", (number, chat_id))
    return None if row is None else _summary(row)


async def count_chat_cases(db: Database, chat_id: int) -> int:
    """How many cases the resident has (any state)."""
    row = await db.fetch_one("SELECT COUNT(*) FROM cases WHERE chat_id = ?", (chat_id,))
    return int(row[0]) if row else 0


async def erase_inactive(db: Database, before: datetime, now: datetime) -> int:
    """Erase the content of cases with no activity since ``before``; how many cases."""
    cutoff, at = stamp(before), stamp(now)
    async with db.transaction() as conn:
        async with conn.execute(
            "UPDATE case_messages SET body = NULL, photo = NULL WHERE case_id IN"
            " (SELECT id FROM cases WHERE updated_at < ?)"
            " AND (body IS NOT NULL OR photo IS NOT NULL)",
            (cutoff,),
        ):
            pass
        async with conn.execute(
            "UPDATE cases SET erased_at = ? WHERE updated_at < ? AND erased_at IS NULL",
            (at, cutoff),
        ) as cursor:
            return cursor.rowcount


async def erase_chat_cases(conn: aiosqlite.Connection, chat_id: int, now: datetime) -> int:
    """/forget, inside the caller's transaction: the chat's cases lose their content and
    their link to the chat; how many cases.

    Open ones are closed too, as ``no_response``: with no words left and nobody to answer,
    they are no one's work any more, and would otherwise wait in staff's queue and be
    reminded every day. Nobody is told (there is no chat left to tell); the number, topic,
    camp and dates stay for the statistics, like those of any closed case.
    """
    at = stamp(now)
    async with conn.execute(
        "UPDATE case_messages SET body = NULL, photo = NULL"
        " WHERE case_id IN (SELECT id FROM cases WHERE chat_id = ?)",
        (chat_id,),
    ):
        pass
    async with conn.execute(
        "UPDATE cases SET chat_id = NULL, erased_at = COALESCE(erased_at, ?), updated_at = ?,"
        " state = 'closed', outcome = COALESCE(outcome, 'no_response'),"
        " closed_at = COALESCE(closed_at, ?) WHERE chat_id = ?",
        (at, at, at, chat_id),
    ) as cursor:
        return cursor.rowcount


async def case_facts(db: Database) -> list[CaseFact]:
    """What the aggregate export reads of every case: topic, camp code, dates."""
    rows = await db.fetch_all(
        "SELECT c.topic, camps.code, c.created_at, c.first_answer_at, c.closed_at"
        " FROM cases c LEFT JOIN camps ON camps.id = c.camp_id ORDER BY c.id"
    )
    return [
        CaseFact(
            topic=row[0],
            camp_code=row[1],
            created_at=datetime.fromisoformat(row[2]),
            first_answer_at=datetime.fromisoformat(row[3]) if row[3] else None,
            closed_at=datetime.fromisoformat(row[4]) if row[4] else None,
        )
        for row in rows
    ]
