"""Admins grant and revoke roles: ``/grant <user id> <staff|operator>``, ``/grant <user id>
helpdesk <camp code>[,<camp code>…]`` (the camps whose cases they answer), ``/grant <user
id> protection [female|male]`` (a focal point's declared gender, for residents who ask for
a staff member of their own gender), ``/revoke <user id> [role]`` (the camps and gender go
with the role), ``/roles``. Admins themselves are listed in the config file, never granted
here."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import MappingProxyType

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.domain.cases import GENDERS, Gender
from bot.domain.roles import GRANTABLE, Grantable
from bot.i18n.catalogues import N_
from bot.storage.camps import camp_ids_by_code
from bot.storage.case_queue import (
    focal_points,
    forget_staff,
    helpdesk_members,
    set_focal_point,
    set_helpdesk_camps,
)
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
    "protection": N_("{user} is now a protection focal point."),
})
_ALREADY: Mapping[str, str] = MappingProxyType({
    "staff": N_("{user} is already a staff member."),
    "operator": N_("{user} is already a safety operator."),
})
_REVOKED: Mapping[str, str] = MappingProxyType({
    "staff": N_("{user} is no longer a staff member."),
    "operator": N_("{user} is no longer a safety operator."),
    "helpdesk": N_("{user} is no longer on the helpdesk."),
    "protection": N_("{user} is no longer a protection focal point."),
})
_WELCOME: Mapping[str, str] = MappingProxyType({
    "staff": N_(
        "You are now Daleel staff. /announce writes an announcement, /schedules lists the "
        "scheduled ones and /report shows how a broadcast went."
    ),
    "operator": N_("You are now a Daleel safety operator."),
    "helpdesk": N_(
        "You are now on the Daleel helpdesk for {camps}. /cases lists the residents' cases "
        "waiting for an answer; you see a case's number, never who wrote it."
    ),
    "protection": N_(
        "You are now a Daleel protection focal point: only focal points read sensitive "
        "reports. /cases lists those waiting for an answer; you see a case's number, never "
        "who wrote it."
    ),
})
_HELPDESK_GRANTED = N_("{user} now answers the residents' cases of {camps}.")
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


async def _welcome(context: DaleelContext, user_id: int, role: Grantable, camps: str) -> None:
    """Tell the new staff member or operator, in their language (best effort)."""
    resident = await get_resident(context.db, user_id)
    code = resident.language if resident else context.settings.default_language
    tr = context.state.catalogues.translator(code)
    try:
        await context.bot.send_message(user_id, tr.gettext(_WELCOME[role], camps=camps))
    except TelegramError as error:  # they never opened the bot: the grant stands anyway
        log.info("could not tell user about their new role: %s", type(error).__name__)


def _gender(text: str) -> Gender | None:
    lowered = text.lower()
    return next((gender for gender in GENDERS if gender == lowered), None)


async def _camps_of(
    update: Update, context: DaleelContext, actor: Actor, typed: list[str]
) -> dict[str, int] | None:
    """The camps named (codes separated by commas), or None after saying which are unknown."""
    known = await camp_ids_by_code(context.db)
    codes = [code.strip().lower() for word in typed for code in word.split(",") if code.strip()]
    unknown = [code for code in codes if code not in known]
    if not codes or unknown:
        actor.note("unknown camp", outcome="rejected")
        await _reply(update, context, context.tr.gettext(
            "Unknown camp code: {codes}. Known codes: {known}.",
            codes=", ".join(unknown) or "—", known=", ".join(sorted(known)),
        ))
        return None
    return {code: known[code] for code in codes}


@requires("admin", "grant")
async def grant_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/grant <user id> <staff|operator>, helpdesk <camps>, protection [female|male]"""
    args = context.args or []
    user_id = parse_user_id(args[0]) if args else None
    role = _role(args[1]) if len(args) >= 2 else None
    gender = _gender(args[2]) if role == "protection" and len(args) == 3 else None
    fits = (
        len(args) >= 3 if role == "helpdesk"
        else len(args) == 2 or (role == "protection" and gender is not None and len(args) == 3)
    )
    if user_id is None or role is None or not fits:
        actor.note("bad arguments", outcome="rejected")
        example = {
            "helpdesk": "/grant 123456789 helpdesk debaga-1,khazer-m1",
            "protection": "/grant 123456789 protection female",
        }.get(role or "", "/grant 123456789 staff")
        await _usage(update, context, example)
        return
    camps: dict[str, int] = {}
    if role == "helpdesk":
        found = await _camps_of(update, context, actor, args[2:])
        if found is None:
            return
        camps = found
    tr = context.tr
    added = await grant_role(context.db, user_id, role, actor.user_id)
    if role == "helpdesk":
        await set_helpdesk_camps(context.db, user_id, camps.values())
    elif role == "protection":
        await set_focal_point(context.db, user_id, gender)
    actor.note(
        f"user {user_id} role {role}" + ("" if added else " (already)")
        + (f" camps {','.join(str(i) for i in sorted(camps.values()))}" if camps else "")
        + (f" gender {gender}" if gender else "")
    )
    names = ", ".join(camps)
    if added:
        await publish_for_user(context.bot, context.state, user_id)
    if role == "helpdesk":  # granted again: the camps were replaced, say which now
        await _reply(update, context, tr.gettext(_HELPDESK_GRANTED, user=str(user_id), camps=names))
    elif added or role == "protection":
        await _reply(update, context, tr.gettext(_GRANTED[role], user=str(user_id)))
    else:
        await _reply(update, context, tr.gettext(_ALREADY[role], user=str(user_id)))
    if added:
        await _welcome(context, user_id, role, camps=names)


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
    await forget_staff(context.db, user_id, role)
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
    helpdesk = await _helpdesk(context)
    protection = [
        f"{user_id} ({gender})" if gender else str(user_id)
        for user_id, gender in sorted((await focal_points(context.db)).items())
    ]
    lines = [
        tr.gettext("<b>Roles</b>"),
        tr.gettext("Administrators (configuration file): {ids}", ids=_ids(admins) or "—"),
        tr.gettext("Staff: {ids}", ids=_ids(staff) or "—"),
        tr.gettext("Safety operators: {ids}", ids=_ids(operators) or "—"),
        tr.gettext("Helpdesk: {ids}", ids=", ".join(helpdesk) or "—"),
        tr.gettext("Protection focal points: {ids}", ids=", ".join(protection) or "—"),
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


async def _helpdesk(context: DaleelContext) -> list[str]:
    """Each helpdesk member with the codes of their camps."""
    codes = {camp_id: code for code, camp_id in (await camp_ids_by_code(context.db)).items()}
    return [
        f"{user_id} ({', '.join(sorted(codes[c] for c in camps if c in codes)) or '—'})"
        for user_id, camps in sorted((await helpdesk_members(context.db)).items())
    ]


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("grant", grant_command, private))
    app.add_handler(CommandHandler("revoke", revoke_command, private))
    app.add_handler(CommandHandler("roles", roles_command, private))
