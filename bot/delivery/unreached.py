"""A broadcast that reached nobody: said in the log, and to the people who must act.

When every message of a broadcast failed (Telegram unreachable for hours, a bad token, a
text Telegram refuses), "finished" would hide it: the log says it at WARNING with the
reasons, and the hook the application set tells someone — staff who wrote an
announcement, operators for a safety alert (:func:`tell_unreached`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection

from bot.delivery.broadcasts import BroadcastReport, broadcast_report
from bot.i18n.catalogues import Translator
from bot.messenger import Messenger
from bot.storage.db import Database

__all__ = ["FinishedHook", "tell_unreached", "unreached"]

log = logging.getLogger(__name__)

FinishedHook = Callable[[BroadcastReport], Awaitable[None]]


async def unreached(db: Database, broadcast_id: int) -> BroadcastReport | None:
    """The report of a finished broadcast none of whose messages arrived (else None)."""
    report = await broadcast_report(db, broadcast_id)
    if report is None or report.total == 0 or report.sent > 0 or report.pending > 0:
        return None
    reasons = ", ".join(f"{group.reason} ×{group.count}" for group in report.failures)
    log.warning(
        "delivery: broadcast %d (%s) reached nobody: all %d messages failed (%s)",
        broadcast_id, report.broadcast.kind, report.total, reasons or "no reason recorded",
    )
    return report


async def tell_unreached(
    report: BroadcastReport, messenger: Messenger, *, alert_kinds: Collection[str]
) -> None:
    """Operators hear of a safety alert that warned nobody; the author of anything else."""
    broadcast = report.broadcast
    if broadcast.kind in alert_kinds:

        def alert(tr: Translator) -> str:
            return tr.ngettext(
                "⚠️ Safety alert #{id} reached nobody: its {n} message could not be "
                "delivered. The residents who follow this area were not warned.",
                "⚠️ Safety alert #{id} reached nobody: none of its {n} messages could be "
                "delivered. The residents who follow this area were not warned.",
                report.total, id=str(broadcast.id),
            )

        await messenger.tell_operators(alert)
        return
    if broadcast.created_by <= 0:  # sent by Daleel itself (a reminder), no author to tell
        return

    def announcement(tr: Translator) -> str:
        return tr.ngettext(
            "⚠️ Broadcast #{id} reached nobody: its {n} message could not be delivered. "
            "/report {id} shows why.",
            "⚠️ Broadcast #{id} reached nobody: none of its {n} messages could be "
            "delivered. /report {id} shows why.",
            report.total, id=str(broadcast.id),
        )

    await messenger.tell(broadcast.created_by, announcement)
