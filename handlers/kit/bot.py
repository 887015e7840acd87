"""The bot object: python-telegram-bot's ExtBot, patient at start-up and reading updates
one at a time.

Start-up: Telegram is sometimes unreachable from Iraq for days. PTB's ``initialize`` asks
``getMe`` once and a network error ends start-up with a long traceback; here it is asked
again with a growing pause (one second, doubling up to a minute), one log line per attempt, until
Telegram answers. A token Telegram refuses still stops start-up at once.

Updates:
PTB parses a whole getUpdates batch at once: one update it cannot parse (a field a newer
Bot API sends, a server that differs from Telegram) raises for the batch, the offset never
moves past it, every later update goes unanswered — after a restart too — and PTB logs
the raw batch, residents' texts and names included, at CRITICAL on every retry. Here each
update is parsed on its own; one that fails is replaced by an empty ``Update`` with its
id, so polling confirms it and goes on, and the log gets only its id and the error class.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from collections.abc import Sequence
from typing import cast

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput
from telegram.error import BadRequest, InvalidToken, NetworkError
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
    """ExtBot that waits for Telegram at start-up and survives an update it cannot parse."""

    _first_start_pause = 1.0
    _max_start_pause = 60.0

    def pace_start_up(self, first: float, most: float) -> None:
        """The pauses between start-up attempts: ``first``, doubling up to ``most``."""
        self._first_start_pause, self._max_start_pause = first, most

    async def initialize(self) -> None:
        pause = self._first_start_pause
        attempt = 0
        while True:
            try:
                await super().initialize()
                return
            except (InvalidToken, BadRequest):
                raise  # the token or the server said no: waiting will not change it
            except NetworkError as error:
                attempt += 1
                log.warning(
                    "Telegram cannot be reached (%s); trying again in %.0f s (attempt %d)",
                    type(error).__name__, pause, attempt,
                )
                await asyncio.sleep(pause)
                pause = min(pause * 2, self._max_start_pause)

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
