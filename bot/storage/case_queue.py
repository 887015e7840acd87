"""The staff side of cases: who answers which (helpdesk camps, focal points' gender), the
queue they read, and what they do to a case (take, answer, note, refer, close).

The resident side (creating cases, /mycases, erasing) is :mod:`bot.storage.cases`. Every
query here is filtered by a :class:`Reader` — what one staff member may read — so a
sensitive report never reaches a helpdesk query, whatever the caller forgets. The queue
reads the ``cases_queue`` index (topic, state, camp_id, created_at).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.cases.retention import stamp
from bot.domain.cases import OPEN_STATES, TOPICS, Author, CaseState, Gender, Outcome, Topic
from bot.storage.db import Database

__all__ = [
    "CaseRow",
    "Message",
    "Reader",
    "Tally",
    "add_message",
    "case_by_id",
    "case_by_number",
    "case_messages",
    "close_case",
    "count_open_sensitive",
    "count_queue",
    "focal_points",
    "forget_staff",
    "helpdesk_camps",
    "helpdesk_members",
    "mark_reminded",
    "may_read",
    "overdue_cases",
    "queue_page",
    "queue_sql",
    "refer_outside",
    "refer_to_camp",
    "set_focal_point",
    "set_helpdesk_camps",
    "set_helped",
    "take_case",
    "tally",
]

_OPEN = "(" + ", ".join(f"'{state}'" for state in OPEN_STATES) + ")"
_ORDINARY = tuple(topic for topic in TOPICS if topic != "sensitive")
_COLUMNS = (
    "id, number, chat_id, topic, camp_id, language, gender_wanted, state, assignee_id,"
    " referred_to, outcome, helped, created_at, first_answer_at, closed_at"
)


@dataclass(frozen=True)
class Reader:
    """What one staff member may read: the camps whose ordinary cases they answer (None:
    every camp, for administrators), and whether they read sensitive reports (protection
    focal points), with the gender they declared (None: only reports that asked for none).
    """

    camps: frozenset[int] | None
    sensitive: bool = False
    gender: Gender | None = None


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    chat_id: int | None  # never shown to staff
    topic: Topic
    camp_id: int | None
    language: str
    gender_wanted: Gender | None
    state: CaseState
    assignee_id: int | None
    referred_to: str | None
    outcome: Outcome | None
    helped: bool | None
    created_at: str
    first_answer_at: str | None
    closed_at: str | None


@dataclass(frozen=True)
class Message:
    id: int
    author: Author
    staff_id: int | None
    body: str | None  # None once erased
    photo: str | None
    created_at: str


def _case(row: Sequence[Any]) -> CaseRow:
    return CaseRow(
        id=row[0], number=row[1], chat_id=row[2], topic=row[3], camp_id=row[4],
        language=row[5], gender_wanted=row[6], state=row[7], assignee_id=row[8],
        referred_to=row[9], outcome=row[10],
        helped=None if row[11] is None else bool(row[11]),
        created_at=row[12], first_answer_at=row[13], closed_at=row[14],
    )


def may_read(case: CaseRow, reader: Reader) -> bool:
    """The one rule: sensitive reports to focal points (of the gender asked for, if any),
    every other case to the helpdesk of its camp."""
    if case.topic == "sensitive":
        return reader.sensitive and case.gender_wanted in (None, reader.gender)
    return reader.camps is None or case.camp_id in reader.camps


def queue_sql(reader: Reader, columns: str = _COLUMNS) -> tuple[str, list[Any]]:
    """A compound SELECT of the reader's open cases (one branch per kind of case, each
    searching the ``cases_queue`` index), and its parameters."""
    branches: list[str] = []
    params: list[Any] = []
    if reader.camps is None or reader.camps:
        topics = ", ".join(f"'{topic}'" for topic in _ORDINARY)
        where = f"topic IN ({topics}) AND state IN {_OPEN}"
        if reader.camps is not None:
            where += f" AND camp_id IN ({', '.join('?' * len(reader.camps))})"
            params += sorted(reader.camps)
        branches.append(f"SELECT {columns} FROM cases WHERE {where}")
    if reader.sensitive:
        genders = "gender_wanted IS NULL"
        if reader.gender is not None:
            genders = "(gender_wanted IS NULL OR gender_wanted = ?)"
            params.append(reader.gender)
        branches.append(
            f"SELECT {columns} FROM cases WHERE topic = 'sensitive' AND state IN {_OPEN}"
            f" AND {genders}"
        )
    if not branches:
        branches.append(f"SELECT {columns} FROM cases WHERE 0")
    return " UNION ALL ".join(branches), params


async def queue_page(db: Database, reader: Reader, offset: int, limit: int) -> list[CaseRow]:
    """The reader's open cases, oldest first."""
    select, params = queue_sql(reader)
    rows = await db.fetch_all(
        f"{select} ORDER BY created_at, id LIMIT ? OFFSET ?", (*params, limit, offset)
    )
    return [_case(row) for row in rows]


