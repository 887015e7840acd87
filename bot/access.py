"""Roles checked at the moment of every staff and operator action, and audited.

Admins come from the config file (``access.admin_ids``) and may do everything; staff and
operators are granted by admins (:mod:`bot.storage.roles`). Commands and button handlers
alike are wrapped with :func:`requires`, which reads the roles from the database when the
update arrives — a role revoked a second ago is gone — and writes the audit log: every
refused attempt, and every action that ran (with its outcome and the ids and counts the
handler noted). Intermediate steps of a conversation (``audit_success=False``) are
checked but only audited when refused or when the handler says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bot.config import Settings
from bot.domain.roles import Role
from bot.i18n.catalogues import N_
from bot.storage import audit
from bot.storage.db import Database
from bot.storage.roles import roles_of

__all__ = ["Actor", "allows", "has_role", "refusal_text", "roles_for"]

_REFUSED: Mapping[Role, str] = MappingProxyType({
    "admin": N_("This command is for Daleel administrators."),
    "staff": N_("This command is for Daleel staff."),
    "operator": N_("This command is for Daleel safety operators."),
    "helpdesk": N_("This command is for the Daleel helpdesk and protection focal points."),
    "protection": N_("This command is for Daleel protection focal points."),
})


def refusal_text(role: Role) -> str:
    """The msgid telling someone an action needs ``role``."""
    return _REFUSED[role]


@dataclass
class Actor:
    """Who is acting, and what the audit log will say about it when the handler returns."""

    user_id: int
    roles: frozenset[Role]
    action: str
    outcome: audit.Outcome = "ok"
    detail: str | None = None
    audited: bool = field(default=True)

    def note(
        self, detail: str | None = None, *, outcome: audit.Outcome = "ok", action: str | None = None
    ) -> None:
        """Record how the action ended (ids and counts only) and make sure it is audited."""
        self.outcome = outcome
        self.detail = detail
        if action is not None:
            self.action = action
        self.audited = True


async def roles_for(db: Database, settings: Settings, user_id: int) -> frozenset[Role]:
    granted: set[Role] = set(await roles_of(db, user_id))
    if user_id in settings.admin_ids:
        granted.add("admin")
    return frozenset(granted)


def allows(roles: frozenset[Role], needed: Role) -> bool:
    return "admin" in roles or needed in roles


async def has_role(db: Database, settings: Settings, user_id: int, needed: Role) -> bool:
    return allows(await roles_for(db, settings, user_id), needed)
