"""The records an import produces and an export consumes: plain, frozen, hashable values.

The database layer writes exactly these; nothing here touches a database or Telegram.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = [
    "CATEGORIES",
    "DISTRIBUTION_STATUSES",
    "HAZARD_STATUSES",
    "KINDS",
    "LANGS",
    "LEVELS",
    "AreaRecord",
    "CampRecord",
    "DistributionRecord",
    "ParseResult",
    "Record",
    "RowError",
    "ServiceRecord",
    "StatusRecord",
    "Texts",
]

LANGS: tuple[str, ...] = ("ar", "ckb", "ku", "en")
KINDS: tuple[str, ...] = ("areas", "statuses", "camps", "services", "distributions")
LEVELS: tuple[str, ...] = ("governorate", "district", "subdistrict", "town", "village")
HAZARD_STATUSES: tuple[str, ...] = (
    "unknown",
    "suspected",
    "confirmed",
    "in_progress",
    "cleared",
    "cancelled",
)
CATEGORIES: tuple[str, ...] = (
    "health",
    "water_sanitation",
    "food",
    "shelter_items",
    "registration_documents",
    "legal_protection",
    "education",
    "psychosocial",
    "other",
)
DISTRIBUTION_STATUSES: tuple[str, ...] = ("planned", "postponed", "done", "cancelled")


class Texts(Mapping[str, str]):
    """One text in several languages: an immutable, hashable mapping language -> text.

    Only languages in LANGS with non-empty text are kept, in LANGS order, so two Texts
    with the same content are equal whatever order they were built in.
    """

    __slots__ = ("_items",)
    _items: tuple[tuple[str, str], ...]

    def __init__(
        self, items: Mapping[str, str] | Iterable[tuple[str, str]] = (), /, **by_lang: str
    ) -> None:
        given = dict(items)
        given.update(by_lang)
        unknown = sorted(set(given) - set(LANGS))
        if unknown:
            raise ValueError(f"unknown language(s) {unknown}; allowed: {', '.join(LANGS)}")
        object.__setattr__(
            self, "_items", tuple((lang, given[lang]) for lang in LANGS if given.get(lang))
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
    level: str  # one of LEVELS
    parent_pcode: str | None
    names: Texts
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    demo: bool


@dataclass(frozen=True, slots=True)
class StatusRecord:
    pcode: str
    status: str  # one of HAZARD_STATUSES
    date: datetime.date
    source: str
    note: str | None
    demo: bool


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
    category: str  # one of CATEGORIES
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
    status: str  # one of DISTRIBUTION_STATUSES
    reasons: Texts
    demo: bool


Record = AreaRecord | StatusRecord | CampRecord | ServiceRecord | DistributionRecord
T = TypeVar("T", AreaRecord, StatusRecord, CampRecord, ServiceRecord, DistributionRecord)


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem. `row` is the 1-based line in the file (header and HXL rows count);
    row 0 means the whole file. Also used for warnings (code "unknown_column")."""

    row: int
    column: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = "file" if self.row == 0 else f"row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message} [{self.code}]"


@dataclass(frozen=True, slots=True)
class ParseResult(Generic[T]):
    """Valid records, every error found, and the number of data rows read.

    `records` holds only the rows without errors: the importer rejects the whole file
    when `errors` is not empty, unless the operator asked for a partial import.
    """

    records: tuple[T, ...]
    errors: tuple[RowError, ...]
    rows: int
    warnings: tuple[RowError, ...] = ()
    # The file line of each record, for errors the importer finds against the database.
    lines: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def file_errors(self) -> tuple[RowError, ...]:
        """Errors about the file as a whole (row 0): nothing in it can be imported."""
        return tuple(error for error in self.errors if error.row == 0)
