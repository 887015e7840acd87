"""Cases as the resident side stores them, written straight into the database, for the
staff side's tests that need many cases, old ones or ones in a given state (the whole
journey through /feedback is tests/e2e/test_cases_journey.py). Numbers are real ones
(``D-`` and six characters of :data:`bot.cases.numbers.ALPHABET`)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.cases.numbers import parse_number
from bot.storage import Database

__all__ = ["insert_case", "iso"]


def iso(moment: datetime) -> str:
    """A time as the database stores it (UTC ISO-8601, seconds)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


async def insert_case(
    db: Database,
    number: str,
    *,
    created: datetime,
    camp_id: int | None,
    chat_id: int | None = 700_001,
    topic: str = "complaint",
    language: str = "ar",
    gender: str | None = None,
    state: str = "open",
    text: str | None = "The water tank in sector B has been empty for three days.",
) -> int:
    """One case with the resident's first message; returns its id."""
    assert parse_number(number) == number, f"{number} is not a case number"
    at = iso(created)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO cases (number, chat_id, topic, camp_id, language, gender_wanted,"
            " state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (number, chat_id, topic, camp_id, language, gender, state, at, at),
        )
        case_id = cursor.lastrowid
        assert case_id is not None
        if text is not None:
            await conn.execute(
                "INSERT INTO case_messages (case_id, author, body, created_at)"
                " VALUES (?, 'resident', ?, ?)",
                (case_id, text, at),
            )
    return case_id
