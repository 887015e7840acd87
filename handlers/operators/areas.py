"""Operators add areas missing from the data, and the spellings residents use.

- ``/addarea [town] <parent> | <English> | <Arabic> | <Sorani> | <Kurmanji> [| aliases]``:
  a village (or, with ``town``, a town) under an existing area. The parent is found by
  name; when unsure, up to five buttons. A preview with "Add" / "Cancel" comes before
  anything is written.
- ``/alias <area> | <alias>`` adds another spelling, ``/unalias <area> | <alias>`` removes
  one, ``/aliases <area>`` lists an area's names and spellings.

Every command and button checks the operator role at that moment and is audited
(:func:`bot.access.requires`). Buttons carry only a one-use token
(:mod:`bot.storage.action_tokens`) bound to the operator: what is pending (the whole
addition, the alias, the areas offered) stays on the server. After every change the place
index is rebuilt, so residents find the new names at once.

Callbacks: ``areas:v1:parent:<token>:<i>``, ``areas:v1:add:<token>``,
``areas:v1:cancel:<token>``, ``areas:v1:alias|unalias|list:<token>:<i>``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar, cast

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.domain.languages import ENGLISH_FIRST
from bot.i18n.catalogues import N_, Markup, Translator
from bot.places.edits import (
    EXAMPLE_ADD,
    NATIVE,
    USAGE,
    Added,
    Duplicate,
    Gone,
    NewArea,
    Problem,
    WrongParent,
    add_alias,
    add_area,
    can_hold,
    check_area,
    parse_new_area,
    read_alias,
    read_query,
    remove_alias,
    split_pair,
)
from bot.places.index import PlaceMatch, is_confident
from bot.safety.answers import button_label, level_label, place_of
from bot.storage.area_edits import aliases_of
from bot.storage.areas import Area, area_ancestors, get_area
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit import buttons, tokens
from handlers.kit.app import refresh_places
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Payload
from handlers.kit.permissions import requires
from handlers.kit.tokens import TokenUse

__all__ = ["register", "start"]

log = logging.getLogger(__name__)

FEATURE = "areas"
TOKEN_AGE = timedelta(minutes=30)
MAX_CHOICES = 5
_SEARCH = 8  # matches looked at, of which at most MAX_CHOICES are offered

_EXAMPLES = {
    "alias": "/alias Qayyarah | Qayyara",
    "unalias": "/unalias Qayyarah | Qayyara",
    "list": "/aliases Qayyarah",
}
_NOT_FOUND = N_("I found no area with that name. Try another spelling.")
_CHOOSE_PARENT = N_("Which area does the new place belong to? Choose one.")
_CHOOSE_AREA = N_("Did you mean one of these places? Choose one.")
_UNDER_VILLAGE = N_(
    "{place} is a village: a new place goes under a governorate, district, sub-district "
    "or town."
)
_UNDER_TOWN = N_(
    "A new town cannot go under {place}: choose a governorate, district or sub-district."
)
_DUPLICATE = N_("There is already a place called “{name}” there: {place}. Nothing was added.")
_GONE = N_("That area no longer exists. Nothing was added.")
_PREVIEW_TITLE = N_("<b>New place — check it before adding</b>")
_PLACE = N_("📍 <b>{place}</b>")
_PREVIEW_UNDER = N_("It goes under {parent}.")
_NAME_LINE = "{language}: {name}"  # nothing to translate: the language's own name
_SPELLINGS = N_("Other spellings: {aliases}")
_NO_SPELLINGS = N_("Other spellings: none")
_ADD = N_("✅ Add")
_CANCEL = N_("✖️ Cancel")
_ADDED = N_("✅ <b>Added:</b> {place} (code {pcode}).")
_ADDED_NEXT = N_(
    "Residents can find it now by typing any of its names or other spellings. Until an "
    "operator sets its status they are told there is no information about it, never that it "
    "is safe. /setstatus sets its status."
)
_CANCELLED = N_("Cancelled. Nothing was added.")
_ALIAS_ADDED = N_(
    "✅ “{alias}” is now another spelling of {place}. Residents who type it find the place."
)
_ALIAS_EXISTS = N_("{place} already has the name or spelling “{alias}”.")
_ALIAS_REMOVED = N_("“{alias}” is no longer a spelling of {place}.")
_ALIAS_IS_NAME = N_(
    "“{alias}” is a name of {place}, not another spelling: names come from the data files."
)
_ALIAS_MISSING = N_("{place} has no spelling “{alias}”. /aliases lists its spellings.")
_LIST_TITLE = N_("<b>{place}</b> (code {pcode})")


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
_Choice = TypeVar("_Choice", bound=Choice)
_CHOICES: Mapping[str, Callable[[str, int], Choice]] = {
    "parent": PickParent, "alias": PickAlias, "unalias": PickUnalias, "list": PickList,
}


# --- replies ---------------------------------------------------------------------------------


async def _say(
    context: DaleelContext, chat_id: int, text: str, rows: Sequence[Sequence[Button]] = ()
) -> None:
    markup = keyboard(rows, rtl=context.tr.language.rtl) if rows else None
    await context.bot.send_message(chat_id, text, reply_markup=markup)


def _chat(update: Update) -> int | None:
    return update.effective_chat.id if update.effective_chat is not None else None


def _arguments(update: Update) -> str:
    """What follows the command word (newlines included)."""
    message = update.effective_message
    parts = (message.text or "").split(maxsplit=1) if message is not None else []
    return parts[1] if len(parts) == 2 else ""


def _problem(tr: Translator, problem: Problem) -> str:
    return tr.gettext(problem.msgid, **problem.values)


async def _label(context: DaleelContext, area: Area) -> Markup:
    """"Qayyarah (town) — Al-Qayarra" in the reader's language (HTML)."""
    ancestors = await area_ancestors(context.db, area.id)
    return Markup(level_label(context.tr, place_of(area, ancestors, context.tr.code)))


