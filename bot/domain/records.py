"""The plain records Daleel keeps: frozen, hashable values with no behaviour beyond their
own consistency.

An import produces them, an export consumes them, storage writes and reads them, feeds and
operators propose them; nothing here touches a database, a file or Telegram.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from bot.domain.languages import DATA_CODES

__all__ = [
    "AreaRecord",
    "CampRecord",
    "DistributionRecord",
    "Record",
    "ServiceRecord",
    "StatusRecord",
    "Texts",
]


class Texts(Mapping[str, str]):
    """One text in several languages: an immutable, hashable mapping language -> text.

    Only languages in DATA_CODES with non-empty text are kept, in DATA_CODES order, so two Texts
    with the same content are equal whatever order they were built in.
    """

    __slots__ = ("_items",)
    _items: tuple[tuple[str, str], ...]

    def __init__(
        self, items: Mapping[str, str] | Iterable[tuple[str, str]] = (), /, **by_lang: str
    ) -> None:
        given = dict(items)
        given.update(by_lang)
        unknown = sorted(set(given) - set(DATA_CODES))
        if unknown:
            raise ValueError(f"unknown language(s) {unknown}; allowed: {', '.join(DATA_CODES)}")
        object.__setattr__(
            self, "_items", tuple((lang, given[lang]) for lang in DATA_CODES if given.get(lang))
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Texts is immutable")

    def __getitem__(self, lang: str) -> str:
        for key, text in self._items:
            if key == lang:
                return text
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Texts):
            return self._items == other._items
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Texts({dict(self._items)!r})"

    def first(self, *langs: str) -> str | None:
        """The text in the first of `langs` that has one, else in any language, else None."""
        for lang in langs:
            text = self.get(lang)
            if text:
                return text
        return self._items[0][1] if self._items else None


@dataclass(frozen=True, slots=True)
class AreaRecord:
    pcode: str
    level: str  # one of bot.domain.areas.LEVELS
    parent_pcode: str | None
    names: Texts
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    demo: bool


@dataclass(frozen=True, slots=True)
class StatusRecord:
    pcode: str
    status: str  # one of bot.domain.statuses.STATUSES
    date: datetime.date
    source: str
    note: str | None  # a note whose language was not stated (shown labelled by its letters)
    demo: bool
    notes: Texts = field(default_factory=Texts)  # the note in each language it was given in


@dataclass(frozen=True, slots=True)
class CampRecord:
    code: str
    names: Texts
    aliases: tuple[str, ...]
    governorate_pcode: str | None
    district_pcode: str | None
    sectors: tuple[str, ...]
    left_off: Texts  # what to do when left off the food list / ration card stopped
    lat: float | None
    lon: float | None
    demo: bool


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    camp_code: str
    code: str
    category: str  # one of bot.domain.categories.CATEGORIES
    names: Texts
    locations: Texts
    notes: Texts
    days: frozenset[int]  # 0=Monday .. 6=Sunday, as datetime.date.weekday()
    opens: datetime.time | None
    closes: datetime.time | None
    phone: str | None
    lat: float | None
    lon: float | None
    demo: bool


@dataclass(frozen=True, slots=True)
class DistributionRecord:
    camp_code: str
    code: str
    sector: str | None  # None = the whole camp
    date: datetime.date
    starts: datetime.time
    ends: datetime.time
    points: Texts
    items: Texts
    bring: Texts
    status: str  # one of bot.domain.distributions.DISTRIBUTION_STATUSES
    reasons: Texts
    demo: bool
    kind: str = "food"  # one of bot.domain.distributions.DISTRIBUTION_KINDS


Record = AreaRecord | StatusRecord | CampRecord | ServiceRecord | DistributionRecord
