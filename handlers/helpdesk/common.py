"""What every helpdesk feature shares: the button payloads, the role check that also says
which cases the user may read, and loading a case only for someone allowed to read it.

Both roles work the same queue commands: helpdesk members read the ordinary cases of
their camps, protection focal points the sensitive reports (those asking for a staff
member of a given gender only if they declared it), administrators the ordinary cases of
every camp and the sensitive ones only if they also hold the protection role. The check
runs at every command, press and typed answer; anyone else is refused and audited. A
case someone may not read is "not found or not yours" — the same words as a case that
does not exist, so a forged number learns nothing — and audited as refused. Staff see a
case's number, never the resident's chat id or name; the audit log holds ids and case
numbers, never a text.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from bot.access import Actor, refusal_text, roles_for
from bot.domain.cases import Outcome
from bot.domain.roles import Role
from bot.i18n.catalogues import N_, Translator
from bot.storage import audit
from bot.storage.case_queue import (
    CaseRow,
    Reader,
    case_by_id,
    focal_points,
    helpdesk_camps,
    may_read,
)
from bot.storage.residents import get_resident
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.cases import footer
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.payloads import P, Payload, parser
from handlers.kit.permissions import audited

__all__ = [
    "CLOSED",
    "FEATURE",
    "NOT_YOURS",
    "CancelWriting",
    "CaseHandler",
    "CloseCase",
    "OpenCase",
    "PickOutcome",
    "ReferCamp",
    "ReferCase",
    "ReferOutside",
    "ShowQueue",
    "TakeCase",
    "WriteAnswer",
    "WriteNote",
    "case_staff",
    "on_case_button",
    "readable_case",
    "reader_for",
    "say",
    "tell_resident",
    "works_cases",
]

log = logging.getLogger(__name__)

FEATURE = "hd"
NOT_YOURS = N_("That case was not found, or it is not one of yours.")
CLOSED = N_("This case is closed: nothing more can be written or changed in it.")


@dataclass(frozen=True)
class ShowQueue(Payload, feature=FEATURE, action="queue"):
    page: int = 0


@dataclass(frozen=True)
class OpenCase(Payload, feature=FEATURE, action="open"):
    case: int


@dataclass(frozen=True)
class TakeCase(Payload, feature=FEATURE, action="take"):
    case: int


@dataclass(frozen=True)
class WriteAnswer(Payload, feature=FEATURE, action="answer"):
    case: int


@dataclass(frozen=True)
class WriteNote(Payload, feature=FEATURE, action="note"):
    case: int


@dataclass(frozen=True)
class CancelWriting(Payload, feature=FEATURE, action="nowrite"):
    case: int


@dataclass(frozen=True)
class ReferCase(Payload, feature=FEATURE, action="refer"):
    case: int


@dataclass(frozen=True)
class ReferCamp(Payload, feature=FEATURE, action="tocamp"):
    case: int
    camp: int


@dataclass(frozen=True)
class ReferOutside(Payload, feature=FEATURE, action="outside"):
    case: int


@dataclass(frozen=True)
class CloseCase(Payload, feature=FEATURE, action="close"):
    case: int


@dataclass(frozen=True)
class PickOutcome(Payload, feature=FEATURE, action="outcome"):
    case: int
    outcome: Outcome


def works_cases(roles: frozenset[Role]) -> bool:
    return bool(roles & {"helpdesk", "protection", "admin"})


async def reader_for(context: DaleelContext, user_id: int, roles: frozenset[Role]) -> Reader:
    """Which cases this user may read, from the roles they hold now."""
    camps: frozenset[int] | None = frozenset()
    if "helpdesk" in roles:
        camps = await helpdesk_camps(context.db, user_id)
    elif "admin" in roles:
        camps = None
    if "protection" not in roles:
        return Reader(camps)
    gender = (await focal_points(context.db)).get(user_id)
    return Reader(camps, sensitive=True, gender=gender)


async def say(update: Update, context: DaleelContext, text: str) -> None:
    """An answer to a press (as an alert) or to a message (as a message)."""
    query = update.callback_query
    if query is not None:
        await query.answer(text, show_alert=True)
    elif update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text)


async def tell_resident(
    context: DaleelContext,
    case: CaseRow,
    text: Callable[[Translator], str],
    markup: Callable[[Translator], InlineKeyboardMarkup] | None = None,
) -> bool:
    """A message to the case's resident, in their language (their current one, else the
    case's), with the footer every case message carries; False when it could not go (they
    erased their data with /forget, or blocked Daleel)."""
    if case.chat_id is None:
        return False
    resident = await get_resident(context.db, case.chat_id)
    tr = context.state.catalogues.translator(resident.language if resident else case.language)
    try:
        await context.bot.send_message(
            case.chat_id,
            f"{text(tr)}\n\n{footer(tr, context.settings.feedback.hotline)}",
            reply_markup=markup(tr) if markup is not None else None,
        )
    except TelegramError as error:
        log.info("could not send a message about a case: %s", type(error).__name__)
        return False
    return True


CaseHandler = Callable[[Update, DaleelContext, Actor, Reader], Coroutine[Any, Any, None]]


def case_staff(
    action: str, *, refused: Callable[[DaleelContext], None] | None = None
) -> Callable[[CaseHandler], Callable[[Update, DaleelContext], Any]]:
    """Like :func:`handlers.kit.permissions.requires`, for either case role: checked when
    the update arrives, refused and audited otherwise (then ``refused`` runs); the handler
    gets the actor and what they may read, and its outcome is audited."""

    def decorate(handler: CaseHandler) -> Callable[[Update, DaleelContext], Any]:
        @functools.wraps(handler)
        async def guarded(update: Update, context: DaleelContext) -> None:
            user = update.effective_user
            if user is None:
                return
            roles = await roles_for(context.db, context.settings, user.id)
            if not works_cases(roles):
                await audit.record(context.db, user.id, action, "refused", "needs helpdesk")
                await say(update, context, context.tr.gettext(refusal_text("helpdesk")))
                if refused is not None:
                    refused(context)
                return
            actor = Actor(user.id, roles, action)

            async def act() -> None:
                await handler(update, context, actor, await reader_for(context, user.id, roles))

            await audited(context, actor, act())

        return guarded

    return decorate


async def readable_case(
    update: Update,
    context: DaleelContext,
    actor: Actor,
    reader: Reader,
    case: CaseRow | int | None,
    *,
    writable: bool = False,
) -> CaseRow | None:
    """The case if this reader may read it (and, ``writable``, it is not closed); otherwise
    say why, note the refusal for the audit log and return None."""
    found = await case_by_id(context.db, case) if isinstance(case, int) else case
    if found is None or not may_read(found, reader):
        which = found.number if found is not None else f"id {case}"
        actor.note(f"case {which}", outcome="refused")
        await say(update, context, context.tr.gettext(NOT_YOURS))
        return None
    if writable and found.state == "closed":
        actor.note(f"case {found.number} closed", outcome="rejected")
        await say(update, context, context.tr.gettext(CLOSED))
        return None
    return found


PressHandler = Callable[
    [Update, DaleelContext, Actor, Reader, Press[P]], Coroutine[Any, Any, None]
]


def on_case_button(
    app: DaleelApp, kind: type[P], handler: PressHandler[P], *, action: str
) -> None:
    """A staff button of the cases: the role checked (and audited) before the payload is
    read; a payload that does not read is stale."""
    parse = parser(kind)

    @case_staff(action)
    async def pressed(update: Update, context: DaleelContext, actor: Actor, reader: Reader) -> None:
        query, chat = update.callback_query, update.effective_chat
        payload = parse(query.data) if query is not None else None
        if query is None or chat is None or payload is None:
            actor.note("stale button", outcome="rejected")
            await answer_stale(update, context, alert=True)
            return
        await handler(update, context, actor, reader, Press(query, chat.id, payload))

    app.add_handler(CallbackQueryHandler(pressed, pattern=kind.pattern()))
