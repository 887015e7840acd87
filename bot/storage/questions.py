"""Aggregate question counts for staff: how often a topic is asked, per day, area and camp.

Never who: there is no chat id here, not even hashed, and no message text. A count is the
only thing kept; residents' identities cannot be rebuilt from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.storage.db import Database

__all__ = ["QuestionCount", "count_question", "question_counts"]

# Topics are short names chosen by the features ("services", "food", "left_off",
# "safety", "alerts", "not_understood"…); anything else is a programming error.
_TOPIC = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


@dataclass(frozen=True)
class QuestionCount:
    day: date
    topic: str
    area_id: int  # 0: no area
    camp_id: int  # 0: no camp
    count: int


async def count_question(
    db: Database, *, day: date, topic: str, area_id: int = 0, camp_id: int = 0
) -> None:
    """Add one to the count for (day, topic, area, camp). Never pass a chat id."""
    if not _TOPIC.match(topic):
        raise ValueError(f"bad question topic {topic!r}")
    await db.execute(
        "INSERT INTO question_counts (day, topic, area_id, camp_id, count)"
        " VALUES (?, ?, ?, ?, 1)"
        " ON CONFLICT (day, topic, area_id, camp_id) DO UPDATE SET count = count + 1",
        (day.isoformat(), topic, int(area_id), int(camp_id)),
    )


async def question_counts(db: Database, *, since: date, until: date) -> list[QuestionCount]:
    """Counts for days ``since``..``until`` inclusive, by day, topic, area and camp."""
    rows = await db.fetch_all(
        "SELECT day, topic, area_id, camp_id, count FROM question_counts"
        " WHERE day BETWEEN ? AND ? ORDER BY day, topic, area_id, camp_id",
        (since.isoformat(), until.isoformat()),
    )
    return [
        QuestionCount(date.fromisoformat(row[0]), row[1], int(row[2]), int(row[3]), int(row[4]))
        for row in rows
    ]
