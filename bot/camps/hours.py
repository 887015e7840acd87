"""Is a service open now? Opening days and hours, worked out in camp time.

Pure functions: the caller passes "now" (an aware datetime; it is converted to the camp's
zone when one is given) and the service's hours. Days are a bitmask, bit ``d`` set when
the service opens on weekday ``d`` (0 = Monday, as ``date.weekday()``). Hours that close
before they open run overnight (20:00–02:00 belongs to the day it opens); equal hours mean
the whole day. Missing days or hours are never guessed: the answer is "not known".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from enum import Enum
from zoneinfo import ZoneInfo

__all__ = [
    "ALL_DAYS",
    "OpeningState",
    "OpeningStatus",
    "opening_status",
    "parse_hhmm",
    "weekdays",
]

ALL_DAYS = 0b1111111
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


class OpeningState(Enum):
    OPEN = "open"  # open now; ``at`` is the closing time (None: hours not known)
    OPENS_TODAY = "opens_today"  # closed now, opens later today at ``at``
    OPENS_LATER = "opens_later"  # opens in ``days_ahead`` days (1 = tomorrow) at ``at``
    CLOSED_TODAY = "closed_today"  # not an opening day; hours not known, so no "next"
    UNKNOWN = "unknown"  # days or hours not known


@dataclass(frozen=True)
class OpeningStatus:
    state: OpeningState
    at: time | None = None
    days_ahead: int = 0
    weekday: int | None = None  # of the next opening, for OPENS_LATER


def parse_hhmm(text: str | None) -> time | None:
    """``HH:MM`` as stored; None for empty or malformed values (never guessed)."""
    match = _HHMM.match(text.strip()) if text else None
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    return time(hour, minute) if hour < 24 and minute < 60 else None


def weekdays(days: int) -> list[int]:
    """The weekdays (0 = Monday) set in the bitmask, Monday first."""
    return [day for day in range(7) if days >> day & 1]


def _opens_on(days: int, weekday: int) -> bool:
    return bool(days >> (weekday % 7) & 1)


def opening_status(
    days: int,
    opens: time | None,
    closes: time | None,
    now: datetime,
    zone: ZoneInfo | None = None,
) -> OpeningStatus:
    """Open now, opening later today, on a later day, or not known."""
    local = now.astimezone(zone) if zone is not None else now
    today, clock = local.weekday(), local.time().replace(second=0, microsecond=0)
    days &= ALL_DAYS
    if not days:
        return OpeningStatus(OpeningState.UNKNOWN)
    if opens is None or closes is None:
        # Known days, unknown hours: say whether today is a day it opens, nothing more.
        if _opens_on(days, today):
            return OpeningStatus(OpeningState.OPEN)
        return OpeningStatus(OpeningState.CLOSED_TODAY)

    if opens == closes:  # round the clock on its days
        if _opens_on(days, today):
            return OpeningStatus(OpeningState.OPEN, closes)
    elif opens < closes:
        if _opens_on(days, today) and opens <= clock < closes:
            return OpeningStatus(OpeningState.OPEN, closes)
        if _opens_on(days, today) and clock < opens:
            return OpeningStatus(OpeningState.OPENS_TODAY, opens)
    else:  # overnight: the early hours belong to the evening before
        if _opens_on(days, today - 1) and clock < closes:
            return OpeningStatus(OpeningState.OPEN, closes)
        if _opens_on(days, today) and clock >= opens:
            return OpeningStatus(OpeningState.OPEN, closes)
        if _opens_on(days, today):
            return OpeningStatus(OpeningState.OPENS_TODAY, opens)

    for ahead in range(1, 8):
        if _opens_on(days, today + ahead):
            return OpeningStatus(
                OpeningState.OPENS_LATER, opens, days_ahead=ahead, weekday=(today + ahead) % 7
            )
    return OpeningStatus(OpeningState.UNKNOWN)  # unreachable: days is not empty
