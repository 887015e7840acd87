"""CSV import and export of places, hazard statuses, camps, services and distributions.

Pure code: bytes in, frozen records and row-numbered errors out (and back). No database,
no Telegram, standard library only. The formats are documented in docs/data-formats.md.
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
from bot.importing.records import (
    CATEGORIES,
    DISTRIBUTION_STATUSES,
    HAZARD_STATUSES,
    KINDS,
    LANGS,
    LEVELS,
    AreaRecord,
    CampRecord,
    DistributionRecord,
    ParseResult,
    Record,
    RowError,
    ServiceRecord,
    StatusRecord,
    Texts,
)

__all__ = [
    "CATEGORIES",
    "DISTRIBUTION_STATUSES",
    "HAZARD_STATUSES",
    "KINDS",
    "LANGS",
    "LEVELS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "SCHEMAS",
    "AreaRecord",
    "CampRecord",
    "Column",
    "DistributionRecord",
    "ParseResult",
    "Record",
    "RowError",
    "ServiceRecord",
    "StatusRecord",
    "Texts",
    "export",
    "neutralise",
    "parse",
    "parse_areas",
    "parse_camps",
    "parse_distributions",
    "parse_services",
    "parse_statuses",
]