def _use(action: str) -> TokenUse:
    return TokenUse(f"area.{action}", TOKEN_AGE)


async def _matches(context: DaleelContext, query: str) -> tuple[list[Area], bool]:
    """Areas the name may mean, best first, and whether the first is certain."""
    matches: list[PlaceMatch] = context.state.places.search(query, limit=_SEARCH)
    areas: list[Area] = []
    for match in matches:
        area = await get_area(context.db, match.area_id)
        if area is not None and all(a.id != area.id for a in areas):
            areas.append(area)
    return areas, bool(areas) and is_confident(matches) and areas[0].id == matches[0].area_id


async def _offer(
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
        context.state, actor.user_id, _use(action),
        {**payload, "choices": [a.id for a in offered]},
    )
    rows = [
        [(button_label(await _label(context, area)), _CHOICES[action](token, i).encode())]
        for i, area in enumerate(offered)
    ]
    await _say(context, chat_id, context.tr.gettext(prompt), rows)


def _choice(payload: Mapping[str, Any], index: int) -> int | None:
    """The area id behind the pressed button, from the token's own list."""
    choices = payload.get("choices")
    if not isinstance(choices, list) or index >= len(choices):
        return None
    chosen = choices[index]
    return chosen if isinstance(chosen, int) else None


# --- /addarea ----------------------------------------------------------------------------------


async def _refuse_parent(
    context: DaleelContext, chat_id: int, actor: Actor, problem: WrongParent | Duplicate | Gone
) -> None:
    tr = context.tr
    if isinstance(problem, WrongParent):
        msgid = _UNDER_TOWN if problem.level == "town" else _UNDER_VILLAGE
        text = tr.gettext(msgid, place=await _label(context, problem.parent))
        actor.note(f"parent {problem.parent.id} is a {problem.parent.level}", outcome="rejected")
    elif isinstance(problem, Duplicate):
        existing = await get_area(context.db, problem.existing_id)
        place = await _label(context, existing) if existing is not None else "—"
        text = tr.gettext(_DUPLICATE, name=problem.name, place=place)
        actor.note(f"duplicate of area {problem.existing_id}", outcome="rejected")
    else:
        text = tr.gettext(_GONE)
        actor.note("parent gone", outcome="rejected")
    await _say(context, chat_id, text)


