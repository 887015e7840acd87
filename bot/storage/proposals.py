"""Status proposals (migration 5): changes waiting for an operator's decision.

A proposal is ``pending`` until an operator confirms it (``confirmed``, with the history
row it became), rejects it, a newer proposal or status for the same area makes it moot
(``superseded``) or its time runs out (``expired``). Every state change is one UPDATE
guarded by ``state = 'pending'``, so two operators pressing at once cannot both win.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import aiosqlite

from bot.domain.records import Texts
from bot.domain.statuses import Origin
from bot.storage.db import Database
from bot.storage.status_notes import notes_json, read_notes

__all__ = [
    "FeedProposal",
    "Proposal",
    "ProposalState",
    "count_pending",
    "decide",
    "endorse",
    "expire_due",
    "feed_names",
    "get_proposal",
    "insert_feed_proposals",
    "insert_proposal",
    "load_proposal",
    "pending_for_area",
    "pending_keys_in",
    "pending_proposals",
    "pending_statuses_in",
    "proposals_for_area",
    "supersede_pending",
    "supersede_softenings",
]

ProposalState = Literal["pending", "confirmed", "rejected", "expired", "superseded"]

_COLUMNS = (
    "id, area_id, status, status_date, source, notes, origin, proposed_by, feed_id,"
    " base_history_id, urgent, created_at, expires_at, state, decided_by, decided_at,"
    " history_id"
)


@dataclass(frozen=True)
class Proposal:
    id: int
    area_id: int
    status: str
    status_date: datetime.date
    source: str
    note: str | None  # its language not stated
    origin: Origin
    proposed_by: int | None  # None: brought by a feed and not yet endorsed by an operator
    feed_id: int | None
    base_history_id: int | None
    urgent: bool
    created_at: str
    expires_at: str
    state: ProposalState
    decided_by: int | None
    decided_at: str | None
    history_id: int | None
    notes: Texts = field(default_factory=Texts)


def _proposal(row: aiosqlite.Row) -> Proposal:
    note, notes = read_notes(row[5])
    return Proposal(
        id=int(row[0]),
        area_id=int(row[1]),
        status=str(row[2]),
        status_date=datetime.date.fromisoformat(row[3]),
        source=str(row[4]),
        note=note,
        notes=notes,
        origin=row[6],
        proposed_by=None if row[7] is None else int(row[7]),
        feed_id=None if row[8] is None else int(row[8]),
        base_history_id=None if row[9] is None else int(row[9]),
        urgent=bool(row[10]),
        created_at=str(row[11]),
        expires_at=str(row[12]),
        state=row[13],
        decided_by=None if row[14] is None else int(row[14]),
        decided_at=row[15],
        history_id=None if row[16] is None else int(row[16]),
    )


async def get_proposal(db: Database, proposal_id: int) -> Proposal | None:
    row = await db.fetch_one(
        f"SELECT {_COLUMNS} FROM status_proposals WHERE id = ?", (proposal_id,)
    )
    return None if row is None else _proposal(row)


async def pending_proposals(db: Database, *, limit: int = 50) -> list[Proposal]:
    """Pending, urgent ones first, then oldest first."""
    rows = await db.fetch_all(
        f"SELECT {_COLUMNS} FROM status_proposals WHERE state = 'pending'"
        " ORDER BY urgent DESC, id LIMIT ?",
        (limit,),
    )
    return [_proposal(row) for row in rows]


async def pending_for_area(db: Database, area_id: int) -> list[Proposal]:
    rows = await db.fetch_all(
        f"SELECT {_COLUMNS} FROM status_proposals WHERE state = 'pending' AND area_id = ?"
        " ORDER BY id",
        (area_id,),
    )
    return [_proposal(row) for row in rows]


async def count_pending(db: Database) -> int:
    row = await db.fetch_one("SELECT COUNT(*) FROM status_proposals WHERE state = 'pending'")
    return int(row[0]) if row else 0


async def proposals_for_area(db: Database, area_id: int, *, limit: int = 20) -> list[Proposal]:
    """The area's proposals that did not become a status (pending, rejected, expired,
    superseded), newest first: the other half of its history."""
    rows = await db.fetch_all(
        f"SELECT {_COLUMNS} FROM status_proposals WHERE area_id = ? AND state != 'confirmed'"
        " ORDER BY id DESC LIMIT ?",
        (area_id, limit),
    )
    return [_proposal(row) for row in rows]


async def feed_names(db: Database, feed_ids: Iterable[int]) -> dict[int, str]:
    """Feed id → the name operators gave it (feeds deleted since are left out)."""
    wanted = sorted(set(feed_ids))
    if not wanted:
        return {}
    rows = await db.fetch_all(
        f"SELECT id, name FROM status_feeds WHERE id IN ({','.join('?' * len(wanted))})",
        wanted,
    )
    return {int(row[0]): str(row[1]) for row in rows}


# --- inside the caller's transaction ---------------------------------------------------


async def load_proposal(conn: aiosqlite.Connection, proposal_id: int) -> Proposal | None:
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM status_proposals WHERE id = ?", (proposal_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else _proposal(row)


async def insert_proposal(
    conn: aiosqlite.Connection,
    *,
    area_id: int,
    status: str,
    status_date: datetime.date,
    source: str,
    note: str | None,
    notes: Texts,
    origin: Origin,
    proposed_by: int | None,
    feed_id: int | None,
    base_history_id: int | None,
    urgent: bool,
    created_at: str,
    expires_at: str,
) -> int:
    async with conn.execute(
        "INSERT INTO status_proposals (area_id, status, status_date, source, notes, origin,"
        " proposed_by, feed_id, base_history_id, urgent, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            area_id, status, status_date.isoformat(), source, notes_json(note, notes), origin,
            proposed_by,
            feed_id, base_history_id, int(urgent), created_at, expires_at,
        ),
    ) as cursor:
        proposal_id = cursor.lastrowid
    assert proposal_id is not None
    return proposal_id


@dataclass(frozen=True)
class FeedProposal:
    """One change a feed brings, to be proposed."""

    area_id: int
    status: str
    status_date: datetime.date
    source: str
    note: str | None
    base_history_id: int | None
    urgent: bool
    notes: Texts = field(default_factory=Texts)


async def insert_feed_proposals(
    conn: aiosqlite.Connection,
    feed_id: int,
    proposals: Sequence[FeedProposal],
    *,
    now: str,
    expires_at: str,
) -> list[int]:
    """Propose every change a feed brings (retiring the feed's own older, unendorsed
    proposals for those areas) in a few statements; returns the new ids in order.

    Inside the caller's BEGIN IMMEDIATE transaction nobody else inserts, so the new rows
    are exactly those above the largest id seen before."""
    await conn.executemany(
        "UPDATE status_proposals SET state = 'superseded', decided_at = ?"
        " WHERE area_id = ? AND state = 'pending' AND feed_id = ? AND proposed_by IS NULL",
        [(now, p.area_id, feed_id) for p in proposals],
    )
    async with conn.execute("SELECT IFNULL(MAX(id), 0) FROM status_proposals") as cursor:
        row = await cursor.fetchone()
    before = int(row[0]) if row else 0
    await conn.executemany(
        "INSERT INTO status_proposals (area_id, status, status_date, source, notes, origin,"
        " proposed_by, feed_id, base_history_id, urgent, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, 'feed', NULL, ?, ?, ?, ?, ?)",
        [
            (
                p.area_id, p.status, p.status_date.isoformat(), p.source,
                notes_json(p.note, p.notes),
                feed_id,
                p.base_history_id, int(p.urgent), now, expires_at,
            )
            for p in proposals
        ],
    )
    async with conn.execute(
        "SELECT id FROM status_proposals WHERE id > ? ORDER BY id", (before,)
    ) as cursor:
        return [int(r[0]) for r in await cursor.fetchall()]


async def supersede_pending(
    conn: aiosqlite.Connection, area_id: int, statuses: Collection[str], *, now: str
) -> int:
    """Retire the area's pending proposals to one of ``statuses``; returns how many."""
    wanted = sorted(statuses)
    async with conn.execute(
        "UPDATE status_proposals SET state = 'superseded', decided_at = ?"
        f" WHERE area_id = ? AND state = 'pending' AND status IN ({','.join('?' * len(wanted))})",
        (now, area_id, *wanted),
    ) as cursor:
        return max(cursor.rowcount, 0)


