"""``daleel export cases``: aggregate, non-identifying figures about cases, as CSV with HXL.

One row per month (of opening, camp time) × topic × camp: how many cases were opened, how
many got a first answer, how many within N days of opening, how many are closed. No
number, no text, no chat, no staff member: counts only.

Sensitive reports are never shown by camp where a camp's count for the month is small
(below :data:`MIN_BY_CAMP`): then the whole month's sensitive reports are one "all camps"
row, so no camp's small figure can be read off, not even by subtracting the others.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.cases import TOPICS, Topic

__all__ = ["ALL_CAMPS", "MIN_BY_CAMP", "CaseFact", "Row", "aggregate", "to_csv"]

MIN_BY_CAMP = 5
ALL_CAMPS = "*"  # the camp code of a folded row
NO_CAMP = ""  # cases of residents who had chosen no camp


@dataclass(frozen=True)
class CaseFact:
    """What the export reads of one case (storage gives these, never the content)."""

    topic: Topic
    camp_code: str | None
    created_at: datetime
    first_answer_at: datetime | None
    closed_at: datetime | None


@dataclass(frozen=True)
class Row:
    month: str  # YYYY-MM
    topic: Topic
    camp: str  # a camp code, NO_CAMP or ALL_CAMPS
    opened: int
    answered: int
    answered_within: int
    closed: int


def _month(fact: CaseFact, zone: ZoneInfo) -> str:
    return fact.created_at.astimezone(zone).strftime("%Y-%m")


def aggregate(
    facts: Iterable[CaseFact], *, zone: ZoneInfo, within_days: int, minimum: int = MIN_BY_CAMP
) -> list[Row]:
    """The rows, by month, then topic (in :data:`TOPICS` order), then camp."""
    within = timedelta(days=within_days)
    counts: dict[tuple[str, Topic, str], Counter[str]] = {}
    for fact in facts:
        key = (_month(fact, zone), fact.topic, fact.camp_code or NO_CAMP)
        tally = counts.setdefault(key, Counter())
        tally["opened"] += 1
        if fact.first_answer_at is not None:
            tally["answered"] += 1
            if fact.first_answer_at - fact.created_at <= within:
                tally["within"] += 1
        if fact.closed_at is not None:
            tally["closed"] += 1
    small = {
        month for (month, topic, _), tally in counts.items()
        if topic == "sensitive" and tally["opened"] < minimum
    }
    folded: dict[tuple[str, Topic, str], Counter[str]] = {}
    for (month, topic, camp), tally in counts.items():
        shown = ALL_CAMPS if topic == "sensitive" and month in small else camp
        folded.setdefault((month, topic, shown), Counter()).update(tally)
    order = {topic: index for index, topic in enumerate(TOPICS)}
    rows = []
    for month, topic, camp in sorted(folded, key=lambda key: (key[0], order[key[1]], key[2])):
        tally = folded[(month, topic, camp)]
        rows.append(
            Row(month, topic, camp, tally["opened"], tally["answered"], tally["within"],
                tally["closed"])
        )
    return rows


def to_csv(rows: Sequence[Row], *, within_days: int) -> bytes:
    """A plain header row, an HXL hashtag row, then the rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["month", "topic", "camp_code", "opened", "answered",
         f"answered_within_{within_days}_days", "closed"]
    )
    writer.writerow(
        ["#date+month", "#meta+topic", "#loc+code+camp", "#indicator+num+opened",
         "#indicator+num+answered", f"#indicator+num+answered+within_{within_days}d",
         "#indicator+num+closed"]
    )
    for row in rows:
        writer.writerow(
            [row.month, row.topic, row.camp, row.opened, row.answered, row.answered_within,
             row.closed]
        )
    return out.getvalue().encode("utf-8")
