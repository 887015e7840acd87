"""The spellings residents use for an area: ``/alias <area> | <alias>`` adds one,
``/unalias <area> | <alias>`` removes one, ``/aliases <area>`` lists an area's names and
spellings.

The area is found by name; when unsure, up to five buttons, and the change is made (and
audited) when one is pressed. After every change the place index is rebuilt, so
residents find the new spelling at once.
"""

from __future__ import annotations

from typing import cast

from telegram import Update

from bot.access import Actor
from bot.domain.languages import ENGLISH_FIRST
from bot.i18n.catalogues import N_
from bot.places.edits import (
    NATIVE,
    USAGE,
    Problem,
    add_alias,
    read_alias,
    read_query,
    remove_alias,
    split_pair,
)
from bot.storage.area_edits import aliases_of
from bot.storage.areas import Area, get_area
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit import tokens
from handlers.kit.app import refresh_places
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.permissions import requires
from handlers.kit.ui import command_text
from handlers.operators.alias_suggestions import SUGGESTIONS, show_suggestions
from handlers.operators.area_screens import (
    NAME_LINE,
    NO_SPELLINGS,
    NOT_FOUND,
    SPELLINGS,
    C,
    acknowledge,
    chat_of,
    chosen,
    label,
    matches,
    offer,
    problem_text,
    say,
    stale,
    use,
)

__all__ = ["alias_command", "aliases_command", "on_choice", "unalias_command"]

_EXAMPLES = {
    "alias": "/alias Qayyarah | Qayyara",
    "unalias": "/unalias Qayyarah | Qayyara",
    "list": "/aliases Qayyarah",
}
_CHOOSE_AREA = N_("Did you mean one of these places? Choose one.")
_CONFIRM_AREA = N_("Is this the place you mean? Press it to go on.")
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


async def _alias_change(
    context: DaleelContext, chat_id: int, actor: Actor, *, op: str, area: Area, alias: str
) -> None:
    tr = context.tr
    place = await label(context, area)
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
    await say(context, chat_id, text)


async def _list(context: DaleelContext, chat_id: int, actor: Actor, area: Area) -> None:
    tr = context.tr
    aliases = await aliases_of(context.db, area.id)
    actor.note(f"area {area.id} aliases {len(aliases)}")
    lines = [tr.gettext(_LIST_TITLE, place=await label(context, area), pcode=area.pcode)]
    lines += [
        tr.gettext(NAME_LINE, language=NATIVE[lang], name=area.names[lang])
        for lang in ENGLISH_FIRST
        if lang in area.names
    ]
    shown = list(aliases)
    while True:  # hundreds of spellings: the last ones give way, marked with "…"
        cut = "…" if len(shown) < len(aliases) else ""
        spellings = (
            tr.gettext(SPELLINGS, aliases=", ".join(shown) + cut)
            if aliases else tr.gettext(NO_SPELLINGS)
        )
        text = "\n".join([*lines, spellings])
        if telegram_length(text) <= MESSAGE_LIMIT or not shown:
            break
        shown.pop()
    await say(context, chat_id, text)


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
    chat_id = chat_of(update)
    if chat_id is None:
        return
    tr = context.tr
    if op == "list" and command_text(update).strip().casefold() == SUGGESTIONS:
        await show_suggestions(context, chat_id, actor)
        return
    given = _read_alias_input(op, command_text(update))
    if not isinstance(given, tuple):
        actor.note("bad input", outcome="rejected")
        usage = tr.gettext(USAGE, example=_EXAMPLES[op])
        text = usage if given is None else problem_text(tr, given) + "\n\n" + usage
        await say(context, chat_id, text)
        return
    query, alias = given
    areas, sure = await matches(context, query)
    if not areas:
        actor.note("area not found", outcome="rejected")
        await say(context, chat_id, tr.gettext(NOT_FOUND))
        return
    actor.audited = False  # the choice is audited when it is pressed
    # Never on a typed name alone: the exact place is confirmed, anything else chosen.
    await offer(
        context, chat_id, actor, action=op, areas=areas[:1] if sure else areas,
        payload={"alias": alias}, prompt=_CONFIRM_AREA if sure else _CHOOSE_AREA,
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


async def on_choice(
    update: Update, context: DaleelContext, actor: Actor, press: Press[C]
) -> None:
    op, chat_id, token = press.payload.ACTION, press.chat_id, press.payload.token
    payload = await tokens.take(context.state, token, actor.user_id, use(op))
    area_id = chosen(payload, press.payload.index) if payload is not None else None
    area = await get_area(context.db, area_id) if area_id is not None else None
    alias = payload.get("alias") if payload is not None else None
    if area is None or not isinstance(alias, str) or (op != "list" and not alias):
        await stale(update, context, actor)
        return
    await acknowledge(update)
    await _act(context, chat_id, actor, op=op, area=area, alias=alias)
