"""CSV import: plain headers and HXL hashtag rows, column mapping, separators, line numbers."""

from __future__ import annotations

from bot.domain.records import (
    AreaRecord,
    Texts,
)
from bot.importing import (
    parse_areas,
    parse_statuses,
)
from tests.unit.csv_samples import (
    AREA_HEADER,
    AREA_HXL,
    AREA_ROWS,
    STATUS_HEADER,
    TODAY,
    codes,
    csv_bytes,
    one_error,
)

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


def test_a_badini_name_column_is_not_data() -> None:
    """Badini reads names through its fallback: a name_kmr_Arab column is not stored, and
    the data manager is told so rather than seeing it silently dropped."""
    data = csv_bytes("pcode,level,name_en,name_kmr_Arab", "IQG15,governorate,Ninewa,نەینەوا")
    result = parse_areas(data)
    assert result.ok and len(result.records) == 1
    assert dict(result.records[0].names) == {"en": "Ninewa"}
    assert [(w.column, w.code) for w in result.warnings] == [("name_kmr_Arab", "unknown_column")]
