"""Queue an announcement for its audience through the delivery engine.

Used when staff press "Send now" and when a schedule fires: the audience is resolved at
that moment (residents come and go), every language's text is rendered and measured
first — nothing is queued if any of them is too long — and the broadcast is stored in the
outbox in one transaction before the dispatcher is woken (``Dispatcher.enqueue``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.announcements.texts import Rendered, render_all, too_long
from bot.state import AppState
from bot.storage.announcements import Announcement
from bot.storage.audiences import audience_exists, audience_recipients
from bot.storage.outbox import OutboxMessage, Priority

__all__ = ["KIND", "NotSent", "Queued", "queue_announcement"]

KIND = "announcement"


@dataclass(frozen=True)
class Queued:
    broadcast_id: int
    recipients: int


@dataclass(frozen=True)
class NotSent:
    """Why nothing was queued: ``too_long`` (in ``languages``), ``nobody`` to send to,
    ``gone`` (the camp, sector or area was deleted) or ``incomplete`` (no text)."""

    reason: Literal["too_long", "nobody", "gone", "incomplete"]
    languages: tuple[Rendered, ...] = ()


async def queue_announcement(
    state: AppState, announcement: Announcement, *, created_by: int, kind: str = KIND
) -> Queued | NotSent:
    """Render, check and queue; then wake the dispatcher."""
    if announcement.audience is None or announcement.priority is None:
        return NotSent("incomplete")
    rendered = render_all(state.catalogues, announcement.texts, announcement.priority)
    if not rendered:
        return NotSent("incomplete")
    long = too_long(rendered)
    if long:
        return NotSent("too_long", tuple(long))
    if not await audience_exists(state.db, announcement.audience):
        return NotSent("gone")
    urgent = announcement.priority == "urgent"
    recipients = await audience_recipients(state.db, announcement.audience, urgent=urgent)
    if not recipients:
        return NotSent("nobody")
    messages = (
        OutboxMessage(r.chat_id, rendered[r.language].text)
        for r in recipients
        if r.language in rendered
    )
    broadcast_id = await state.dispatcher.enqueue(
        created_by=created_by,
        priority=Priority.URGENT if urgent else Priority.ROUTINE,
        kind=kind,
        messages=messages,
        paid=state.settings.rates.paid_broadcast,
    )
    return Queued(broadcast_id, len(recipients))
