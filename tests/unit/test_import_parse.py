"""CSV import/export: headers and HXL rows, every validation rule with its row number,
robustness against hostile files, CSV injection, and export -> parse round trips."""

from __future__ import annotations

import datetime
import importlib
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.domain.areas import LEVELS
from bot.domain.categories import CATEGORIES
from bot.domain.distributions import DISTRIBUTION_STATUSES
from bot.domain.records import (
    AreaRecord,
    CampRecord,
    DistributionRecord,
    ServiceRecord,
    StatusRecord,
    Texts,
)
from bot.domain.statuses import STATUSES
from bot.importing import (
    MAX_BYTES,
    ParseResult,
    RowError,
    export,
    neutralise,
    parse,
    parse_areas,
    parse_camps,
    parse_distributions,
    parse_services,
    parse_statuses,
)
from bot.importing.values import (
    CATEGORY_WORDS,
    DISTRIBUTION_WORDS,
    HAZARD_WORDS,
    LEVEL_WORDS,
    format_days,
    read_days,
)

TODAY = datetime.date(2026, 11, 24)
AREA_HEADER = "pcode,level,parent_pcode,name_en,name_ar,aliases,lat,lon,demo"
AREA_HXL = (
    "#loc+code,#loc+type,#loc+code+parent,#loc+name+i_en,#loc+name+i_ar,#loc+name+alt,"
    "#geo+lat,#geo+lon,#meta+demo"
)
AREA_ROWS = (
    "IQG15,governorate,,Ninewa,نينوى,Nineveh | Ninawa,,,no",
    "IQG15Q05N01,subdistrict,IQG15Q05,Al-Qayarra,القيارة,Qayyarah;Qayara,35.84924,43.27062,",
)
STATUS_HEADER = "pcode,status,date,source,note"


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def codes(result: ParseResult[Any]) -> list[tuple[int, str]]:
    return [(error.row, error.code) for error in result.errors]


def one_error(result: ParseResult[Any]) -> RowError:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# --- header and HXL rows -------------------------------------------------------------


def test_plain_header_only() -> None:
    result = parse_areas(csv_bytes(AREA_HEADER, *AREA_ROWS))
    assert result.ok and result.rows == 2 and not result.warnings
    ninewa, qayarra = result.records
    assert ninewa == AreaRecord(
        "IQG15",
        "governorate",
        None,
        Texts(en="Ninewa", ar="نينوى"),
        ("Nineveh", "Ninawa"),
        None,
        None,
        False,
    )
    assert qayarra.parent_pcode == "IQG15Q05"
    assert qayarra.aliases == ("Qayyarah", "Qayara")
    assert (qayarra.lat, qayarra.lon) == (35.84924, 43.27062)


def test_hxl_row_only_gives_the_same_records() -> None:
    plain = parse_areas(csv_bytes(AREA_HEADER, *AREA_ROWS))
    hxl_only = parse_areas(csv_bytes(AREA_HXL, *AREA_ROWS))
    assert hxl_only.ok and hxl_only.records == plain.records


def test_header_and_hxl_rows_count_in_line_numbers() -> None:
    data = csv_bytes(AREA_HEADER, AREA_HXL, *AREA_ROWS, "bad code,village,IQG15Q05N01,X,,,,,")
    result = parse_areas(data)
    assert len(result.records) == 2 and result.rows == 3
    assert codes(result) == [(5, "bad_code")]
    assert result.errors[0].column == "pcode"


def test_hxl_attributes_in_any_order_case_and_spacing() -> None:
    tags = "#LOC +Code, #loc+type, #loc +parent+code, #loc+i_en+name, #loc +I_AR +NAME"
    result = parse_areas(csv_bytes("a,b,c,d,e", tags, "IQG15,governorate,,Ninewa,نينوى"))
    assert result.ok and not result.warnings
    assert result.records[0].names == {"en": "Ninewa", "ar": "نينوى"}


