"""What a place search takes and gives back, and when the bot may act on its answer.

The vocabulary shared by the index (``bot.places.index``), the gazetteer and storage (which
produce ``PlaceName``) and the surface (which reads ``PlaceMatch``): kept apart from the
matching machinery so that readers of results never depend on how they were found.

Confidence rule (``is_confident``), used downstream to decide between acting on the top
match and offering the top few as buttons: the top match is exact and no *other* area
matched exactly (the same village name in two districts is ambiguous), or the top score is
at least ``CONFIDENT_SCORE`` (0.85) and ahead of the second by at least ``CONFIDENT_MARGIN``
(0.08). A wrong "safe" is the worst error this bot can make, so ambiguity means asking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CONFIDENT_MARGIN",
    "CONFIDENT_SCORE",
    "PlaceMatch",
    "PlaceName",
    "PlaceSpan",
    "is_confident",
]

CONFIDENT_SCORE = 0.85
CONFIDENT_MARGIN = 0.08


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One name of an area (``kind`` e.g. ``name_ar``, ``name_en``, ``name_ckb``, ``alias``)."""

    area_id: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A matched area: ``matched`` is the original text of the name that matched best."""

    area_id: int
    score: float
    matched: str
    exact: bool


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place found in a text: words ``start:end`` (folded-word positions) matched."""

    match: PlaceMatch
    start: int
    end: int


def is_confident(matches: Sequence[PlaceMatch]) -> bool:
    """True if the bot may act on ``matches[0]`` without asking (see module docstring)."""
    if not matches:
        return False
    top = matches[0]
    rest = matches[1:]
    if top.exact:
        return not any(m.exact for m in rest)
    if top.score < CONFIDENT_SCORE:
        return False
    return not rest or top.score - rest[0].score >= CONFIDENT_MARGIN - 1e-9
