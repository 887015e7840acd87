"""CSV import and export of places, hazard statuses, camps, services and distributions.

Pure code: bytes in, frozen records (:mod:`bot.domain.records`) and row-numbered errors out
(and back). No database, no Telegram, standard library only; writing an import is
:mod:`bot.importing.apply`. The formats are documented in docs/data-formats.md.
"""

from __future__ import annotations

from bot.importing.export import export, neutralise
from bot.importing.hxl import MAX_BYTES, MAX_COLUMNS, MAX_ROWS, SCHEMAS, Column
from bot.importing.parse import (
    parse,
    parse_areas,
    parse_camps,
    parse_distributions,
    parse_services,
    parse_statuses,
)
from bot.importing.results import KINDS, ParseResult, RowError

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "SCHEMAS",
    "Column",
    "ParseResult",
    "RowError",
    "export",
    "neutralise",
    "parse",
    "parse_areas",
    "parse_camps",
    "parse_distributions",
    "parse_services",
    "parse_statuses",
]
