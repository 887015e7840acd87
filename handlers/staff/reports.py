"""``/report <id>`` shows how a broadcast went; ``/report`` alone lists the latest ones.

The report itself is the one staff get after "Send now" (:mod:`handlers.staff.broadcasts`).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.delivery import broadcast_report, list_broadcasts
from bot.i18n.catalogues import Translator
from bot.storage.db import Database
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.people import who
from handlers.kit.permissions import requires
from handlers.staff.broadcasts import kind_label, render_report

__all__ = ["register"]

_LISTED = 10


async def _list(tr: Translator, db: Database) -> str:
    broadcasts = await list_broadcasts(db, _LISTED)
    if not broadcasts:
        return tr.gettext("No broadcast has been sent yet.")
    lines = [tr.gettext("<b>Latest broadcasts</b>")]
    for b in broadcasts:
        report = await broadcast_report(db, b.id)
        sent = report.sent if report else 0
        lines.append(
            tr.gettext(
                "#{id} · {kind} · {when} · sent {sent} of {total}",
                id=str(b.id), kind=kind_label(tr, b.kind), when=b.created_at, sent=sent,
                total=b.total,
            )
        )
    lines.append(tr.gettext("/report and a number shows one of them."))
    return "\n".join(lines)


@requires("staff", "report")
async def report_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/report <id>: how a broadcast went; /report: the latest broadcasts."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    args = context.args or []
    if not args:
        actor.note("list")
        await context.bot.send_message(chat.id, await _list(tr, context.db))
        return
    raw = args[0].lstrip("#")
    report = (
        await broadcast_report(context.db, int(raw))
        if len(args) == 1 and raw.isdecimal() and len(raw) <= 12
        else None
    )
    if report is None:
        actor.note("unknown broadcast", outcome="rejected")
        await context.bot.send_message(
            chat.id,
            tr.gettext(
                "There is no broadcast with that number. /report lists the latest ones."
            ),
        )
        return
    actor.note(f"broadcast {report.broadcast.id}")
    sender = await who(context, report.broadcast.created_by)
    await context.bot.send_message(chat.id, render_report(tr, report, sender))


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("report", report_command, filters.ChatType.PRIVATE))
