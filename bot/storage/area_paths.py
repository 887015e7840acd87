"""Several areas with their ancestors, read in one query.

Why: a "Did you mean" offers up to five places, each labelled with the ancestor that tells
it apart ("Awsaja (village) — Al-Qayarra"). Read one by one that was ten hand-offs to the
database thread per message (the area, then its ancestors, for each place); with every
village loaded most typed names are offered, and under 50 residents those hand-offs queued
behind each other (``bench/residents.py``). Kept apart from :mod:`bot.storage.areas`,
whose readers take one area at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

# The row shape of an area is the areas module's: one definition.
from bot.storage.areas import _AREA_COLUMNS as COLUMNS
from bot.storage.areas import Area
from bot.storage.areas import _area as area_of
from bot.storage.db import Database

__all__ = ["areas_with_ancestors"]

_MAX_DEPTH = 8
_MAX_IDS = 50


async def areas_with_ancestors(
    db: Database, area_ids: Sequence[int]
) -> dict[int, tuple[Area, list[Area]]]:
    """For each of *area_ids* that exists (at most 50): the area and its ancestors, parent
    first up to the governorate, as ``area_ancestors`` gives them."""
    ids = list(dict.fromkeys(area_ids))[:_MAX_IDS]
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = await db.fetch_all(
        "WITH RECURSIVE up(start, id, depth) AS ("
        f" SELECT id, id, 0 FROM areas WHERE id IN ({marks})"
        " UNION ALL SELECT up.start, a.parent_id, up.depth + 1 FROM areas a"
        f" JOIN up ON a.id = up.id WHERE a.parent_id IS NOT NULL AND up.depth < {_MAX_DEPTH})"
        f" SELECT up.start, {', '.join('a.' + c.strip() for c in COLUMNS.split(','))}"
        " FROM up JOIN areas a ON a.id = up.id ORDER BY up.start, up.depth",
        ids,
    )
    found: dict[int, tuple[Area, list[Area]]] = {}
    for row in rows:
        area = area_of(row[1:])
        start = int(row[0])
        if start not in found:
            found[start] = (area, [])  # depth 0: the area itself comes first
        else:
            found[start][1].append(area)
    return found
