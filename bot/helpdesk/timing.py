"""When a case counts as overdue, and when its queue is reminded and admins get the digest.

The answer time will come from the ``[feedback] answer_within_hours`` setting (the
resident side adds that section); until then :data:`ANSWER_WITHIN_HOURS` is read here, in
this one place (:func:`answer_within`). Reminders run daily and the digest weekly at
:data:`REMINDER_TIME`, camp time; both are one ``run_once`` re-armed after each run, like
the operators' status digest, so a changed clock never drifts them.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.announcements.rules import Rule, next_after
from bot.state import AppState

__all__ = [
    "ANSWER_WITHIN_HOURS",
    "DIGEST_WEEKDAY",
    "REMINDER_TIME",
    "REMIND_EVERY",
    "answer_within",
    "next_digest",
    "next_reminder",
]

ANSWER_WITHIN_HOURS = 72
"""How long a case may wait for its first answer (the default of [feedback])."""
REMINDER_TIME = time(9, 0)
DIGEST_WEEKDAY = 6  # Sunday, the first working day of the week in Iraq
REMIND_EVERY = timedelta(hours=20)
"""A case is reminded again only this long after the last reminder: at most daily, even
when the bot restarts and the job runs twice in a day."""


def answer_within(state: AppState) -> timedelta:
    """How long a case may wait unanswered before it is overdue."""
    feedback = getattr(state.settings, "feedback", None)
    hours = getattr(feedback, "answer_within_hours", None) or ANSWER_WITHIN_HOURS
    return timedelta(hours=int(hours))


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
