"""The sandbox's parts wired together; the Bot API and the control API both act on it."""

from __future__ import annotations

import time
from typing import Any

from sandbox.accounting import CallStats
from sandbox.errors import blocked, chat_not_found, deactivated
from sandbox.faults import FaultQueue
from sandbox.formatting import FormattedText
from sandbox.limits import Limits, RateLimiter
from sandbox.markup import ReplyMarkup
from sandbox.memo import Memo
from sandbox.state import ChatRecord, SandboxState, UserRecord
from sandbox.telegram_json import BotIdentity, chat_member_updated_json
from sandbox.updates import LongPoll, UpdateQueue
from sandbox.webhook import Webhook

__all__ = ["SandboxCore"]


class SandboxCore:
    """State, update queue, webhook, limits, faults and stats of one bot token."""

    def __init__(
        self,
        token: str,
        *,
        limits: Limits,
        bot_username: str,
        bot_first_name: str,
        retain_messages: bool,
    ) -> None:
        bot_id, sep, secret = token.partition(":")
        if not (sep and bot_id.isdigit() and secret):
            raise ValueError("token must look like '<bot id>:<secret>'")
        self.token = token
        self.bot = BotIdentity(int(bot_id), bot_first_name, bot_username)
        self.state = SandboxState(retain_messages=retain_messages)
        self.updates = UpdateQueue()
        self.poll = LongPoll(self.updates)
        self.webhook = Webhook(self.updates)
        self.limiter = RateLimiter(limits)
        self.faults = FaultQueue()
        self.stats = CallStats()
        self.texts: Memo[FormattedText] = Memo()
        self.markups: Memo[ReplyMarkup] = Memo()

    def writable_chat(self, chat_id: int) -> ChatRecord:
        """The chat a bot may send to, or Telegram's error for it."""
        chat = self.state.chats.get(chat_id)
        if chat is None:
            raise chat_not_found()
        user = chat.user
        if user.deactivated:
            raise deactivated()
        if user.blocked:
            raise blocked()
        return chat

    def user_acts(
        self, user_id: int, first_name: str | None = None, language_code: str | None = None
    ) -> ChatRecord:
        """A user does something in their chat with the bot: the chat becomes known."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user = self.state.user(user_id, first_name or "Resident")
        if first_name:
            user.first_name = first_name
        if language_code is not None:
            user.language_code = language_code or None
        return self.state.chat_of(user)

    def set_blocked(self, user: UserRecord, blocked_now: bool) -> int | None:
        """Block or unblock the bot; returns the my_chat_member update id."""
        if user.blocked == blocked_now:
            return None
        user.blocked = blocked_now
        chat = self.state.chat_of(user)
        old, new = ("member", "kicked") if blocked_now else ("kicked", "member")
        body: dict[str, Any] = chat_member_updated_json(chat, self.bot, int(time.time()), old, new)
        return self.updates.push("my_chat_member", body)

    def reset(self) -> None:
        """Forget chats, messages, files, commands, faults and stats; keep the token,
        the limits, the webhook and the id counters."""
        self.state.reset()
        self.updates.clear()
        self.faults.clear()
        self.stats.reset()
        self.limiter.limits = self.limiter.limits
