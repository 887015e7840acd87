"""Proposals waiting for a decision: ``/pending``, the Confirm and Reject buttons, and
telling proposers what became of their proposals (confirmed, rejected, expired).

Confirm and Reject carry the proposal id only (``op:v1:ok:<id>``, ``op:v1:no:<id>``):
pressing again is harmless, because a decision only moves a proposal that is still
pending, and the role and "not your own proposal" are checked again at every press.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import cast

from telegram import Update
from telegram.error import TelegramError

from bot.access import Actor
from bot.i18n.catalogues import N_, Markup, Translator
from bot.safety.changes import (
    Applied,
    Endorsed,
    Refused,
    Rejected,
    confirm,
    expire_proposals,
    reject,
)
from bot.state import AppState
from bot.storage import audit
from bot.storage.proposals import Proposal, count_pending, get_proposal, pending_proposals
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button
from handlers.kit.notify import Notice, tell_operators, translator_for
from handlers.kit.permissions import requires
from handlers.operators.common import (
    Confirm,
    ProposalView,
    Reject,
    applied_text,
    decision_buttons,
    load_views,
    markup_of,
    proposal_block,
    reply,
    resident_view,
    status_label,
    tell_about_proposal,
)

__all__ = ["confirm_button", "expire_and_tell", "pending_command", "reject_button"]

log = logging.getLogger(__name__)

MAX_LISTED = 10  # two buttons each: a list stays well under Telegram's keyboard limits
_ROOM = MESSAGE_LIMIT - 300  # the header and the "more" line

_REFUSED: Mapping[str, str] = MappingProxyType({
    "missing": N_("There is no such proposal."),
    "not_pending": N_("This proposal was already decided."),
    "expired": N_("This proposal expired: propose the change again if it still holds."),
    "moved_on": N_("The status changed since this proposal was made; propose again."),
    "own_proposal": N_("You proposed this; a different operator must confirm it."),
    "danger_pending": N_(
        "A report of danger for this area is waiting in /pending: decide it first."
    ),
    "proposer_gone": N_(
        "Whoever proposed this is no longer an operator: it was withdrawn. Propose it again "
        "if it still holds."
    ),
})


@requires("operator", "status.pending")
async def pending_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/pending: proposals waiting for a decision, urgent ones (a feed reports danger) first."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    total = await count_pending(context.db)
    actor.note(f"pending {total}")
    if total == 0:
        await reply(context, chat.id, tr.gettext("No proposal is waiting for a decision."))
        return
    views = await load_views(context.state, await pending_proposals(context.db, limit=MAX_LISTED))
    header = tr.ngettext(
        "<b>{n} proposal waits for a decision</b> (urgent ones first)",
        "<b>{n} proposals wait for a decision</b> (urgent ones first)",
        total,
    )
    blocks: list[str] = []
    rows: list[list[Button]] = []
    for view in views:
        block = proposal_block(tr, view, viewer=actor.user_id)
        if telegram_length("\n\n".join([header, *blocks, block])) > _ROOM:
            break
        blocks.append(block)
        rows.append(decision_buttons(tr, view.proposal, actor.user_id, numbered=True))
    parts = [header, *blocks]
    if total > len(blocks):
        parts.append(tr.ngettext(
            "{n} more waits: decide on these first, then send /pending again.",
            "{n} more wait: decide on these first, then send /pending again.",
            total - len(blocks),
        ))
    await reply(context, chat.id, "\n\n".join(parts), markup_of(tr, rows))


async def _refuse(update: Update, context: DaleelContext, actor: Actor, refused: Refused,
                  proposal_id: int) -> None:
    actor.note(f"proposal {proposal_id} {refused.reason}", outcome="rejected")
    if update.callback_query is not None:
        await update.callback_query.answer(
            context.tr.gettext(_REFUSED[refused.reason]), show_alert=True
        )


async def confirm_button(
    update: Update, context: DaleelContext, actor: Actor, press: Press[Confirm]
) -> None:
    """``op:v1:ok:<id>``: a second operator confirms (or an operator accepts a feed's)."""
    proposal_id, chat_id = press.payload.proposal_id, press.chat_id
    state, tr = context.state, context.tr
    outcome = await confirm(state, proposal_id, actor.user_id)
    if isinstance(outcome, Refused):
        await _refuse(update, context, actor, outcome, proposal_id)
        return
    await press.query.answer()
    app = cast("DaleelApp", context.application)
    if isinstance(outcome, Endorsed):
        actor.note(f"proposal {proposal_id} endorsed", action="status.endorse")
        told = await tell_about_proposal(app, outcome.proposal, skip=actor.user_id)
        views = await load_views(state, [outcome.proposal])
        lines = [
            tr.gettext(
                "📝 You took up the feed's proposal #{id}: {place} → {status}.",
                id=str(proposal_id), place=Markup(views[0].area_label(tr)),
                status=Markup(status_label(tr, outcome.proposal.status)),
            ),
            tr.gettext(
                "A change that lowers the warning or releases the land needs a second "
                "operator: it takes effect only when another operator confirms it before "
                "{time} (camp time). Until then residents still see the previous status.",
                time=outcome.expires_at,
            ),
            tr.ngettext(
                "{n} other operator was asked to confirm it.",
                "{n} other operators were asked to confirm it.",
                told,
            ),
        ]
        await reply(context, chat_id, "\n".join(lines))
        return
    assert isinstance(outcome, Applied)
    recipients = outcome.alert.recipients if outcome.alert else 0
    actor.note(f"proposal {proposal_id} history {outcome.history_id} alerted {recipients}")
    proposal = await get_proposal(context.db, proposal_id)
    if proposal is None:
        return
    view = await resident_view(state, tr, proposal.area_id)
    await reply(context, chat_id, applied_text(tr, view, outcome))
    if proposal.proposed_by is not None and proposal.proposed_by != actor.user_id:
        await _tell_proposer(app, proposal, _confirmed_text, actor.user_id)


async def reject_button(
    update: Update, context: DaleelContext, actor: Actor, press: Press[Reject]
) -> None:
    """``op:v1:no:<id>``: any operator rejects; the proposer withdraws."""
    proposal_id, chat_id = press.payload.proposal_id, press.chat_id
    outcome = await reject(context.state, proposal_id, actor.user_id)
    if isinstance(outcome, Refused):
        await _refuse(update, context, actor, outcome, proposal_id)
        return
    assert isinstance(outcome, Rejected)
    await press.query.answer()
    actor.note(f"proposal {proposal_id}")
    tr = context.tr
    views = await load_views(context.state, [outcome.proposal])
    own = outcome.proposal.proposed_by == actor.user_id
    place = Markup(views[0].area_label(tr))
    if own:
        text = tr.gettext(
            "✖️ You withdrew proposal #{id} for {place}. Residents still see the previous "
            "status.",
            id=str(proposal_id), place=place,
        )
    else:
        text = tr.gettext(
            "✖️ Proposal #{id} for {place} is rejected. Residents still see the previous "
            "status.",
            id=str(proposal_id), place=place,
        )
    await reply(context, chat_id, text)
    if outcome.proposal.proposed_by is not None and not own:
        app = cast("DaleelApp", context.application)
        await _tell_proposer(app, outcome.proposal, _rejected_text, actor.user_id)


# --- telling the proposer -----------------------------------------------------------------


def _confirmed_text(tr: Translator, proposal: Proposal, place: str, by: int | None) -> str:
    return tr.gettext(
        "✅ Operator {user} confirmed your proposal #{id} for {place}: it took effect.",
        user=str(by), id=str(proposal.id), place=Markup(place),
    )


def _rejected_text(tr: Translator, proposal: Proposal, place: str, by: int | None) -> str:
    return tr.gettext(
        "✖️ Operator {user} rejected your proposal #{id} for {place}. Residents still see "
        "the previous status.",
        user=str(by), id=str(proposal.id), place=Markup(place),
    )


def _expired_text(tr: Translator, proposal: Proposal, place: str, by: int | None) -> str:
    return tr.gettext(
        "⌛ Your proposal #{id} for {place} ({status}) expired: no second operator confirmed "
        "it in time. Residents still see the previous status. Propose it again if it still "
        "holds.",
        id=str(proposal.id), place=Markup(place),
        status=Markup(status_label(tr, proposal.status)),
    )


async def _tell_proposer(
    app: DaleelApp,
    proposal: Proposal,
    render: Callable[[Translator, Proposal, str, int | None], str],
    by: int | None,
) -> None:
    """Best effort, in the proposer's language: the decision stands whether or not they
    can be reached."""
    if proposal.proposed_by is None:
        return
    state: AppState = app.bot_data
    tr = await translator_for(state, proposal.proposed_by)
    views = await load_views(state, [proposal])
    try:
        await app.bot.send_message(
            proposal.proposed_by, render(tr, proposal, views[0].area_label(tr), by)
        )
    except TelegramError as error:
        log.info("could not tell a proposer: %s", type(error).__name__)


def _unclaimed_text(tr: Translator, proposal: Proposal, place: str) -> str:
    """For every operator: a change a feed or a file brought, that nobody took up."""
    return tr.gettext(
        "⌛ Proposal #{id} for {place} ({status}), brought by a feed or an imported file, "
        "expired: no operator took it up in time. Residents still see the previous status.",
        id=str(proposal.id), place=Markup(place),
        status=Markup(status_label(tr, proposal.status)),
    )


async def expire_and_tell(app: DaleelApp) -> int:
    """Expire the proposals whose time ran out; tell each proposer (every operator, for
    a feed's or a file's change nobody took up); audit each."""
    state = app.bot_data
    expired = await expire_proposals(state)
    for proposal in expired:
        await audit.record(state.db, audit.SYSTEM, "status.expire", "ok", f"proposal {proposal.id}")
        if proposal.proposed_by is not None:
            await _tell_proposer(app, proposal, _expired_text, None)
            continue
        view = (await load_views(state, [proposal]))[0]

        def notice(tr: Translator, view: ProposalView = view) -> Notice:
            return _unclaimed_text(tr, view.proposal, view.area_label(tr)), None

        await tell_operators(app, notice)
    return len(expired)
