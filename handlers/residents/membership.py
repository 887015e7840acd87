"""my_chat_member: a resident who blocks the bot stops receiving alerts at once."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.ext import ChatMemberHandler

from bot.storage.residents import set_active
from handlers.kit.context import DaleelApp, DaleelContext

__all__ = ["register"]


async def membership_changed(update: Update, context: DaleelContext) -> None:
    """Blocked → inactive; unblocked → active again (they came back to us)."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    status = change.new_chat_member.status
    if status in (ChatMember.BANNED, ChatMember.LEFT):
        await set_active(context.db, change.chat.id, False)
    elif status == ChatMember.MEMBER:
        await set_active(context.db, change.chat.id, True)


def register(app: DaleelApp) -> None:
    app.add_handler(ChatMemberHandler(membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
