"""The operators' daily digest of areas whose safety status may be out of date.

Once a day at ``safety.digest_time`` (camp time) every operator gets, in their language,
how many areas have a current status dated more than ``safety.stale_after_days`` days ago,
then those areas oldest first (place, status, date, source, age), as many as fit in one
message and "…and N more". With nothing stale nobody is messaged: a digest that arrives
only when there is work stays worth reading. Either way the run is audited
(``status.digest``, ``stale N``).

Residents are warned separately, in every answer about a stale area
(:func:`bot.safety.answers.render_answer`).

The timer is the surface's (``handlers.operators.digest``: ``status:digest``, one
``run_once`` re-armed for the next day after each run, at :func:`next_digest`), so a changed
clock or time zone never drifts it. A digest missed while the bot was down is not caught
up: the next one lists the same areas.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.announcements.rules import Rule, next_after
from bot.i18n.catalogues import N_, Markup, Translator
from bot.messenger import Messenger
from bot.safety.answers import Place, age_in_days, level_label, place_of, shorten
from bot.safety.sources import Source, source_name
from bot.state import AppState
from bot.storage import audit
from bot.storage.areas import area_ancestors
from bot.storage.staleness import StaleStatus, count_stale, oldest_stale
from bot.text.length import MESSAGE_LIMIT, telegram_length

__all__ = ["next_digest", "render_digest", "send_digest"]

log = logging.getLogger(__name__)

_FETCH = 200  # more than ever fit in one message
_MAX_SOURCE = 60
_MARGIN = 16  # characters kept free under Telegram's limit

# Short names of the statuses, as operators use them.
_STATUS = {
    "unknown": N_("status unknown"),
    "suspected": N_("suspected hazardous"),
    "confirmed": N_("confirmed hazardous"),
    "in_progress": N_("clearance in progress"),
    "cleared": N_("cleared"),
    "cancelled": N_("cancelled (no evidence found)"),
}
_CLOSING = N_(
    "Residents who ask about these areas are warned that the information may be out of date. "
    "/setstatus records a new assessment."
)


def _item(
    tr: Translator, place: Place, stale: StaleStatus, today: date, sources: Sequence[Source]
) -> str:
    status = tr.gettext(_STATUS[stale.status]) if stale.status in _STATUS else stale.status
    return tr.ngettext(
        # TRANSLATORS: {status} is a short status name ("suspected hazardous"), {source} the
        # authority that assessed it, {n} the number of days since.
        "• {place}: {status}, {date}, {source}, {n} day old",
        "• {place}: {status}, {date}, {source}, {n} days old",
        age_in_days(stale.status_date, today),
        place=Markup(level_label(tr, place)),
        status=status,
        date=stale.status_date,
        source=shorten(source_name(stale.source, tr.code, sources), _MAX_SOURCE),
    )


def render_digest(
    tr: Translator,
    total: int,
    items: Sequence[tuple[Place, StaleStatus]],
    *,
    today: date,
    stale_after_days: int,
    limit: int = MESSAGE_LIMIT,
    sources: Sequence[Source] = (),
) -> str:
    """The digest for one operator: the count, the oldest areas that fit, "…and N more";
    each source named in the operator's language (``sources``: the known ones)."""
    head = [
        tr.ngettext(
            "📋 <b>Daily status check:</b> {n} area has a safety status that may be out of "
            "date.",
            "📋 <b>Daily status check:</b> {n} areas have a safety status that may be out of "
            "date.",
            total,
        ),
        tr.ngettext(
            "Not updated for more than {n} day, oldest first:",
            "Not updated for more than {n} days, oldest first:",
            stale_after_days,
        ),
        "",
    ]
    tail = ["", tr.gettext(_CLOSING)]

    def more(n: int) -> str:
        return tr.ngettext("…and {n} more.", "…and {n} more.", n)

    used = telegram_length("\n".join(head + tail))
    shown: list[str] = []
    for place, stale in items:
        line = _item(tr, place, stale, today, sources)
        rest = total - len(shown) - 1
        extra = telegram_length(more(rest)) + 1 if rest > 0 else 0
        if used + telegram_length(line) + 1 + extra > limit - _MARGIN:
            break
        shown.append(line)
        used += telegram_length(line) + 1
    if total > len(shown):
        shown.append(more(total - len(shown)))
    return "\n".join(head + shown + tail)


async def send_digest(state: AppState, tell: Messenger) -> int:
    """Send today's digest to every operator; returns how many got it (0: nothing stale)."""
    today = state.now().date()
    days = state.settings.safety.stale_after_days
    before = today - timedelta(days=days)
    total = await count_stale(state.db, before)
    told = 0
    if total:
        rows = await oldest_stale(state.db, before, _FETCH)
        ancestors = {row.area.id: await area_ancestors(state.db, row.area.id) for row in rows}

        def render(tr: Translator) -> str:
            items = [(place_of(r.area, ancestors[r.area.id], tr.code), r) for r in rows]
            return render_digest(
                tr, total, items, today=today, stale_after_days=days, sources=state.sources
            )

        told = await tell.tell_operators(render)
    await audit.record(state.db, audit.SYSTEM, "status.digest", "ok", f"stale {total}")
    log.info("status digest: %d stale areas, %d operators told", total, told)
    return told


def next_digest(state: AppState, *, after: datetime | None = None) -> datetime:
    """The next digest time after now (and after ``after``: the run just done)."""
    now = state.now()
    # The job queue runs on the real clock: a run a moment early must not arm today again.
    base = max(now, after) if after is not None else now
    at = state.settings.safety.digest_time
    due = next_after(Rule("daily", at), base, state.settings.timezone)
    assert due is not None
    return due
