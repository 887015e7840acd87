"""``/setstatus <area> <status> [source] [| note]``, or the same by buttons.

The area is found by name in any script; when several places match, the operator chooses.
A missing status or source is chosen with buttons. Every button carries only a one-use
token bound to the operator (:mod:`handlers.kit.tokens`): what it acts on stays on the
server, so a payload cannot be altered, replayed or used by someone else.

A change that raises or keeps the warning takes effect at once and the area's subscribers
are alerted; one that lowers it or releases the land is a proposal the other operators are
asked to confirm.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, cast

from telegram import Update

from bot.access import Actor
from bot.domain.statuses import STATUSES
from bot.i18n.catalogues import Markup
from bot.places.matches import exact_place, worth_offering
from bot.safety.answers import button_label
from bot.safety.changes import Applied, Change, Proposed, set_status
from bot.safety.labels import area_label
from bot.safety.notes import typed_notes
from bot.storage.proposals import get_proposal
from handlers.kit import tokens
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.permissions import requires
from handlers.kit.tokens import TokenUse
from handlers.kit.ui import command_text
from handlers.operators.common import (
    TOKEN_MAX_AGE,
    PickArea,
    PickSource,
    PickStatus,
    applied_text,
    markup_of,
    offer_areas,
    pick_int,
    pick_text,
    picked_area,
    reply,
    resident_view,
    stale,
    status_label,
    tell_about_proposal,
)
from handlers.operators.parse import (
    MAX_AREA,
    MAX_NOTE,
    MAX_SOURCE,
    Source,
    load_sources,
    parse_setstatus,
    resolve_source,
)

__all__ = [
    "area_button",
    "find_areas",
    "setstatus_command",
    "source_button",
    "status_button",
]

log = logging.getLogger(__name__)

MAX_CHOICES = 5
EXAMPLE = "/setstatus Awsaja suspected DMA | seen near the school"
_AREA = TokenUse("op.area", TOKEN_MAX_AGE)
_STATUS = TokenUse("op.status", TOKEN_MAX_AGE)
_SOURCE = TokenUse("op.source", TOKEN_MAX_AGE)


async def _sources() -> tuple[Source, ...]:
    """The known sources, read now (a tiny file operators edit while the bot runs)."""
    try:
        return await asyncio.to_thread(load_sources)
    except (OSError, ValueError):
        # Operators can still write a source's full name: a warning must not wait on this.
        log.exception("could not read the safety sources")
        return ()


def find_areas(context: DaleelContext, text: str) -> tuple[list[int], bool]:
    """Up to five areas for a typed name, and whether the first is the one exact match.

    Exact means the typed name (or P-code) is one of the area's names, no other area has
    it, and the search is sure of it: "Safna" resembles "Safina" but is not exact."""
    matches = context.state.places.search(text[:MAX_AREA], limit=MAX_CHOICES * 3)
    ids: list[int] = []
    for match in worth_offering(matches):  # not "Hasakah" after "Awsaja"
        if match.area_id not in ids:
            ids.append(match.area_id)
    return ids[:MAX_CHOICES], exact_place(matches) is not None


async def _usage(context: DaleelContext, chat_id: int) -> None:
    tr = context.tr
    codes = ", ".join(source.code for source in await _sources())
    lines = [
        tr.gettext("To change an area's safety status, write: {example}", example=EXAMPLE),
        tr.gettext(
            "Statuses: {statuses}.", statuses=", ".join(STATUSES),
        ),
        tr.gettext(
            "Sources by code: {codes}. For any other organisation write its full name.",
            codes=codes or "—",
        ),
        tr.gettext("Or send /setstatus and the area's name alone to choose the rest with buttons."),
    ]
    await reply(context, chat_id, "\n".join(lines))


@requires("operator", "status.set")
async def setstatus_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/setstatus <area> <status> [source] [| note]"""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    request = parse_setstatus(command_text(update))
    if not request.area:
        actor.note("no area", outcome="rejected")
        await _usage(context, chat.id)
        return
    if len(request.source) > MAX_SOURCE:
        actor.note("source too long", outcome="rejected")
        await reply(context, chat.id, tr.gettext(
            "The source is too long: write at most {n} characters.", n=MAX_SOURCE
        ))
        return
    if request.note is not None and len(request.note) > MAX_NOTE:
        actor.note("note too long", outcome="rejected")
        await reply(context, chat.id, tr.gettext(
            "The note is too long: write at most {n} characters.", n=MAX_NOTE
        ))
        return
    known = await _sources()
    if known:
        context.state.sources = known  # an edited file shows in answers without a restart
    source = resolve_source(request.source, known) if request.source else ""
    ids, confident = find_areas(context, request.area)
    if not ids:
        actor.note("area not found", outcome="rejected")
        await reply(context, chat.id, tr.gettext(
            "I found no area with that name. Try another spelling."
        ))
        return
    # Never on a typed name alone: the exact place is confirmed, anything else chosen.
    await offer_areas(context, chat.id, actor, use=_AREA, button=PickArea, payload={
        "areas": ids[:1] if confident else ids, "status": request.status, "source": source,
        "note": request.note,
    }, confirm=confident)


