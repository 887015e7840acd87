"""Parse and validate one file of one kind. Every row is checked and every error kept;
the parser checks syntax only (references to other files are the importer's job)."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Hashable
from typing import Any, Literal, overload

from bot.domain.areas import LEVEL_RANK
from bot.domain.distributions import NOT_HAPPENING
from bot.domain.languages import DATA_CODES
from bot.domain.records import (
    AreaRecord,
    CampRecord,
    DistributionRecord,
    ServiceRecord,
    StatusRecord,
    Texts,
)
from bot.importing.hxl import MAX_ROWS, read_table
from bot.importing.results import ParentRef, ParseResult, RowError, T
from bot.importing.rows import Row, read_text
from bot.importing.values import (
    CATEGORY_WORDS,
    DISTRIBUTION_WORDS,
    HAZARD_WORDS,
    KIND_WORDS,
    LEVEL_WORDS,
    NAME_MAX,
    TEXT_MAX,
    BadValue,
    clean_line,
    clean_text,
    read_code,
    read_date,
    read_days,
    read_list,
    read_phone,
    read_word,
)

__all__ = [
    "parse",
    "parse_areas",
    "parse_camps",
    "parse_distributions",
    "parse_services",
    "parse_statuses",
]

SECTOR_MAX = 40


def _run(
    kind: str,
    data: bytes,
    build: Callable[[Row], T],
    key: Callable[[T], tuple[Hashable, ...]],
    key_column: str,
) -> ParseResult[T]:
    table = read_table(kind, data)
    if isinstance(table, RowError):
        return ParseResult((), (table,), 0)
    records: list[T] = []
    lines: list[int] = []
    refs: list[ParentRef | None] = []
    errors: list[RowError] = []
    seen: dict[tuple[Hashable, ...], int] = {}
    count = 0
    line = 0
    try:
        for line, cells in table.rows:
            count += 1
            if count > MAX_ROWS:
                errors.append(
                    RowError(
                        0,
                        None,
                        "too_many_rows",
                        f"more than {MAX_ROWS:,} data rows; split the file",
                    )
                )
                break
            extra = [cell for cell in cells[table.width :] if cell.strip()]
            if extra:
                errors.append(
                    RowError(
                        line,
                        None,
                        "extra_cells",
                        f"{len(cells):,} cells but the header has {table.width}: is a comma "
                        "inside a text missing its quotes?",
                    )
                )
                continue
            row = Row(table, line, cells)
            record = build(row)
            if row.errors:
                errors.extend(row.errors)
                continue
            wanted = key(record)
            if wanted and wanted in seen:
                shown = " / ".join(str(part) for part in wanted)
                errors.append(
                    RowError(
                        line,
                        table.labels.get(key_column, key_column),
                        "duplicate",
                        f"{shown} is already on row {seen[wanted]}",
                    )
                )
                continue
            seen[wanted] = line
            records.append(record)
            lines.append(line)
            refs.append(row.ref)
    except csv.Error as error:
        errors.append(
            RowError(0, None, "bad_csv", f"CSV cannot be read after line {line}: {error}")
        )
    return ParseResult(
        tuple(records), tuple(errors), count, tuple(table.warnings), tuple(lines),
        tuple(refs) if any(ref is not None for ref in refs) else (),
    )


def _upper(raw: str) -> str:
    return read_code(raw, upper=True)


# The COD-AB admN levels: governorate 1, district 2, sub-district 3.
_ADM_LEVELS = {level: rank for level, rank in LEVEL_RANK.items() if rank <= 3}


def _cod_style(row: Row) -> bool:
    """A COD-style admin list: #admN+code columns and no P-code column, each row being the
    admin unit of its deepest filled level — unless the file names places of its own
    (a partner's list, whose #admN columns say where each place is)."""
    columns = row.table.columns
    if "pcode" in columns or not any(f"adm{n}:code" in columns for n in (1, 2, 3)):
        return False
    level = row.raw("level").strip()
    own_names = any(name.startswith("name_") for name in columns)
    return not own_names or (bool(level) and _word_rank(level) in (1, 2, 3))


def _word_rank(raw: str) -> int:
    try:
        return _ADM_LEVELS.get(read_word(raw, LEVEL_WORDS, "bad_level", "level"), 0)
    except BadValue:
        return 0


def _parent_ref(row: Row) -> ParentRef:
    """Where a row without a P-code says it is: #admN codes and names, the parent column."""
    codes: list[tuple[int, str]] = []
    names: list[tuple[int, str]] = []
    for n in (1, 2, 3):
        code = row.get(f"adm{n}:code", _upper)
        if code:
            codes.append((n, code))
        for lang in DATA_CODES:
            text = row.get(f"adm{n}:name_{lang}", lambda raw: clean_line(raw, NAME_MAX))
            if text:
                names.append((n, text))
    parent = clean_text(row.raw("parent_pcode"))
    if parent:
        names.append((0, parent))
    return ParentRef(tuple(codes), tuple(names))


def _area(row: Row) -> AreaRecord:
    if not row.raw("pcode").strip() and not _cod_style(row):
        return _listed_place(row)
    level = row.get("level", lambda raw: read_word(raw, LEVEL_WORDS, "bad_level", "level"))
    pcode = row.get("pcode", _upper)
    parent = row.get("parent_pcode", _upper)
    names = row.texts("name", NAME_MAX, multiline=False)
    adm = [n for n in (3, 2, 1) if f"adm{n}:code" in row.table.columns]
    if pcode is None and adm and not row.raw("pcode").strip():
        # COD-style file: the row's own code is in the #admN+code column of its level.
        filled = [n for n in adm if row.raw(f"adm{n}:code").strip()]
        if level is not None:
            n = _ADM_LEVELS.get(level, 0)
        else:
            n = 0 if row.raw("level").strip() or not filled else filled[0]
            level = next((w for w, k in _ADM_LEVELS.items() if k == n), None)
        if n:
            pcode = row.get(f"adm{n}:code", _upper)
            if parent is None and n > 1 and not row.raw("parent_pcode").strip():
                parent = row.get(f"adm{n - 1}:code", _upper)
            if not names:
                names = row.texts(f"adm{n}:name", NAME_MAX, multiline=False)
    if pcode is None and not row.raw("pcode").strip():
        row.error("pcode", "missing", "pcode is required")
    if level is None and not row.raw("level").strip():
        row.error(
            "level",
            "missing",
            "level is required: governorate, district, subdistrict, town or village",
        )
    if level == "governorate" and parent:
        row.error("parent_pcode", "bad_parent", "a governorate has no parent; leave it empty")
    elif (
        level not in (None, "governorate")
        and parent is None
        and not row.raw("parent_pcode").strip()
    ):
        row.error("parent_pcode", "missing", f"a {level} needs a parent_pcode")
    if parent and parent == pcode:
        row.error("parent_pcode", "bad_parent", f"{pcode} cannot be its own parent")
    return _record(row, pcode or "", level or "", parent, names)


def _listed_place(row: Row) -> AreaRecord:
    """A row without a P-code (a partner's list): the importer generates its code and finds
    its parent, by P-code or by name; the level is village unless the row says otherwise."""
    level = row.get("level", lambda raw: read_word(raw, LEVEL_WORDS, "bad_level", "level"))
    if level is None and not row.raw("level").strip():
        level = "village"
    if level == "governorate":
        row.error("pcode", "missing", "a governorate needs its P-code")
    ref = _parent_ref(row)
    if not (ref.codes or ref.names):
        row.error(
            "parent_pcode", "missing",
            "say where the place is: a parent (P-code or name), or its governorate, "
            "district or sub-district",
        )
    row.ref = ref
    return _record(row, "", level or "", None, row.texts("name", NAME_MAX, multiline=False))


def _record(
    row: Row, pcode: str, level: str, parent: str | None, names: Texts
) -> AreaRecord:
    if not (names.get("en") or names.get("ar")) and not row.filled("name", ("en", "ar")):
        row.error("name_en", "missing_name", "give name_en or name_ar (or both)")
    lat, lon = row.point()
    return AreaRecord(
        pcode=pcode,
        level=level,
        parent_pcode=parent,
        names=names,
        aliases=row.get("aliases", read_list) or (),
        lat=lat,
        lon=lon,
        demo=row.demo(),
    )


def _status(today: datetime.date) -> Callable[[Row], StatusRecord]:
    def build(row: Row) -> StatusRecord:
        date = row.need("date", read_date)
        if date is not None and date > today:
            row.error("date", "future_date", f"{date} is in the future (today is {today})")
        note = row.get("note", lambda raw: read_text(raw, TEXT_MAX, True))
        return StatusRecord(
            pcode=row.need("pcode", _upper) or "",
            status=row.need(
                "status", lambda raw: read_word(raw, HAZARD_WORDS, "bad_status", "status")
            )
            or "",
            date=date or today,
            source=row.need("source", clean_line, "source (who said so)") or "",
            note=note or None,
            demo=row.demo(),
            notes=row.texts("note"),
        )

    return build


def _camp(row: Row) -> CampRecord:
    names = row.texts("name", NAME_MAX, multiline=False)
    if not (names.get("en") or names.get("ar")) and not row.filled("name", ("en", "ar")):
        row.error("name_en", "missing_name", "give name_en or name_ar (or both)")
    lat, lon = row.point()
    return CampRecord(
        code=row.need("code", read_code) or "",
        names=names,
        aliases=row.get("aliases", read_list) or (),
        governorate_pcode=row.get("governorate_pcode", _upper),
        district_pcode=row.get("district_pcode", _upper),
        sectors=row.get("sectors", lambda raw: read_list(raw, SECTOR_MAX)) or (),
        left_off=row.texts("left_off"),
        lat=lat,
        lon=lon,
        demo=row.demo(),
    )


def _service(row: Row) -> ServiceRecord:
    names = row.texts("name", NAME_MAX, multiline=False)
    if not names and not row.filled("name"):
        row.error("name_en", "missing_name", "give the service's name in at least one language")
    opens, closes = row.hours("opens", "closes", required=False)
    lat, lon = row.point()
    return ServiceRecord(
        camp_code=row.need("camp_code", read_code) or "",
        code=row.need("service_code", read_code) or "",
        category=row.need(
            "category", lambda raw: read_word(raw, CATEGORY_WORDS, "bad_category", "category")
        )
        or "",
        names=names,
        locations=row.texts("location"),
        notes=row.texts("notes"),
        days=row.get("days", read_days) or frozenset(),
        opens=opens,
        closes=closes,
        phone=row.get("phone", read_phone),
        lat=lat,
        lon=lon,
        demo=row.demo(),
    )


def _distribution(row: Row) -> DistributionRecord:
    starts, ends = row.hours("starts", "ends", required=True)
    status = row.get(
        "status", lambda raw: read_word(raw, DISTRIBUTION_WORDS, "bad_status", "status")
    ) or ("" if row.raw("status").strip() else "planned")
    kind = row.get("kind", lambda raw: read_word(raw, KIND_WORDS, "bad_kind", "kind")) or (
        "" if row.raw("kind").strip() else "food"
    )
    items, reasons = row.texts("items"), row.texts("reason")
    if not items and not row.filled("items"):
        row.error("items_en", "missing", "say what is distributed in at least one language")
    if status in NOT_HAPPENING and not reasons and not row.filled("reason"):
        row.error("reason_en", "missing", f"a {status} distribution needs a reason")
    return DistributionRecord(
        camp_code=row.need("camp_code", read_code) or "",
        code=row.need("distribution_code", read_code) or "",
        sector=row.get("sector", lambda raw: clean_line(raw, SECTOR_MAX)),
        date=row.need("date", read_date) or datetime.date.min,
        starts=starts or datetime.time(),
        ends=ends or datetime.time(),
        points=row.texts("point"),
        items=items,
        bring=row.texts("bring"),
        status=status,
        reasons=reasons,
        demo=row.demo(),
        kind=kind,
    )


def parse_areas(data: bytes) -> ParseResult[AreaRecord]:
    # Rows without a P-code are matched to each other and to the database on import.
    return _run("areas", data, _area, lambda r: (r.pcode,) if r.pcode else (), "pcode")


def parse_statuses(data: bytes, *, today: datetime.date) -> ParseResult[StatusRecord]:
    """`today` is the operator's date: a status may not be dated after it."""
    return _run("statuses", data, _status(today), lambda r: (r.pcode, r.date), "pcode")


def parse_camps(data: bytes) -> ParseResult[CampRecord]:
    return _run("camps", data, _camp, lambda r: (r.code,), "code")


def parse_services(data: bytes) -> ParseResult[ServiceRecord]:
    return _run("services", data, _service, lambda r: (r.camp_code, r.code), "service_code")


def parse_distributions(data: bytes) -> ParseResult[DistributionRecord]:
    return _run(
        "distributions", data, _distribution, lambda r: (r.camp_code, r.code), "distribution_code"
    )


@overload
def parse(
    kind: Literal["areas"], data: bytes, *, today: datetime.date | None = None
) -> ParseResult[AreaRecord]: ...
@overload
def parse(
    kind: Literal["statuses"], data: bytes, *, today: datetime.date | None = None
) -> ParseResult[StatusRecord]: ...
@overload
def parse(
    kind: Literal["camps"], data: bytes, *, today: datetime.date | None = None
) -> ParseResult[CampRecord]: ...
@overload
def parse(
    kind: Literal["services"], data: bytes, *, today: datetime.date | None = None
) -> ParseResult[ServiceRecord]: ...
@overload
def parse(
    kind: Literal["distributions"], data: bytes, *, today: datetime.date | None = None
) -> ParseResult[DistributionRecord]: ...
@overload
def parse(kind: str, data: bytes, *, today: datetime.date | None = None) -> ParseResult[Any]: ...
def parse(kind: str, data: bytes, *, today: datetime.date | None = None) -> ParseResult[Any]:
    """Parse a file of `kind` (one of KINDS). `today` is required for "statuses"."""
    if kind == "statuses":
        if today is None:
            raise ValueError("parse('statuses', ...) needs today= (statuses may not be future)")
        return parse_statuses(data, today=today)
    parsers: dict[str, Callable[[bytes], ParseResult[Any]]] = {
        "areas": parse_areas,
        "camps": parse_camps,
        "services": parse_services,
        "distributions": parse_distributions,
    }
    if kind not in parsers:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(('statuses', *parsers))}")
    return parsers[kind](data)
