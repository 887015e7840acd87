"""Schedule timing as pure functions of a rule and a fake clock, in camp time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.announcements.rules import (
    Rule,
    catch_up,
    first_run,
    local_instant,
    next_after,
    parse_datetime,
    parse_month_day,
    parse_time,
)

CAMP = ZoneInfo("Asia/Baghdad")  # UTC+3, no daylight saving
BERLIN = ZoneInfo("Europe/Berlin")  # has daylight saving: the gaps and folds


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, *, zone: ZoneInfo = CAMP) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=zone)


def test_once_runs_at_its_camp_time_and_never_again() -> None:
    rule = Rule("once", time(18, 30), on_date=date(2026, 11, 25))
    run = first_run(rule, at(2026, 11, 24, 10), CAMP)
    assert run == at(2026, 11, 25, 18, 30)
    assert run is not None and run.astimezone(UTC).hour == 15  # 18:30 camp time is 15:30 UTC
    assert next_after(rule, run, CAMP) is None


def test_once_in_the_past_has_no_run() -> None:
    rule = Rule("once", time(9, 0), on_date=date(2026, 11, 24))
    assert first_run(rule, at(2026, 11, 24, 10), CAMP) is None
    # Exactly now is not in the future either.
    assert first_run(rule, at(2026, 11, 24, 9), CAMP) is None


def test_daily_later_today_or_tomorrow() -> None:
    rule = Rule("daily", time(9, 0))
    assert first_run(rule, at(2026, 11, 24, 8, 59), CAMP) == at(2026, 11, 24, 9)
    assert first_run(rule, at(2026, 11, 24, 9, 0), CAMP) == at(2026, 11, 25, 9)
    assert next_after(rule, at(2026, 11, 24, 9), CAMP) == at(2026, 11, 25, 9)


def test_daily_is_in_camp_time_whatever_the_clock_zone() -> None:
    rule = Rule("daily", time(1, 0))
    # 23:30 UTC on the 24th is 02:30 on the 25th in the camp: the next 01:00 is the 26th.
    now = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    assert first_run(rule, now, CAMP) == at(2026, 11, 26, 1)


def test_weekly_on_chosen_days() -> None:
    # 2026-11-24 is a Tuesday. Mondays (0) and Thursdays (3) at 07:15.
    rule = Rule("weekly", time(7, 15), weekdays=frozenset({0, 3}))
    now = at(2026, 11, 24, 10)
    runs = []
    run = first_run(rule, now, CAMP)
    for _ in range(4):
        assert run is not None
        runs.append(run)
        run = next_after(rule, run, CAMP)
    assert runs == [
        at(2026, 11, 26, 7, 15),  # Thursday
        at(2026, 11, 30, 7, 15),  # Monday
        at(2026, 12, 3, 7, 15),
        at(2026, 12, 7, 7, 15),
    ]
    assert all(r.weekday() in (0, 3) for r in runs)


def test_monthly_clamps_to_the_last_day_of_short_months() -> None:
    rule = Rule("monthly", time(12, 0), month_day=31)
    runs = []
    run = first_run(rule, at(2027, 1, 1), CAMP)
    for _ in range(4):
        assert run is not None
        runs.append(run.date())
        run = next_after(rule, run, CAMP)
    assert runs == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    leap = first_run(rule, at(2028, 2, 1), CAMP)
    assert leap is not None and leap.date() == date(2028, 2, 29)


def test_monthly_on_a_day_already_past_this_month() -> None:
    rule = Rule("monthly", time(8, 0), month_day=15)
    assert first_run(rule, at(2026, 11, 24), CAMP) == at(2026, 12, 15, 8)
    assert first_run(rule, at(2026, 11, 15, 7, 59), CAMP) == at(2026, 11, 15, 8)


def test_daylight_saving_gap_and_fold() -> None:
    # Berlin skips 02:00-03:00 on 2027-03-28: a 02:30 run happens at the first instant after.
    gap = local_instant(date(2027, 3, 28), time(2, 30), BERLIN)
    assert gap.astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    rule = Rule("daily", time(2, 30))
    runs = [first_run(rule, at(2027, 3, 27, 3, zone=BERLIN), BERLIN)]
    runs.append(next_after(rule, runs[0], BERLIN))  # type: ignore[arg-type]
    assert [r.date() for r in runs if r] == [date(2027, 3, 28), date(2027, 3, 29)]
    # 02:30 happens twice on 2027-10-31: it runs once (the first).
    first = first_run(rule, at(2027, 10, 31, 0, zone=BERLIN), BERLIN)
    assert first is not None
    second = next_after(rule, first, BERLIN)
    assert second is not None and second.date() == date(2027, 11, 1)


def test_rules_are_checked() -> None:
    with pytest.raises(ValueError, match="date"):
        Rule("once", time(9, 0))
    with pytest.raises(ValueError, match="weekdays"):
        Rule("weekly", time(9, 0))
    with pytest.raises(ValueError, match="weekdays"):
        Rule("weekly", time(9, 0), weekdays=frozenset({7}))
    with pytest.raises(ValueError, match="month"):
        Rule("monthly", time(9, 0), month_day=32)
    with pytest.raises(ValueError, match="month"):
        Rule("daily", time(9, 0), month_day=3)
    with pytest.raises(ValueError, match="zone"):
        Rule("daily", time(9, 0, tzinfo=UTC))
    with pytest.raises(ValueError, match="aware"):
        next_after(Rule("daily", time(9, 0)), datetime(2026, 1, 1), CAMP)


# --- catching up after the bot was down --------------------------------------------------

GRACE = timedelta(minutes=60)


def test_catch_up_nothing_due_yet() -> None:
    rule = Rule("daily", time(9, 0))
    due = at(2026, 11, 24, 9)
    result = catch_up(rule, due, at(2026, 11, 24, 8), GRACE, CAMP)
    assert result.fire is None and result.missed == () and result.next_run == due


def test_catch_up_within_grace_fires_once() -> None:
    rule = Rule("once", time(10, 30), on_date=date(2026, 11, 24))
    due = at(2026, 11, 24, 10, 30)
    result = catch_up(rule, due, at(2026, 11, 24, 11, 15), GRACE, CAMP)
    assert result.fire == due and result.missed == () and result.next_run is None
    # The grace period is inclusive.
    edge = catch_up(rule, due, due + GRACE, GRACE, CAMP)
    assert edge.fire == due


def test_catch_up_beyond_grace_is_missed() -> None:
    rule = Rule("once", time(10, 30), on_date=date(2026, 11, 24))
    due = at(2026, 11, 24, 10, 30)
    result = catch_up(rule, due, due + GRACE + timedelta(seconds=1), GRACE, CAMP)
    assert result.fire is None and result.missed == (due,) and result.next_run is None


def test_catch_up_recurring_fires_only_the_latest_within_grace() -> None:
    # Daily at 09:00, down from the 20th to 09:20 on the 24th: the 24th's run goes out
    # (once), the four before are missed, and the next is the 25th.
    rule = Rule("daily", time(9, 0))
    result = catch_up(rule, at(2026, 11, 20, 9), at(2026, 11, 24, 9, 20), GRACE, CAMP)
    assert result.fire == at(2026, 11, 24, 9)
    assert result.missed == tuple(at(2026, 11, d, 9) for d in (20, 21, 22, 23))
    assert result.next_run == at(2026, 11, 25, 9)


def test_catch_up_recurring_beyond_grace_misses_all_and_moves_on() -> None:
    rule = Rule("weekly", time(9, 0), weekdays=frozenset({1}))  # Tuesdays
    result = catch_up(rule, at(2026, 11, 17, 9), at(2026, 11, 24, 15), GRACE, CAMP)
    assert result.fire is None
    assert result.missed == (at(2026, 11, 17, 9), at(2026, 11, 24, 9))
    assert result.next_run == at(2026, 12, 1, 9)


def test_catch_up_after_years_is_bounded() -> None:
    rule = Rule("daily", time(9, 0))
    result = catch_up(rule, at(2020, 1, 1, 9), at(2026, 11, 24, 12), GRACE, CAMP)
    assert result.fire is None
    assert 0 < len(result.missed) <= 1000
    assert result.missed[-1] == at(2026, 11, 24, 9)
    assert result.next_run == at(2026, 11, 25, 9)


# --- what staff type ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:30", time(18, 30)),
        (" 7:05 ", time(7, 5)),
        ("18.30", time(18, 30)),
        ("١٨:٣٠", time(18, 30)),
        ("۱۸:۳۰", time(18, 30)),
        ("24:00", None),
        ("18:60", None),
        ("1830", None),
        ("six", None),
        ("", None),
    ],
)
def test_parse_time(text: str, expected: time | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25 18:30", (date(2026, 11, 25), time(18, 30))),
        ("25/11/2026 18:30", (date(2026, 11, 25), time(18, 30))),
        ("25-11-2026   9:00", (date(2026, 11, 25), time(9, 0))),
        ("٢٠٢٦-١١-٢٥ ١٨:٣٠", (date(2026, 11, 25), time(18, 30))),
        ("2026-02-30 10:00", None),
        ("2026-11-25", None),
        ("tomorrow 18:30", None),
        ("2026-11-25 25:00", None),
    ],
)
def test_parse_datetime(text: str, expected: tuple[date, time] | None) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 18:30", (15, time(18, 30))),
        ("1 08:00", (1, time(8, 0))),
        ("٣١ ٠٩:٠٠", (31, time(9, 0))),
        ("0 08:00", None),
        ("32 08:00", None),
        ("15", None),
    ],
)
def test_parse_month_day(text: str, expected: tuple[int, time] | None) -> None:
    assert parse_month_day(text) == expected