async def _preview(
    context: DaleelContext, chat_id: int, actor: Actor, parent: Area, new: NewArea
) -> None:
    """Check against the parent, then show what will be added, with "Add" / "Cancel"."""
    problem = await check_area(context.db, parent.id, new)
    if problem is not None:
        await _refuse_parent(context, chat_id, actor, problem)
        return
    tr = context.tr
    ancestors = [parent, *await area_ancestors(context.db, parent.id)]
    draft = Area(0, "", new.level, parent.id, new.names, None, None, False)
    lines = [
        tr.gettext(_PREVIEW_TITLE),
        tr.gettext(_PLACE, place=Markup(level_label(tr, place_of(draft, ancestors, tr.code)))),
        tr.gettext(_PREVIEW_UNDER, parent=await _label(context, parent)),
        "",
        *(
            tr.gettext(_NAME_LINE, language=NATIVE[lang], name=new.names[lang])
            for lang in ENGLISH_FIRST
            if lang in new.names
        ),
        tr.gettext(_SPELLINGS, aliases=", ".join(new.aliases))
        if new.aliases else tr.gettext(_NO_SPELLINGS),
    ]
    token = await tokens.issue(
        context.state, actor.user_id, _use("add"),
        {"parent_id": parent.id, "new": new.to_payload()},
    )
    rows = [[
        (tr.gettext(_ADD), AddArea(token).encode()),
        (tr.gettext(_CANCEL), CancelArea(token).encode()),
    ]]
    await _say(context, chat_id, "\n".join(lines), rows)


