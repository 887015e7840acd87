"""Who acted, as admins and staff read it in the audit log and the delivery reports.

A Telegram id alone says nothing at a glance; with the roles the user holds now
("700003 (operator)") it says who did it. Never a name: Daleel keeps none.
"""

from __future__ import annotations

from bot.access import roles_for
from bot.domain.roles import Role
from bot.i18n.catalogues import Translator
from handlers.kit.context import DaleelContext

__all__ = ["who", "who_with"]


def who_with(tr: Translator, user_id: int, roles: frozenset[Role]) -> str:
    """The user id with the roles given; "Daleel" for the bot's own actions (id 0)."""
    if not user_id:
        return tr.gettext("Daleel")
    if "admin" in roles:
        return tr.gettext("{id} (admin)", id=str(user_id))
    if {"staff", "operator"} <= roles:
        return tr.gettext("{id} (staff, operator)", id=str(user_id))
    if "staff" in roles:
        return tr.gettext("{id} (staff)", id=str(user_id))
    if "operator" in roles:
        return tr.gettext("{id} (operator)", id=str(user_id))
    if "protection" in roles:
        return tr.gettext("{id} (protection)", id=str(user_id))
    if "helpdesk" in roles:
        return tr.gettext("{id} (helpdesk)", id=str(user_id))
    return str(user_id)


async def who(context: DaleelContext, user_id: int) -> str:
    """:func:`who_with` the roles the user holds now."""
    roles = await roles_for(context.db, context.settings, user_id) if user_id else frozenset()
    return who_with(context.tr, user_id, roles)
