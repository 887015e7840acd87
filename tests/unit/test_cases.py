"""The rules of cases: numbers residents can read and type, what a case text may be, when
content is erased, and aggregate figures that never single out a camp's sensitive reports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.cases.contacts import usual_wait
from bot.cases.export import ALL_CAMPS, MIN_BY_CAMP, CaseFact, Row, aggregate, to_csv
from bot.cases.limits import MAX_CHARS, clean, problem
from bot.cases.numbers import ALPHABET, LENGTH, PREFIX, new_number, parse_number
from bot.cases.retention import erase_before, stamp
from bot.domain.cases import Topic

BAGHDAD = ZoneInfo("Asia/Baghdad")


def test_numbers_are_short_random_and_free_of_look_alikes() -> None:
    numbers = {new_number() for _ in range(2000)}
    # 22^6 ≈ 113 million numbers: 2,000 draws collide once in about 57 runs (the birthday
    # bound) and three times about once in a million; many collisions mean no randomness.
    assert len(numbers) >= 1997
    for number in numbers:
        assert number.startswith(PREFIX) and len(number) == len(PREFIX) + LENGTH
        assert set(number[len(PREFIX):]) <= set(ALPHABET)
    assert not set("0ODQ1IL2Z5S8BG") & set(ALPHABET)
    # Every character of the alphabet turns up: the draw covers it all.
    assert set("".join(n[len(PREFIX):] for n in numbers)) == set(ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "D-7KX4RM", "d-7kx4rm", "7KX4RM", "7kx4rm", "D7KX4RM", " D - 7KX 4RM ",
        "D-٧KX٤RM", "D-۷KX۴RM", "\u200fD-7KX4RM\u200f", "\u2068D-7KX4RM\u2069", "#D-7KX4RM",
        "Ｄ－７ＫＸ４ＲＭ",
    ],
)
def test_what_a_resident_types_is_read_tolerantly(typed: str) -> None:
    assert parse_number(typed) == "D-7KX4RM"


@pytest.mark.parametrize(
    "typed", ["", "D-", "D-7KX4R", "D-7KX4RMM", "D-7KX4R0", "D-OKX4RM", "X-7KX4RM", "hello",
              "D-7KX4RM; DROP TABLE cases", "1234567"],
)
def test_what_cannot_be_a_number_is_refused(typed: str) -> None:
    assert parse_number(typed) is None


def test_text_limits() -> None:
    assert clean("  hello\r\nworld  \x00\x07 ") == "hello\nworld"
    assert clean(None) == ""
    assert problem(clean("   ")) == "empty"
    assert problem(clean("\u200f\u2068\u2069")) == "empty"
    assert problem("", photo=True) is None  # a photo speaks for itself
    assert problem("x" * MAX_CHARS) is None
    assert problem("x" * (MAX_CHARS + 1)) == "too_long"
    assert problem("x" * (MAX_CHARS + 1), photo=True) == "too_long"
    assert problem("الماء مقطوع منذ أسبوع") is None


def test_retention_counts_from_the_last_activity() -> None:
    now = datetime(2026, 12, 4, 9, 0, tzinfo=BAGHDAD)
    assert erase_before(now, 180) == now - timedelta(days=180)
    with pytest.raises(ValueError, match="at least 1"):
        erase_before(now, 0)
    assert stamp(now) == "2026-12-04T06:00:00+00:00"


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(1, ("hours", 1)), (24, ("hours", 24)), (47, ("hours", 47)), (48, ("days", 2)),
     (72, ("days", 3)), (73, ("days", 4)), (720, ("days", 30))],
)
def test_the_usual_wait_never_promises_sooner(hours: int, expected: tuple[str, int]) -> None:
    assert usual_wait(hours) == expected


def _fact(
    topic: Topic, camp: str | None, day: int, *, answered_after: float | None = None,
    closed: bool = False, month: int = 11,
) -> CaseFact:
    created = datetime(2026, month, day, 9, 0, tzinfo=UTC)
    answered = created + timedelta(days=answered_after) if answered_after is not None else None
    return CaseFact(topic, camp, created, answered, created + timedelta(days=5) if closed else None)


def test_aggregate_counts_by_month_topic_and_camp() -> None:
    facts = [
        _fact("complaint", "debaga-1", 1, answered_after=1, closed=True),
        _fact("complaint", "debaga-1", 2, answered_after=4),
        _fact("complaint", "debaga-1", 3),
        _fact("complaint", None, 3, answered_after=0.5),
        _fact("question", "khanke", 4, answered_after=2, closed=True),
        _fact("question", "khanke", 4, month=12),
    ]
    rows = aggregate(facts, zone=BAGHDAD, within_days=3)
    assert rows == [
        Row("2026-11", "question", "khanke", 1, 1, 1, 1),
        Row("2026-11", "complaint", "", 1, 1, 1, 0),
        Row("2026-11", "complaint", "debaga-1", 3, 2, 1, 1),
        Row("2026-12", "question", "khanke", 1, 0, 0, 0),
    ]


def test_the_month_is_the_camps_month() -> None:
    late = CaseFact("feedback", "khanke", datetime(2026, 11, 30, 22, 0, tzinfo=UTC), None, None)
    assert aggregate([late], zone=BAGHDAD, within_days=3)[0].month == "2026-12"


def test_small_counts_of_sensitive_reports_are_folded_into_all_camps() -> None:
    many = [_fact("sensitive", "debaga-1", d) for d in range(1, MIN_BY_CAMP + 2)]
    few = [_fact("sensitive", "khanke", 1, answered_after=1)]
    december = [_fact("sensitive", "khanke", d, month=12) for d in range(1, MIN_BY_CAMP + 1)]
    complaints = [_fact("complaint", "khanke", 1)]
    rows = aggregate([*many, *few, *december, *complaints], zone=BAGHDAD, within_days=3)
    # November: Khanke's one report would stand out, so the whole month is one row (no
    # camp can be read off by subtracting); complaints are never folded.
    assert rows == [
        Row("2026-11", "complaint", "khanke", 1, 0, 0, 0),
        Row("2026-11", "sensitive", ALL_CAMPS, MIN_BY_CAMP + 2, 1, 1, 0),
        Row("2026-12", "sensitive", "khanke", MIN_BY_CAMP, 0, 0, 0),
    ]
    # A sensitive report of a resident with no camp counts as a camp of its own.
    alone = aggregate([*december, _fact("sensitive", None, 2, month=12)], zone=BAGHDAD,
                      within_days=3)
    assert alone == [Row("2026-12", "sensitive", ALL_CAMPS, MIN_BY_CAMP + 1, 0, 0, 0)]


def test_csv_has_a_header_and_an_hxl_row_and_counts_only() -> None:
    rows = [Row("2026-11", "complaint", "debaga-1", 3, 2, 1, 1)]
    data = to_csv(rows, within_days=3).decode("utf-8")
    table = list(csv.reader(io.StringIO(data)))
    assert table[0] == ["month", "topic", "camp_code", "opened", "answered",
                        "answered_within_3_days", "closed"]
    assert all(tag.startswith("#") for tag in table[1]) and len(table[1]) == len(table[0])
    assert table[2] == ["2026-11", "complaint", "debaga-1", "3", "2", "1", "1"]