@requires("operator", "area.add", audit_success=False)
async def addarea_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/addarea [town] <parent> | <English> | <Arabic> | <Sorani> | <Kurmanji> [| aliases]"""
    chat_id = _chat(update)
    if chat_id is None:
        return
    tr = context.tr
    parsed = parse_new_area(_arguments(update))
    if isinstance(parsed, Problem):
        actor.note("bad input", outcome="rejected")
        usage = tr.gettext(USAGE, example=EXAMPLE_ADD)
        await _say(context, chat_id, _problem(tr, parsed) + "\n\n" + usage)
        return
    query, new = parsed
    areas, sure = await _matches(context, query)
    if not areas:
        actor.note("parent not found", outcome="rejected")
        await _say(context, chat_id, tr.gettext(_NOT_FOUND))
        return
    if sure:
        await _preview(context, chat_id, actor, areas[0], new)
        return
    holders = [a for a in areas if can_hold(a, new.level)]
    if not holders:
        await _refuse_parent(context, chat_id, actor, WrongParent(areas[0], new.level))
        return
    await _offer(
        context, chat_id, actor, action="parent", areas=holders,
        payload={"new": new.to_payload()}, prompt=_CHOOSE_PARENT,
    )


async def _on_parent(
    update: Update, context: DaleelContext, actor: Actor, press: Press[PickParent]
) -> None:
    chat_id, token = press.chat_id, press.payload.token
    payload = await tokens.take(context.state, token, actor.user_id, _use("parent"))
    parent_id = _choice(payload, press.payload.index) if payload is not None else None
    new = NewArea.from_payload(payload.get("new", {})) if payload is not None else None
    parent = await get_area(context.db, parent_id) if parent_id is not None else None
    if payload is None or new is None or parent is None:
        await _stale(update, context, actor)
        return
    await _answer(update)
    await _preview(context, chat_id, actor, parent, new)


async def _on_add(
    update: Update, context: DaleelContext, actor: Actor, press: Press[AddArea]
) -> None:
    chat_id, token = press.chat_id, press.payload.token
    payload = await tokens.take(context.state, token, actor.user_id, _use("add"))
    new = NewArea.from_payload(payload.get("new", {})) if payload is not None else None
    parent_id = payload.get("parent_id") if payload is not None else None
    if new is None or not isinstance(parent_id, int):
        await _stale(update, context, actor)
        return
    await _answer(update, clear=True)
    now = context.state.clock()
    result = await add_area(context.db, parent_id, new, added_by=actor.user_id, now=now)
    if not isinstance(result, Added):
        await _refuse_parent(context, chat_id, actor, result)
        return
    await refresh_places(cast("DaleelApp", context.application))
    actor.note(f"area {result.area_id} {result.pcode} under {parent_id} aliases {len(new.aliases)}")
    area = await get_area(context.db, result.area_id)
    tr = context.tr
    place = await _label(context, area) if area is not None else "—"
    text = tr.gettext(_ADDED, place=place, pcode=result.pcode) + "\n\n" + tr.gettext(_ADDED_NEXT)
    await _say(context, chat_id, text)


async def _on_cancel(
    update: Update, context: DaleelContext, actor: Actor, press: Press[CancelArea]
) -> None:
    chat_id, token = press.chat_id, press.payload.token
    if await tokens.take(context.state, token, actor.user_id, _use("add")) is None:
        await _stale(update, context, actor)
        return
    await _answer(update, clear=True)
    await _say(context, chat_id, context.tr.gettext(_CANCELLED))


# --- aliases -----------------------------------------------------------------------------------


async def _alias_change(
    context: DaleelContext, chat_id: int, actor: Actor, *, op: str, area: Area, alias: str
) -> None:
    tr = context.tr
    place = await _label(context, area)
    if op == "alias":
        added = await add_alias(
            context.db, area, alias, now=context.state.clock(), added_by=actor.user_id
        )
        actor.note(f"area {area.id} {added}")
        changed = added == "added"
        text = tr.gettext(_ALIAS_ADDED if changed else _ALIAS_EXISTS, alias=alias, place=place)
    else:
        removed = await remove_alias(context.db, area, alias, now=context.state.clock())
        actor.note(f"area {area.id} {removed}")
        msgid = {
            "removed": _ALIAS_REMOVED, "is_name": _ALIAS_IS_NAME, "missing": _ALIAS_MISSING
        }[removed]
        text = tr.gettext(msgid, alias=alias, place=place)
        changed = removed == "removed"
    if changed:
        await refresh_places(cast("DaleelApp", context.application))
    await _say(context, chat_id, text)


async def _list(context: DaleelContext, chat_id: int, actor: Actor, area: Area) -> None:
    tr = context.tr
    aliases = await aliases_of(context.db, area.id)
    actor.note(f"area {area.id} aliases {len(aliases)}")
    lines = [tr.gettext(_LIST_TITLE, place=await _label(context, area), pcode=area.pcode)]
    lines += [
        tr.gettext(_NAME_LINE, language=NATIVE[lang], name=area.names[lang])
        for lang in ENGLISH_FIRST
        if lang in area.names
    ]
    shown = list(aliases)
    while True:  # hundreds of spellings: the last ones give way, marked with "…"
        cut = "…" if len(shown) < len(aliases) else ""
        spellings = (
            tr.gettext(_SPELLINGS, aliases=", ".join(shown) + cut)
            if aliases else tr.gettext(_NO_SPELLINGS)
        )
        text = "\n".join([*lines, spellings])
        if telegram_length(text) <= MESSAGE_LIMIT or not shown:
            break
        shown.pop()
    await _say(context, chat_id, text)


def _read_alias_input(op: str, raw: str) -> tuple[str, str] | Problem | None:
    """(area name, alias) as typed for ``op``; None when nothing was given."""
    if not raw.strip():
        return None
    if op == "list":
        query = read_query(raw)
        return query if isinstance(query, Problem) else (query, "")
    pair = split_pair(raw)
    if isinstance(pair, Problem):
        return pair
    query, alias = read_query(pair[0]), read_alias(pair[1])
    if isinstance(query, Problem):
        return query
    if isinstance(alias, Problem):
        return alias
    return (query, alias) if query else None


async def _alias_command(
    update: Update, context: DaleelContext, actor: Actor, op: str
) -> None:
    chat_id = _chat(update)
    if chat_id is None:
        return
    tr = context.tr
    given = _read_alias_input(op, _arguments(update))
    if not isinstance(given, tuple):
        actor.note("bad input", outcome="rejected")
        usage = tr.gettext(USAGE, example=_EXAMPLES[op])
        text = usage if given is None else _problem(tr, given) + "\n\n" + usage
        await _say(context, chat_id, text)
        return
    query, alias = given
    areas, sure = await _matches(context, query)
    if not areas:
        actor.note("area not found", outcome="rejected")
        await _say(context, chat_id, tr.gettext(_NOT_FOUND))
        return
    if sure:
        await _act(context, chat_id, actor, op=op, area=areas[0], alias=alias)
        return
    actor.audited = False  # the choice is audited when it is pressed
    await _offer(
        context, chat_id, actor, action=op, areas=areas, payload={"alias": alias},
        prompt=_CHOOSE_AREA,
    )


async def _act(
    context: DaleelContext, chat_id: int, actor: Actor, *, op: str, area: Area, alias: str
) -> None:
    if op == "list":
        await _list(context, chat_id, actor, area)
    else:
        await _alias_change(context, chat_id, actor, op=op, area=area, alias=alias)


@requires("operator", "area.alias")
async def alias_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/alias <area> | <alias>"""
    await _alias_command(update, context, actor, "alias")


