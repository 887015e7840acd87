"""When a schedule runs: pure functions of a rule and a clock, in camp time.

A :class:`Rule` is what staff chose — once at a date and time, daily at a time, weekly on
chosen days at a time, or monthly on a day at a time — always in camp wall-clock time.
Everything here takes "now" as an argument, so it is tested with a fake clock; the
JobQueue (real time) only ever waits for the instant these functions computed.

- :func:`next_after` — the first run strictly after an instant.
- :func:`catch_up` — what to do on start-up with a run that fell due while the bot was
  down: fire the latest one once if it is within the grace period, count the rest missed.
- :func:`parse_time`, :func:`parse_datetime`, :func:`parse_month_day` — what staff type,
  with Arabic-Indic digits accepted.

A monthly rule on day 29–31 runs on the last day of shorter months (staff who say "the
31st" mean "the end of the month"). A time that does not exist on a day (a daylight-saving
gap; Iraq has none today) runs at the first instant after the gap.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

__all__ = [
    "KINDS",
    "CatchUp",
    "Kind",
    "Rule",
    "catch_up",
    "first_run",
    "local_instant",
    "next_after",
    "parse_datetime",
    "parse_month_day",
    "parse_time",
]

Kind = Literal["once", "daily", "weekly", "monthly"]
KINDS: tuple[Kind, ...] = ("once", "daily", "weekly", "monthly")
# A daily rule has a run every day and a monthly one at least every 31 days: a search
# window of 400 days finds the next run of any valid rule.
_SEARCH_DAYS = 400
# A bot that was down for years must not loop forever counting missed runs.
MAX_MISSED_COUNTED = 1000


@dataclass(frozen=True)
class Rule:
    """A schedule's timing in camp wall-clock time."""

    kind: Kind
    at: time
    on_date: date | None = None  # once
    weekdays: frozenset[int] = frozenset()  # weekly: 0 = Monday … 6 = Sunday
    month_day: int | None = None  # monthly: 1–31

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown schedule kind {self.kind!r}")
        if self.at.tzinfo is not None:
            raise ValueError("a rule's time is camp wall-clock time, without a zone")
        if (self.kind == "once") != (self.on_date is not None):
            raise ValueError("a date belongs to a one-off schedule, and it needs one")
        if (self.kind == "weekly") != bool(self.weekdays):
            raise ValueError("weekdays belong to a weekly schedule, and it needs some")
        if not all(0 <= day <= 6 for day in self.weekdays):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
        if (self.kind == "monthly") != (self.month_day is not None):
            raise ValueError("a day of the month belongs to a monthly schedule, and it needs one")
        if self.month_day is not None and not 1 <= self.month_day <= 31:
            raise ValueError("the day of the month is 1 to 31")

    def runs_on(self, day: date) -> bool:
        if self.kind == "daily":
            return True
        if self.kind == "weekly":
            return day.weekday() in self.weekdays
        if self.kind == "monthly":
            assert self.month_day is not None
            last = calendar.monthrange(day.year, day.month)[1]
            return day.day == min(self.month_day, last)
        return day == self.on_date


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` in ``zone``; a time inside a daylight-saving gap moves past it."""
    naive = datetime.combine(day, at.replace(tzinfo=None))
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def next_after(rule: Rule, after: datetime, zone: ZoneInfo) -> datetime | None:
    """The rule's first run strictly after ``after`` (aware), or None if it has none."""
    if after.tzinfo is None:
        raise ValueError("'after' must be an aware datetime")
    if rule.kind == "once":
        assert rule.on_date is not None
        run = local_instant(rule.on_date, rule.at, zone)
        return run if run > after else None
    # Start a day early: a run late on the previous local day can still be after `after`
    # when the zone's offset changed in between.
    day = after.astimezone(zone).date() - timedelta(days=1)
    for _ in range(_SEARCH_DAYS):
        if rule.runs_on(day):
            run = local_instant(day, rule.at, zone)
            if run > after:
                return run
        day += timedelta(days=1)
    return None  # unreachable for a valid rule


def first_run(rule: Rule, now: datetime, zone: ZoneInfo) -> datetime | None:
    """When a new schedule first runs; None for a one-off whose time has passed."""
    return next_after(rule, now, zone)


@dataclass(frozen=True)
class CatchUp:
    """What to do with a schedule whose run ``due`` was reached while the bot was down.

    ``fire``: the one run to send now (the latest due one, within the grace period), or
    None. ``missed``: the runs that will never be sent, oldest first (at most
    ``MAX_MISSED_COUNTED``). ``next_run``: the first run after now, or None when the
    schedule has no more runs.
    """

    fire: datetime | None
    missed: tuple[datetime, ...]
    next_run: datetime | None


def catch_up(
    rule: Rule, due: datetime, now: datetime, grace: timedelta, zone: ZoneInfo
) -> CatchUp:
    """Decide, at start-up, about a schedule whose next run was ``due``."""
    if due > now:
        return CatchUp(fire=None, missed=(), next_run=due)
    passed = [due]
    following = next_after(rule, due, zone)
    while following is not None and following <= now:
        if len(passed) >= MAX_MISSED_COUNTED:
            # Far too many to list: keep the latest in view and jump ahead.
            passed.pop(0)
        passed.append(following)
        following = next_after(rule, following, zone)
    latest = passed[-1]
    if now - latest <= grace:
        return CatchUp(fire=latest, missed=tuple(passed[:-1]), next_run=following)
    return CatchUp(fire=None, missed=tuple(passed), next_run=following)


# --- what staff type ------------------------------------------------------------------

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"
)
_TIME = r"(?P<hour>\d{1,2})[:.٫](?P<minute>\d{2})"
_TIME_RE = re.compile(rf"^{_TIME}$")
_ISO_RE = re.compile(rf"^(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})\s+{_TIME}$")
_DMY_RE = re.compile(
    rf"^(?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>\d{{4}})\s+{_TIME}$"
)
_MONTH_DAY_RE = re.compile(rf"^(?P<mday>\d{{1,2}})\s+{_TIME}$")


def _normalise(text: str) -> str:
    return " ".join(text.translate(_DIGITS).split())


def _time(hour: str, minute: str) -> time | None:
    h, m = int(hour), int(minute)
    return time(h, m) if 0 <= h <= 23 and 0 <= m <= 59 else None


def parse_time(text: str) -> time | None:
    """``18:30`` (also ``18.30``, Arabic-Indic digits); None when it is not a time."""
    match = _TIME_RE.match(_normalise(text))
    return _time(match["hour"], match["minute"]) if match else None


def parse_datetime(text: str) -> tuple[date, time] | None:
    """``2026-11-25 18:30`` or ``25/11/2026 18:30``; None when it is not one."""
    normal = _normalise(text)
    match = _ISO_RE.match(normal) or _DMY_RE.match(normal)
    if match is None:
        return None
    try:
        day = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    at = _time(match["hour"], match["minute"])
    return None if at is None else (day, at)


def parse_month_day(text: str) -> tuple[int, time] | None:
    """``15 18:30``: the day of the month (1–31) and the time; None otherwise."""
    match = _MONTH_DAY_RE.match(_normalise(text))
    if match is None or not 1 <= int(match["mday"]) <= 31:
        return None
    at = _time(match["hour"], match["minute"])
    return None if at is None else (int(match["mday"]), at)
