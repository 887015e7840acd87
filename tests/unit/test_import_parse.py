"""CSV import/export: robustness against hostile files, CSV injection, export -> parse
round trips, the documented examples, and the records themselves."""

from __future__ import annotations

import datetime
import importlib
import re
import time
from dataclasses import replace

import pytest

from bot.domain.records import (
    AreaRecord,
    CampRecord,
    DistributionRecord,
    ServiceRecord,
    StatusRecord,
    Texts,
)
from bot.importing import (
    MAX_BYTES,
    RowError,
    export,
    neutralise,
    parse,
    parse_areas,
    parse_camps,
)
from tests.conftest import REPO
from tests.unit.csv_samples import AREA_HEADER, AREA_HXL, AREA_ROWS, TODAY, csv_bytes, one_error

# --- hostile files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"pcode,level\x00,name_en\nX,town,Y\n", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00rest-of-a-workbook", "not_csv"),
        ("pcode,level,name_en\n".encode("utf-16"), "not_csv"),
        ("pcode,level,name_en\nX,town,قرية\n".encode("cp1256"), "bad_encoding"),
        (bytes(range(256)) * 10, "binary"),
    ],
)
def test_hostile_files_give_a_file_error(data: bytes, code: str) -> None:
    result = parse_areas(data)
    error = one_error(result)
    assert (error.row, error.code) == (0, code)
    assert result.records == ()


def test_bad_encoding_names_the_line() -> None:
    data = csv_bytes("pcode,level,name_en", "X,town,ok") + "Y,town,قرية\n".encode("cp1256")
    assert "line 3" in one_error(parse_areas(data)).message


def test_too_large_file() -> None:
    data = csv_bytes("pcode,level,name_en") + b"x" * MAX_BYTES
    error = one_error(parse_areas(data))
    assert error.code == "too_large"


def test_ten_thousand_columns() -> None:
    wide_header = ",".join(f"c{i}" for i in range(10_000))
    assert one_error(parse_areas(csv_bytes(wide_header))).code == "too_many_columns"
    wide_row = "IQG15,governorate,Ninewa" + ",x" * 10_000
    result = parse_areas(csv_bytes("pcode,level,name_en", wide_row, "IQG16,governorate,Salah"))
    assert [(e.row, e.code) for e in result.errors] == [(2, "extra_cells")]
    assert [r.pcode for r in result.records] == ["IQG16"]


def test_huge_field_is_a_csv_error_not_an_exception() -> None:
    data = csv_bytes("pcode,level,name_en", "A,governorate,ok", f'B,town,"{"x" * 200_000}"')
    result = parse_areas(data)
    error = one_error(result)
    assert (error.row, error.code) == (0, "bad_csv") and "line 2" in error.message


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.import_module("bot.importing.parse"), "MAX_ROWS", 3)
    lines = [f"P{i},town,Town {i}" for i in range(5)]
    result = parse_areas(csv_bytes("pcode,level,name_en", *lines))
    assert [(e.row, e.code) for e in result.errors][-1] == (0, "too_many_rows")


def test_header_only_file_is_empty_but_valid() -> None:
    result = parse_areas(csv_bytes(AREA_HEADER, AREA_HXL))
    assert result.ok and result.rows == 0 and result.records == ()


# --- export --------------------------------------------------------------------------


def test_csv_injection_is_neutralised_on_export_and_undone_on_import() -> None:
    record = CampRecord(
        "x",
        Texts(en="=cmd|' /C calc'!A0", ar="@SUM(1+1)", ckb="-2+3", ku="'=already"),
        ("+danger()", "normal"),
        None,
        None,
        ("A",),
        Texts(en="- one\n- two"),
        None,
        None,
        True,
    )
    data = export("camps", [record])
    text = data.decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text and "'@SUM(1+1)" in text and "'-2+3" in text
    assert "''=already" in text and "'+danger()" in text and "'- one" in text
    result = parse_camps(data)
    assert result.ok and result.records == (record,)


def test_numbers_and_phone_numbers_are_not_quoted() -> None:
    assert neutralise("+964 750 000 0101") == "+964 750 000 0101"
    assert neutralise("-12.5") == "-12.5"
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+1)") == "'+1)"


def test_export_has_header_and_hxl_rows_and_a_bom() -> None:
    data = export("statuses", [])
    assert data.startswith(b"\xef\xbb\xbf")
    header, tags = data.decode("utf-8-sig").splitlines()
    notes = ("note_ar", "note_ckb", "note_ku", "note_en")
    assert header == ",".join(("pcode", "status", "date", "source", "note", *notes, "demo"))
    note_tags = ("#description+i_ar", "#description+i_ckb", "#description+i_ku", "#description+i_en")
    assert tags == ",".join(("#loc+code", "#status", "#date", "#org", "#description", *note_tags,
                             "#meta+demo"))
    assert not export("statuses", [], bom=False).startswith(b"\xef")
    with pytest.raises(TypeError):
        export(
            "statuses",
            [CampRecord("x", Texts(en="x"), (), None, None, (), Texts(), None, None, False)],
        )


