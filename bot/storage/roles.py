"""Staff and operator roles granted by admins (admins themselves come from the config)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.roles import GRANTABLE, Grantable
from bot.storage.db import Database, utc_now

__all__ = [
    "Grant",
    "grant_role",
    "list_grants",
    "revoke_role",
    "roles_of",
]



@dataclass(frozen=True)
class Grant:
    user_id: int
    role: Grantable
    granted_by: int
    granted_at: str  # UTC ISO-8601


async def roles_of(db: Database, user_id: int) -> frozenset[Grantable]:
    """The roles held right now (read at the moment of each action, never cached)."""
    rows = await db.fetch_all("SELECT role FROM roles WHERE user_id = ?", (user_id,))
    return frozenset(role for (role,) in rows if role in GRANTABLE)


async def grant_role(db: Database, user_id: int, role: Grantable, granted_by: int) -> bool:
    """True when granted now; False when the user already had the role."""
    if role not in GRANTABLE:
        raise ValueError(f"not a grantable role: {role!r}")
    changed = await db.execute(
        "INSERT OR IGNORE INTO roles (user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?)",
        (user_id, role, granted_by, utc_now()),
    )
    return changed > 0


async def revoke_role(db: Database, user_id: int, role: Grantable | None = None) -> int:
    """Remove one role, or every role (``None``); returns how many were removed."""
    if role is None:
        return await db.execute("DELETE FROM roles WHERE user_id = ?", (user_id,))
    if role not in GRANTABLE:
        raise ValueError(f"not a grantable role: {role!r}")
    return await db.execute("DELETE FROM roles WHERE user_id = ? AND role = ?", (user_id, role))


async def list_grants(db: Database) -> list[Grant]:
    rows = await db.fetch_all(
        "SELECT user_id, role, granted_by, granted_at FROM roles ORDER BY role, user_id"
    )
    return [Grant(int(r[0]), r[1], int(r[2]), r[3]) for r in rows]