def test_hxl_tag_wins_over_header_and_vocabulary_attributes_are_ignored() -> None:
    data = csv_bytes(
        "name_ar,pcode,level", "#loc+name+i_en,#loc+code+v_pcode,#loc+type", "Ninewa,IQG15,adm1"
    )
    result = parse_areas(data)
    assert result.ok and result.records[0].names == {"en": "Ninewa"}
    assert result.records[0].level == "governorate"


def test_headers_are_case_insensitive_and_trimmed() -> None:
    result = parse_areas(csv_bytes(" PCODE , Level ,Name_EN", "IQG15,Governorate,Ninewa"))
    assert result.ok and result.records[0].pcode == "IQG15"


def test_bom_is_accepted() -> None:
    result = parse_areas(b"\xef\xbb\xbf" + csv_bytes(AREA_HEADER, *AREA_ROWS))
    assert result.ok and len(result.records) == 2


def test_unknown_columns_are_warnings_not_errors() -> None:
    data = csv_bytes("pcode,level,name_en,population,,notes", "IQG15,governorate,Ninewa,1,,x")
    result = parse_areas(data)
    assert result.ok and len(result.records) == 1
    assert [(w.row, w.column, w.code) for w in result.warnings] == [
        (1, "population", "unknown_column"),
        (1, "notes", "unknown_column"),
    ]


def test_missing_required_columns_is_one_file_error_naming_them() -> None:
    result = parse_statuses(csv_bytes("pcode,note", "IQG15,x"), today=TODAY)
    error = one_error(result)
    assert (error.row, error.code) == (0, "missing_column")
    for name in ("status", "date", "source", "#status", "#org"):
        assert name in error.message
    assert result.records == () and result.file_errors == result.errors


def test_areas_need_a_name_column() -> None:
    error = one_error(parse_areas(csv_bytes("pcode,level,name_ckb", "IQG15,governorate,x")))
    assert error.code == "missing_column" and "name_en" in error.message


def test_duplicate_column_is_a_file_error() -> None:
    error = one_error(parse_areas(csv_bytes("pcode,code,level,name_en", "A,B,town,x")))
    assert error.code == "duplicate_column"


def test_semicolon_separated_file() -> None:
    result = parse_areas(b"pcode;level;name_en\nIQG15;governorate;Ninewa\n")
    assert result.ok and result.records[0].names["en"] == "Ninewa"


def test_row_numbers_follow_file_lines_through_quoted_newlines_and_blank_lines() -> None:
    data = csv_bytes(
        STATUS_HEADER,
        'IQG15,cleared,2026-11-01,DMA,"line one',
        'line two"',
        "",
        ",,,,",
        "IQG16,nonsense,2026-11-01,DMA,",
    )
    result = parse_statuses(data, today=TODAY)
    assert result.rows == 2
    assert result.records[0].note == "line one\nline two"
    assert codes(result) == [(6, "bad_status")]


def test_windows_line_endings() -> None:
    data = csv_bytes(STATUS_HEADER, "IQG15,SHA,2026-11-01,DMA,", "IQG16,x,2026-11-01,DMA,")
    result = parse_statuses(data.replace(b"\n", b"\r\n"), today=TODAY)
    assert codes(result) == [(3, "bad_status")] and result.records[0].status == "suspected"


def test_cod_style_adm_columns() -> None:
    data = csv_bytes(
        "adm3_pcode,adm3_en,adm3_ar,adm2_pcode,adm2_en,adm1_pcode,label_lat,label_lon",
        "IQG15Q05N01,Al-Qayarra,القيارة,IQG15Q05,Al-Mosul,IQG15,35.84924,43.27062",
    )
    result = parse_areas(data)
    assert result.ok
    assert result.records[0] == AreaRecord(
        "IQG15Q05N01",
        "subdistrict",
        "IQG15Q05",
        Texts(en="Al-Qayarra", ar="القيارة"),
        (),
        35.84924,
        43.27062,
        False,
    )
    mixed = csv_bytes(
        "#adm1+code,#adm2+code,#adm2+name,#adm1+name+i_ar",
        "IQG15,,,نينوى",
        "IQG15,IQG15Q05,Al-Mosul,نينوى",
    )
    first, second = parse_areas(mixed).records
    assert (first.pcode, first.level) == ("IQG15", "governorate")
    assert first.names == {"ar": "نينوى"}
    assert (second.pcode, second.level, second.parent_pcode) == (
        "IQG15Q05",
        "district",
        "IQG15",
    )