@dataclass(frozen=True)
class _Draft:
    """What the operator said so far; status and source may still be missing."""

    area_id: int
    status: str | None
    source: str  # "" when missing
    note: str | None


async def _proceed(context: DaleelContext, chat_id: int, actor: Actor, draft: _Draft) -> None:
    """The area is known: ask for what is missing, or make the change."""
    area_id, status, source, note = draft.area_id, draft.status, draft.source, draft.note
    tr = context.tr
    label = await area_label(context.db, tr, area_id)
    if label is None:
        actor.note(f"area {area_id} gone", outcome="rejected")
        await reply(context, chat_id, tr.gettext("That area no longer exists."))
        return
    if status is None:
        token = await tokens.issue(
            context.state, actor.user_id, _STATUS,
            {"area": area_id, "source": source, "note": note},
        )
        rows = [
            [(status_label(tr, s), PickStatus(token, i).encode())]
            for i, s in enumerate(STATUSES)
        ]
        text = "\n".join([
            tr.gettext("📍 <b>{place}</b>", place=Markup(label)),
            tr.gettext(
                "Which status? A change that lowers the warning residents see, or releases the "
                "land (cleared, cancelled), waits for a second operator; one that raises or "
                "keeps it takes effect at once."
            ),
        ])
        await reply(context, chat_id, text, markup_of(tr, rows))
        return
    if not source:
        sources = await _sources()
        token = await tokens.issue(context.state, actor.user_id, _SOURCE, {
            "area": area_id, "status": status, "note": note,
            "sources": [s.name for s in sources],
        })
        rows = [
            [(button_label(f"{s.code} — {s.name_in(tr.code)}"), PickSource(token, i).encode())]
            for i, s in enumerate(sources)
        ]
        text = "\n".join([
            tr.gettext("📍 <b>{place}</b>", place=Markup(label)),
            tr.gettext("New status: {status}", status=Markup(status_label(tr, status))),
            tr.gettext(
                "Who says so? Residents are only told a status with its source. Choose the "
                "authority or organisation, or send the command again with its name, for "
                "example: {example}",
                example=EXAMPLE,
            ),
        ])
        await reply(context, chat_id, text, markup_of(tr, rows))
        return
    state = context.state
    # The note in the operator's language (or the one its letters clearly say).
    unstated, notes = typed_notes(tr.code, note)
    change = Change(area_id, status, source, unstated, state.now().date(), notes=notes)
    await _apply(context, chat_id, actor, label, change)


