"""When a case counts as overdue, and when its queue is reminded and admins get the digest.

A case is overdue once it has waited ``[feedback] answer_within_hours`` without any answer
(:func:`answer_within`): the same setting residents are told ("A person usually answers
within…", :mod:`bot.cases.settings`), so staff are reminded of exactly the promise made.
Reminders run daily and the digest weekly at :data:`REMINDER_TIME`, camp time; both are one
``run_once`` re-armed after each run, like the operators' status digest, so a changed clock
never drifts them.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.announcements.rules import Rule, next_after
from bot.config import Settings
from bot.state import AppState

__all__ = [
    "DIGEST_WEEKDAY",
    "REMINDER_TIME",
    "REMIND_EVERY",
    "answer_within",
    "next_digest",
    "next_reminder",
]

REMINDER_TIME = time(9, 0)
DIGEST_WEEKDAY = 6  # Sunday, the first working day of the week in Iraq
REMIND_EVERY = timedelta(hours=20)
"""A case is reminded again only this long after the last reminder: at most daily, even
when the bot restarts and the job runs twice in a day."""


def answer_within(settings: Settings) -> timedelta:
    """How long a case may wait unanswered before it is overdue."""
    return timedelta(hours=settings.feedback.answer_within_hours)


def _next(state: AppState, rule: Rule, after: datetime | None) -> datetime:
    now = state.now()
    base = max(now, after) if after is not None else now
    due = next_after(rule, base, state.settings.timezone)
    assert due is not None
    return due


def next_reminder(state: AppState, *, after: datetime | None = None) -> datetime:
    """The next daily reminder after now (and after ``after``, the run just done)."""
    return _next(state, Rule("daily", REMINDER_TIME), after)


def next_digest(state: AppState, *, after: datetime | None = None) -> datetime:
    """The next weekly digest after now (and after ``after``)."""
    return _next(state, Rule("weekly", REMINDER_TIME, weekdays=frozenset({DIGEST_WEEKDAY})), after)