# --- values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("SHA", "suspected"),
        ("Suspected Hazardous Area", "suspected"),
        ("suspected", "suspected"),
        ("CHA", "confirmed"),
        ("confirmed hazardous area", "confirmed"),
        ("Clearance in progress", "in_progress"),
        ("in progress", "in_progress"),
        ("in_progress", "in_progress"),
        ("Cleared", "cleared"),
        ("released", "cleared"),
        ("cancelled", "cancelled"),
        ("Canceled", "cancelled"),
        ("no evidence", "cancelled"),
        ("Unknown", "unknown"),
        ("no information", "unknown"),
        ("مشتبه", "suspected"),
        ("مؤكد", "confirmed"),
        ("قيد التطهير", "in_progress"),
        ("مطهرة", "cleared"),
        ("ملغاة", "cancelled"),
        ("غير معروف", "unknown"),
    ],
)
def test_status_wording(word: str, status: str) -> None:
    result = parse_statuses(csv_bytes(STATUS_HEADER, f"IQG15,{word},2026-11-01,DMA,"), today=TODAY)
    assert result.ok, result.errors
    assert result.records[0].status == status


def test_vocabularies_map_onto_the_canonical_words() -> None:
    assert set(HAZARD_WORDS.values()) == set(STATUSES)
    assert set(LEVEL_WORDS.values()) == set(LEVELS)
    assert set(CATEGORY_WORDS.values()) == set(CATEGORIES)
    assert set(DISTRIBUTION_WORDS.values()) == set(DISTRIBUTION_STATUSES)


def test_status_rules_with_row_numbers() -> None:
    data = csv_bytes(
        STATUS_HEADER,
        "IQG15,reduced,2026-11-01,DMA,",  # 2 unknown word
        "IQG15,cleared,24/11/2026,DMA,",  # 3 not ISO
        "IQG15,cleared,2026-02-30,DMA,",  # 4 no such day
        "IQG15,cleared,2026-11-25,DMA,",  # 5 tomorrow
        "IQG15,cleared,2026-11-24,,",  # 6 no source
        "IQG15,cleared,2026-11-24,DMA,ok",  # 7 fine (today is allowed)
        "IQG15,confirmed,2026-11-24,IKMAA,",  # 8 same place and date as row 7
    )
    result = parse_statuses(data, today=TODAY)
    assert codes(result) == [
        (2, "bad_status"),
        (3, "bad_date"),
        (4, "bad_date"),
        (5, "future_date"),
        (6, "missing"),
        (8, "duplicate"),
    ]
    assert "row 7" in result.errors[-1].message
    assert len(result.records) == 1 and result.rows == 7


def test_parse_statuses_needs_today() -> None:
    with pytest.raises(ValueError, match="today"):
        parse("statuses", csv_bytes(STATUS_HEADER))
    with pytest.raises(ValueError, match="unknown kind"):
        parse("villages", b"")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("daily", {0, 1, 2, 3, 4, 5, 6}),
        ("sun-thu", {6, 0, 1, 2, 3}),
        ("Sun - Thu", {6, 0, 1, 2, 3}),
        ("mon,wed,fri", {0, 2, 4}),
        ("Monday, Wednesday", {0, 2}),
        ("fri-mon", {4, 5, 6, 0}),
        ("sat", {5}),
        ("من الأحد إلى الخميس", {6, 0, 1, 2, 3}),
        ("السبت، الاثنين والأربعاء", {5, 0, 2}),
        ("یەکشەممە - پێنجشەممە", {6, 0, 1, 2, 3}),
        ("Yekşem-Pêncşem", {6, 0, 1, 2, 3}),
        ("يومياً", {0, 1, 2, 3, 4, 5, 6}),
    ],
)
def test_days(text: str, days: set[int]) -> None:
    assert read_days(text) == frozenset(days)
    assert read_days(format_days(frozenset(days))) == frozenset(days)


