"""CSV import: every validation rule of every kind, with its row number; values cleaned
and read (words, days, dates, digits, lengths)."""

from __future__ import annotations

import datetime

import pytest

from bot.domain.areas import LEVELS
from bot.domain.categories import CATEGORIES
from bot.domain.distributions import DISTRIBUTION_STATUSES
from bot.domain.statuses import STATUSES
from bot.importing import (
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
from tests.unit.csv_samples import AREA_HEADER, STATUS_HEADER, TODAY, codes, csv_bytes

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
