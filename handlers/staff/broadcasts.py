"""How a broadcast is going and how it went, in staff's words: progress and reports.

After "Send now" the staff member gets one message that is edited as the broadcast goes
(sent / queued / failed and the time left, from the dispatcher's observer), then a final
report with failures grouped by reason (:func:`follow_broadcast`). ``/report``
(``handlers.staff.reports``) shows the same report later. Reports hold counts and reasons
only — never who.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from types import MappingProxyType

from telegram import Bot
from telegram.error import BadRequest, TelegramError

from bot.delivery import (
    BroadcastProgress,
    BroadcastReport,
    FailureGroup,
    broadcast_report,
)
from bot.i18n.catalogues import N_, Markup, Translator
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit.context import DaleelContext
from handlers.kit.people import who

__all__ = [
    "PROGRESS_INTERVAL",
    "follow_broadcast",
    "kind_label",
    "render_progress",
    "render_report",
]

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 3.0  # seconds between edits: well under one edit per second per chat
_FAILURES: Mapping[str, str] = MappingProxyType({
    "blocked": N_("blocked the bot"),
    "deactivated": N_("account deleted"),
    "chat_not_found": N_("chat not found"),
    "chat_migrated": N_("the chat moved"),
    "retries_exhausted": N_("Telegram could not be reached after several attempts"),
    "cancelled": N_("cancelled by staff"),
})
_KINDS: Mapping[str, str] = MappingProxyType({
    "announcement": N_("Announcement"),
    "food_reminder": N_("Food reminders"),
    "food_notice": N_("Food distribution changes"),
})


def _duration(tr: Translator, seconds: float) -> str:
    """A rough duration, translated in the catalogue (Babel has none for Sorani)."""
    if seconds < 90:
        n = max(math.ceil(seconds), 1)
        return tr.ngettext("{n} second", "{n} seconds", n)
    if seconds < 2 * 3600:
        return tr.ngettext("{n} minute", "{n} minutes", math.ceil(seconds / 60))
    return tr.ngettext("{n} hour", "{n} hours", math.ceil(seconds / 3600))


def kind_label(tr: Translator, kind: str) -> str:
    return tr.gettext(_KINDS[kind]) if kind in _KINDS else kind


def render_progress(tr: Translator, progress: BroadcastProgress) -> str:
    """The live message while a broadcast is going out."""
    title = (
        tr.gettext("<b>Broadcast #{id}</b> is done.", id=str(progress.broadcast.id))
        if progress.finished
        else tr.gettext("<b>Broadcast #{id}</b> is going out.", id=str(progress.broadcast.id))
    )
    lines = [
        title,
        tr.gettext("✅ Sent: {n}", n=progress.sent),
        tr.gettext("⏳ Queued: {n}", n=progress.remaining),
        tr.gettext("❌ Not delivered: {n}", n=progress.failed + progress.blocked),
    ]
    if progress.eta_seconds is not None and progress.remaining:
        lines.append(
            tr.gettext(
                "About {duration} left.", duration=Markup(_duration(tr, progress.eta_seconds))
            )
        )
    if progress.ahead:
        lines.append(
            tr.ngettext(
                "{n} earlier message goes first.", "{n} earlier messages go first.",
                progress.ahead,
            )
        )
    return "\n".join(lines)


def _failure_line(tr: Translator, group: FailureGroup) -> str:
    label = _FAILURES.get(group.code)
    if label is not None:
        return tr.gettext("• {reason}: {n}", reason=Markup(tr.gettext(label)), n=group.count)
    # Telegram's own description (English, never message text), for the rarer failures.
    return tr.gettext(
        "• refused by Telegram ({reason}): {n}", reason=group.reason or group.code, n=group.count
    )


def render_report(tr: Translator, report: BroadcastReport, sender: str | None = None) -> str:
    """The account of a broadcast: every message is sent, not delivered, or still queued.

    ``sender``: who sent it, as :func:`handlers.kit.people.who` reads (else the id)."""
    b = report.broadcast
    title = (
        tr.gettext("<b>Broadcast #{id}: finished</b>", id=str(b.id))
        if report.finished
        else tr.gettext("<b>Broadcast #{id}: still going</b>", id=str(b.id))
    )
    lines = [
        title,
        tr.gettext(
            "{kind} by {user}, {when}", kind=kind_label(tr, b.kind),
            user=sender or str(b.created_by), when=b.created_at,
        ),
        tr.ngettext("{n} message in all.", "{n} messages in all.", report.total),
        tr.gettext("✅ Sent: {n}", n=report.sent),
        tr.gettext("🚫 Blocked the bot or deleted the account: {n}", n=report.blocked),
        tr.gettext("❌ Failed: {n}", n=report.failed),
    ]
    if report.pending:
        lines.append(tr.gettext("⏳ Queued: {n}", n=report.pending))
    if report.duration_seconds is not None:
        took = _duration(tr, report.duration_seconds)
        lines.append(tr.gettext("It took {duration}.", duration=Markup(took)))
    if report.failures:
        lines.append(tr.gettext("Not delivered, by reason:"))
        for group in report.failures:
            line = _failure_line(tr, group)
            if telegram_length("\n".join([*lines, line])) > MESSAGE_LIMIT - 100:
                lines.append("…")
                break
            lines.append(line)
    return "\n".join(lines)


async def _edit(bot: Bot, chat_id: int, message_id: int, text: str) -> None:
    try:
        await bot.edit_message_text(text, chat_id, message_id)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            log.warning("could not edit the progress message: %s", error.message)
    except TelegramError as error:  # progress is a comfort; the report is always there
        log.warning("could not edit the progress message: %s", type(error).__name__)


async def follow_broadcast(context: DaleelContext, chat_id: int, broadcast_id: int) -> None:
    """One progress message, edited as the broadcast goes; then the final report."""
    tr, bot, db = context.tr, context.bot, context.db
    message = await bot.send_message(
        chat_id, tr.gettext("<b>Broadcast #{id}</b> is queued.", id=str(broadcast_id))
    )

    async def on_progress(progress: BroadcastProgress) -> None:
        await _edit(bot, chat_id, message.message_id, render_progress(tr, progress))
        if not progress.finished:
            return
        # The final report as a new message: an edit does not notify, a message does.
        report = await broadcast_report(db, broadcast_id)
        if report is not None:
            try:
                sender = await who(context, report.broadcast.created_by)
                await bot.send_message(chat_id, render_report(tr, report, sender))
            except TelegramError as error:
                log.warning("could not send the final report: %s", type(error).__name__)

    context.state.dispatcher.observe(broadcast_id, on_progress, interval=PROGRESS_INTERVAL)
