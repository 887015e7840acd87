"""The vocabulary of cases: what a resident can send to a person, where a case stands, how
it ended, and the genders a resident may ask for (for sensitive reports).

The database's CHECK constraints (migration 0008) list the same words.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "AUTHORS",
    "CASE_STATES",
    "GENDERS",
    "OPEN_STATES",
    "OUTCOMES",
    "TOPICS",
    "Author",
    "CaseState",
    "Gender",
    "Outcome",
    "Topic",
]

Topic = Literal["question", "feedback", "complaint", "sensitive"]
TOPICS: tuple[Topic, ...] = get_args(Topic)
"""In the order residents are offered them. Only protection focal points read 'sensitive'."""

CaseState = Literal["open", "taken", "answered", "referred", "closed"]
CASE_STATES: tuple[CaseState, ...] = get_args(CaseState)
OPEN_STATES: tuple[CaseState, ...] = ("open", "taken", "answered", "referred")
"""Every state but closed: the case is still someone's work."""

Outcome = Literal["resolved", "referred", "not_possible", "no_response", "duplicate"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)

Gender = Literal["female", "male"]
GENDERS: tuple[Gender, ...] = get_args(Gender)

Author = Literal["resident", "staff", "note"]
AUTHORS: tuple[Author, ...] = get_args(Author)
"""Who wrote a case message; a note is internal to staff and never sent to the resident."""
