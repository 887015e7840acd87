"""Admin commands of the foundation: /stats (aggregate counts, never who)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.domain.languages import LANGUAGES
from bot.storage.residents import count_by_language
from handlers.kit.context import DaleelApp, DaleelContext

__all__ = ["is_admin", "register"]


def is_admin(update: Update, context: DaleelContext) -> bool:
    """Checked at the moment of the action, from the configuration."""
    user = update.effective_user
    return user is not None and user.id in context.settings.admin_ids


async def stats(update: Update, context: DaleelContext) -> None:
    """/stats: how many residents use Daleel, per language."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    if not is_admin(update, context):
        await context.bot.send_message(chat.id, tr.gettext("This command is for Daleel staff."))
        return
    counts = await count_by_language(context.db)
    total = sum(counts.values())
    lines = [tr.ngettext("{n} resident uses Daleel.", "{n} residents use Daleel.", total)]
    lines += [
        tr.gettext("{language}: {count}", language=lang.native_name, count=counts.get(lang.code, 0))
        for lang in LANGUAGES
    ]
    await context.bot.send_message(chat.id, "\n".join(lines))


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("stats", stats, filters.ChatType.PRIVATE))
