"""Spellings residents type for places, counted, so operators can accept them as aliases.

Why: a village is often typed in a spelling the data does not have; when residents pick
the place from "Did you mean", or type a name nothing matches, the spelling is counted,
and an operator accepts a frequent one as an alias with one press, so the next resident
is answered directly. Never who: no chat id and no message text are kept, only the folded
words of the place name (folded by the caller, as search folds them) and a count.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from bot.storage.area_edits import add_alias
from bot.storage.db import Database

__all__ = [
    "MAX_SPELLING",
    "SpellingCount",
    "accept_spelling",
    "count_offer_pick",
    "count_picked",
    "count_unmatched",
    "dismiss_spelling",
    "offer_spelling",
    "purge_old_offers",
    "spelling_counts",
]

MAX_SPELLING = 64  # characters; longer text is not a place name
_OFFER_DAYS = 7  # a "Did you mean" older than this is not counted


@dataclass(frozen=True, slots=True)
class SpellingCount:
    """How often *spelling* was typed and not found (``area_id`` 0) or picked as an area."""

    spelling: str
    area_id: int
    count: int
    last_day: date


def _checked(spelling: str) -> str | None:
    words = spelling.split()
    text = " ".join(words)
    return text if 0 < len(text) <= MAX_SPELLING else None


async def _count(db: Database, spelling: str, area_id: int, day: date) -> bool:
    text = _checked(spelling)
    if text is None:
        return False
    await db.execute(
        "INSERT INTO place_spellings (spelling, area_id, count, last_day) VALUES (?, ?, 1, ?)"
        " ON CONFLICT (spelling, area_id) DO UPDATE"
        " SET count = count + 1, last_day = excluded.last_day",
        (text, int(area_id), day.isoformat()),
    )
    return True


async def count_unmatched(db: Database, spelling: str, *, day: date) -> bool:
    """Count a folded place name nothing matched; False if it is empty or too long."""
    return await _count(db, spelling, 0, day)


async def count_picked(db: Database, spelling: str, area_id: int, *, day: date) -> bool:
    """Count a folded place name for which a resident picked *area_id* ("Did you mean")."""
    if area_id <= 0:
        raise ValueError(f"bad area id {area_id!r}")
    return await _count(db, spelling, area_id, day)


async def spelling_counts(
    db: Database, *, picked: bool, limit: int = 10, min_count: int = 1
) -> list[SpellingCount]:
    """The most frequent picked (or, with ``picked=False``, unmatched) spellings."""
    rows = await db.fetch_all(
        "SELECT spelling, area_id, count, last_day FROM place_spellings"
        " WHERE (area_id > 0) = ? AND count >= ?"
        " ORDER BY count DESC, last_day DESC, spelling, area_id LIMIT ?",
        (int(picked), int(min_count), int(limit)),
    )
    return [
        SpellingCount(row[0], int(row[1]), int(row[2]), date.fromisoformat(row[3]))
        for row in rows
    ]


async def dismiss_spelling(db: Database, spelling: str) -> int:
    """Forget every count of *spelling* (accepted, or judged not a place); returns rows."""
    return await db.execute("DELETE FROM place_spellings WHERE spelling = ?", (spelling,))


async def accept_spelling(
    db: Database, spelling: str, area_id: int, *, now: str, added_by: int | None = None
) -> bool:
    """Make *spelling* an alias of *area_id* and forget its counts; False if the area is
    gone or already has that alias (the counts are forgotten either way)."""
    text = _checked(spelling)
    if text is None:
        return False
    added = await add_alias(db, area_id, text, now=now, added_by=added_by)
    await dismiss_spelling(db, text)
    return added


async def offer_spelling(db: Database, spelling: str, *, day: date) -> str | None:
    """Keep *spelling* for the buttons of one "Did you mean"; the token they carry."""
    text = _checked(spelling)
    if text is None:
        return None
    token = secrets.token_urlsafe(9)
    # One write on the answer path; old offers are purged daily (purge_old_offers).
    await db.execute(
        "INSERT INTO place_spelling_offers (token, spelling, created_day) VALUES (?, ?, ?)",
        (token, text, day.isoformat()),
    )
    return token


async def purge_old_offers(db: Database, *, day: date) -> int:
    """Forget the "Did you mean" offers too old to be counted (their tokens are refused
    anyway); how many. Run daily, off the answer path: each write there waits for the
    database's one write lock, behind other residents."""
    return await db.execute(
        "DELETE FROM place_spelling_offers WHERE created_day < ?",
        ((day - timedelta(days=_OFFER_DAYS)).isoformat(),),
    )


async def count_offer_pick(db: Database, token: str, area_id: int, *, day: date) -> bool:
    """A resident picked *area_id* from the "Did you mean" of *token*: count its spelling
    once (the offer is used up); False when the token is unknown, used or too old."""
    oldest = (day - timedelta(days=_OFFER_DAYS)).isoformat()
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT spelling FROM place_spelling_offers WHERE token = ? AND created_day >= ?",
            (token, oldest),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return False
        await conn.execute("DELETE FROM place_spelling_offers WHERE token = ?", (token,))
    return await count_picked(db, str(row[0]), area_id, day=day)
