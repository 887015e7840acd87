"""What a place search takes and gives back, and when the bot may act on its answer.

The vocabulary shared by the index (``bot.places.index``), the gazetteer and storage (which
produce ``PlaceName``) and the surface (which reads ``PlaceMatch``): kept apart from the
matching machinery so that readers of results never depend on how they were found.

Confidence rule (``is_confident``), used downstream to decide between acting on the top
match and offering the top few as buttons. A wrong place is worse than no answer (if that
place were "cleared", the resident would be told they may return to a village never
cleared), so ambiguity means asking. The bot may act on the top match only when it is
``sure`` (its evidence names one name, not a lossy resemblance: see ``PlaceMatch.sure``)
and either it is exact (spelt as typed, up to what transliterations vary) and no *other*
area matched exactly or sounds the same (the same village name in two districts is
ambiguous), or its score is at least ``CONFIDENT_SCORE`` and ahead of the second by at
least ``CONFIDENT_MARGIN``. A typo scores ``1 − 0.6·d/len`` (``bot.places.matching``), so
one wrong letter is answered directly only in a name of ten letters or more: in a shorter
one ("Qal'at Mur" / "Qal'at Sur") it is as likely another village the data lacks, and is
offered. The figures are checked on the evaluation set of ``bench/place_eval.py``
(questions about known places and about villages that are not in the data): see the
README's bench table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CONFIDENT_MARGIN",
    "CONFIDENT_SCORE",
    "SAME_SOUND_SCORE",
    "PlaceMatch",
    "PlaceName",
    "PlaceSpan",
    "exact_place",
    "is_confident",
]

CONFIDENT_SCORE = 0.94
CONFIDENT_MARGIN = 0.15
# The score of a name that sounds the same but is spelt apart ("Kharb" / "Harb", tier 3 of
# ``bot.places.matching``): above every typo, below the name itself; never ``sure``.
SAME_SOUND_SCORE = 0.97


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One name of an area (``kind`` e.g. ``name_ar``, ``name_en``, ``name_ckb``, ``alias``)."""

    area_id: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A matched area: ``matched`` is the original text of the name that matched best.

    ``sure`` is False when the match is only a resemblance the bot must not act on alone:
    a short name that sounds alike but is spelt differently ("Logan" / "Lakan"), part of a
    longer name, a name in the other script, or a name next to words of the message that
    nothing explains (in "كام عبود" the village may be "Kam Abbud", not "Abbud").
    """

    area_id: int
    score: float
    matched: str
    exact: bool
    sure: bool = True


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
    if not top.sure:
        return False
    if top.exact:
        return not any(m.exact or m.score >= SAME_SOUND_SCORE for m in rest)
    if top.score < CONFIDENT_SCORE:
        return False
    return not rest or top.score - rest[0].score >= CONFIDENT_MARGIN - 1e-9


def exact_place(matches: Sequence[PlaceMatch]) -> int | None:
    """The area typed exactly — a name or P-code of it and of no other area, sure, never a
    resemblance ("Safna" is not "Safina") — or None. Operators act only on such a place;
    for anything else they are offered choices."""
    exact = {m.area_id for m in matches if m.exact and m.sure}
    if len(exact) != 1 or not is_confident(matches) or matches[0].area_id not in exact:
        return None
    return matches[0].area_id
