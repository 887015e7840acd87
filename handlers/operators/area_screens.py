"""What /addarea and the alias commands share: their button payloads, finding the area an
operator named, offering up to five areas behind one token, and the replies.

Buttons carry only a one-use token (:mod:`handlers.kit.tokens`) bound to the operator:
what is pending (the whole addition, the alias, the areas offered) stays on the server.
Callbacks: ``areas:v1:parent:<token>:<i>``, ``areas:v1:add:<token>``,
``areas:v1:cancel:<token>``, ``areas:v1:alias|unalias|list:<token>:<i>``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from telegram import Update
from telegram.error import BadRequest

from bot.access import Actor
from bot.i18n.catalogues import N_, Markup, Translator
from bot.places.edits import Problem
from bot.places.index import PlaceMatch
from bot.places.matches import exact_place
from bot.safety.answers import button_label
from bot.safety.labels import area_label
from bot.storage.areas import Area, get_area
from handlers.kit import tokens
from handlers.kit.buttons import answer_stale
from handlers.kit.context import DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Payload
from handlers.kit.tokens import TokenUse

__all__ = [
    "FEATURE",
    "MAX_CHOICES",
    "NAME_LINE",
    "NOT_FOUND",
    "NO_SPELLINGS",
    "SPELLINGS",
    "TOKEN_AGE",
    "AddArea",
    "CancelArea",
    "Choice",
    "PickAlias",
    "PickList",
    "PickParent",
    "PickUnalias",
    "acknowledge",
    "chat_of",
    "chosen",
    "label",
    "matches",
    "offer",
    "problem_text",
    "say",
    "stale",
    "use",
]

log = logging.getLogger(__name__)

FEATURE = "areas"
TOKEN_AGE = timedelta(minutes=30)
MAX_CHOICES = 5
_SEARCH = 8  # matches looked at, of which at most MAX_CHOICES are offered

NOT_FOUND = N_("I found no area with that name. Try another spelling.")
NAME_LINE = "{language}: {name}"  # nothing to translate: the language's own name
SPELLINGS = N_("Other spellings: {aliases}")
NO_SPELLINGS = N_("Other spellings: none")


@dataclass(frozen=True)
class PickParent(Payload, feature="areas", action="parent"):
    token: str
    index: int


@dataclass(frozen=True)
class AddArea(Payload, feature="areas", action="add"):
    token: str


@dataclass(frozen=True)
class CancelArea(Payload, feature="areas", action="cancel"):
    token: str


@dataclass(frozen=True)
class PickAlias(Payload, feature="areas", action="alias"):
    token: str
    index: int


@dataclass(frozen=True)
class PickUnalias(Payload, feature="areas", action="unalias"):
    token: str
    index: int


@dataclass(frozen=True)
class PickList(Payload, feature="areas", action="list"):
    token: str
    index: int


Choice = PickParent | PickAlias | PickUnalias | PickList
C = TypeVar("C", bound=Choice)
_CHOICES: Mapping[str, Callable[[str, int], Choice]] = {
    "parent": PickParent, "alias": PickAlias, "unalias": PickUnalias, "list": PickList,
}


# --- replies ---------------------------------------------------------------------------------


async def say(
    context: DaleelContext, chat_id: int, text: str, rows: Sequence[Sequence[Button]] = ()
) -> None:
    markup = keyboard(rows, rtl=context.tr.language.rtl) if rows else None
    await context.bot.send_message(chat_id, text, reply_markup=markup)


def chat_of(update: Update) -> int | None:
    return update.effective_chat.id if update.effective_chat is not None else None


def problem_text(tr: Translator, problem: Problem) -> str:
    return tr.gettext(problem.msgid, **problem.values)


async def label(context: DaleelContext, area: Area) -> Markup:
    """"Qayyarah (town) — Al-Qayarra" in the reader's language (HTML)."""
    return Markup(await area_label(context.db, context.tr, area))


def use(action: str) -> TokenUse:
    return TokenUse(f"area.{action}", TOKEN_AGE)


# --- finding and offering areas --------------------------------------------------------------


async def matches(context: DaleelContext, query: str) -> tuple[list[Area], bool]:
    """Areas the name may mean, best first, and whether the first is certain: typed
    exactly (a name or P-code of it and of no other area), never a resemblance."""
    found: list[PlaceMatch] = context.state.places.search(query, limit=_SEARCH)
    areas: list[Area] = []
    for match in found:
        area = await get_area(context.db, match.area_id)
        if area is not None and all(a.id != area.id for a in areas):
            areas.append(area)
    return areas, bool(areas) and exact_place(found) == areas[0].id


async def offer(
    context: DaleelContext,
    chat_id: int,
    actor: Actor,
    *,
    action: str,
    areas: Sequence[Area],
    payload: dict[str, Any],
    prompt: str,
) -> None:
    """Up to five areas as buttons behind one token: the first press uses it up."""
    offered = list(areas[:MAX_CHOICES])
    token = await tokens.issue(
        context.state, actor.user_id, use(action),
        {**payload, "choices": [a.id for a in offered]},
    )
    rows = [
        [(button_label(await label(context, area)), _CHOICES[action](token, i).encode())]
        for i, area in enumerate(offered)
    ]
    await say(context, chat_id, context.tr.gettext(prompt), rows)


def chosen(payload: Mapping[str, Any], index: int) -> int | None:
    """The area id behind the pressed button, from the token's own list."""
    choices = payload.get("choices")
    if not isinstance(choices, list) or index >= len(choices):
        return None
    area_id = choices[index]
    return area_id if isinstance(area_id, int) else None


# --- answering presses -----------------------------------------------------------------------


async def acknowledge(update: Update, *, clear: bool = False) -> None:
    """Acknowledge the press; ``clear`` takes the used buttons off the message."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    if clear:
        try:
            await query.edit_message_reply_markup(None)
        except BadRequest as error:  # too old to edit, or already without buttons
            log.info("could not clear the buttons: %s", error)


async def stale(update: Update, context: DaleelContext, actor: Actor) -> None:
    """A used, expired, foreign or forged token: nothing happens, and it is audited."""
    actor.note("stale or foreign button", outcome="rejected")
    await answer_stale(update, context, alert=True)