async def count_queue(db: Database, reader: Reader) -> int:
    select, params = queue_sql(reader, "id")
    row = await db.fetch_one(f"SELECT count(*) FROM ({select})", params)
    return int(row[0]) if row else 0


async def count_open_sensitive(db: Database) -> int:
    """For administrators without the protection role: how many, never which."""
    row = await db.fetch_one(
        f"SELECT count(*) FROM cases WHERE topic = 'sensitive' AND state IN {_OPEN}"
    )
    return int(row[0]) if row else 0


async def case_by_id(db: Database, case_id: int) -> CaseRow | None:
    row = await db.fetch_one(f"SELECT {_COLUMNS} FROM cases WHERE id = ?", (case_id,))
    return _case(row) if row else None


async def case_by_number(db: Database, number: str) -> CaseRow | None:
    row = await db.fetch_one(f"SELECT {_COLUMNS} FROM cases WHERE number = ?", (number,))
    return _case(row) if row else None


async def case_messages(db: Database, case_id: int) -> list[Message]:
    rows = await db.fetch_all(
        "SELECT id, author, staff_id, body, photo, created_at FROM case_messages"
        " WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    return [Message(*row) for row in rows]


# --- what staff do ---------------------------------------------------------------------------
# Each moves ``updated_at`` (retention counts from it) to ``now``, the bot's clock, like the
# resident side's writes (:mod:`bot.storage.cases`): one clock for every date of a case.


async def take_case(db: Database, case_id: int, staff_id: int, *, now: datetime) -> bool:
    """Assign the case to ``staff_id`` (an open one becomes taken); False if closed."""
    changed = await db.execute(
        "UPDATE cases SET assignee_id = ?, updated_at = ?,"
        " state = CASE state WHEN 'open' THEN 'taken' ELSE state END"
        " WHERE id = ? AND state <> 'closed'",
        (staff_id, stamp(now), case_id),
    )
    return changed > 0


async def add_message(
    db: Database, case_id: int, author: Author, staff_id: int, body: str, *, now: datetime
) -> bool:
    """A staff answer (the case becomes answered) or an internal note, in one transaction;
    False (nothing written) when the case was closed in the meantime."""
    at = stamp(now)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE cases SET updated_at = ?"
            + (
                ", state = CASE state WHEN 'referred' THEN state ELSE 'answered' END,"
                " first_answer_at = coalesce(first_answer_at, ?)"
                if author == "staff" else ""
            )
            + " WHERE id = ? AND state <> 'closed'",
            (at, at, case_id) if author == "staff" else (at, case_id),
        )
        if cursor.rowcount == 0:
            return False
        await conn.execute(
            "INSERT INTO case_messages (case_id, author, staff_id, body, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (case_id, author, staff_id, body, at),
        )
    return True


async def refer_to_camp(db: Database, case_id: int, camp_id: int, *, now: datetime) -> bool:
    """The case moves to another camp's helpdesk, waiting there as a new case would."""
    changed = await db.execute(
        "UPDATE cases SET camp_id = ?, referred_to = ?, state = 'open', assignee_id = NULL,"
        " updated_at = ? WHERE id = ? AND state <> 'closed' AND topic <> 'sensitive'",
        (camp_id, f"camp:{camp_id}", stamp(now), case_id),
    )
    return changed > 0


async def refer_outside(db: Database, case_id: int, where: str, *, now: datetime) -> bool:
    changed = await db.execute(
        "UPDATE cases SET referred_to = ?, state = 'referred', updated_at = ?"
        " WHERE id = ? AND state <> 'closed'",
        (f"outside: {where}", stamp(now), case_id),
    )
    return changed > 0


async def close_case(db: Database, case_id: int, outcome: Outcome, *, now: datetime) -> bool:
    at = stamp(now)
    changed = await db.execute(
        "UPDATE cases SET state = 'closed', outcome = ?, closed_at = ?, updated_at = ?"
        " WHERE id = ? AND state <> 'closed'",
        (outcome, at, at, case_id),
    )
    return changed > 0


async def set_helped(
    db: Database, case_id: int, chat_id: int, helped: bool, *, now: datetime
) -> bool:
    """The resident's answer to "Did this help?": only theirs, only once closed."""
    changed = await db.execute(
        "UPDATE cases SET helped = ?, updated_at = ?"
        " WHERE id = ? AND chat_id = ? AND state = 'closed'",
        (int(helped), stamp(now), case_id, chat_id),
    )
    return changed > 0


