"""Reading a status feed: HXL-tagged CSV or HXL JSON, checked as a whole.

A feed is read into a grid of cells, its HXL tags are mapped onto the columns of a
``statuses`` import file, and the result goes through the importer's own
:func:`bot.importing.parse.parse_statuses` — so a feed accepts exactly the values,
synonyms, dates and limits an import does (docs/data-formats.md), and reports problems
with the same codes. What a feed adds:

- the area's P-code may come from ``#loc+code`` or from COD-style ``#adm1+code`` …
  ``#adm5+code`` columns: each row's area is the most specific code it fills in;
- ``#meta+note`` is read as ``#description`` (``#meta+note+i_ar`` as the Arabic note
  ``#description+i_ar``, and so on), ``#org+name`` / ``#org+impl`` as ``#org``
  and ``#date+reported`` / ``#date+updated`` as ``#date``; a date written with a time
  (``2026-11-20T08:00:00Z``) is read as its day;
- HXL JSON: a list of lists (an optional header row, then the hashtag row, then the data)
  or a list of objects keyed by hashtags; row numbers count the items of the list;
- a feed may hold an area's history: only each area's latest row is kept.

Pure: no database, no network. Unknown P-codes are the poller's business.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.domain.records import StatusRecord
from bot.importing.hxl import MAX_COLUMNS, hxl_key
from bot.importing.parse import parse_statuses
from bot.importing.results import RowError

__all__ = [
    "FeedFormat",
    "FeedParse",
    "FeedRow",
    "detect_format",
    "parse_feed",
]

FeedFormat = Literal["csv", "json"]

# The most specific first: a row's area is the first of these it fills in.
_PCODE_TAGS: tuple[str, ...] = (
    "#loc+code", "#adm5+code", "#adm4+code", "#adm3+code", "#adm2+code", "#adm1+code",
)
# Feed spellings of the importer's tags.
_SYNONYMS: dict[str, str] = {
    "#meta+note": "#description",
    "#description+note": "#description",
    "#org+name": "#org",
    "#org+impl": "#org",
    "#date+reported": "#date",
    "#date+updated": "#date",
}
_PCODE_COLUMN = "#loc+code"
_DATE_TIME = re.compile(
    r"\s*(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\s*"
)


@dataclass(frozen=True)
class FeedRow:
    """One area's latest status in the feed, and the row it came from."""

    row: int
    record: StatusRecord


