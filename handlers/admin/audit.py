"""``/audit [N]``: the newest entries of the audit log, for admins.

Who acted is shown by Telegram id and the roles they hold now ("700003 (operator)"), so
an admin reads at a glance which entries are staff, operators or residents.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.access import Actor, roles_for
from bot.i18n.catalogues import N_, Markup, Translator
from bot.storage.audit import AuditEntry, recent
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.people import who_with
from handlers.kit.permissions import requires

__all__ = ["DEFAULT_ENTRIES", "MAX_ENTRIES", "register"]

DEFAULT_ENTRIES = 20
MAX_ENTRIES = 200
_OUTCOMES: Mapping[str, str] = MappingProxyType({
    "ok": N_("✅ done"),
    "refused": N_("⛔ refused"),
    "rejected": N_("✋ rejected"),
    "failed": N_("❌ failed"),
})


def _line(tr: Translator, entry: AuditEntry, who: str) -> str:
    when = tr.datetime(datetime.fromisoformat(entry.at))
    outcome = Markup(tr.gettext(_OUTCOMES.get(entry.outcome, entry.outcome)))
    if entry.detail:
        return tr.gettext(
            "{when} · {user} · {action} · {outcome} · {detail}",
            when=when, user=who, action=entry.action, outcome=outcome, detail=entry.detail,
        )
    return tr.gettext(
        "{when} · {user} · {action} · {outcome}",
        when=when, user=who, action=entry.action, outcome=outcome,
    )


@requires("admin", "audit")
async def audit_command(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/audit [N]: the newest N entries (20 by default), newest first."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    args = context.args or []
    wanted = DEFAULT_ENTRIES
    if args:
        if len(args) > 1 or not args[0].isdecimal() or not 1 <= int(args[0]) <= MAX_ENTRIES:
            actor.note("bad arguments", outcome="rejected")
            await context.bot.send_message(
                chat.id,
                tr.gettext(
                    "Write /audit, or /audit and a number from 1 to {max}.", max=MAX_ENTRIES
                ),
            )
            return
        wanted = int(args[0])
    entries = await recent(context.db, wanted)
    actor.note(f"entries {len(entries)}")
    if not entries:
        await context.bot.send_message(chat.id, tr.gettext("The audit log is empty."))
        return
    title = tr.ngettext(
        "<b>Audit log: the newest entry</b>", "<b>Audit log: the newest {n} entries</b>",
        len(entries),
    )
    lines = [title]
    shown = 0
    people = {entry.user_id for entry in entries}
    held = {uid: await roles_for(context.db, context.settings, uid) for uid in people}
    for entry in entries:
        line = _line(tr, entry, who_with(tr, entry.user_id, held[entry.user_id]))
        # Keep room for the "more" line; a long log is cut, never sent over the limit.
        if telegram_length("\n".join([*lines, line])) > MESSAGE_LIMIT - 200:
            break
        lines.append(line)
        shown += 1
    if shown < len(entries):
        lines.append(
            tr.ngettext(
                "… and {n} older entry not shown.", "… and {n} older entries not shown.",
                len(entries) - shown,
            )
        )
    await context.bot.send_message(chat.id, "\n".join(lines))


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("audit", audit_command, filters.ChatType.PRIVATE))
