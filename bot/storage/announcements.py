"""Announcements: a draft while staff compose it, then sent at once or scheduled.

The draft is in the database so a button pressed later (or after a restart) finds what
was written, and so its state changes atomically: a "Send" pressed twice sends once.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Literal

import aiosqlite

from bot.domain.announcements import Priority
from bot.storage.audiences import Audience
from bot.storage.db import Database, utc_now

__all__ = [
    "ALL_LANGUAGES",
    "Announcement",
    "Mode",
    "State",
    "claim_draft",
    "discard_drafts",
    "drafts_waiting",
    "get_announcement",
    "release_draft",
    "set_broadcast",
    "start_draft",
    "update_draft",
]

ALL_LANGUAGES = "all"  # the texts key of one text for every language
Mode = Literal["all", "each"]
State = Literal["draft", "sent", "scheduled", "discarded"]


@dataclass(frozen=True)
class Announcement:
    id: int
    author_id: int
    state: State
    step: str
    mode: Mode | None
    texts: dict[str, str]
    audience: Audience | None
    priority: Priority | None
    broadcast_id: int | None


_SELECT = (
    "SELECT id, author_id, state, step, mode, texts, audience, audience_ref, priority,"
    " broadcast_id FROM announcements"
)


def _announcement(row: aiosqlite.Row) -> Announcement:
    texts = json.loads(row[5])
    try:
        audience = Audience.stored(row[6], row[7]) if row[6] else None
    except ValueError:
        audience = None
    return Announcement(
        id=int(row[0]),
        author_id=int(row[1]),
        state=row[2],
        step=row[3],
        mode=row[4],
        texts={str(k): str(v) for k, v in texts.items()} if isinstance(texts, dict) else {},
        audience=audience,
        priority=row[8],
        broadcast_id=row[9],
    )


async def get_announcement(db: Database, announcement_id: int) -> Announcement | None:
    row = await db.fetch_one(f"{_SELECT} WHERE id = ?", (announcement_id,))
    return None if row is None else _announcement(row)


async def start_draft(db: Database, author_id: int) -> Announcement:
    """A new draft; the author's earlier unfinished drafts are discarded."""
    now = utc_now()
    async with db.transaction() as conn:
        async with conn.execute(
            "UPDATE announcements SET state = 'discarded', updated_at = ?"
            " WHERE author_id = ? AND state = 'draft'",
            (now, author_id),
        ):
            pass
        async with conn.execute(
            "INSERT INTO announcements (author_id, created_at, updated_at) VALUES (?, ?, ?)",
            (author_id, now, now),
        ) as cursor:
            new_id = int(cursor.lastrowid or 0)
    found = await get_announcement(db, new_id)
    assert found is not None
    return found


class _Keep(enum.Enum):
    """A field update_draft leaves as it is."""

    KEEP = 0


KEEP = _Keep.KEEP


async def update_draft(
    db: Database,
    announcement_id: int,
    *,
    step: str,
    mode: Mode | _Keep | None = KEEP,
    texts: dict[str, str] | _Keep = KEEP,
    audience: Audience | _Keep | None = KEEP,
    priority: Priority | _Keep | None = KEEP,
) -> Announcement | None:
    """Change a draft (only while it is one); None when it is no longer a draft."""
    sets = ["step = ?", "updated_at = ?"]
    params: list[object] = [step, utc_now()]
    if mode is not KEEP:
        sets.append("mode = ?")
        params.append(mode)
    if texts is not KEEP:
        sets.append("texts = ?")
        params.append(json.dumps(texts, ensure_ascii=False, sort_keys=True))
    if audience is not KEEP:
        sets += ["audience = ?", "audience_ref = ?"]
        if isinstance(audience, Audience):
            params += [audience.kind, audience.ref_text]
        else:
            params += [None, None]
    if priority is not KEEP:
        sets.append("priority = ?")
        params.append(priority)
    changed = await db.execute(
        f"UPDATE announcements SET {', '.join(sets)} WHERE id = ? AND state = 'draft'",
        (*params, announcement_id),
    )
    return await get_announcement(db, announcement_id) if changed else None


async def claim_draft(db: Database, announcement_id: int, state: State) -> bool:
    """Move a draft on to ``sent``/``scheduled``/``discarded``; False if it already moved
    (a second press of the same button)."""
    changed = await db.execute(
        "UPDATE announcements SET state = ?, updated_at = ? WHERE id = ? AND state = 'draft'",
        (state, utc_now(), announcement_id),
    )
    return changed > 0


async def release_draft(db: Database, announcement_id: int) -> None:
    """Undo a claim whose sending failed before anything was queued."""
    await db.execute(
        "UPDATE announcements SET state = 'draft', updated_at = ? WHERE id = ?",
        (utc_now(), announcement_id),
    )


async def set_broadcast(db: Database, announcement_id: int, broadcast_id: int) -> None:
    await db.execute(
        "UPDATE announcements SET broadcast_id = ?, updated_at = ? WHERE id = ?",
        (broadcast_id, utc_now(), announcement_id),
    )


async def drafts_waiting(db: Database) -> list[Announcement]:
    """Drafts still being composed (to listen again for their text after a restart)."""
    rows = await db.fetch_all(f"{_SELECT} WHERE state = 'draft' ORDER BY id")
    return [_announcement(row) for row in rows]


async def discard_drafts(db: Database, author_id: int) -> int:
    """Drop the author's unfinished drafts; returns how many there were."""
    return await db.execute(
        "UPDATE announcements SET state = 'discarded', updated_at = ?"
        " WHERE author_id = ? AND state = 'draft'",
        (utc_now(), author_id),
    )
