"""Every staff and operator command and button press checked at the moment it arrives.

The roles themselves live in :mod:`bot.access`; this wraps handlers with the check and the
audit record.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update

from bot.access import Actor, allows, refusal_text, roles_for
from bot.domain.roles import Role
from bot.storage import audit
from handlers.kit.context import DaleelContext

__all__ = ["audited", "authorize", "requires"]


async def authorize(
    update: Update, context: DaleelContext, needed: Role, action: str
) -> Actor | None:
    """The actor if they hold ``needed`` now; otherwise audit, tell them and return None."""
    user = update.effective_user
    if user is None:
        return None
    roles = await roles_for(context.db, context.settings, user.id)
    if allows(roles, needed):
        return Actor(user.id, roles, action)
    await audit.record(context.db, user.id, action, "refused", f"needs {needed}")
    text = context.tr.gettext(refusal_text(needed))
    query = update.callback_query
    if query is not None:
        await query.answer(text, show_alert=True)
    elif update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text)
    return None


async def audited(context: DaleelContext, actor: Actor, action: Awaitable[None]) -> None:
    """Run an authorised action and write how it ended to the audit log (``failed`` if it
    raised; otherwise what the handler noted, when it is to be audited)."""
    try:
        await action
    except Exception:
        await audit.record(context.db, actor.user_id, actor.action, "failed", actor.detail)
        raise
    if actor.audited:
        await audit.record(context.db, actor.user_id, actor.action, actor.outcome, actor.detail)


GuardedHandler = Callable[[Update, DaleelContext, Actor], Coroutine[Any, Any, None]]
Handler = Callable[[Update, DaleelContext], Coroutine[Any, Any, None]]


def requires(
    needed: Role,
    action: str,
    *,
    audit_success: bool = True,
    refused: Callable[[DaleelContext], None] | None = None,
) -> Callable[[GuardedHandler], Handler]:
    """Wrap a handler: check the role when the update arrives, pass the :class:`Actor`,
    audit the outcome (``failed`` if the handler raised); ``refused`` runs after a
    refusal (e.g. to stop listening for a draft's texts)."""

    def decorate(handler: GuardedHandler) -> Handler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: DaleelContext) -> None:
            actor = await authorize(update, context, needed, action)
            if actor is None:
                if refused is not None:
                    refused(context)
                return
            actor.audited = audit_success
            await audited(context, actor, handler(update, context, actor))

        return guarded

    return decorate
