"""A message Daleel asked for: the text of an announcement, a case, an answer to a case.

After a button like "Write your answer", the user's next private message (never a command)
belongs to that conversation, not to the free-text understanding. Each feature says, per
user, whether it is waiting (and drops what has lapsed); this handler takes the message
only then, so it can be registered before ``understand`` without stealing questions.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import MessageHandler, filters
from telegram.ext.filters import BaseFilter

from handlers.kit.context import DaleelApp, DaleelContext

__all__ = ["AwaitedMessage"]

Callback = Callable[[Update, DaleelContext], Coroutine[Any, Any, None]]
Waiting = Callable[[DaleelApp, int], bool]


class AwaitedMessage(MessageHandler[DaleelContext, None]):
    """A private message matching ``kind`` from a user for whom ``waiting`` is true."""

    def __init__(
        self, app: DaleelApp, waiting: Waiting, callback: Callback, kind: BaseFilter
    ) -> None:
        super().__init__(filters.ChatType.PRIVATE & ~filters.COMMAND & kind, callback)
        self._app = app
        self._waiting = waiting

    def check_update(self, update: object) -> bool | dict[str, list[object]] | None:
        if not isinstance(update, Update) or update.effective_user is None:
            return None
        if not self._waiting(self._app, update.effective_user.id):
            return None
        return super().check_update(update)
