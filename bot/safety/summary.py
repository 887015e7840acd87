"""What is known about the places inside an area, so that its answer hides no danger.

A resident asking about a sub-district (or a town with villages) must not read "no
information" while a village inside it is confirmed dangerous: the answer summarises the
places inside first — the strongest warning among them, how many places have each status,
and the places with danger (so the surface can offer them as buttons). Rendering is in
:mod:`bot.safety.answers`; the reads are in :mod:`bot.storage.areas`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bot.domain.statuses import NO_INFORMATION, STATUSES, warning_rank
from bot.storage.areas import Area, AreaStatus, count_statuses_inside, places_inside_with
from bot.storage.db import Database

__all__ = ["DANGER_FIRST", "Inside", "PlaceInside", "summarise_inside"]

DANGER_FIRST: tuple[str, ...] = tuple(
    sorted(
        (s for s in STATUSES if warning_rank(s) > warning_rank("unknown")),
        key=warning_rank, reverse=True,
    )
)
"""The statuses that warn of danger, strongest first (confirmed, in progress, suspected)."""

MAX_DANGEROUS = 5
_ORDER: tuple[str, ...] = (*DANGER_FIRST, "unknown", NO_INFORMATION, "cleared", "cancelled")


@dataclass(frozen=True)
class PlaceInside:
    """A place inside the area, with the warning it carries."""

    area: Area
    status: AreaStatus


@dataclass(frozen=True)
class Inside:
    """The places below an area, at any depth."""

    places: int  # how many
    counts: Mapping[str, int]  # effective status (NO_INFORMATION included) → places
    dangerous: tuple[PlaceInside, ...]  # with danger, strongest first, at most MAX_DANGEROUS
    demo: bool  # some of the statuses counted are demo data

    @property
    def worst(self) -> str:
        """The strongest warning inside (no information when nothing is known)."""
        known = [s for s, n in self.counts.items() if n and s != NO_INFORMATION]
        return max(known, key=warning_rank) if known else NO_INFORMATION

    @property
    def danger(self) -> bool:
        """Whether any place inside is known to be dangerous."""
        return self.worst in DANGER_FIRST

    @property
    def known(self) -> bool:
        """Whether any place inside has a status an authority gave."""
        return self.worst != NO_INFORMATION

    @property
    def more_dangerous(self) -> int:
        """Places with danger beyond those listed."""
        return sum(self.counts.get(s, 0) for s in DANGER_FIRST) - len(self.dangerous)


async def summarise_inside(db: Database, area_id: int) -> Inside | None:
    """The summary of the places below ``area_id``; None when it has none."""
    counts: dict[str, int] = {}
    demo = False
    for status, named, is_demo, n in await count_statuses_inside(db, area_id):
        # What residents would be told about each place: a status nobody named, or a word
        # the answers do not know, is no information.
        effective = status if status in STATUSES and named else NO_INFORMATION
        counts[effective] = counts.get(effective, 0) + n
        demo = demo or (is_demo and effective != NO_INFORMATION)
    places = sum(counts.values())
    if not places:
        return None
    dangerous = await places_inside_with(db, area_id, DANGER_FIRST, limit=MAX_DANGEROUS)
    ordered = {s: counts[s] for s in _ORDER if s in counts}
    return Inside(
        places=places,
        counts=MappingProxyType(ordered),
        dangerous=tuple(PlaceInside(area, status) for area, status in dangerous),
        demo=demo,
    )
