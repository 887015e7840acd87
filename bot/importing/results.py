"""What an import reports: the records it read, each problem with its row, and the kinds
of file it reads.

The records themselves are the shared ones of :mod:`bot.domain.records`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.domain.records import (
    AreaRecord,
    CampRecord,
    DistributionRecord,
    ServiceRecord,
    StatusRecord,
)

__all__ = ["KINDS", "ParentRef", "ParseResult", "RowError"]

KINDS: tuple[str, ...] = ("areas", "statuses", "camps", "services", "distributions")
"""The kinds of file an operator imports, one per record type."""

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
class ParentRef:
    """How a place row without a P-code (a partner's list) names where it is: its own
    code is generated and its parent found by the importer, by P-code or by name.

    ``codes`` and ``names`` are (admin level, text) pairs from the #adm1/#adm2/#adm3
    columns (level 1 governorate .. 3 sub-district); level 0 is the parent column, whose
    text may name an area of any level."""

    codes: tuple[tuple[int, str], ...] = ()
    names: tuple[tuple[int, str], ...] = ()


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
    # Areas only: for each record without a P-code, how it names its parent (else None).
    refs: tuple[ParentRef | None, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def file_errors(self) -> tuple[RowError, ...]:
        """Errors about the file as a whole (row 0): nothing in it can be imported."""
        return tuple(error for error in self.errors if error.row == 0)
