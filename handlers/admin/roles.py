"""Admins grant and revoke roles: ``/grant <user id> <staff|operator>``, ``/revoke <user id>
[role]``, ``/roles``. Admins themselves are listed in the config file, never granted here."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import MappingProxyType

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.domain.roles import GRANTABLE, Grantable
from bot.i18n.catalogues import N_
from bot.storage.residents import get_resident
from bot.storage.roles import grant_role, list_grants, revoke_role
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit.commands import publish_for_user
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.permissions import requires

__all__ = ["parse_user_id", "register"]

log = logging.getLogger(__name__)

# Whole sentences per role: a translated role name glued into a sentence would not agree.
_GRANTED: Mapping[str, str] = MappingProxyType({
    "staff": N_("{user} is now a staff member."),
    "operator": N_("{user} is now a safety operator."),
})
_ALREADY: Mapping[str, str] = MappingProxyType({
    "staff": N_("{user} is already a staff member."),
    "operator": N_("{user} is already a safety operator."),
})
_REVOKED: Mapping[str, str] = MappingProxyType({
    "staff": N_("{user} is no longer a staff member."),
    "operator": N_("{user} is no longer a safety operator."),
})
_WELCOME: Mapping[str, str] = MappingProxyType({
    "staff": N_(
        "You are now Daleel staff. /announce writes an announcement, /schedules lists the "
        "scheduled ones and /report shows how a broadcast went."
    ),
    "operator": N_("You are now a Daleel safety operator."),
})
_MAX_USER_ID = 10**15


def parse_user_id(text: str) -> int | None:
    """A Telegram user id as typed: digits only, positive."""
    if not text.isdecimal() or len(text) > 15:
        return None
    value = int(text)
    return value if 0 < value < _MAX_USER_ID else None


def _role(text: str) -> Grantable | None:
    lowered = text.lower()
    for role in GRANTABLE:
        if lowered == role:
            return role
    return None


async def _reply(update: Update, context: DaleelContext, text: str) -> None:
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text)


async def _usage(update: Update, context: DaleelContext, example: str) -> None:
    text = context.tr.gettext("Write it like this: {example}", example=example)
    await _reply(update, context, text)


async def _welcome(context: DaleelContext, user_id: int, role: Grantable) -> None:
    """Tell the new staff member or operator, in their language (best effort)."""
    resident = await get_resident(context.db, user_id)
    code = resident.language if resident else context.settings.default_language
    tr = context.state.catalogues.translator(code)
    try:
        await context.bot.send_message(user_id, tr.gettext(_WELCOME[role]))
    except TelegramError as error:  # they never opened the bot: the grant stands anyway
        log.info("could not tell user about their new role: %s", type(error).__name__)


@requires("admin", "grant")
async def grant_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/grant <user id> <staff|operator>"""
    args = context.args or []
    user_id = parse_user_id(args[0]) if args else None
    role = _role(args[1]) if len(args) == 2 else None
    if user_id is None or role is None:
        actor.note("bad arguments", outcome="rejected")
        await _usage(update, context, "/grant 123456789 staff")
        return
    tr = context.tr
    added = await grant_role(context.db, user_id, role, actor.user_id)
    actor.note(f"user {user_id} role {role}" + ("" if added else " (already)"))
    if added:
        await publish_for_user(context.bot, context.state, user_id)
        await _reply(update, context, tr.gettext(_GRANTED[role], user=str(user_id)))
        await _welcome(context, user_id, role)
    else:
        await _reply(update, context, tr.gettext(_ALREADY[role], user=str(user_id)))


@requires("admin", "revoke")
async def revoke_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/revoke <user id> [staff|operator]: one role, or every role."""
    args = context.args or []
    user_id = parse_user_id(args[0]) if args else None
    role = _role(args[1]) if len(args) == 2 else None
    if user_id is None or len(args) > 2 or (len(args) == 2 and role is None):
        actor.note("bad arguments", outcome="rejected")
        await _usage(update, context, "/revoke 123456789 staff")
        return
    tr = context.tr
    removed = await revoke_role(context.db, user_id, role)
    actor.note(f"user {user_id} role {role or 'all'} removed {removed}")
    if removed:
        await publish_for_user(context.bot, context.state, user_id)
    if not removed:
        await _reply(update, context, tr.gettext("{user} had no such role.", user=str(user_id)))
    elif role is None:
        text = tr.gettext("{user} no longer has any role.", user=str(user_id))
        await _reply(update, context, text)
    else:
        await _reply(update, context, tr.gettext(_REVOKED[role], user=str(user_id)))
    if user_id in context.settings.admin_ids:
        await _reply(
            update,
            context,
            tr.gettext("{user} is an administrator in the configuration file.", user=str(user_id)),
        )


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids)


@requires("admin", "roles")
async def roles_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/roles: who holds which role."""
    tr = context.tr
    grants = await list_grants(context.db)
    staff = [g.user_id for g in grants if g.role == "staff"]
    operators = [g.user_id for g in grants if g.role == "operator"]
    admins = sorted(context.settings.admin_ids)
    lines = [
        tr.gettext("<b>Roles</b>"),
        tr.gettext("Administrators (configuration file): {ids}", ids=_ids(admins) or "—"),
        tr.gettext("Staff: {ids}", ids=_ids(staff) or "—"),
        tr.gettext("Safety operators: {ids}", ids=_ids(operators) or "—"),
        tr.gettext(
            "/grant {example} gives a role; /revoke takes it back.", example="123456789 staff"
        ),
    ]
    text = "\n".join(lines)
    if telegram_length(text) > MESSAGE_LIMIT:  # thousands of ids: counts instead
        text = tr.gettext(
            "Too many to list: {staff} staff, {operators} safety operators.",
            staff=len(staff),
            operators=len(operators),
        )
    actor.note(f"staff {len(staff)} operators {len(operators)}")
    await _reply(update, context, text)


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("grant", grant_command, private))
    app.add_handler(CommandHandler("revoke", revoke_command, private))
    app.add_handler(CommandHandler("roles", roles_command, private))