@requires("operator", "area.unalias")
async def unalias_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/unalias <area> | <alias>"""
    await _alias_command(update, context, actor, "unalias")


@requires("operator", "area.aliases")
async def aliases_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/aliases <area>"""
    await _alias_command(update, context, actor, "list")


async def _on_choice(
    update: Update, context: DaleelContext, actor: Actor, press: Press[_Choice]
) -> None:
    op, chat_id, token = press.payload.ACTION, press.chat_id, press.payload.token
    payload = await tokens.take(context.state, token, actor.user_id, _use(op))
    area_id = _choice(payload, press.payload.index) if payload is not None else None
    area = await get_area(context.db, area_id) if area_id is not None else None
    alias = payload.get("alias") if payload is not None else None
    if area is None or not isinstance(alias, str) or (op != "list" and not alias):
        await _stale(update, context, actor)
        return
    await _answer(update)
    await _act(context, chat_id, actor, op=op, area=area, alias=alias)


# --- buttons -----------------------------------------------------------------------------------


async def _answer(update: Update, *, clear: bool = False) -> None:
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


async def _stale(update: Update, context: DaleelContext, actor: Actor) -> None:
    """A used, expired, foreign or forged token: nothing happens, and it is audited."""
    actor.note("stale or foreign button", outcome="rejected")
    await answer_stale(update, context, alert=True)


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("addarea", addarea_command, private))
    app.add_handler(CommandHandler("alias", alias_command, private))
    app.add_handler(CommandHandler("unalias", unalias_command, private))
    app.add_handler(CommandHandler("aliases", aliases_command, private))
    add = "area.add"
    buttons.on_guarded(app, PickParent, _on_parent, role="operator", action=add,
                       audit_success=False)
    buttons.on_guarded(app, AddArea, _on_add, role="operator", action=add)
    buttons.on_guarded(app, CancelArea, _on_cancel, role="operator", action=add,
                       audit_success=False)
    buttons.on_guarded(app, PickAlias, _on_choice, role="operator", action="area.alias")
    buttons.on_guarded(app, PickUnalias, _on_choice, role="operator", action="area.unalias")
    buttons.on_guarded(app, PickList, _on_choice, role="operator", action="area.aliases")
    buttons.on_unknown(app, FEATURE, role="operator", action="area.button")


async def start(app: DaleelApp) -> None:
    """Nothing to start: every step waits on an operator's command or button."""