async def supersede_softenings(conn: aiosqlite.Connection, area_id: int, *, now: str) -> int:
    """Retire the area's pending proposals that lower the warning or release the land (every
    one but a feed's urgent report of danger): each was made against the status residents
    were told then, so a newer status or a newer such proposal makes it moot. Returns how
    many."""
    async with conn.execute(
        "UPDATE status_proposals SET state = 'superseded', decided_at = ?"
        " WHERE area_id = ? AND state = 'pending' AND urgent = 0",
        (now, area_id),
    ) as cursor:
        return max(cursor.rowcount, 0)


async def pending_keys_in(conn: aiosqlite.Connection) -> set[tuple[int, str, str, str]]:
    """(area id, status, date, source) of every pending proposal: a feed polled again
    does not propose the same change twice."""
    async with conn.execute(
        "SELECT area_id, status, status_date, source FROM status_proposals"
        " WHERE state = 'pending'"
    ) as cursor:
        return {(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in await cursor.fetchall()}


async def decide(
    conn: aiosqlite.Connection,
    proposal_id: int,
    state: Literal["confirmed", "rejected", "expired", "superseded"],
    *,
    decided_by: int | None,
    now: str,
    history_id: int | None = None,
) -> bool:
    """Move a pending proposal on; False when it was no longer pending (someone else won)."""
    async with conn.execute(
        "UPDATE status_proposals SET state = ?, decided_by = ?, decided_at = ?, history_id = ?"
        " WHERE id = ? AND state = 'pending'",
        (state, decided_by, now, history_id, proposal_id),
    ) as cursor:
        return cursor.rowcount == 1


async def endorse(
    conn: aiosqlite.Connection, proposal_id: int, operator_id: int, *, expires_at: str
) -> bool:
    """An operator takes up a feed's (or file's) softening: it becomes their proposal and
    now needs a second operator. False when it was not a pending, unendorsed proposal."""
    async with conn.execute(
        "UPDATE status_proposals SET proposed_by = ?, expires_at = ?"
        " WHERE id = ? AND state = 'pending' AND proposed_by IS NULL",
        (operator_id, expires_at, proposal_id),
    ) as cursor:
        return cursor.rowcount == 1


async def pending_statuses_in(conn: aiosqlite.Connection, area_id: int) -> set[str]:
    """The statuses the area's pending proposals would set."""
    async with conn.execute(
        "SELECT DISTINCT status FROM status_proposals WHERE area_id = ? AND state = 'pending'",
        (area_id,),
    ) as cursor:
        return {str(row[0]) for row in await cursor.fetchall()}


async def expire_due(conn: aiosqlite.Connection, now: str) -> list[int]:
    """Expire every pending proposal whose time ran out; returns their ids. An urgent one
    (a feed reporting danger) never expires unseen: it waits for an operator's decision."""
    async with conn.execute(
        "SELECT id FROM status_proposals WHERE state = 'pending' AND urgent = 0"
        " AND expires_at <= ?",
        (now,),
    ) as cursor:
        ids = [int(row[0]) for row in await cursor.fetchall()]
    if ids:
        await conn.executemany(
            "UPDATE status_proposals SET state = 'expired', decided_at = ?"
            " WHERE id = ? AND state = 'pending'",
            [(now, proposal_id) for proposal_id in ids],
        )
    return ids