# --- who answers which -------------------------------------------------------------------------


async def set_helpdesk_camps(db: Database, user_id: int, camp_ids: Iterable[int]) -> None:
    """The camps a helpdesk member answers, replacing any before."""
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM helpdesk_camps WHERE user_id = ?", (user_id,))
        await conn.executemany(
            "INSERT INTO helpdesk_camps (user_id, camp_id) VALUES (?, ?)",
            [(user_id, camp_id) for camp_id in sorted(set(camp_ids))],
        )


async def helpdesk_camps(db: Database, user_id: int) -> frozenset[int]:
    rows = await db.fetch_all("SELECT camp_id FROM helpdesk_camps WHERE user_id = ?", (user_id,))
    return frozenset(int(row[0]) for row in rows)


async def helpdesk_members(db: Database) -> dict[int, frozenset[int]]:
    """Every member holding the helpdesk role now, with their camps."""
    rows = await db.fetch_all(
        "SELECT r.user_id, h.camp_id FROM roles r LEFT JOIN helpdesk_camps h"
        " ON h.user_id = r.user_id WHERE r.role = 'helpdesk'"
    )
    members: dict[int, set[int]] = {}
    for user_id, camp_id in rows:
        members.setdefault(int(user_id), set())
        if camp_id is not None:
            members[int(user_id)].add(int(camp_id))
    return {user_id: frozenset(camps) for user_id, camps in members.items()}


async def set_focal_point(db: Database, user_id: int, gender: Gender | None) -> None:
    await db.execute(
        "INSERT INTO focal_points (user_id, gender) VALUES (?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET gender = excluded.gender",
        (user_id, gender),
    )


async def focal_points(db: Database) -> dict[int, Gender | None]:
    """Every member holding the protection role now, with the gender they declared."""
    rows = await db.fetch_all(
        "SELECT r.user_id, f.gender FROM roles r LEFT JOIN focal_points f"
        " ON f.user_id = r.user_id WHERE r.role = 'protection'"
    )
    return {int(user_id): gender for user_id, gender in rows}


async def forget_staff(db: Database, user_id: int, role: str | None) -> None:
    """After /revoke: the camps of a former helpdesk member, the gender of a former focal
    point (``None``: every role was revoked)."""
    if role in (None, "helpdesk"):
        await db.execute("DELETE FROM helpdesk_camps WHERE user_id = ?", (user_id,))
    if role in (None, "protection"):
        await db.execute("DELETE FROM focal_points WHERE user_id = ?", (user_id,))


# --- reminders and the digest ------------------------------------------------------------------


async def overdue_cases(db: Database, created_before: str, reminded_before: str) -> list[CaseRow]:
    """Open cases without any answer, older than ``created_before`` and not reminded since
    ``reminded_before`` (UTC ISO-8601), oldest first."""
    rows = await db.fetch_all(
        f"SELECT {_COLUMNS} FROM cases WHERE state IN {_OPEN} AND first_answer_at IS NULL"
        " AND created_at < ? AND (reminded_at IS NULL OR reminded_at < ?)"
        " ORDER BY created_at, id",
        (created_before, reminded_before),
    )
    return [_case(row) for row in rows]


async def mark_reminded(db: Database, case_ids: Iterable[int], at: str) -> None:
    await db.executemany(
        "UPDATE cases SET reminded_at = ? WHERE id = ?", [(at, i) for i in case_ids]
    )


@dataclass(frozen=True)
class Tally:
    """Counts for the weekly digest: still open, answered since, waiting past the limit."""

    open: int
    answered: int
    overdue: int


async def tally(
    db: Database, since: str, overdue_before: str
) -> tuple[dict[int | None, Tally], Tally]:
    """Ordinary cases per camp, and sensitive reports all together (never per camp)."""
    rows = await db.fetch_all(
        "SELECT CASE topic WHEN 'sensitive' THEN -1 ELSE camp_id END AS bucket,"
        f" sum(state IN {_OPEN}),"
        " sum(first_answer_at IS NOT NULL AND first_answer_at >= ?),"
        f" sum(state IN {_OPEN} AND first_answer_at IS NULL AND created_at < ?)"
        " FROM cases GROUP BY bucket",
        (since, overdue_before),
    )
    per_camp: dict[int | None, Tally] = {}
    sensitive = Tally(0, 0, 0)
    for bucket, opened, answered, overdue in rows:
        counts = Tally(int(opened or 0), int(answered or 0), int(overdue or 0))
        if bucket == -1:
            sensitive = counts
        elif counts != Tally(0, 0, 0):
            per_camp[bucket] = counts
    return per_camp, sensitive
