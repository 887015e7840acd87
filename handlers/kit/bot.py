"""The bot object: python-telegram-bot's ExtBot, reading updates one at a time.

PTB parses a whole getUpdates batch at once: one update it cannot parse (a field a newer
Bot API sends, a server that differs from Telegram) raises for the batch, the offset never
moves past it, every later update goes unanswered — after a restart too — and PTB logs
the raw batch, residents' texts and names included, at CRITICAL on every retry. Here each
update is parsed on its own; one that fails is replaced by an empty ``Update`` with its
id, so polling confirms it and goes on, and the log gets only its id and the error class.
"""

from __future__ import annotations

import datetime as dtm
import logging
from collections.abc import Sequence
from typing import cast

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput
from telegram.ext import ExtBot

__all__ = ["DaleelBot", "parse_updates"]

log = logging.getLogger(__name__)


def parse_updates(raw: Sequence[JSONDict], bot: ExtBot[str]) -> tuple[Update, ...]:
    """Each update parsed alone; an unparsable one becomes an empty update with its id."""
    updates: list[Update] = []
    for item in raw:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        try:
            update = Update.de_json(item, bot)
        except Exception as error:
            if not isinstance(update_id, int):
                log.warning("skipped an update without an id: %s", type(error).__name__)
                continue
            log.warning("skipped update %d: %s", update_id, type(error).__name__)
            update = Update(update_id=update_id)
            update.set_bot(bot)
        updates.append(update)
    return tuple(updates)


class DaleelBot(ExtBot[str]):
    """ExtBot whose getUpdates survives an update it cannot parse."""

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: int | dtm.timedelta | None = None,  # noqa: ASYNC109 - PTB's signature
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        data: JSONDict = {
            "timeout": timeout,
            "offset": offset,
            "limit": limit,
            "allowed_updates": allowed_updates,
        }
        # As PTB does: the long poll's read timeout is the request's plus the poll's own.
        request = self._request[0]
        base = request.read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        seconds = timeout.total_seconds() if isinstance(timeout, dtm.timedelta) else timeout
        total_read = (base or 0) + (seconds or 0)
        result = await self._post(
            "getUpdates",
            data,
            read_timeout=total_read,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
            api_kwargs=api_kwargs,
        )
        updates = parse_updates(cast("list[JSONDict]", result), self)
        for update in updates:
            self.insert_callback_data(update)
        return updates
