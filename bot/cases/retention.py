"""How long a case's words and photos are kept: ``[feedback] retention_days`` after the
case's last activity (its ``updated_at``: a message, an answer, a note, closing).

Past that, the content is erased (texts and photos); the number, topic, camp, dates and
outcome stay, for statistics. Counting from the last activity, not from the opening,
means a case someone is still working on is never emptied under their eyes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["erase_before", "stamp"]


def erase_before(now: datetime, retention_days: int) -> datetime:
    """Cases whose last activity is before this moment lose their content."""
    if retention_days < 1:
        raise ValueError("retention_days must be at least 1")
    return now - timedelta(days=retention_days)


def stamp(moment: datetime) -> str:
    """A moment as stored: UTC ISO-8601 to the second (sorts in time order)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