ALL_LANGS = Texts(en="Hajj Ali", ar="حاج علي", ckb="حاجی عەلی", ku="Hecî Elî")
ROUND_TRIP: dict[str, list[object]] = {
    "areas": [
        AreaRecord(
            "DEMO-HAJJ-ALI",
            "village",
            "IQG15Q05N01",
            ALL_LANGS,
            ("Haj Ali", "الحاج علي"),
            35.9,
            43.25,
            True,
        ),
        AreaRecord("IQG15", "governorate", None, Texts(ar="نينوى"), (), None, None, False),
    ],
    "statuses": [
        StatusRecord(
            "DEMO-HAJJ-ALI",
            "cleared",
            TODAY,
            "Directorate of Mine Action",
            'Line one\nline two, with a comma and "quotes"',
            True,
        ),
        StatusRecord("IQG15", "unknown", datetime.date(2020, 1, 1), "=evil()", None, False),
    ],
    "camps": [
        CampRecord(
            "debaga-1",
            ALL_LANGS,
            ("Debaga",),
            "IQG11",
            "IQG11Q04",
            ("A", "B"),
            ALL_LANGS,
            35.86,
            43.75,
            True,
        ),
        CampRecord("x", Texts(en="X"), (), None, None, (), Texts(), None, None, False),
    ],
    "services": [
        ServiceRecord(
            "debaga-1",
            "phc",
            "health",
            ALL_LANGS,
            ALL_LANGS,
            ALL_LANGS,
            frozenset({6, 0, 1, 2, 3}),
            datetime.time(8),
            datetime.time(15, 30),
            "+964 750 000 0101",
            35.86,
            43.75,
            True,
        ),
        ServiceRecord(
            "debaga-1",
            "food",
            "food",
            Texts(en="Food"),
            Texts(),
            Texts(),
            frozenset(),
            None,
            None,
            None,
            None,
            None,
            False,
        ),
        ServiceRecord(
            "debaga-1",
            "odd",
            "other",
            Texts(ku="Tişt"),
            Texts(),
            Texts(),
            frozenset({0, 3, 5}),
            datetime.time(0),
            datetime.time(23, 59),
            None,
            None,
            None,
            False,
        ),
    ],
    "distributions": [
        DistributionRecord(
            "khanke",
            "2026-12-01-a",
            "A",
            datetime.date(2026, 12, 1),
            datetime.time(9),
            datetime.time(13),
            ALL_LANGS,
            ALL_LANGS,
            ALL_LANGS,
            "postponed",
            ALL_LANGS,
            True,
        ),
        DistributionRecord(
            "khanke",
            "2026-12-02-all",
            None,
            datetime.date(2026, 12, 2),
            datetime.time(9),
            datetime.time(13),
            Texts(),
            Texts(en="Kerosene"),
            Texts(),
            "done",
            Texts(),
            False,
            "kerosene",
        ),
    ],
}


@pytest.mark.parametrize("kind", list(ROUND_TRIP))
@pytest.mark.parametrize("bom", [True, False])
def test_export_then_parse_gives_equal_records(kind: str, bom: bool) -> None:
    records = ROUND_TRIP[kind]
    data = export(kind, records, bom=bom)  # type: ignore[arg-type]
    result = parse(kind, data, today=TODAY)
    assert result.ok and not result.warnings, result.errors
    assert list(result.records) == records
    assert export(kind, result.records, bom=bom) == data


def test_the_examples_in_the_documentation_parse() -> None:
    doc = REPO / "docs" / "data-formats.md"
    blocks = re.findall(r"```csv\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    kinds = ["areas", "statuses", "camps", "services", "distributions"]
    assert len(blocks) == len(kinds)
    for kind, block in zip(kinds, blocks, strict=True):
        result = parse(kind, block.encode(), today=TODAY)
        assert result.ok and not result.warnings and result.records, (kind, result)


# --- records -------------------------------------------------------------------------


def test_texts_is_an_immutable_hashable_mapping() -> None:
    texts = Texts({"en": "Mosul", "ar": "الموصل", "ckb": ""})
    assert dict(texts) == {"ar": "الموصل", "en": "Mosul"} and list(texts) == ["ar", "en"]
    assert texts == Texts(ar="الموصل", en="Mosul") == {"en": "Mosul", "ar": "الموصل"}
    assert hash(texts) == hash(Texts([("en", "Mosul"), ("ar", "الموصل")]))
    assert texts.first("ku", "en") == "Mosul" and Texts().first("en") is None
    with pytest.raises(AttributeError):
        texts._items = ()
    with pytest.raises(ValueError, match="fr"):
        Texts(fr="Mossoul")
    assert {replace(ROUND_TRIP["areas"][0], demo=False)}  # type: ignore[type-var]


def test_row_error_reads_well() -> None:
    assert str(RowError(3, "date", "bad_date", "x")) == "row 3, column 'date': x [bad_date]"
    assert str(RowError(0, None, "binary", "y")) == "file: y [binary]"


def test_speed_of_25000_area_rows() -> None:
    base = parse_areas(csv_bytes(AREA_HEADER, *AREA_ROWS)).records[1]
    records = [replace(base, pcode=f"DEMO-{i}") for i in range(25_000)]
    data = export("areas", records)
    start = time.perf_counter()
    result = parse_areas(data)
    elapsed = time.perf_counter() - start
    assert result.ok and len(result.records) == 25_000
    assert elapsed < 15, f"{elapsed:.1f}s"  # loose: about 1 s on a slow, busy machine
