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

__all__ = ["KINDS", "ParseResult", "RowError"]

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
