"""Schedule times as staff type them: 8am, 20:30, tomorrow 09:00, Arabic and Kurdish day
words, Arabic-Indic digits — and nothing guessed."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.announcements.when import WhenWords, load_when_words, parse_clock, parse_when

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.fixture(scope="module")
def words() -> WhenWords:
    return load_when_words()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20:30", time(20, 30)),
        ("8am", time(8, 0)),
        ("8 AM", time(8, 0)),
        ("8:15 p.m.", time(20, 15)),
        ("12am", time(0, 0)),
        ("12 pm", time(12, 0)),
        ("٨ مساءً", time(20, 0)),
        ("٨:٣٠ صباحاً", time(8, 30)),
        ("۹ ئێوارە", time(21, 0)),
        ("9 êvarê", time(21, 0)),
        ("18.45", time(18, 45)),
        ("8", None),  # morning or evening? never guessed
        ("13pm", None),
        ("25:00", None),
        ("8 soon", None),
        ("", None),
    ],
)
def test_clock(text: str, expected: time | None, words: WhenWords) -> None:
    assert parse_clock(text, words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-20 18:30", (date(2026, 12, 20), time(18, 30))),
        ("tomorrow 09:00", (date(2026, 12, 4), time(9, 0))),
        ("Tomorrow 9am", (date(2026, 12, 4), time(9, 0))),
        ("غدا ٩:٠٠", (date(2026, 12, 4), time(9, 0))),
        ("باچر 8 مساء", (date(2026, 12, 4), time(20, 0))),
        ("سبەی 10:00", (date(2026, 12, 4), time(10, 0))),
        ("sibê 10:00", (date(2026, 12, 4), time(10, 0))),
        ("اليوم 22:00", (TODAY, time(22, 0))),
        ("ئەمڕۆ 22:00", (TODAY, time(22, 0))),
        ("îro 22:00", (TODAY, time(22, 0))),
        ("8pm", (TODAY, time(20, 0))),
        ("9:00 tomorrow", (date(2026, 12, 4), time(9, 0))),
        ("Saturday 10:00", (date(2026, 12, 5), time(10, 0))),
        ("السبت 10:00", (date(2026, 12, 5), time(10, 0))),
        ("الأحد ١٠ صباحا", (date(2026, 12, 6), time(10, 0))),
        ("یەکشەممە 10:00", (date(2026, 12, 6), time(10, 0))),
        ("duşem 10:00", (date(2026, 12, 7), time(10, 0))),
        ("Thursday 23:00", (TODAY, time(23, 0))),  # today is Thursday
        ("tomorrow", None),
        ("someday 10:00", None),
        ("tomorrow 8", None),
    ],
)
def test_when(text: str, expected: tuple[date, time] | None, words: WhenWords) -> None:
    assert parse_when(text, TODAY, words) == expected