def test_days_are_written_the_iraqi_way() -> None:
    assert format_days(frozenset({6, 0, 1, 2, 3})) == "sun-thu"
    assert format_days(frozenset(range(7))) == "daily"
    assert format_days(frozenset({0, 2, 5})) == "sat,mon,wed"


SERVICE_HEADER = "camp_code,service_code,category,name_en,days,opens,closes,phone,lat,lon"


def test_service_rules_with_row_numbers() -> None:
    data = csv_bytes(
        SERVICE_HEADER,
        "debaga-1,phc,health,Clinic,sun-thu,08:00,15:00,+964 750 000 0101,35.86,43.75",
        "debaga-1,wash,wash,Water,someday,8:00,,07501234567,,",  # 3 days; closes missing
        "debaga-1,legal,legal aid,Legal,daily,14:00,09:30,call me,,",  # 4 order; phone
        "debaga-1,pss,spa,Support,,,,12345,40.1,43.2",  # 5 category; phone; lat
        "debaga-1,school,education,,,25:00,26:00,,,",  # 6 no name; two bad times
        "debaga-1,PHC,health,Clinic again,,,,,,",  # 7 duplicate of row 2 (codes fold case)
    )
    result = parse_services(data)
    assert [(e.row, e.column, e.code) for e in result.errors] == [
        (3, "closes", "missing"),
        (3, "days", "bad_days"),
        (4, "closes", "bad_time"),
        (4, "phone", "bad_phone"),
        (5, "lat", "out_of_range"),
        (5, "category", "bad_category"),
        (5, "phone", "bad_phone"),
        (6, "name_en", "missing_name"),
        (6, "opens", "bad_time"),
        (6, "closes", "bad_time"),
        (7, "service_code", "duplicate"),
    ]
    assert [r.code for r in result.records] == ["phc"]
    clinic = result.records[0]
    assert clinic.days == {6, 0, 1, 2, 3} and clinic.opens == datetime.time(8)
    assert clinic.phone == "+964 750 000 0101" and clinic.category == "health"


def test_area_rules() -> None:
    data = csv_bytes(
        AREA_HEADER,
        "IQG15,governorate,IQ,Ninewa,,,,,",  # 2 a governorate has no parent
        "IQG15Q05,district,,Al-Mosul,,,,,",  # 3 a district needs one
        "IQG15Q06,hamlet,IQG15,Shikhan,,,,,",  # 4 unknown level
        "DEMO-1,village,DEMO-1,X,,,,,",  # 5 its own parent
        "DEMO-2,village,IQG15Q05N01,,,,,,",  # 6 no name
        "DEMO-3,village,IQG15Q05N01,Y,,,36.1,,maybe",  # 7 lat without lon; bad demo
        "demo-4,Village,iqg15q05n01,Z,,,,,yes",  # 8 fine: codes upper-cased
    )
    result = parse_areas(data)
    assert [(e.row, e.column, e.code) for e in result.errors] == [
        (2, "parent_pcode", "bad_parent"),
        (3, "parent_pcode", "missing"),
        (4, "level", "bad_level"),
        (5, "parent_pcode", "bad_parent"),
        (6, "name_en", "missing_name"),
        (7, "lon", "missing"),
        (7, "demo", "bad_boolean"),
    ]
    (village,) = result.records
    assert (village.pcode, village.parent_pcode, village.level, village.demo) == (
        "DEMO-4",
        "IQG15Q05N01",
        "village",
        True,
    )


def test_camps_need_an_english_or_arabic_name() -> None:
    data = csv_bytes(
        "code,name_ckb,name_en,sectors,left_off_en",
        "khanke,خانکێ,,A|B,",
        "debaga-1,,Debaga 1,A | B ; C,Go to the camp office.",
    )
    result = parse_camps(data)
    assert [(e.row, e.code) for e in result.errors] == [(2, "missing_name")]
    assert result.records[0].sectors == ("A", "B", "C")
    assert result.records[0].left_off == {"en": "Go to the camp office."}


DIST_HEADER = "camp_code,distribution_code,sector,date,starts,ends,items_en,status,reason_en"


