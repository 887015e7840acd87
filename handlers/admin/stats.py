"""Admin commands of the foundation: /stats (aggregate counts, never who)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.domain.languages import LANGUAGES
from bot.storage.residents import count_by_language
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.permissions import requires

__all__ = ["register"]


@requires("admin", "stats")
async def stats(update: Update, context: DaleelContext, actor: Actor) -> None:
    """/stats: how many residents use Daleel, per language (checked and audited like every
    admin command)."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    counts = await count_by_language(context.db)
    total = sum(counts.values())
    lines = [tr.ngettext("{n} resident uses Daleel.", "{n} residents use Daleel.", total)]
    lines += [
        tr.gettext("{language}: {count}", language=lang.native_name, count=counts.get(lang.code, 0))
        for lang in LANGUAGES
    ]
    await context.bot.send_message(chat.id, "\n".join(lines))
    actor.note(f"residents {total}")


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("stats", stats, filters.ChatType.PRIVATE))
