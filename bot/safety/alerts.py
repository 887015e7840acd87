"""The urgent alert residents get when an area they follow changes status.

Queued through the delivery engine, in each subscriber's language, in the urgent lane,
once per history row (:func:`send_alert`); :func:`send_due_alerts` catches up after a crash
between recording a change (:mod:`bot.safety.changes`) and queueing its alert.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.i18n.catalogues import N_, Translator
from bot.safety.answers import Place, place_of, render_answer
from bot.safety.sources import Source
from bot.state import AppState
from bot.storage.areas import (
    AreaStatus,
    alert_is_due,
    alerts_due,
    area_ancestors,
    current_status,
    get_area,
    mark_alerted,
    status_by_history_id,
)
from bot.storage.outbox import OutboxMessage, Priority
from bot.storage.subscriptions import subscribers_of_area

__all__ = ["ALERT_KIND", "AlertSent", "render_alert", "send_alert", "send_due_alerts"]

log = logging.getLogger(__name__)

ALERT_KIND = "status_alert"
_ALERT_HEADER = N_("🚨 <b>Safety status changed</b>")


@dataclass(frozen=True)
class AlertSent:
    broadcast_id: int | None  # None: nobody follows the area
    recipients: int



def render_alert(
    tr: Translator, place: Place, record: AreaStatus, *, today: date, stale_after_days: int,
    sources: Sequence[Source] = (),
) -> str:
    """The urgent alert: a headline, then the same answer residents get when they ask
    (status in plain words, date, source, note, and the risk-education message)."""
    answer = render_answer(
        tr, place, record, today=today, stale_after_days=stale_after_days, sources=sources
    )
    return tr.gettext(_ALERT_HEADER) + "\n\n" + answer


async def send_alert(state: AppState, history_id: int, *, created_by: int) -> AlertSent:
    """Queue the alert owed for one history row to every subscriber of its area, in their
    language, in the urgent lane; then mark the row alerted.

    One alert at a time (the job catching up and an operator's change may meet), and only
    while the row still owes it, so an alert is not queued twice. A newer status takes
    over what an older one owed (:func:`~bot.storage.areas.record_status`), so a row that
    is no longer current owes nothing any more."""
    async with state.alert_lock:
        record = await status_by_history_id(state.db, history_id)
        if record is None or not await alert_is_due(state.db, history_id):
            return AlertSent(None, 0)
        current = await current_status(state.db, record.area_id)
        broadcast_id, recipients = (
            await _queue_alert(state, record, created_by)
            if current is not None and current.history_id == history_id
            else (None, 0)
        )
        async with state.db.transaction() as conn:
            await mark_alerted(conn, history_id, broadcast_id)
    return AlertSent(broadcast_id, recipients)


async def _queue_alert(
    state: AppState, record: AreaStatus, created_by: int
) -> tuple[int | None, int]:
    area = await get_area(state.db, record.area_id)
    subscribers = await subscribers_of_area(state.db, record.area_id) if area else []
    if area is None or not subscribers:
        return None, 0
    ancestors = await area_ancestors(state.db, area.id)
    today = state.now().date()
    texts: dict[str, str] = {}
    for code in {s.language for s in subscribers}:
        tr = state.catalogues.translator(code)
        texts[code] = render_alert(
            tr, place_of(area, ancestors, tr.code), record, today=today,
            stale_after_days=state.settings.safety.stale_after_days, sources=state.sources,
        )
    broadcast_id = await state.dispatcher.enqueue(
        created_by=created_by,
        priority=Priority.URGENT,
        kind=ALERT_KIND,
        messages=(OutboxMessage(s.chat_id, texts[s.language]) for s in subscribers),
        paid=state.settings.rates.paid_broadcast,
    )
    return broadcast_id, len(subscribers)


async def send_due_alerts(state: AppState, *, created_by: int = 0) -> int:
    """Alerts owed after a crash between recording a change and queueing its alert."""
    sent = 0
    for history_id, _area_id in await alerts_due(state.db):
        result = await send_alert(state, history_id, created_by=created_by)
        sent += result.recipients
    if sent:
        log.info("caught up on status alerts: %d recipients", sent)
    return sent