async def _apply(
    context: DaleelContext, chat_id: int, actor: Actor, label: str, change: Change
) -> None:
    state, tr = context.state, context.tr
    area_id, status = change.area_id, change.status
    outcome = await set_status(state, change, actor.user_id)
    if isinstance(outcome, Applied):
        recipients = outcome.alert.recipients if outcome.alert else 0
        actor.note(f"area {area_id} {status} history {outcome.history_id} alerted {recipients}")
        view = await resident_view(state, tr, area_id)
        await reply(context, chat_id, applied_text(tr, view, outcome))
        return
    if isinstance(outcome, Proposed):
        actor.note(f"area {area_id} {status} proposal {outcome.proposal_id}")
        proposal = await get_proposal(context.db, outcome.proposal_id)
        app = cast("DaleelApp", context.application)
        told = (
            await tell_about_proposal(app, proposal, skip=actor.user_id)
            if proposal is not None else 0
        )
        lines = [
            tr.gettext(
                "📝 <b>Proposal #{id}</b>: {place} → {status}.", id=str(outcome.proposal_id),
                place=Markup(label), status=Markup(status_label(tr, status)),
            ),
            tr.gettext(
                "A change that lowers the warning or releases the land needs a second "
                "operator: it takes effect only when another operator confirms it before "
                "{time} (camp time). Until then residents still see the previous status.",
                time=outcome.expires_at,
            ),
        ]
        if told:
            lines.append(tr.ngettext(
                "{n} other operator was asked to confirm it.",
                "{n} other operators were asked to confirm it.",
                told,
            ))
        else:
            lines.append(tr.gettext(
                "No other operator could be asked: an administrator can /grant a second one."
            ))
        await reply(context, chat_id, "\n".join(lines))
        return
    actor.note(f"area {area_id} {status} unchanged")
    await reply(context, chat_id, tr.gettext(
        "Nothing changed: {place} already has this status, with the same source, date and "
        "note.",
        place=Markup(label),
    ))


# --- the steps by buttons -------------------------------------------------------------------


async def area_button(
    update: Update, context: DaleelContext, actor: Actor, press: Press[PickArea]
) -> None:
    """``op:v1:area:<token>:<i>``: one of the places that matched."""
    pick = await picked_area(update, context, actor, _AREA, press)
    if pick is None:
        return
    status = pick_text(pick.payload, "status")
    await _answer(update)
    await _proceed(context, pick.chat_id, actor, _Draft(
        pick.area_id, status if status in STATUSES else None,
        pick_text(pick.payload, "source") or "", pick_text(pick.payload, "note"),
    ))


async def status_button(
    update: Update, context: DaleelContext, actor: Actor, press: Press[PickStatus]
) -> None:
    """``op:v1:st:<token>:<i>``: the status, by its place in STATUSES."""
    token, index = press.payload.token, press.payload.index
    if index >= len(STATUSES):
        await stale(update, context, actor, "stale button")
        return
    payload = await tokens.take(
        context.state, token, actor.user_id, _STATUS, lambda p: pick_int(p, "area") is not None
    )
    area_id = pick_int(payload, "area") if payload is not None else None
    if payload is None or area_id is None:
        await stale(update, context, actor, "stale button")
        return
    await _answer(update)
    await _proceed(context, press.chat_id, actor, _Draft(
        area_id, STATUSES[index], pick_text(payload, "source") or "", pick_text(payload, "note"),
    ))


def _offered_source(payload: dict[str, Any], index: int) -> str | None:
    names = payload.get("sources")
    if not isinstance(names, list) or index >= len(names) or not isinstance(names[index], str):
        return None
    return names[index].strip() or None


async def source_button(
    update: Update, context: DaleelContext, actor: Actor, press: Press[PickSource]
) -> None:
    """``op:v1:src:<token>:<i>``: one of the sources offered; the last step."""
    token, index = press.payload.token, press.payload.index
    payload = await tokens.take(
        context.state, token, actor.user_id, _SOURCE,
        lambda p: (
            _offered_source(p, index) is not None and pick_int(p, "area") is not None
            and pick_text(p, "status") in STATUSES
        ),
    )
    if payload is None:
        await stale(update, context, actor, "stale button")
        return
    area_id, status = pick_int(payload, "area"), pick_text(payload, "status")
    source = _offered_source(payload, index)
    assert area_id is not None and status is not None and source is not None
    await _answer(update)
    await _proceed(
        context, press.chat_id, actor, _Draft(area_id, status, source, pick_text(payload, "note"))
    )


async def _answer(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()