@dataclass(frozen=True)
class FeedParse:
    """The rows to propose (one per area, in feed order), or the errors that reject the
    feed as a whole. ``warnings`` are columns that were ignored."""

    rows: tuple[FeedRow, ...]
    errors: tuple[RowError, ...]
    data_rows: int
    warnings: tuple[RowError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def _file_error(code: str, message: str) -> FeedParse:
    return FeedParse((), (RowError(0, None, code, message),), 0)


def detect_format(data: bytes, content_type: str | None = None) -> FeedFormat:
    """JSON when the server says so or the body starts like JSON; CSV otherwise."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media.endswith(("/json", "+json")):
        return "json"
    if media in ("text/csv", "application/csv"):
        return "csv"
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if start in (b"[", b"{") else "csv"


# --- reading a grid of cells ----------------------------------------------------------------


@dataclass
class _Grid:
    """Non-blank rows as (row number, cells)."""

    rows: list[tuple[int, list[str]]]


def _csv_grid(data: bytes) -> _Grid | FeedParse:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return _file_error(
            "bad_encoding",
            f"the feed is not UTF-8 (bad byte at line {line}, byte {error.start + 1})",
        )
    if "\x00" in text:
        return _file_error("binary", "the feed contains NUL bytes: it is not CSV text")
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        return _file_error("bad_csv", f"CSV cannot be read after line {line}: {error}")
    return _Grid(rows)


def _cell(value: object) -> str | None:
    """A JSON value as cell text; None for a value a cell cannot hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return None


def _json_grid(data: bytes) -> _Grid | FeedParse:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _file_error("bad_encoding", "the feed is not UTF-8")
    except (json.JSONDecodeError, RecursionError) as error:
        return _file_error("bad_json", f"the feed is not valid JSON: {error}")
    if not isinstance(document, list):
        return _file_error(
            "not_hxl_json",
            "HXL JSON is a list: of rows (the hashtag row first) or of objects keyed by hashtags",
        )
    if not document:
        return _file_error("empty", "the feed is empty")
    if all(isinstance(item, dict) for item in document):
        return _objects_grid(document)
    return _lists_grid(document)


def _lists_grid(document: list[object]) -> _Grid | FeedParse:
    rows: list[tuple[int, list[str]]] = []
    errors: list[RowError] = []
    for number, item in enumerate(document, start=1):
        if not isinstance(item, list):
            errors.append(RowError(number, None, "bad_row", "this row is not a list of cells"))
            continue
        cells = [_cell(value) for value in item]
        if any(cell is None for cell in cells):
            errors.append(
                RowError(number, None, "bad_value", "a cell holds a list or an object, not a value")
            )
            continue
        texts = [cell or "" for cell in cells]
        if any(text.strip() for text in texts):
            rows.append((number, texts))
    if errors:
        return FeedParse((), tuple(errors), len(document))
    return _Grid(rows)


def _objects_grid(document: list[object]) -> _Grid | FeedParse:
    keys: list[str] = []
    for item in document:
        assert isinstance(item, dict)
        for key in item:
            if key not in keys:
                keys.append(str(key))
    if len(keys) > MAX_COLUMNS:
        return _file_error("too_many_columns", f"{len(keys):,} keys; at most {MAX_COLUMNS} allowed")
    # Row 0 holds the keys: those that are hashtags in the tag row, the others as headers.
    header = [key if hxl_key(key) is None else "" for key in keys]
    tags = [key if hxl_key(key) is not None else "" for key in keys]
    rows: list[tuple[int, list[str]]] = []
    if any(header):
        rows.append((0, header))
    rows.append((0, tags))
    errors: list[RowError] = []
    for number, item in enumerate(document, start=1):
        assert isinstance(item, dict)
        cells = [_cell(item.get(key)) for key in keys]
        bad = [key for key, cell in zip(keys, cells, strict=True) if cell is None]
        if bad:
            errors.append(
                RowError(
                    number, bad[0], "bad_value", "the value is a list or an object, not a value"
                )
            )
            continue
        texts = [cell or "" for cell in cells]
        if any(text.strip() for text in texts):
            rows.append((number, texts))
    if errors:
        return FeedParse((), tuple(errors), len(document))
    return _Grid(rows)


# --- mapping the feed's columns onto a statuses file ----------------------------------------


def _is_tag_row(cells: Sequence[str]) -> bool:
    filled = [cell for cell in cells if cell.strip()]
    return bool(filled) and all(hxl_key(cell) is not None for cell in filled)


@dataclass
class _Layout:
    header: list[str] | None  # the plain header row, if any
    tags: list[str]
    header_row: int  # the row number of the tag row (for warnings)
    data: list[tuple[int, list[str]]]


def _layout(grid: _Grid) -> _Layout | FeedParse:
    rows = grid.rows
    if not rows:
        return _file_error("empty", "the feed is empty: it needs an HXL hashtag row and data rows")
    if _is_tag_row(rows[0][1]):
        return _Layout(None, rows[0][1], rows[0][0], rows[1:])
    if len(rows) > 1 and _is_tag_row(rows[1][1]):
        return _Layout(rows[0][1], rows[1][1], rows[1][0], rows[2:])
    return _file_error(
        "missing_hxl",
        "no HXL hashtag row: the first or second row must be hashtags such as "
        "#adm3+code, #status, #date, #org",
    )


@dataclass
class _Plan:
    """How each output column is filled: the P-code from candidate columns, the others
    copied from one input column."""

    pcode_columns: list[int]  # most specific first
    copied: list[int]  # input column index for each output column after the P-code
    out_header: list[str] | None
    out_tags: list[str]
    labels: dict[int, str]  # input column -> its name in the feed


def _synonym(key: str) -> str | None:
    """The importer's tag for a feed's spelling, its language attribute kept
    (``#meta+i_ar+note`` -> ``#description+i_ar``); None if it has no other spelling."""
    tag, *attributes = key.split("+")
    languages = [a for a in attributes if a.startswith("i_")]
    rest = [a for a in attributes if not a.startswith("i_")]
    found = _SYNONYMS.get("+".join((tag, *rest)))
    return None if found is None else hxl_key("+".join((found, *languages)))


def _plan(layout: _Layout) -> _Plan | FeedParse:
    width = min(max(len(layout.tags), len(layout.header or [])), MAX_COLUMNS)
    labels: dict[int, str] = {}
    pcode: dict[str, int] = {}
    copied: list[int] = []
    out_tags: list[str] = []
    out_header: list[str] = []
    for index in range(width):
        tag = layout.tags[index].strip() if index < len(layout.tags) else ""
        head = layout.header[index].strip() if layout.header and index < len(layout.header) else ""
        labels[index] = head or tag
        key = hxl_key(tag) if tag else None
        if key in _PCODE_TAGS:
            assert key is not None
            if key in pcode:
                return _file_error(
                    "duplicate_column", f"two columns are tagged {key}; keep one"
                )
            pcode[key] = index
            continue
        copied.append(index)
        out_tags.append(_synonym(key) or tag if key else tag)
        out_header.append(head)
    if not pcode:
        return _file_error(
            "missing_column",
            "no P-code column: tag the area's code #adm3+code, #adm4+code or #loc+code",
        )
    return _Plan(
        pcode_columns=[pcode[key] for key in _PCODE_TAGS if key in pcode],
        copied=copied,
        out_header=["pcode", *out_header] if layout.header is not None else None,
        out_tags=[_PCODE_COLUMN, *out_tags],
        labels=labels,
    )


def _date_cell(text: str) -> str:
    match = _DATE_TIME.fullmatch(text)
    return match[1] if match else text


def _rewrite(
    layout: _Layout, plan: _Plan
) -> tuple[list[list[str]], list[tuple[int, str | None]], list[RowError]]:
    """The data rows as statuses rows; for each, its feed row number and the name of the
    column its P-code came from. Rows with cells past the last column are errors."""
    width = len(plan.labels)
    date_columns = {
        out for out, tag in enumerate(plan.out_tags) if hxl_key(tag) == "#date"
    }
    rows: list[list[str]] = []
    sources: list[tuple[int, str | None]] = []
    errors: list[RowError] = []
    for number, cells in layout.data:
        extra = [cell for cell in cells[width:] if cell.strip()]
        if extra:
            errors.append(
                RowError(
                    number, None, "extra_cells",
                    f"{len(cells):,} cells but the hashtag row has {width}: is a comma "
                    "inside a text missing its quotes?",
                )
            )
            continue
        used = next(
            (i for i in plan.pcode_columns if i < len(cells) and cells[i].strip()),
            plan.pcode_columns[0],
        )
        code = cells[used] if used < len(cells) else ""
        out = [code] + [cells[i] if i < len(cells) else "" for i in plan.copied]
        for column in date_columns:
            out[column] = _date_cell(out[column])
        rows.append(out)
        sources.append((number, plan.labels.get(used)))
    return rows, sources, errors


def _statuses_csv(plan: _Plan, rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    if plan.out_header is not None:
        writer.writerow(plan.out_header)
    writer.writerow(plan.out_tags)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _line_starts(data: bytes) -> Iterator[int]:
    """The line on which each non-blank row of ``data`` starts, as the importer counts."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    line = 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield line
        line = reader.line_num + 1


# --- the whole feed -----------------------------------------------------------------------


def parse_feed(
    data: bytes, *, today: datetime.date, content_type: str | None = None
) -> FeedParse:
    """Read a whole feed; any error rejects it (``rows`` is then empty)."""
    fmt = detect_format(data, content_type)
    grid = _json_grid(data) if fmt == "json" else _csv_grid(data)
    if isinstance(grid, FeedParse):
        return grid
    layout = _layout(grid)
    if isinstance(layout, FeedParse):
        return layout
    plan = _plan(layout)
    if isinstance(plan, FeedParse):
        return plan
    rows, sources, errors = _rewrite(layout, plan)
    statuses = _statuses_csv(plan, rows)
    # Normalised line -> the feed's row number (and the P-code column of that row).
    starts = list(_line_starts(statuses))
    heads = len(starts) - len(rows)
    feed_row = {line: layout.header_row for line in starts[:heads]}
    pcode_label: dict[int, str | None] = {}
    for line, (number, label) in zip(starts[heads:], sources, strict=True):
        feed_row[line] = number
        pcode_label[line] = label
    result = parse_statuses(statuses, today=today)

    def where(error: RowError) -> RowError:
        if error.row == 0:
            return error
        column = error.column
        if column in (_PCODE_COLUMN, "pcode"):
            column = pcode_label.get(error.row) or column
        return RowError(feed_row.get(error.row, error.row), column, error.code, error.message)

    errors += [where(error) for error in result.errors]
    warnings = tuple(where(w) for w in result.warnings)
    if errors:
        errors.sort(key=lambda e: e.row)
        return FeedParse((), tuple(errors), len(layout.data), warnings)
    latest: dict[str, FeedRow] = {}
    for record, line in zip(result.records, result.lines, strict=True):
        known = latest.get(record.pcode)
        if known is None or record.date > known.record.date:
            latest[record.pcode] = FeedRow(feed_row.get(line, line), record)
    ordered = sorted(latest.values(), key=lambda row: row.row)
    return FeedParse(tuple(ordered), (), len(layout.data), warnings)