def test_distribution_rules() -> None:
    data = csv_bytes(
        DIST_HEADER,
        "khanke,d1,A,2026-12-01,09:00,13:00,Flour,,",  # 2 fine, planned by default
        "khanke,d2,A,2026-12-01,09:00,09:00,Flour,planned,",  # 3 ends = starts
        "khanke,d3,B,2026-12-01,09:00,13:00,,postponed,",  # 4 no items, no reason
        "khanke,d4,,2026-12-01,,13:00,Oil,later,",  # 5 no start; unknown status
        "khanke,d5,,2026-12-01,08:00,12:00,Oil,Postponed,Trucks late",  # 6 fine
    )
    result = parse_distributions(data)
    assert [(e.row, e.column, e.code) for e in result.errors] == [
        (3, "ends", "bad_time"),
        (4, "items_en", "missing"),
        (4, "reason_en", "missing"),
        (5, "starts", "missing"),
        (5, "status", "bad_status"),
    ]
    planned, postponed = result.records
    assert planned.status == "planned" and planned.sector == "A"
    assert postponed.sector is None and postponed.reasons == {"en": "Trucks late"}


def test_text_is_cleaned_but_html_is_kept() -> None:
    name = "\u202bQay\u200byarah\u202c  <b>town</b>\x07"
    note = " first\u2067 line \r\n\r\n\r\n\r\nsecond\tline\ufeff "
    data = csv_bytes(STATUS_HEADER, f'IQG15,cleared,2026-11-01,"{name}","{note}"').replace(
        b"\n\n", b"\n"
    )
    (record,) = parse_statuses(data, today=TODAY).records
    assert record.source == "Qayyarah <b>town</b>"
    assert record.note == "first line\n\nsecond line"
    composed = parse_areas(csv_bytes("pcode,level,name_en", "X,governorate,Cafe\u0301"))
    assert composed.records[0].names["en"] == "Café"


def test_a_name_of_invisible_characters_is_no_name() -> None:
    data = csv_bytes("pcode,level,name_en", "X,governorate,\u200f\u200b \u2066")
    assert codes(parse_areas(data)) == [(2, "missing_name")]


def test_sorani_text_gets_standard_letters() -> None:
    data = csv_bytes("pcode,level,name_en,name_ckb", "X,governorate,Kirkuk,كەركوك")
    assert parse_areas(data).records[0].names["ckb"] == "کەرکوک"


def test_arabic_indic_digits_are_read() -> None:
    data = csv_bytes(STATUS_HEADER, "IQG15,مطهرة,٢٠٢٦-١١-٠١,DMA,")
    assert parse_statuses(data, today=TODAY).records[0].date == datetime.date(2026, 11, 1)


def test_length_limits() -> None:
    data = csv_bytes(
        "code,name_en,left_off_en",
        f"a,{'x' * 120},{'y' * 1000}",
        f"b,{'x' * 121},ok",
        f"c,ok,{'y' * 1001}",
        f"{'c' * 41},ok,ok",
    )
    result = parse_camps(data)
    assert [(e.row, e.column, e.code) for e in result.errors] == [
        (3, "name_en", "too_long"),
        (4, "left_off_en", "too_long"),
        (5, "code", "bad_code"),
    ]


def test_many_errors_from_one_file_are_all_collected() -> None:
    lines = [STATUS_HEADER]
    lines += [f"P{i},bad,2026-99-99,,<note>" for i in range(500)]
    result = parse_statuses(csv_bytes(*lines), today=TODAY)
    assert len(result.errors) == 1500 and result.records == ()
    assert [e.row for e in result.errors[:6]] == [2, 2, 2, 3, 3, 3]
    assert result.errors[-1].row == 501


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
    assert header == "pcode,status,date,source,note,demo"
    assert tags == "#loc+code,#status,#date,#org,#description,#meta+demo"
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
            Texts(en="Oil"),
            Texts(),
            "done",
            Texts(),
            False,
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
    doc = Path(__file__).resolve().parents[2] / "docs" / "data-formats.md"
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
