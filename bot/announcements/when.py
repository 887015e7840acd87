"""When staff say an announcement should go: "tomorrow 09:00", "8pm", "الخميس ٨ مساءً".

Staff type times the way people talk, in Arabic, Kurdish or English, with Arabic-Indic
digits. The words for days and parts of the day are data (``bot/data/when.toml``): read
when a time is typed (it is rare), folded like everything residents type. Nothing is
guessed: an hour without minutes needs am/pm ("8pm"), a weekday means its next date (a
week ahead when it is today and the time has passed is the caller's choice: it gets the
date, and :func:`bot.announcements.rules` refuses times in the past), and anything else
is not a time. Hand-written because no library reads Arabic and Kurdish day words.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from importlib.resources.abc import Traversable
from types import MappingProxyType

from bot import resources
from bot.announcements.rules import parse_datetime
from bot.text.fold import fold

__all__ = ["WhenWords", "load_when_words", "parse_clock", "parse_when"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# An hour, optional minutes, then (optionally) words for the part of the day.
_CLOCK = re.compile(r"^(?P<hour>\d{1,2})(?:\s*[:.٫]\s*(?P<minute>\d{2}))?\s*(?P<part>.*)$")


@dataclass(frozen=True)
class WhenWords:
    """Folded words: relative days, weekdays (Monday 0) and parts of the day."""

    today: frozenset[str]
    tomorrow: frozenset[str]
    weekdays: Mapping[str, int]
    am: frozenset[str]
    pm: frozenset[str]


def _folded(words: object, where: str) -> frozenset[str]:
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise ValueError(f"when.toml: {where} must be a list of words")
    return frozenset(fold(w) for w in words)


def load_when_words(source: Traversable | None = None) -> WhenWords:
    """Read ``when.toml`` (the shipped one by default); ValueError when malformed."""
    data = tomllib.loads((source or resources.data_file("when.toml")).read_text("utf-8"))
    weekdays: dict[str, int] = {}
    for number, name in enumerate(_WEEKDAYS):
        for word in _folded(data.get("weekdays", {}).get(name), f"weekdays.{name}"):
            weekdays[word] = number
    parts = data.get("day_part", {})
    return WhenWords(
        today=_folded(data.get("today"), "today"),
        tomorrow=_folded(data.get("tomorrow"), "tomorrow"),
        weekdays=MappingProxyType(weekdays),
        am=_folded(parts.get("am"), "day_part.am"),
        pm=_folded(parts.get("pm"), "day_part.pm"),
    )


def _part_words(text: str) -> str:
    """The words after a time, folded; "a.m."/"p.m." in any spelling are "am"/"pm"."""
    latin = re.fullmatch(r"([ap])\.?\s*m\.?", text.lower())
    return f"{latin[1]}m" if latin else fold(text)


def parse_clock(text: str, words: WhenWords) -> time | None:
    """``20:30``, ``8:30``, ``8pm``, ``8 am``, ``٨ مساءً``, ``9 sibehê``; None otherwise."""
    match = _CLOCK.match(" ".join(text.translate(_DIGITS).split()))
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    part = _part_words(match["part"].strip())
    if not part:
        if match["minute"] is None:  # "8" alone: morning or evening? Not guessed.
            return None
    elif part in words.am or part in words.pm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if part in words.pm else 0)
    else:
        return None
    return time(hour, minute) if 0 <= hour <= 23 and 0 <= minute <= 59 else None


def _day(word: str, today: date, words: WhenWords) -> date | None:
    if word in words.today:
        return today
    if word in words.tomorrow:
        return today + timedelta(days=1)
    weekday = words.weekdays.get(word)
    if weekday is None:
        return None
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def parse_when(text: str, today: date, words: WhenWords) -> tuple[date, time] | None:
    """A date and time for a one-off announcement: ``2026-11-25 18:30``,
    ``tomorrow 09:00``, ``Thursday 8pm``, ``غدا ٩:٠٠``, or a time alone (today)."""
    exact = parse_datetime(text)
    if exact is not None:
        return exact
    normal = " ".join(text.translate(_DIGITS).split())
    first, _, rest = normal.partition(" ")
    day = _day(fold(first), today, words)
    if day is not None and rest:
        at = parse_clock(rest, words)
        return (day, at) if at is not None else None
    # The day word may come after the time ("9:00 tomorrow") or be missing (today).
    head, _, last = normal.rpartition(" ")
    day = _day(fold(last), today, words) if head else None
    if day is not None:
        at = parse_clock(head, words)
        return (day, at) if at is not None else None
    at = parse_clock(normal, words)
    return (today, at) if at is not None else None
