"""``/aliases suggestions``: the spellings residents typed, and one press to learn one.

Why: a village is often typed in a spelling the data does not have; residents then pick
it from "Did you mean". The most frequent (spelling, place picked) pairs are shown to
operators, each with a button that makes the spelling an alias of that place; the place
index is rebuilt, so the next resident typing it is answered at once. Spellings typed and
matched to nothing are listed too (they need ``/alias`` with a place). The buttons carry
one one-use token bound to the operator (``areas:v1:learn:<token>:<i>``); the counts hold
no chat id (``bot.storage.spellings``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import cast

from telegram import Update

from bot.access import Actor
from bot.i18n.catalogues import N_
from bot.safety.answers import button_label
from bot.storage.areas import get_area
from bot.storage.spellings import accept_spelling, spelling_counts
from handlers.kit import tokens
from handlers.kit.app import refresh_places
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button
from handlers.kit.payloads import Payload
from handlers.operators.area_screens import (
    MAX_CHOICES,
    acknowledge,
    chosen,
    label,
    say,
    stale,
    use,
)

__all__ = ["SUGGESTIONS", "LearnSpelling", "on_learn", "show_suggestions"]

SUGGESTIONS = "suggestions"  # the word after /aliases
_USE = use("learn")
_PICKED = N_(
    "Spellings residents typed, and the place they then chose. "
    "Press one to make it another spelling of that place:"
)
_UNMATCHED = N_("Typed, and no place found (add with /alias):")
_NONE = N_("No spellings to suggest yet.")
_ALIAS_ADDED = N_(
    "✅ “{alias}” is now another spelling of {place}. Residents who type it find the place."
)
_ALIAS_EXISTS = N_("{place} already has the name or spelling “{alias}”.")


@dataclass(frozen=True)
class LearnSpelling(Payload, feature="areas", action="learn"):
    token: str
    index: int


async def show_suggestions(context: DaleelContext, chat_id: int, actor: Actor) -> None:
    """The most frequent picked spellings (with buttons) and unmatched ones."""
    tr = context.tr
    picked = await spelling_counts(context.db, picked=True, limit=MAX_CHOICES)
    unmatched = await spelling_counts(context.db, picked=False, limit=MAX_CHOICES)
    actor.note(f"suggestions {len(picked)} {len(unmatched)}")
    if not picked and not unmatched:
        await say(context, chat_id, tr.gettext(_NONE))
        return
    lines: list[str] = []
    rows: list[list[Button]] = []
    offered = []
    for s in picked:
        area = await get_area(context.db, s.area_id)
        if area is not None:
            offered.append(s)
            lines.append(f"• “{s.spelling}” → {await label(context, area)} ({s.count})")
    if offered:
        token = await tokens.issue(
            context.state, actor.user_id, _USE,
            {"choices": [s.area_id for s in offered], "spellings": [s.spelling for s in offered]},
        )
        rows = [
            [(button_label(f"✅ {s.spelling}"), LearnSpelling(token, i).encode())]
            for i, s in enumerate(offered)
        ]
        lines.insert(0, tr.gettext(_PICKED))
    if unmatched:
        lines.append(tr.gettext(_UNMATCHED))
        lines += [f"• “{s.spelling}” ({s.count})" for s in unmatched]
    await say(context, chat_id, "\n".join(lines), rows)


async def on_learn(
    update: Update, context: DaleelContext, actor: Actor, press: Press[LearnSpelling]
) -> None:
    """``areas:v1:learn:<token>:<i>``: make the offered spelling an alias of its place."""
    index = press.payload.index
    payload = await tokens.take(context.state, press.payload.token, actor.user_id, _USE)
    area_id = chosen(payload, index) if payload is not None else None
    area = await get_area(context.db, area_id) if area_id is not None else None
    spellings = payload.get("spellings") if payload is not None else None
    spelling = spellings[index] if isinstance(spellings, list) else None
    if area is None or not isinstance(spelling, str):
        await stale(update, context, actor)
        return
    await acknowledge(update)
    stamp = context.state.clock().astimezone(UTC).isoformat(timespec="seconds")
    added = await accept_spelling(context.db, spelling, area.id, now=stamp, added_by=actor.user_id)
    actor.note(f"area {area.id} learned {added}")
    if added:
        await refresh_places(cast("DaleelApp", context.application))
    place = await label(context, area)
    text = context.tr.gettext(_ALIAS_ADDED if added else _ALIAS_EXISTS, alias=spelling, place=place)
    await say(context, press.chat_id, text)
