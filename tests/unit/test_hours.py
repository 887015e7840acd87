"""Opening hours in camp time: open now, opens later, overnight, unknown."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.camps.hours import (
    ALL_DAYS,
    OpeningState,
    OpeningStatus,
    opening_status,
    parse_hhmm,
    weekdays,
)

BAGHDAD = ZoneInfo("Asia/Baghdad")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
SUN_THU = sum(1 << d for d in (SUN, MON, TUE, WED, THU))
EIGHT, THREE_PM = time(8, 0), time(15, 0)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Camp time on a weekday of the week of Monday 2026-11-23."""
    return datetime(2026, 11, 23 + day, hour, minute, tzinfo=BAGHDAD)


def status(days: int, opens: time | None, closes: time | None, now: datetime) -> OpeningStatus:
    return opening_status(days, opens, closes, now)


def test_parse_hhmm() -> None:
    assert parse_hhmm("08:00") == time(8, 0)
    assert parse_hhmm("8:30") == time(8, 30)
    assert parse_hhmm("23:59:00") == time(23, 59)
    for bad in (None, "", "24:00", "12:60", "noon", "8", "08-00"):
        assert parse_hhmm(bad) is None, bad


def test_weekdays() -> None:
    assert weekdays(SUN_THU) == [MON, TUE, WED, THU, SUN]
    assert weekdays(0) == []
    assert weekdays(ALL_DAYS) == list(range(7))


def test_open_now_until_closing() -> None:
    assert status(SUN_THU, EIGHT, THREE_PM, at(TUE, 10)) == OpeningStatus(
        OpeningState.OPEN, THREE_PM
    )
    # Opening minute counts as open, the closing minute as closed.
    assert status(SUN_THU, EIGHT, THREE_PM, at(TUE, 8)).state is OpeningState.OPEN
    assert status(SUN_THU, EIGHT, THREE_PM, at(TUE, 15)).state is not OpeningState.OPEN


def test_opens_later_today() -> None:
    assert status(SUN_THU, EIGHT, THREE_PM, at(TUE, 6, 30)) == OpeningStatus(
        OpeningState.OPENS_TODAY, EIGHT
    )


def test_after_closing_opens_tomorrow() -> None:
    assert status(SUN_THU, EIGHT, THREE_PM, at(TUE, 16)) == OpeningStatus(
        OpeningState.OPENS_LATER, EIGHT, days_ahead=1, weekday=WED
    )


def test_weekend_opens_on_sunday() -> None:
    # Thursday evening: Friday and Saturday are closed, next is Sunday, three days ahead.
    assert status(SUN_THU, EIGHT, THREE_PM, at(THU, 18)) == OpeningStatus(
        OpeningState.OPENS_LATER, EIGHT, days_ahead=3, weekday=SUN
    )
    assert status(SUN_THU, EIGHT, THREE_PM, at(FRI, 10)) == OpeningStatus(
        OpeningState.OPENS_LATER, EIGHT, days_ahead=2, weekday=SUN
    )


def test_one_day_a_week_after_closing_is_next_week() -> None:
    assert status(1 << TUE, EIGHT, THREE_PM, at(TUE, 16)) == OpeningStatus(
        OpeningState.OPENS_LATER, EIGHT, days_ahead=7, weekday=TUE
    )


@pytest.mark.parametrize("day", range(7))
def test_every_weekday_is_its_own_bit(day: int) -> None:
    only = 1 << day
    assert status(only, EIGHT, THREE_PM, at(day, 10)).state is OpeningState.OPEN
    for other in set(range(7)) - {day}:
        found = status(only, EIGHT, THREE_PM, at(other, 10))
        assert found.state is OpeningState.OPENS_LATER
        assert found.weekday == day
        assert found.days_ahead == (day - other) % 7


def test_overnight_hours() -> None:
    # A night guard post: Sunday to Thursday evenings, 20:00 to 02:00 the next morning.
    night, morning = time(20, 0), time(2, 0)
    assert status(SUN_THU, night, morning, at(TUE, 21)) == OpeningStatus(OpeningState.OPEN, morning)
    # Early Wednesday belongs to Tuesday night.
    assert status(SUN_THU, night, morning, at(WED, 1)).state is OpeningState.OPEN
    # Early Friday belongs to Thursday night; early Saturday to Friday, which is closed.
    assert status(SUN_THU, night, morning, at(FRI, 1, 59)).state is OpeningState.OPEN
    assert status(SUN_THU, night, morning, at(SAT, 1)) == OpeningStatus(
        OpeningState.OPENS_LATER, night, days_ahead=1, weekday=SUN
    )
    # Early Sunday: Saturday night was closed; Sunday opens this evening.
    assert status(SUN_THU, night, morning, at(SUN, 1)) == OpeningStatus(
        OpeningState.OPENS_TODAY, night
    )
    assert status(SUN_THU, night, morning, at(TUE, 12)) == OpeningStatus(
        OpeningState.OPENS_TODAY, night
    )


def test_round_the_clock_on_its_days() -> None:
    midnight = time(0, 0)
    assert status(1 << MON, midnight, midnight, at(MON, 3)).state is OpeningState.OPEN
    assert status(1 << MON, midnight, midnight, at(TUE, 3)).state is OpeningState.OPENS_LATER


def test_missing_hours_are_never_guessed() -> None:
    assert status(0, EIGHT, THREE_PM, at(TUE, 10)) == OpeningStatus(OpeningState.UNKNOWN)
    assert status(0, None, None, at(TUE, 10)) == OpeningStatus(OpeningState.UNKNOWN)
    # Days known, hours not: open today (hours unknown) or closed today, nothing more.
    assert status(SUN_THU, None, None, at(TUE, 10)) == OpeningStatus(OpeningState.OPEN)
    assert status(SUN_THU, EIGHT, None, at(TUE, 10)) == OpeningStatus(OpeningState.OPEN)
    assert status(SUN_THU, None, None, at(FRI, 10)) == OpeningStatus(OpeningState.CLOSED_TODAY)


def test_camp_time_across_midnight_utc() -> None:
    # 22:30 UTC on Tuesday is 01:30 on Wednesday in the camp (UTC+3).
    late_tuesday_utc = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)
    assert opening_status(1 << TUE, EIGHT, THREE_PM, late_tuesday_utc, BAGHDAD) == OpeningStatus(
        OpeningState.OPENS_LATER, EIGHT, days_ahead=6, weekday=TUE
    )
    # In the camp it is already Wednesday: a Wednesday service opens today. Read in UTC
    # it would still be Tuesday night, opening tomorrow: the camp zone decides the day.
    assert opening_status(1 << WED, EIGHT, THREE_PM, late_tuesday_utc, BAGHDAD) == OpeningStatus(
        OpeningState.OPENS_TODAY, EIGHT
    )
    assert opening_status(1 << WED, EIGHT, THREE_PM, late_tuesday_utc).days_ahead == 1
    # 05:30 UTC Wednesday is 08:30 in the camp: open.
    morning_utc = datetime(2026, 11, 25, 5, 30, tzinfo=UTC)
    assert opening_status(1 << WED, EIGHT, THREE_PM, morning_utc, BAGHDAD).state is (
        OpeningState.OPEN
    )
    assert opening_status(1 << WED, EIGHT, THREE_PM, morning_utc).state is (
        OpeningState.OPENS_TODAY
    )


def test_bits_beyond_the_week_are_ignored() -> None:
    assert status(1 << 7, EIGHT, THREE_PM, at(TUE, 10)).state is OpeningState.UNKNOWN
