"""The audit log: who did or tried to do what, when, and how it ended.

Details hold ids and counts only — never a message text, never what a resident typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.storage.db import Database, utc_now

__all__ = [
    "ERASED", "OUTCOMES", "SYSTEM", "AuditEntry", "Outcome", "audit_count", "recent", "record",
]

Outcome = Literal["ok", "refused", "rejected", "failed"]
OUTCOMES: tuple[Outcome, ...] = ("ok", "refused", "rejected", "failed")
SYSTEM = 0  # the user id Daleel itself acts as (a schedule that fires, a daily job)
ERASED = -1  # a resident who erased their data with /forget: what they tried stays, not who
_MAX_DETAIL = 200


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str  # UTC ISO-8601
    user_id: int
    action: str
    outcome: Outcome
    detail: str | None


async def record(
    db: Database, user_id: int, action: str, outcome: Outcome, detail: str | None = None
) -> int:
    """Append one entry; returns its id."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    async with db.transaction() as conn, conn.execute(
        "INSERT INTO audit_log (at, user_id, action, outcome, detail) VALUES (?, ?, ?, ?, ?)",
        (utc_now(), user_id, action[:64], outcome, detail[:_MAX_DETAIL] if detail else None),
    ) as cursor:
        return int(cursor.lastrowid or 0)


async def recent(db: Database, limit: int = 20) -> list[AuditEntry]:
    """The newest ``limit`` entries, newest first."""
    rows = await db.fetch_all(
        "SELECT id, at, user_id, action, outcome, detail FROM audit_log ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [AuditEntry(int(r[0]), r[1], int(r[2]), r[3], r[4], r[5]) for r in rows]


async def audit_count(db: Database) -> int:
    row = await db.fetch_one("SELECT COUNT(*) FROM audit_log")
    return int(row[0]) if row else 0
