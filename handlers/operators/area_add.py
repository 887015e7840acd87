"""``/addarea [town] <parent> | <English> | <Arabic> | <Sorani> | <Kurmanji> [| aliases]``:
an operator adds a village (or, with ``town``, a town) missing from the data, under an
existing area.

The parent is found by name; when unsure, up to five buttons. A preview with "Add" /
"Cancel" comes before anything is written, and the parent is checked again when "Add" is
pressed (it may be gone, or hold a place of that name by now). After the addition the
place index is rebuilt, so residents find the new place at once.
"""

from __future__ import annotations

from typing import cast

from telegram import Update

from bot.access import Actor
from bot.domain.languages import ENGLISH_FIRST
from bot.i18n.catalogues import N_, Markup
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
    add_area,
    can_hold,
    check_area,
    parse_new_area,
)
from bot.safety.labels import label_of
from bot.storage.areas import Area, area_ancestors, get_area
from handlers.kit import tokens
from handlers.kit.app import refresh_places
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.permissions import requires
from handlers.kit.ui import command_text
from handlers.operators.area_screens import (
    NAME_LINE,
    NO_SPELLINGS,
    NOT_FOUND,
    SPELLINGS,
    AddArea,
    CancelArea,
    PickParent,
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

__all__ = ["addarea_command", "on_add", "on_cancel", "on_parent"]

_CHOOSE_PARENT = N_("Which area does the new place belong to? Choose one.")
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
_ADD = N_("✅ Add")
_CANCEL = N_("✖️ Cancel")
_ADDED = N_("✅ <b>Added:</b> {place} (code {pcode}).")
_ADDED_NEXT = N_(
    "Residents can find it now by typing any of its names or other spellings. Until an "
    "operator sets its status they are told there is no information about it, never that it "
    "is safe. /setstatus sets its status."
)
_CANCELLED = N_("Cancelled. Nothing was added.")


async def _refuse_parent(
    context: DaleelContext, chat_id: int, actor: Actor, problem: WrongParent | Duplicate | Gone
) -> None:
    tr = context.tr
    if isinstance(problem, WrongParent):
        msgid = _UNDER_TOWN if problem.level == "town" else _UNDER_VILLAGE
        text = tr.gettext(msgid, place=await label(context, problem.parent))
        actor.note(f"parent {problem.parent.id} is a {problem.parent.level}", outcome="rejected")
    elif isinstance(problem, Duplicate):
        existing = await get_area(context.db, problem.existing_id)
        place = await label(context, existing) if existing is not None else "—"
        text = tr.gettext(_DUPLICATE, name=problem.name, place=place)
        actor.note(f"duplicate of area {problem.existing_id}", outcome="rejected")
    else:
        text = tr.gettext(_GONE)
        actor.note("parent gone", outcome="rejected")
    await say(context, chat_id, text)


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
        tr.gettext(_PLACE, place=Markup(label_of(tr, draft, ancestors))),
        tr.gettext(_PREVIEW_UNDER, parent=await label(context, parent)),
        "",
        *(
            tr.gettext(NAME_LINE, language=NATIVE[lang], name=new.names[lang])
            for lang in ENGLISH_FIRST
            if lang in new.names
        ),
        tr.gettext(SPELLINGS, aliases=", ".join(new.aliases))
        if new.aliases else tr.gettext(NO_SPELLINGS),
    ]
    token = await tokens.issue(
        context.state, actor.user_id, use("add"),
        {"parent_id": parent.id, "new": new.to_payload()},
    )
    rows = [[
        (tr.gettext(_ADD), AddArea(token).encode()),
        (tr.gettext(_CANCEL), CancelArea(token).encode()),
    ]]
    await say(context, chat_id, "\n".join(lines), rows)


@requires("operator", "area.add", audit_success=False)
async def addarea_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/addarea [town] <parent> | <English> | <Arabic> | <Sorani> | <Kurmanji> [| aliases]"""
    chat_id = chat_of(update)
    if chat_id is None:
        return
    tr = context.tr
    parsed = parse_new_area(command_text(update))
    if isinstance(parsed, Problem):
        actor.note("bad input", outcome="rejected")
        usage = tr.gettext(USAGE, example=EXAMPLE_ADD)
        await say(context, chat_id, problem_text(tr, parsed) + "\n\n" + usage)
        return
    query, new = parsed
    areas, sure = await matches(context, query)
    if not areas:
        actor.note("parent not found", outcome="rejected")
        await say(context, chat_id, tr.gettext(NOT_FOUND))
        return
    if sure:
        await _preview(context, chat_id, actor, areas[0], new)
        return
    holders = [a for a in areas if can_hold(a, new.level)]
    if not holders:
        await _refuse_parent(context, chat_id, actor, WrongParent(areas[0], new.level))
        return
    await offer(
        context, chat_id, actor, action="parent", areas=holders,
        payload={"new": new.to_payload()}, prompt=_CHOOSE_PARENT,
    )


async def on_parent(
    update: Update, context: DaleelContext, actor: Actor, press: Press[PickParent]
) -> None:
    chat_id, token = press.chat_id, press.payload.token
    payload = await tokens.take(context.state, token, actor.user_id, use("parent"))
    parent_id = chosen(payload, press.payload.index) if payload is not None else None
    new = NewArea.from_payload(payload.get("new", {})) if payload is not None else None
    parent = await get_area(context.db, parent_id) if parent_id is not None else None
    if payload is None or new is None or parent is None:
        await stale(update, context, actor)
        return
    await acknowledge(update)
    await _preview(context, chat_id, actor, parent, new)


async def on_add(
    update: Update, context: DaleelContext, actor: Actor, press: Press[AddArea]
) -> None:
    chat_id, token = press.chat_id, press.payload.token
    payload = await tokens.take(context.state, token, actor.user_id, use("add"))
    new = NewArea.from_payload(payload.get("new", {})) if payload is not None else None
    parent_id = payload.get("parent_id") if payload is not None else None
    if new is None or not isinstance(parent_id, int):
        await stale(update, context, actor)
        return
    await acknowledge(update, clear=True)
    now = context.state.clock()
    result = await add_area(context.db, parent_id, new, added_by=actor.user_id, now=now)
    if not isinstance(result, Added):
        await _refuse_parent(context, chat_id, actor, result)
        return
    await refresh_places(cast("DaleelApp", context.application))
    actor.note(f"area {result.area_id} {result.pcode} under {parent_id} aliases {len(new.aliases)}")
    area = await get_area(context.db, result.area_id)
    tr = context.tr
    place = await label(context, area) if area is not None else "—"
    text = tr.gettext(_ADDED, place=place, pcode=result.pcode) + "\n\n" + tr.gettext(_ADDED_NEXT)
    await say(context, chat_id, text)


async def on_cancel(
    update: Update, context: DaleelContext, actor: Actor, press: Press[CancelArea]
) -> None:
    chat_id, token = press.chat_id, press.payload.token
    if await tokens.take(context.state, token, actor.user_id, use("add")) is None:
        await stale(update, context, actor)
        return
    await acknowledge(update, clear=True)
    await say(context, chat_id, context.tr.gettext(_CANCELLED))
