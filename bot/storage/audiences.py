"""Who an announcement reaches: an audience resolved to (chat id, language) pairs.

Only active residents (the bot is not blocked) who have not paused alerts with ``/stop``.
Audiences: everyone, a camp, a camp sector, the subscribers of an area (and of every place
inside it: a district's subscribers include those following its villages), or the
residents who read one language.

Consent follows the residents' own choices on their alerts screen:

- an **urgent** safety alert reaches everyone in the audience;
- a **routine** announcement reaches only those who turned camp announcements on
  (subscription topic ``camp``) — except for an area audience, where following the area
  is itself the consent.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.announcements import AUDIENCE_KINDS, AudienceKind
from bot.domain.languages import CODES
from bot.storage.camps import Sector
from bot.storage.db import Database

__all__ = [
    "Audience",
    "Recipient",
    "audience_counts",
    "audience_exists",
    "audience_recipients",
    "camps_with_sectors",
    "get_sector",
]


@dataclass(frozen=True)
class Audience:
    """``ref`` is the camp, sector or area id, or the language code; None for everyone."""

    kind: AudienceKind
    ref: int | str | None = None

    def __post_init__(self) -> None:
        if self.kind not in AUDIENCE_KINDS:
            raise ValueError(f"unknown audience {self.kind!r}")
        if self.kind == "everyone":
            if self.ref is not None:
                raise ValueError("everyone takes no reference")
        elif self.kind == "language":
            if self.ref not in CODES:
                raise ValueError(f"not a language: {self.ref!r}")
        elif not isinstance(self.ref, int) or isinstance(self.ref, bool):
            raise ValueError(f"{self.kind} needs an id")

    @property
    def ref_text(self) -> str | None:
        """How the reference is stored."""
        return None if self.ref is None else str(self.ref)

    @classmethod
    def stored(cls, kind: str, ref: str | None) -> Audience:
        """From the stored kind and reference text; ValueError when they do not fit."""
        if kind in ("camp", "sector", "area"):
            if ref is None or not ref.isdecimal():
                raise ValueError(f"{kind} needs an id")
            return cls(kind, int(ref))  # type: ignore[arg-type]
        return cls(kind, ref)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Recipient:
    chat_id: int
    language: str


_AREA_TREE = (
    "WITH RECURSIVE tree(id) AS (SELECT ? UNION"
    " SELECT a.id FROM areas a JOIN tree ON a.parent_id = tree.id) "
)
_CONSENT = (
    " AND EXISTS (SELECT 1 FROM subscriptions c WHERE c.chat_id = r.chat_id AND c.topic = 'camp')"
)


def _where(audience: Audience, *, urgent: bool) -> tuple[str, str, tuple[object, ...]]:
    """(prefix, WHERE clause, parameters) selecting the audience from ``residents r``."""
    where = "r.active = 1 AND r.alerts_paused = 0"
    prefix = ""
    params: tuple[object, ...] = ()
    if audience.kind == "camp":
        where += " AND r.camp_id = ?"
        params = (audience.ref,)
    elif audience.kind == "sector":
        where += " AND r.sector_id = ?"
        params = (audience.ref,)
    elif audience.kind == "language":
        where += " AND r.language = ?"
        params = (audience.ref,)
    elif audience.kind == "area":
        prefix = _AREA_TREE
        where += (
            " AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = r.chat_id"
            " AND s.topic = 'area' AND s.area_id IN (SELECT id FROM tree))"
        )
        params = (audience.ref,)
    if not urgent and audience.kind != "area":
        where += _CONSENT
    return prefix, where, params


async def audience_recipients(
    db: Database, audience: Audience, *, urgent: bool
) -> list[Recipient]:
    """Everyone the announcement goes to right now, by chat id."""
    prefix, where, params = _where(audience, urgent=urgent)
    rows = await db.fetch_all(
        f"{prefix}SELECT r.chat_id, r.language FROM residents r WHERE {where} ORDER BY r.chat_id",
        params,
    )
    return [Recipient(int(row[0]), str(row[1])) for row in rows]


async def audience_counts(db: Database, audience: Audience, *, urgent: bool) -> dict[str, int]:
    """How many recipients read each language (every language present, zeros included)."""
    prefix, where, params = _where(audience, urgent=urgent)
    rows = await db.fetch_all(
        f"{prefix}SELECT r.language, COUNT(*) FROM residents r WHERE {where} GROUP BY r.language",
        params,
    )
    counts = dict.fromkeys(CODES, 0)
    counts.update({str(row[0]): int(row[1]) for row in rows})
    return counts


async def audience_exists(db: Database, audience: Audience) -> bool:
    """Whether the camp, sector or area still exists (everyone and languages always do)."""
    table = {"camp": "camps", "sector": "camp_sectors", "area": "areas"}.get(audience.kind)
    if table is None:
        return True
    row = await db.fetch_one(f"SELECT 1 FROM {table} WHERE id = ?", (audience.ref,))
    return row is not None


async def get_sector(db: Database, sector_id: int) -> Sector | None:
    """A sector by id, with its camp (to name a sector audience)."""
    row = await db.fetch_one(
        "SELECT id, camp_id, code FROM camp_sectors WHERE id = ?", (sector_id,)
    )
    return None if row is None else Sector(int(row[0]), int(row[1]), str(row[2]))


async def camps_with_sectors(db: Database) -> frozenset[int]:
    """The camps that have sectors (the only ones a sector audience can pick from)."""
    rows = await db.fetch_all("SELECT DISTINCT camp_id FROM camp_sectors")
    return frozenset(int(row[0]) for row in rows)
