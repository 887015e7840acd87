"""``/history <area>``: every status the area had, newest first — with its date, source and
note, where it came from, who recorded and who confirmed it, and when — then the proposals
that did not take effect. Operators only: residents see the current status alone."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update

from bot.access import Actor
from bot.i18n.catalogues import Markup, Translator
from bot.safety.answers import shorten
from bot.safety.labels import area_label
from bot.safety.notes import notes_line
from bot.safety.sources import Source, source_name
from bot.storage.areas import AreaStatus, status_history
from bot.storage.proposals import Proposal, feed_names, proposals_for_area
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelContext
from handlers.kit.permissions import requires
from handlers.kit.tokens import TokenUse
from handlers.operators.common import (
    TOKEN_MAX_AGE,
    PickHistory,
    offer_areas,
    parse_time,
    picked_area,
    reply,
    status_label,
)
from handlers.operators.set_status import find_areas

__all__ = ["history_button", "history_command", "render_history"]

_ACTION = TokenUse("op.history", TOKEN_MAX_AGE)
_ROOM = MESSAGE_LIMIT - 400  # the "older" line and a margin
_MAX_NOTE = 200
_MAX_PROPOSALS = 5
_FEED = "feed:"


def _context_args(context: DaleelContext) -> str:
    return " ".join(context.args or [])


@requires("operator", "status.history")
async def history_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/history <area>"""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    typed = _context_args(context)
    if not typed:
        actor.note("no area", outcome="rejected")
        await reply(context, chat.id, tr.gettext(
            "Write it like this: {example}", example="/history Awsaja"
        ))
        return
    ids, confident = find_areas(context, typed)
    if not ids:
        actor.note("area not found", outcome="rejected")
        await reply(context, chat.id, tr.gettext(
            "I found no area with that name. Try another spelling."
        ))
        return
    await offer_areas(
        context, chat.id, actor, use=_ACTION, button=PickHistory,
        payload={"areas": ids[:1] if confident else ids}, confirm=confident,
    )


async def history_button(
    update: Update, context: DaleelContext, actor: Actor, press: Press[PickHistory]
) -> None:
    """``op:v1:hist:<token>:<i>``: the history of one of the places that matched."""
    pick = await picked_area(update, context, actor, _ACTION, press)
    if pick is None:
        return
    chat_id, area_id = pick.chat_id, pick.area_id
    await press.query.answer()
    actor.note(f"area {area_id}")
    await reply(context, chat_id, await render_history(context, context.tr, area_id))


def _origin(tr: Translator, row: AreaStatus, feeds: dict[int, str]) -> str:
    recorded = parse_time(row.recorded_at)
    if row.origin == "operator":
        if row.confirmed_by is None:
            return tr.gettext(
                "Set by operator {user}, recorded {time}.", user=row.recorded_by, time=recorded
            )
        return tr.gettext(
            "Proposed by operator {user}, confirmed by operator {confirmer}, recorded {time}.",
            user=row.recorded_by, confirmer=row.confirmed_by, time=recorded,
        )
    if row.origin == "feed":
        if row.recorded_by.startswith(_FEED):
            feed_id = _feed_id(row.recorded_by)
            return tr.gettext(
                "From the feed “{feed}”, accepted by operator {confirmer}, recorded {time}.",
                feed=feeds.get(feed_id, row.recorded_by) if feed_id is not None
                else row.recorded_by,
                confirmer=row.confirmed_by or "—", time=recorded,
            )
        return tr.gettext(
            "From a feed, taken up by operator {user}, confirmed by operator {confirmer}, "
            "recorded {time}.",
            user=row.recorded_by, confirmer=row.confirmed_by or "—", time=recorded,
        )
    if row.confirmed_by is not None:  # a file's change toward return, taken up and confirmed
        return tr.gettext(
            "From an imported file, taken up by operator {user}, confirmed by operator "
            "{confirmer}, recorded {time}.",
            user=row.recorded_by, confirmer=row.confirmed_by, time=recorded,
        )
    return tr.gettext("Imported ({by}), recorded {time}.", by=row.recorded_by, time=recorded)


def _feed_id(recorded_by: str) -> int | None:
    digits = recorded_by[len(_FEED):]
    return int(digits) if digits.isdecimal() and len(digits) <= 18 else None


def _entry(
    tr: Translator, row: AreaStatus, feeds: dict[int, str], sources: Sequence[Source]
) -> str:
    source = source_name(row.source, tr.code, sources) if row.source else "—"
    lines = [tr.gettext(
        "<b>{date}</b> · {status} · {source}", date=row.status_date,
        status=Markup(status_label(tr, row.status)), source=source,
    )]
    note = notes_line(tr, row.note, row.notes, lambda text: shorten(text, _MAX_NOTE))
    if note is not None:
        lines.append(note)
    lines.append(_origin(tr, row, feeds))
    return "\n".join(lines)


def _proposal_line(tr: Translator, p: Proposal, sources: Sequence[Source]) -> str:
    values: dict[str, object] = {
        "id": str(p.id), "status": Markup(status_label(tr, p.status)),
        "source": source_name(p.source, tr.code, sources), "date": p.status_date,
    }
    if p.state == "pending":
        return tr.gettext(
            "#{id} {status} ({source}, {date}): waiting for a decision until {time}.",
            time=parse_time(p.expires_at), **values,
        )
    if p.state == "rejected":
        return tr.gettext(
            "#{id} {status} ({source}, {date}): rejected by operator {user}.",
            user=str(p.decided_by), **values,
        )
    if p.state == "expired":
        return tr.gettext(
            "#{id} {status} ({source}, {date}): expired, nobody confirmed it in time.", **values
        )
    return tr.gettext(
        "#{id} {status} ({source}, {date}): retired, newer news came first.", **values
    )


async def render_history(context: DaleelContext, tr: Translator, area_id: int) -> str:
    """The area's history as one message under Telegram's limit (the newest first)."""
    label = await area_label(context.db, tr, area_id)
    if label is None:
        return tr.gettext("That area no longer exists.")
    rows = list(reversed(await status_history(context.db, area_id)))
    feed_ids = [i for r in rows if (i := _feed_id(r.recorded_by)) is not None]
    feeds = await feed_names(context.db, feed_ids)
    sources = context.state.sources  # named in the reader's language, as residents read them
    parts = [tr.gettext("📜 <b>History of {place}</b>, newest first", place=Markup(label))]
    if not rows:
        parts.append(tr.gettext(
            "No status was ever recorded for this place: residents are told there is no "
            "information."
        ))
    shown = 0
    for row in rows:
        entry = _entry(tr, row, feeds, sources)
        if telegram_length("\n\n".join([*parts, entry])) > _ROOM:
            break
        parts.append(entry)
        shown += 1
    if shown < len(rows):
        parts.append(tr.ngettext(
            "{n} older change is not shown.", "{n} older changes are not shown.",
            len(rows) - shown,
        ))
    proposals = await proposals_for_area(context.db, area_id, limit=_MAX_PROPOSALS)
    if proposals:
        section = "\n".join([
            tr.gettext("<b>Proposals that did not take effect</b>"),
            *(_proposal_line(tr, p, sources) for p in proposals),
        ])
        if telegram_length("\n\n".join([*parts, section])) <= MESSAGE_LIMIT - 50:
            parts.append(section)
    return "\n\n".join(parts)
