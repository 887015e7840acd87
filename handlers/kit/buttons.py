"""Buttons: one handler per action, and one answer for a button that is no longer valid.

Button payloads are untrusted. Each action registers its own handler for its own typed
payload (:class:`handlers.kit.payloads.Payload`) with :func:`on`, or :func:`on_guarded`
for staff and operators; the wrapper reads and checks the arguments, so a handler is
called only with a well-formed payload. Anything that does not read (forged, from an old
version, another feature's) gets :data:`STALE`, the same words everywhere; so does a
payload no handler claims (:func:`register_stale`, last in line). Someone Daleel keeps
nothing about (never chose a language, or erased everything since) is sent to the
language menu.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic

from telegram import CallbackQuery, Update
from telegram.ext import CallbackQueryHandler

from bot.access import Actor
from bot.domain.roles import Role
from bot.i18n.catalogues import N_
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.payloads import P, parser
from handlers.kit.permissions import requires
from handlers.kit.screens import send_language_menu

__all__ = [
    "STALE",
    "Press",
    "answer_stale",
    "on",
    "on_guarded",
    "on_unknown",
    "register_stale",
]

STALE = N_("This button is no longer valid. Send /menu to start again.")


@dataclass(frozen=True)
class Press(Generic[P]):
    """A press whose payload read as ``P``: the query to answer, the chat, the payload."""

    query: CallbackQuery
    chat_id: int
    payload: P


PressHandler = Callable[[Update, DaleelContext, Press[P]], Awaitable[None]]
GuardedPressHandler = Callable[[Update, DaleelContext, Actor, Press[P]], Awaitable[None]]


async def answer_stale(update: Update, context: DaleelContext, *, alert: bool = False) -> None:
    """The one answer to a button that names nothing valid (staff and operators see it as
    an alert, like their refusals)."""
    if update.callback_query is not None:
        await update.callback_query.answer(context.tr.gettext(STALE), show_alert=alert)


def on(
    app: DaleelApp, kind: type[P], handler: PressHandler[P], *, resident: bool = True
) -> None:
    """``handler`` gets every press of ``kind``'s feature and action that reads as ``kind``.

    ``resident``: the action needs someone who chose a language; anyone else is answered
    with the language menu instead.
    """
    parse = parser(kind)

    async def pressed(update: Update, context: DaleelContext) -> None:
        query, chat = update.callback_query, update.effective_chat
        if query is None or chat is None:
            return
        payload = parse(query.data)
        if payload is None:
            await answer_stale(update, context)
            return
        if resident and context.resident is None:
            await query.answer()
            await send_language_menu(chat.id, context, first_time=True)
            return
        await handler(update, context, Press(query, chat.id, payload))

    app.add_handler(CallbackQueryHandler(pressed, pattern=kind.pattern()))


def on_guarded(
    app: DaleelApp,
    kind: type[P],
    handler: GuardedPressHandler[P],
    *,
    role: Role,
    action: str,
    audit_success: bool = True,
    alert: bool = True,
    refused: Callable[[DaleelContext], None] | None = None,
) -> None:
    """Like :func:`on` for staff and operators: the role is checked (and audited, see
    :func:`handlers.kit.permissions.requires`) before the payload is even read, so only
    those who hold it learn that a button is merely stale; ``refused`` runs after a
    refusal."""
    parse = parser(kind)

    @requires(role, action, audit_success=audit_success, refused=refused)
    async def pressed(update: Update, context: DaleelContext, actor: Actor) -> None:
        query, chat = update.callback_query, update.effective_chat
        payload = parse(query.data) if query is not None else None
        if query is None or chat is None or payload is None:
            actor.note("stale button", outcome="rejected")
            await answer_stale(update, context, alert=alert)
            return
        await handler(update, context, actor, Press(query, chat.id, payload))

    app.add_handler(CallbackQueryHandler(pressed, pattern=kind.pattern()))


def on_unknown(
    app: DaleelApp,
    feature: str,
    *,
    role: Role,
    action: str,
    alert: bool = True,
    refused: Callable[[DaleelContext], None] | None = None,
) -> None:
    """The presses of a staff or operator feature that none of its actions claimed:
    refused to those without ``role``, stale (and audited) for those with it. Register it
    after the feature's actions."""

    @requires(role, action, refused=refused)
    async def pressed(update: Update, context: DaleelContext, actor: Actor) -> None:
        actor.note("stale button", outcome="rejected")
        await answer_stale(update, context, alert=alert)

    app.add_handler(CallbackQueryHandler(pressed, pattern=rf"^{feature}:"))


def register_stale(app: DaleelApp) -> None:
    """Last in line: a press no feature claimed (old, forged, another version)."""

    async def unclaimed(update: Update, context: DaleelContext) -> None:
        await answer_stale(update, context)

    app.add_handler(CallbackQueryHandler(unclaimed))
