"""What the operator screens share: status names, place labels, proposals as operators
read them (sources named and notes labelled in the reader's language), and the one-use
tokens behind the buttons that name an area, status or source.

Buttons of the operators feature (``op:v1:…``), one payload type each, re-checked at the
press:

- :class:`Confirm` / :class:`Reject` (``ok:<proposal id>`` / ``no:<proposal id>``):
  guarded on the proposal still pending, the role and "not your own" re-checked
- :class:`PickArea`, :class:`PickStatus`, :class:`PickSource` (``area|st|src:<token>:<i>``):
  the steps of /setstatus
- :class:`PickHistory` (``hist:<token>:<i>``): /history of one of several places that matched

Tokens are issued and taken through :mod:`handlers.kit.tokens`, each use good for
:data:`TOKEN_MAX_AGE`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.access import Actor
from bot.domain.statuses import NO_INFORMATION
from bot.i18n.catalogues import N_, Markup, Translator
from bot.safety.answers import (
    area_name,
    button_label,
    effective_status,
    place_of,
    render_answer,
    shorten,
)
from bot.safety.changes import Applied
from bot.safety.labels import area_label, label_of
from bot.safety.notes import notes_line
from bot.safety.sources import Source, source_name
from bot.state import AppState
from bot.storage.areas import (
    Area,
    AreaStatus,
    area_ancestors,
    current_status,
    get_area,
    status_by_history_id,
)
from bot.storage.proposals import Proposal, feed_names
from handlers.kit import tokens
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.notify import Notice, tell_operators
from handlers.kit.payloads import Payload
from handlers.kit.tokens import TokenUse

__all__ = [
    "FEATURE",
    "TOKEN_MAX_AGE",
    "AreaPick",
    "Confirm",
    "PickArea",
    "PickHistory",
    "PickSource",
    "PickStatus",
    "ProposalView",
    "Reject",
    "applied_text",
    "decision_buttons",
    "load_views",
    "markup_of",
    "offer_areas",
    "parse_time",
    "pick_int",
    "pick_ints",
    "pick_text",
    "picked_area",
    "proposal_block",
    "reply",
    "resident_view",
    "stale",
    "status_label",
    "tell_about_proposal",
]

FEATURE = "op"
TOKEN_MAX_AGE = timedelta(hours=1)  # a button older than this is stale: look again
_MAX_NOTE_SHOWN = 200


@dataclass(frozen=True)
class Confirm(Payload, feature="op", action="ok"):
    """Confirm this proposal (or take up a feed's)."""

    proposal_id: int


@dataclass(frozen=True)
class Reject(Payload, feature="op", action="no"):
    """Reject this proposal (withdraw it, for its proposer)."""

    proposal_id: int


@dataclass(frozen=True)
class PickArea(Payload, feature="op", action="area"):
    """/setstatus: the ``index``-th of the places the token offered."""

    token: str
    index: int


@dataclass(frozen=True)
class PickStatus(Payload, feature="op", action="st"):
    """/setstatus: the status at ``index`` in STATUSES."""

    token: str
    index: int


@dataclass(frozen=True)
class PickSource(Payload, feature="op", action="src"):
    """/setstatus: the ``index``-th of the sources the token offered; the last step."""

    token: str
    index: int


@dataclass(frozen=True)
class PickHistory(Payload, feature="op", action="hist"):
    """/history: the ``index``-th of the places the token offered."""

    token: str
    index: int

# Whole names, as on the buttons an operator presses.
_STATUS_LABELS: Mapping[str, str] = MappingProxyType({
    NO_INFORMATION: N_("❔ No information"),
    "unknown": N_("❔ Unknown"),
    "suspected": N_("⚠️ Suspected hazardous"),
    "confirmed": N_("⛔ Confirmed hazardous"),
    "in_progress": N_("🚧 Clearance in progress"),
    "cleared": N_("🔷 Cleared"),
    "cancelled": N_("🔷 Cancelled (no evidence found)"),
})


def status_label(tr: Translator, status: str | None) -> str:
    """A status by its name in the reader's language (no status: "no information")."""
    return tr.gettext(_STATUS_LABELS.get(status or NO_INFORMATION, _STATUS_LABELS[NO_INFORMATION]))


async def reply(
    context: DaleelContext, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def stale(update: Update, context: DaleelContext, actor: Actor, detail: str) -> None:
    """A button that names nothing valid (forged, someone else's, used, too old)."""
    actor.note(detail, outcome="rejected")
    await answer_stale(update, context, alert=True)


def parse_time(text: str) -> datetime:
    """A stored UTC ISO-8601 time."""
    return datetime.fromisoformat(text)


# --- proposals as operators read them ---------------------------------------------------


@dataclass(frozen=True)
class ProposalView:
    """A proposal with what it takes to describe it in any language."""

    proposal: Proposal
    area: Area | None
    ancestors: tuple[Area, ...]
    base: AreaStatus | None  # what residents were told when it was made
    feed: str | None  # the feed's name, for a feed's proposal
    sources: tuple[Source, ...] = ()  # the known sources, to name one in the reader's language

    def area_label(self, tr: Translator) -> str:
        if self.area is None:
            return tr.gettext("an area that no longer exists")
        return label_of(tr, self.area, self.ancestors)


async def load_views(state: AppState, proposals: Sequence[Proposal]) -> list[ProposalView]:
    names = await feed_names(state.db, [p.feed_id for p in proposals if p.feed_id is not None])
    views: list[ProposalView] = []
    for p in proposals:
        area = await get_area(state.db, p.area_id)
        ancestors = tuple(await area_ancestors(state.db, p.area_id)) if area else ()
        base = (
            await status_by_history_id(state.db, p.base_history_id)
            if p.base_history_id is not None else None
        )
        feed = None
        if p.feed_id is not None:
            feed = names.get(p.feed_id, f"#{p.feed_id}")
        views.append(ProposalView(p, area, ancestors, base, feed, state.sources))
    return views


def proposal_block(tr: Translator, view: ProposalView, *, viewer: int | None = None) -> str:
    """One proposal: the place, from → to, source and date, note, who, and until when."""
    p = view.proposal
    lines = []
    if p.urgent:
        lines.append(tr.gettext("🚨 <b>Urgent:</b> a feed reports danger here."))
    lines.append(
        tr.gettext("<b>#{id}</b> · {area}", id=str(p.id), area=Markup(view.area_label(tr)))
    )
    lines.append(
        tr.gettext(
            "{old} → {new}",
            old=Markup(status_label(tr, effective_status(view.base))),
            new=Markup(status_label(tr, p.status)),
        )
    )
    # The source in the reader's language; a note in another one says which (as residents
    # read them: bot.safety.answers).
    source = source_name(p.source, tr.code, view.sources)
    lines.append(tr.gettext("Source: {source} · date: {date}", source=source, date=p.status_date))
    note = notes_line(tr, p.note, p.notes, lambda text: shorten(text, _MAX_NOTE_SHOWN))
    if note is not None:
        lines.append(note)
    lines.append(_who(tr, view))
    lines.append(tr.gettext("Expires {time} (camp time).", time=parse_time(p.expires_at)))
    if viewer is not None and p.proposed_by == viewer:
        lines.append(tr.gettext("You proposed this; a different operator must confirm it."))
    return "\n".join(lines)


def _who(tr: Translator, view: ProposalView) -> str:
    p = view.proposal
    if p.origin == "feed":
        if p.proposed_by is None:
            return tr.gettext("Brought by the feed “{feed}”; no operator has taken it up yet.",
                              feed=view.feed or "")
        return tr.gettext(
            "Brought by the feed “{feed}”, taken up by operator {user}.",
            feed=view.feed or "", user=str(p.proposed_by),
        )
    if p.origin == "import":
        if p.proposed_by is None:
            return tr.gettext("From an imported file; no operator has taken it up yet.")
        return tr.gettext(
            "From an imported file, taken up by operator {user}.", user=str(p.proposed_by)
        )
    return tr.gettext("Proposed by operator {user}.", user=str(p.proposed_by))


def decision_buttons(tr: Translator, proposal: Proposal, viewer: int | None, *, numbered: bool
                     ) -> list[Button]:
    """Confirm and Reject; the proposer gets no Confirm (and may withdraw instead)."""
    ident = str(proposal.id)
    own = viewer is not None and proposal.proposed_by == viewer
    if own:
        label = (tr.gettext("✖️ Withdraw #{id}", id=ident) if numbered
                 else tr.gettext("✖️ Withdraw"))
        return [(label, Reject(proposal.id).encode())]
    confirm = tr.gettext("✅ Confirm #{id}", id=ident) if numbered else tr.gettext("✅ Confirm")
    reject = tr.gettext("✖️ Reject #{id}", id=ident) if numbered else tr.gettext("✖️ Reject")
    return [(confirm, Confirm(proposal.id).encode()), (reject, Reject(proposal.id).encode())]


def markup_of(tr: Translator, rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    return keyboard(rows, rtl=tr.language.rtl) if any(rows) else None


@dataclass(frozen=True)
class AreaPick:
    """A press on one of the places offered: the chat, the token's payload, the area."""

    chat_id: int
    payload: dict[str, Any]
    area_id: int


async def picked_area(
    update: Update,
    context: DaleelContext,
    actor: Actor,
    use: TokenUse,
    press: Press[PickArea] | Press[PickHistory],
) -> AreaPick | None:
    """A press on a list of places: the i-th place of this user's token for ``use``, the
    token used up; a stale button (answered and audited) otherwise."""
    token, index = press.payload.token, press.payload.index
    payload = await tokens.take(
        context.state, token, actor.user_id, use, lambda p: index < len(pick_ints(p, "areas"))
    )
    if payload is None:
        await stale(update, context, actor, "stale button")
        return None
    return AreaPick(press.chat_id, payload, pick_ints(payload, "areas")[index])


async def offer_areas(
    context: DaleelContext,
    chat_id: int,
    actor: Actor,
    *,
    use: TokenUse,
    button: Callable[[str, int], Payload],
    payload: dict[str, Any],
    confirm: bool = False,
) -> None:
    """Places that match a typed name: one button each, behind one token for ``use``
    holding ``payload`` (``areas`` among it); a press comes back as ``button``.

    Operator commands never act on a typed name alone: with ``confirm`` the one exact
    match (shown with its district and governorate) waits for a press too."""
    token = await tokens.issue(context.state, actor.user_id, use, payload)
    rows: list[list[Button]] = []
    for index, area_id in enumerate(pick_ints(payload, "areas")):
        label = await area_label(context.db, context.tr, area_id)
        if label is not None:
            rows.append([(button_label(label), button(token, index).encode())])
    actor.note(f"offered {len(rows)} areas")
    tr = context.tr
    if not confirm:
        question = tr.gettext("Several places match that name. Which one do you mean?")
    else:
        question = tr.gettext("Is this the place you mean? Press it to go on.")
        found = await get_area(context.db, pick_ints(payload, "areas")[0])
        if found is not None:  # the whole way up: village, sub-district, district, governorate
            path = [found, *await area_ancestors(context.db, found.id)]
            where = ", ".join(area_name(a, tr.code) for a in path)
            question += "\n" + tr.gettext("📍 <b>{place}</b>", place=where)
    await reply(context, chat_id, question, markup_of(tr, rows))


def pick_int(payload: dict[str, Any], key: str) -> int | None:
    value = payload.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def pick_text(payload: dict[str, Any], key: str) -> str | None:
    value = payload.get(key)
    return value if isinstance(value, str) else None


def pick_ints(payload: dict[str, Any], key: str) -> list[int]:
    value = payload.get(key)
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, int) and not isinstance(v, bool)]


async def resident_view(state: AppState, tr: Translator, area_id: int) -> str:
    """The answer residents get about the area now, in this reader's language."""
    area = await get_area(state.db, area_id)
    if area is None:
        return ""
    ancestors = await area_ancestors(state.db, area.id)
    return render_answer(
        tr, place_of(area, ancestors, tr.code), await current_status(state.db, area.id),
        today=state.now().date(), stale_after_days=state.settings.safety.stale_after_days,
        sources=state.sources,
    )


def applied_text(tr: Translator, view: str, applied: Applied) -> str:
    """A change that took effect: what residents now read, and who is being alerted."""
    lines = [
        tr.gettext("✅ <b>The change took effect.</b> Residents asking about this place now read:"),
        "",
        view,
        "",
    ]
    if applied.alert is None:
        lines.append(tr.gettext("Residents were already told this status, so no alert was sent."))
    elif applied.alert.recipients == 0:
        lines.append(tr.gettext("Nobody follows this place yet, so nobody was alerted."))
    else:
        lines.append(tr.ngettext(
            "🚨 {n} subscriber of this place is being alerted.",
            "🚨 {n} subscribers of this place are being alerted.",
            applied.alert.recipients,
        ))
    if applied.superseded:
        lines.append(tr.ngettext(
            "{n} pending proposal for this place was retired: it is out of date now.",
            "{n} pending proposals for this place were retired: they are out of date now.",
            applied.superseded,
        ))
    return "\n".join(lines)


async def tell_about_proposal(app: DaleelApp, proposal: Proposal, *, skip: int | None) -> int:
    """Ask every other operator, in their language, to confirm or reject a proposal."""
    views = await load_views(app.bot_data, [proposal])

    def render(tr: Translator) -> Notice:
        text = "\n\n".join([
            tr.gettext("🗳️ <b>A status change waits for a second operator</b>"),
            proposal_block(tr, views[0]),
            tr.gettext("Residents keep seeing the previous status until it is confirmed."),
        ])
        return text, markup_of(tr, [decision_buttons(tr, proposal, None, numbered=False)])

    return await tell_operators(
        app, render, skip=frozenset() if skip is None else frozenset({skip})
    )
