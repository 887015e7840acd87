"""Residents: chat id, chosen language and whether alerts may reach them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.storage.audit import ERASED
from bot.storage.cases import erase_chat_cases
from bot.storage.db import Database, utc_now

__all__ = [
    "Resident",
    "count_by_language",
    "delete_resident",
    "get_resident",
    "set_active",
    "set_language",
]


@dataclass(frozen=True)
class Resident:
    chat_id: int
    language: str
    active: bool


async def get_resident(db: Database, chat_id: int) -> Resident | None:
    row = await db.fetch_one(
        "SELECT chat_id, language, active FROM residents WHERE chat_id = ?", (chat_id,)
    )
    return None if row is None else Resident(row[0], row[1], bool(row[2]))


async def set_language(db: Database, chat_id: int, language: str) -> Resident:
    """Create the resident on first choice, or change their language; reactivates them."""
    now = utc_now()
    await db.execute(
        "INSERT INTO residents (chat_id, language, active, created_at, updated_at)"
        " VALUES (?, ?, 1, ?, ?)"
        " ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language, active = 1,"
        " updated_at = excluded.updated_at",
        (chat_id, language, now, now),
    )
    return Resident(chat_id, language, True)


async def set_active(db: Database, chat_id: int, active: bool) -> bool:
    """Returns whether a resident with that chat id exists."""
    changed = await db.execute(
        "UPDATE residents SET active = ?, updated_at = ? WHERE chat_id = ?",
        (int(active), utc_now(), chat_id),
    )
    return changed > 0


async def delete_resident(
    db: Database, chat_id: int, *, keep_audit_id: bool = False, now: datetime | None = None
) -> bool:
    """Erase the resident; later migrations cascade their rows from this one.

    The audit log keeps what a resident tried (a refused staff command: action, outcome,
    time) but no longer who: their id becomes :data:`bot.storage.audit.ERASED`, so
    nothing links to the chat any more while the pattern of attempts stays visible.
    ``keep_audit_id`` is for someone who holds a role: staff and operators answer for
    their actions, so erasing their resident data leaves their audit trail whole.
    Their cases lose their content and their link to the chat in the same transaction
    (stamped ``now``: the bot's clock; the wall clock when not given).
    """
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM residents WHERE chat_id = ?", (chat_id,))
        erased = cursor.rowcount > 0
        await erase_chat_cases(conn, chat_id, now or datetime.now(UTC))
        if not keep_audit_id:
            await conn.execute(
                "UPDATE audit_log SET user_id = ? WHERE user_id = ?", (ERASED, chat_id)
            )
    return erased


async def count_by_language(db: Database) -> dict[str, int]:
    """Aggregate counts only: how many residents read each language."""
    rows = await db.fetch_all("SELECT language, COUNT(*) FROM residents GROUP BY language")
    return {row[0]: int(row[1]) for row in rows}
