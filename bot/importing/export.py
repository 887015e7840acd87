"""Records -> CSV bytes with a plain header row and an HXL row, in the same format the
parser reads, so an export re-imports to equal records."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable

from bot.domain.languages import DATA_CODES
from bot.domain.records import (
    AreaRecord,
    CampRecord,
    DistributionRecord,
    Record,
    ServiceRecord,
    StatusRecord,
    Texts,
)
from bot.importing.hxl import SCHEMAS
from bot.importing.values import format_days

__all__ = ["export", "neutralise"]

_RECORD_TYPES: dict[str, type] = {
    "areas": AreaRecord,
    "statuses": StatusRecord,
    "camps": CampRecord,
    "services": ServiceRecord,
    "distributions": DistributionRecord,
}
# Columns whose field name differs from the record attribute holding its value.
_ATTRIBUTES = {
    "service_code": "code",
    "distribution_code": "code",
    "location": "locations",
    "point": "points",
    "reason": "reasons",
    "name": "names",
}
# Per-language columns whose prefix differs from the record attribute holding the texts (a
# statuses file's ``note`` is the note whose language was not stated; ``note_ar`` … are
# ``notes``).
_TEXT_ATTRIBUTES = {"note": "notes"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"[+-]?[0-9][0-9 .\-]*")
_QUOTED_FORMULA = re.compile(r"'+[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """Stop spreadsheets running a cell as a formula (CSV injection): prefix "'" to a
    cell starting with = + - @ tab or CR, unless it is only a number or phone number.
    A cell that already starts with apostrophes and one of those gets one more, so that
    the parser, which removes one, gives back the original."""
    if cell.startswith(_FORMULA_START) and not _NUMBER_LIKE.fullmatch(cell):
        return "'" + cell
    if cell[:1] == "'" and _QUOTED_FORMULA.match(cell):
        return "'" + cell
    return cell


def _format(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return format_days(value)
    if isinstance(value, tuple):
        return " | ".join(str(part) for part in value)
    return str(value)


def _cell(record: Record, field: str) -> str:
    prefix, _, lang = field.rpartition("_")
    if prefix and lang in DATA_CODES:
        texts = getattr(record, _TEXT_ATTRIBUTES.get(prefix) or _ATTRIBUTES.get(prefix, prefix))
        assert isinstance(texts, Texts)
        return texts.get(lang, "")
    return _format(getattr(record, _ATTRIBUTES.get(field, field)))


def export(kind: str, records: Iterable[Record], *, bom: bool = True) -> bytes:
    """UTF-8 CSV (with a BOM unless bom=False, so Excel shows Arabic script correctly)."""
    if kind not in SCHEMAS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(SCHEMAS)}")
    columns = SCHEMAS[kind]
    expected = _RECORD_TYPES[kind]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(column.headers[0] for column in columns)
    writer.writerow(column.tags[0] for column in columns)
    for record in records:
        if not isinstance(record, expected):
            raise TypeError(f"export({kind!r}) got a {type(record).__name__}")
        writer.writerow(neutralise(_cell(record, column.field)) for column in columns)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")
