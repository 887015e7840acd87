"""Read queries the safety answers need beyond ``bot.storage.areas``."""

from __future__ import annotations

from collections.abc import Sequence

from bot.storage.db import Database

__all__ = ["with_children"]


async def with_children(db: Database, area_ids: Sequence[int]) -> set[int]:
    """Which of these areas have places under them (browsing opens a list for those)."""
    ids = list(dict.fromkeys(area_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = await db.fetch_all(
            "SELECT DISTINCT parent_id FROM areas"
            f" WHERE parent_id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        found.update(int(row[0]) for row in rows)
    return found
