"""Reading a CSV file into rows of named fields: encoding and size checks, the plain
header row and/or the HXL hashtag row, and the mapping of columns onto fields."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.domain.languages import DATA_CODES
from bot.importing.results import RowError

__all__ = [
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "SCHEMAS",
    "Column",
    "Table",
    "hxl_key",
    "read_table",
]

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200

# Accepted spellings of each language, in plain headers (name_xx) and HXL (+i_xx).
_LANG_SPELLINGS = {
    "ar": ("ar", "arabic"),
    "ckb": ("ckb", "sorani"),
    "ku": ("ku", "kmr", "kurmanji"),
    "en": ("en", "english"),
}
_TAG_LANGS = {"ar": ("ar",), "ckb": ("ckb",), "ku": ("ku", "kmr"), "en": ("en",)}


@dataclass(frozen=True)
class Column:
    """One field: the plain headers and HXL tags that name it (the first of each is the
    one exports write)."""

    field: str
    headers: tuple[str, ...]
    tags: tuple[str, ...]
    required: bool = False


def _col(name: str, headers: tuple[str, ...], tags: tuple[str, ...], req: bool = False) -> Column:
    return Column(name, (name, *headers), tags, req)


def _per_lang(prefix: str, tag: str, *more_prefixes: str) -> tuple[Column, ...]:
    return tuple(
        Column(
            f"{prefix}_{lang}",
            tuple(f"{p}_{s}" for p in (prefix, *more_prefixes) for s in _LANG_SPELLINGS[lang]),
            tuple(f"{tag}+i_{s}" for s in _TAG_LANGS[lang]),
        )
        for lang in DATA_CODES
    )


_DEMO = _col("demo", ("is_demo",), ("#meta+demo",))
_LATLON = (
    _col("lat", ("latitude", "label_lat"), ("#geo+lat",)),
    _col("lon", ("lng", "long", "longitude", "label_lon"), ("#geo+lon",)),
)
_ALIASES = _col("aliases", ("alias", "alt_names"), ("#loc+name+alt",))
_CAMP = _col("camp_code", ("camp",), ("#loc+code+camp",), True)

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "areas": (
        _col("pcode", ("p-code", "p_code", "code"), ("#loc+code",)),
        _col("level", ("type",), ("#loc+type",)),
        _col("parent_pcode", ("parent", "parent_code"), ("#loc+code+parent",)),
        *_per_lang("name", "#loc+name"),
        _ALIASES,
        *_LATLON,
        _DEMO,
    ),
    "statuses": (
        _col("pcode", ("p-code", "p_code", "code"), ("#loc+code",), True),
        _col("status", ("hazard_status",), ("#status",), True),
        _col("date", ("status_date",), ("#date",), True),
        _col("source", ("org", "organisation", "organization"), ("#org",), True),
        _col("note", ("notes", "description"), ("#description",)),
        *_per_lang("note", "#description", "notes", "description"),
        _DEMO,
    ),
    "camps": (
        _col("code", ("camp_code",), ("#loc+code+camp",), True),
        *_per_lang("name", "#loc+name"),
        _ALIASES,
        _col("governorate_pcode", ("adm1_pcode",), ("#adm1+code",)),
        _col("district_pcode", ("adm2_pcode",), ("#adm2+code",)),
        _col("sectors", (), ("#loc+sector+list",)),
        *_per_lang("left_off", "#description+food"),
        *_LATLON,
        _DEMO,
    ),
    "services": (
        _CAMP,
        _col("service_code", ("code",), ("#service+code",), True),
        _col("category", (), ("#sector",), True),
        *_per_lang("name", "#service+name"),
        *_per_lang("location", "#loc+description"),
        _col("days", (), ("#date+days",)),
        _col("opens", ("open", "opens_at"), ("#time+start",)),
        _col("closes", ("close", "closes_at"), ("#time+end",)),
        _col("phone", ("telephone", "contact_phone"), ("#contact+phone",)),
        *_per_lang("notes", "#description", "note"),
        *_LATLON,
        _DEMO,
    ),
    "distributions": (
        _CAMP,
        _col("distribution_code", ("code",), ("#activity+code",), True),
        _col("kind", ("type",), ("#activity+type",)),
        _col("sector", (), ("#loc+sector",)),
        _col("date", (), ("#date",), True),
        _col("starts", ("start", "start_time"), ("#time+start",), True),
        _col("ends", ("end", "end_time"), ("#time+end",), True),
        *_per_lang("point", "#loc+description", "location"),
        *_per_lang("items", "#item+name"),
        *_per_lang("bring", "#meta+bring"),
        _col("status", (), ("#status",)),
        *_per_lang("reason", "#status+reason"),
        _DEMO,
    ),
}

# At least one column of each group must be present.
NEEDS_ONE_OF: dict[str, tuple[tuple[str, ...], ...]] = {
    "areas": (("name_en", "name_ar", "adm"),),
    "camps": (("name_en", "name_ar"),),
    "services": (tuple(f"name_{lang}" for lang in DATA_CODES),),
    "distributions": (tuple(f"items_{lang}" for lang in DATA_CODES),),
}

_TAG = re.compile(r"#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*")


def hxl_key(cell: str) -> str | None:
    """'#LOC +i_ar +name' -> '#loc+i_ar+name': attributes sorted, case and spaces ignored,
    vocabulary attributes (+v_...) dropped. None if the cell is not a hashtag."""
    text = re.sub(r"\s+", "", cell).lower()
    if not _TAG.fullmatch(text):
        return None
    tag, *attributes = text.split("+")
    kept = sorted({a for a in attributes if not a.startswith("v_")})
    return "+".join((tag, *kept))


def _header_key(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().casefold())


# Partners' place lists: a place's name, and its governorate/district/sub-district by name
# (in any language: the importer looks names up in every language).
_PLAIN_NAME_HEADERS = ("name", "village", "village_name", "location_name", "place_name")
_ADM_NAME_HEADERS = {
    "governorate": 1, "governorate_name": 1, "province": 1, "adm1_name": 1,
    "district": 2, "district_name": 2, "qada": 2, "adm2_name": 2,
    "subdistrict": 3, "sub_district": 3, "subdistrict_name": 3, "sub_district_name": 3,
    "nahiya": 3, "adm3_name": 3,
}


def _lookup(kind: str) -> tuple[dict[str, str], dict[str, str]]:
    by_header: dict[str, str] = {}
    by_tag: dict[str, str] = {}
    for column in SCHEMAS[kind]:
        for header in column.headers:
            by_header.setdefault(_header_key(header), column.field)
        for tag in column.tags:
            key = hxl_key(tag)
            assert key is not None, tag
            by_tag[key] = column.field
    if kind == "areas":
        # A name without a language is the English/Latin one (partners' lists).
        by_tag["#loc+name"] = "name_en"
        for header in _PLAIN_NAME_HEADERS:
            by_header.setdefault(header, "name_en")
        for header, level in _ADM_NAME_HEADERS.items():
            by_header[header] = f"adm{level}:name_en"
        # COD-style columns: the code/names of admin level N
        for level in (1, 2, 3):
            by_tag[f"#adm{level}+code"] = f"adm{level}:code"
            by_header[f"adm{level}_pcode"] = f"adm{level}:code"
            by_tag[f"#adm{level}+name"] = f"adm{level}:name_en"
            for lang in DATA_CODES:
                for spelling in _TAG_LANGS[lang]:
                    by_tag[f"#adm{level}+i_{spelling}+name"] = f"adm{level}:name_{lang}"
                for spelling in _LANG_SPELLINGS[lang]:
                    by_header[f"adm{level}_{spelling}"] = f"adm{level}:name_{lang}"
    return by_header, by_tag


_LOOKUPS = {kind: _lookup(kind) for kind in SCHEMAS}


@dataclass
class Table:
    """The column layout of a file and an iterator over its data rows."""

    columns: dict[str, int]  # field -> index in the row
    labels: dict[str, str]  # field -> the column's name as written in the file
    rows: Iterator[tuple[int, list[str]]]  # (line number, cells) for each non-blank row
    width: int
    warnings: list[RowError] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # file-level, found while reading


def _file_error(code: str, message: str) -> RowError:
    return RowError(0, None, code, message)


_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook or zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xfe", "UTF-16 text"),
    (b"\xfe\xff", "UTF-16 text"),
)
_SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)' and try again"


def _decode(data: bytes) -> str | RowError:
    if len(data) > MAX_BYTES:
        return _file_error(
            "too_large", f"the file is {len(data):,} bytes; at most {MAX_BYTES:,} allowed"
        )
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return _file_error("not_csv", f"this is {what}, not a CSV file: {_SAVE_AS}")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return _file_error(
            "binary", f"the file contains NUL bytes (line {line}): it is not a CSV text file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return _file_error(
            "bad_encoding",
            f"the file is not UTF-8 (bad byte at line {line}, byte {error.start + 1}): {_SAVE_AS}",
        )


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every row that has a non-blank cell."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield line, cells
        line = reader.line_num + 1


def _is_hxl_row(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell.strip()]
    return bool(filled) and all(hxl_key(cell) is not None for cell in filled)


def read_table(kind: str, data: bytes) -> Table | RowError:
    """Check the file and map its columns; a RowError (row 0) if it cannot be read."""
    text = _decode(data)
    if isinstance(text, RowError):
        return text
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    rows = _rows(text, delimiter)
    try:
        line, header = next(rows, (0, []))
        if not header:
            return _file_error("empty", "the file is empty: it needs a header row and data rows")
        if len(header) > MAX_COLUMNS:
            return _file_error(
                "too_many_columns", f"{len(header):,} columns; at most {MAX_COLUMNS} allowed"
            )
        tags: list[str] = []
        if _is_hxl_row(header):
            tags, header = header, []
        else:
            peeked = next(rows, None)
            if peeked is not None and _is_hxl_row(peeked[1]):
                tags = peeked[1]
                line = peeked[0]
            elif peeked is not None:
                rows = _chain(peeked, rows)
    except csv.Error as error:
        return _file_error("bad_csv", f"the header cannot be read as CSV: {error}")
    return _map_columns(kind, header, tags, line, rows)


def _chain(
    first: tuple[int, list[str]], rest: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    yield first
    yield from rest


def _map_columns(
    kind: str,
    header: list[str],
    tags: list[str],
    line: int,
    rows: Iterator[tuple[int, list[str]]],
) -> Table | RowError:
    by_header, by_tag = _LOOKUPS[kind]
    width = min(max(len(header), len(tags)), MAX_COLUMNS)
    table = Table({}, {}, rows, width)
    for index in range(width):
        head = header[index].strip() if index < len(header) else ""
        tag = tags[index].strip() if index < len(tags) else ""
        key = hxl_key(tag) if tag else None
        name = by_tag.get(key) if key else None
        if name is None and head:
            name = by_header.get(_header_key(head))
        label = head or tag
        if name is None:
            if label:
                table.warnings.append(
                    RowError(
                        line, label, "unknown_column",
                        f"column {label!r} is not used: its values are ignored",
                    )
                )
            continue
        if name in table.columns:
            return _file_error(
                "duplicate_column",
                f"columns {table.labels[name]!r} and {label!r} both give {name}; keep one",
            )
        table.columns[name] = index
        table.labels[name] = label
    missing = _missing(kind, set(table.columns))
    if missing:
        return _file_error("missing_column", "missing required column(s): " + "; ".join(missing))
    return table


def _missing(kind: str, present: set[str]) -> list[str]:
    """Required columns not in the file. Areas need no P-code or level column: rows
    without them get a generated code and the level village (partners' lists)."""
    has_adm = any(name.startswith("adm") and name.endswith(":code") for name in present)
    missing = [
        f"{c.field} ({c.tags[0]})" for c in SCHEMAS[kind] if c.required and c.field not in present
    ]
    for group in NEEDS_ONE_OF.get(kind, ()):
        if not any(name in present or (name == "adm" and has_adm) for name in group):
            names = [name for name in group if name != "adm"]
            missing.append("one of " + ", ".join(names))
    return missing
