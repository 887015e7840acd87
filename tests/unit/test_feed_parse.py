"""Reading status feeds: HXL CSV and HXL JSON, synonyms, and whole-feed rejection."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from bot.domain.records import StatusRecord
from bot.feeds.outcome import PollOutcome
from bot.feeds.parse import FeedParse, detect_format, parse_feed
from bot.feeds.report import render_poll
from tests.conftest import REPO

TODAY = datetime.date(2026, 11, 24)


def parse(text: str | bytes, content_type: str | None = None) -> FeedParse:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_feed(data, today=TODAY, content_type=content_type)


def records(result: FeedParse) -> list[tuple[int, StatusRecord]]:
    assert result.ok, [str(e) for e in result.errors]
    return [(row.row, row.record) for row in result.rows]


def errors(result: FeedParse) -> list[tuple[int, str | None, str]]:
    assert not result.rows, "a feed with errors must give no rows at all"
    return [(e.row, e.column, e.code) for e in result.errors]


# --- CSV -----------------------------------------------------------------------------------

GOOD_CSV = """\
Village,Sub-district P-code,Status,Date,Source,Note
#loc+name,#adm3+code,#status,#date,#org,#meta+note
Qayyarah,IQG15Q05N01,SHA,2026-11-20,Directorate of Mine Action,Reports of objects near the road.
Hamam al-Alil,iqg15q05n02,Cleared and released,2026-11-18,DMA,
"""


def test_hxl_csv_with_header_row_adm3_codes_synonyms_and_notes() -> None:
    result = parse(GOOD_CSV)
    assert records(result) == [
        (3, StatusRecord(
            "IQG15Q05N01", "suspected", datetime.date(2026, 11, 20),
            "Directorate of Mine Action", "Reports of objects near the road.", False,
        )),
        (4, StatusRecord(
            "IQG15Q05N02", "cleared", datetime.date(2026, 11, 18), "DMA", None, False
        )),
    ]
    assert result.data_rows == 2
    # The name column is not used: a warning, not an error.
    assert [(w.row, w.column, w.code) for w in result.warnings] == [
        (2, "Village", "unknown_column")
    ]


def test_tag_row_only_with_loc_code_and_description() -> None:
    result = parse(
        "#loc+code,#status,#date,#org,#description\n"
        "GN99003,in progress,2026-11-16,UNMAS partner,Teams in the oil field.\n"
    )
    assert records(result) == [
        (2, StatusRecord(
            "GN99003", "in_progress", datetime.date(2026, 11, 16), "UNMAS partner",
            "Teams in the oil field.", False,
        ))
    ]


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("unknown", "unknown"), ("No information", "unknown"), ("غير معروف", "unknown"),
        ("suspected", "suspected"), ("SHA", "suspected"), ("مشتبه به", "suspected"),
        ("confirmed", "confirmed"), ("CHA", "confirmed"), ("Confirmed hazardous area", "confirmed"),
        ("in_progress", "in_progress"), ("Clearance in progress", "in_progress"),
        ("قيد التطهير", "in_progress"),
        ("cleared", "cleared"), ("released", "cleared"), ("مطهرة", "cleared"),
        ("cancelled", "cancelled"), ("canceled", "cancelled"), ("no evidence", "cancelled"),
    ],
)
def test_status_synonyms_are_the_importers(word: str, status: str) -> None:
    result = parse(f"#adm3+code,#status,#date,#org\nIQG15Q05N01,{word},2026-11-20,DMA\n")
    assert records(result)[0][1].status == status


@pytest.mark.parametrize("word", ["safe", "Safe", "آمن", "reduced", "ok", "clear?"])
def test_safe_and_other_words_are_not_statuses(word: str) -> None:
    result = parse(f"#adm3+code,#status,#date,#org\nIQG15Q05N01,{word},2026-11-20,DMA\n")
    assert errors(result) == [(2, "#status", "bad_status")]


def test_the_most_specific_code_of_each_row_names_its_area() -> None:
    result = parse(
        "#adm1+code,#adm2+code,#adm3+code,#adm4+code,#status,#date,#org\n"
        "IQG15,IQG15Q05,IQG15Q05N01,DEMO-HAJJ-ALI,suspected,2026-11-20,DMA\n"
        "IQG15,IQG15Q05,IQG15Q05N01,,confirmed,2026-11-20,DMA\n"
        "IQG15,IQG15Q05,,,unknown,2026-11-20,DMA\n"
    )
    assert [r.pcode for _, r in records(result)] == ["DEMO-HAJJ-ALI", "IQG15Q05N01", "IQG15Q05"]


def test_feed_tag_spellings_and_vocabulary_attributes() -> None:
    result = parse(
        "#ADM3 +code +v_pcode,#status,#date +reported,#org +name,#meta +note\n"
        "IQG15Q05N01,confirmed,2026-11-20T09:30:00+03:00,DMA,Survey done.\n"
    )
    assert records(result) == [
        (2, StatusRecord(
            "IQG15Q05N01", "confirmed", datetime.date(2026, 11, 20), "DMA", "Survey done.", False
        ))
    ]


def test_a_feed_with_history_keeps_each_areas_latest_row() -> None:
    result = parse(
        "#adm3+code,#status,#date,#org\n"
        "IQG15Q05N01,confirmed,2026-09-01,DMA\n"
        "IQG15Q05N02,suspected,2026-10-01,DMA\n"
        "IQG15Q05N01,in_progress,2026-11-01,DMA\n"
        "IQG15Q05N01,suspected,2026-08-01,DMA\n"
    )
    assert [(row, r.pcode, r.status) for row, r in records(result)] == [
        (3, "IQG15Q05N02", "suspected"),
        (4, "IQG15Q05N01", "in_progress"),
    ]


def test_bom_semicolons_crlf_and_blank_rows() -> None:
    data = (
        "\ufeff#adm3+code;#status;#date;#org\r\n\r\n"
        "IQG15Q05N01;cleared;2026-11-20;DMA\r\n;;;\r\n"
    ).encode()
    assert records(parse(data)) == [
        (3, StatusRecord("IQG15Q05N01", "cleared", datetime.date(2026, 11, 20), "DMA", None, False))
    ]


def test_any_malformed_row_rejects_the_whole_feed_with_row_numbers() -> None:
    result = parse(
        "pcode,status,date,org,note\n"
        "#adm3+code,#status,#date,#org,#description\n"
        "IQG15Q05N01,cleared,2026-11-20,DMA,fine\n"
        "IQG15Q05N02,safe,2026-11-20,DMA,\n"
        "IQG15Q05N03,confirmed,20/11/2026,DMA,\n"
        ",confirmed,2026-11-20,DMA,\n"
        "IQG15Q05N04,confirmed,2026-11-20,,\n"
        "IQG15Q05N05,confirmed,2026-12-01,DMA,\n"
        "IQG15Q05N06,confirmed,2026-11-20,DMA,note,extra\n"
        'IQG15Q05N01,suspected,2026-11-20,DMA,"a note\nover two lines"\n'
        "IQG15Q05N07,confirmed,2026-11-20,DMA,\n"
    )
    assert errors(result) == [
        (4, "status", "bad_status"),
        (5, "date", "bad_date"),
        (6, "pcode", "missing"),
        (7, "org", "missing"),
        (8, "date", "future_date"),
        (9, None, "extra_cells"),
        (10, "pcode", "duplicate"),
    ]
    assert result.data_rows == 9


def test_file_level_problems() -> None:
    assert errors(parse(b"")) == [(0, None, "empty")]
    assert errors(parse("\ufeff\n\n")) == [(0, None, "empty")]
    assert errors(parse("pcode,status,date,source\nX,cleared,2026-11-20,DMA\n")) == [
        (0, None, "missing_hxl")
    ]
    assert errors(parse("#loc+name,#status,#date,#org\nQayyarah,cleared,2026-11-20,DMA\n")) == [
        (0, None, "missing_column")
    ]
    assert errors(parse("#adm3+code,#status,#org\nIQG15Q05N01,cleared,DMA\n")) == [
        (0, None, "missing_column")
    ]
    assert errors(parse("#adm3+code,#adm3+code,#status,#date,#org\n")) == [
        (0, None, "duplicate_column")
    ]
    assert errors(parse("#adm3+code,#status,#date,#org,#meta+note,#description\n")) == [
        (0, None, "duplicate_column")
    ]
    assert errors(parse(b"#adm3+code,#status\n\xff\xfe,x\n")) == [(0, None, "bad_encoding")]
    assert errors(parse(b"#adm3+code,#status\x00\n")) == [(0, None, "binary")]


def test_a_header_with_no_data_rows_is_an_empty_feed_not_an_error() -> None:
    result = parse("#adm3+code,#status,#date,#org\n")
    assert result.ok and result.rows == () and result.data_rows == 0


# --- JSON ----------------------------------------------------------------------------------


def test_json_list_of_lists_with_the_tag_row_first() -> None:
    data = json.dumps([
        ["#adm3+code", "#status", "#date", "#org", "#meta+note"],
        ["IQG15Q05N01", "confirmed", "2026-11-20", "DMA", None],
        ["IQG15Q05N02", "cleared", "2026-11-19", "DMA", "Handed over."],
    ])
    assert records(parse(data)) == [
        (2, StatusRecord("IQG15Q05N01", "confirmed", datetime.date(2026, 11, 20), "DMA", None, False)),
        (3, StatusRecord(
            "IQG15Q05N02", "cleared", datetime.date(2026, 11, 19), "DMA", "Handed over.", False
        )),
    ]


def test_json_list_of_lists_with_a_header_row_then_tags() -> None:
    data = json.dumps([
        ["P-code", "Status", "Date", "Org", "Count"],
        ["#adm3+code", "#status", "#date", "#org", "#affected"],
        ["IQG15Q05N01", "SHA", "2026-11-20", "DMA", 12],
    ])
    result = parse(data)
    assert [(row, r.status) for row, r in records(result)] == [(3, "suspected")]
    assert [(w.column, w.code) for w in result.warnings] == [("Count", "unknown_column")]


def test_json_list_of_objects_keyed_by_hashtags() -> None:
    data = json.dumps([
        {"#adm3+code": "IQG15Q05N01", "#status": "in progress", "#date": "2026-11-20",
         "#org": "UNMAS partner", "#loc+name": "Qayyarah"},
        {"#adm3+code": "IQG15Q05N02", "#status": "cancelled", "#date": "2026-11-21",
         "#org": "IKMAA", "#meta+note": "No evidence found."},
    ])
    assert records(parse(data, "application/json; charset=utf-8")) == [
        (1, StatusRecord(
            "IQG15Q05N01", "in_progress", datetime.date(2026, 11, 20), "UNMAS partner", None, False
        )),
        (2, StatusRecord(
            "IQG15Q05N02", "cancelled", datetime.date(2026, 11, 21), "IKMAA",
            "No evidence found.", False,
        )),
    ]


def test_json_rows_with_errors_name_the_item_of_the_list() -> None:
    data = json.dumps([
        {"#adm3+code": "IQG15Q05N01", "#status": "cleared", "#date": "2026-11-20", "#org": "DMA"},
        {"#adm3+code": "IQG15Q05N02", "#status": "safe", "#date": "2026-11-20", "#org": "DMA"},
        {"#adm3+code": "IQG15Q05N03", "#status": "cleared", "#date": "yesterday", "#org": "DMA"},
    ])
    assert errors(parse(data)) == [(2, "#status", "bad_status"), (3, "#date", "bad_date")]


def test_json_shapes_that_are_not_hxl_json() -> None:
    assert errors(parse("{\"#status\": \"cleared\"}")) == [(0, None, "not_hxl_json")]
    assert errors(parse("[")) == [(0, None, "bad_json")]
    assert errors(parse("[]")) == [(0, None, "empty")]
    nested = json.dumps([["#adm3+code", "#status"], ["X", ["cleared"]], "row"])
    assert errors(parse(nested)) == [(2, None, "bad_value"), (3, None, "bad_row")]
    objects = json.dumps([{"#adm3+code": {"code": "X"}, "#status": "cleared"}])
    assert errors(parse(objects)) == [(1, "#adm3+code", "bad_value")]
    no_tags = json.dumps([{"pcode": "IQG15Q05N01", "status": "cleared"}])
    assert errors(parse(no_tags)) == [(0, None, "missing_hxl")]


def test_format_detection() -> None:
    assert detect_format(b'[["#status"]]') == "json"
    assert detect_format(b"\xef\xbb\xbf  \n[") == "json"
    assert detect_format(b"#status\n") == "csv"
    assert detect_format(b"[not json", "text/csv") == "csv"
    assert detect_format(b"#status", "application/vnd.hxl+json") == "json"


# --- the report --------------------------------------------------------------------------


class _English:
    """A translator stand-in: English msgids, values inserted as they are."""

    code = "en"

    def gettext(self, message: str, /, **values: object) -> str:
        return message.format(**values)

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        return (singular if n == 1 else plural).format(n=n, **values)


def test_reports_say_nothing_was_changed_and_name_unknown_areas() -> None:
    tr = _English()
    malformed = PollOutcome(
        "malformed", error_count=7, errors=("row 4, column '#status': bad [bad_status]",) * 5
    )
    text = render_poll(tr, "partner", malformed)  # type: ignore[arg-type]
    assert text.startswith("Feed partner cannot be used: 7 problems were found. Nothing was changed.")
    assert text.count("• row 4") == 5 and text.endswith("… and 2 more.")
    unknown = PollOutcome("unknown_areas", unknown_count=12, unknown=tuple(f"X{i}" for i in range(10)))
    text = render_poll(tr, "partner", unknown)  # type: ignore[arg-type]
    assert text == (
        "Feed partner names 12 areas Daleel does not know: X0, X1, X2, X3, X4, X5, X6, X7, X8, "
        "X9, …. Nothing was changed."
    )
    ok = PollOutcome("ok", proposed=3, urgent=2)
    assert render_poll(tr, "partner", ok) == (  # type: ignore[arg-type]
        "Feed partner: 3 changes waiting for review (2 urgent: toward danger). /pending to review."
    )


def test_the_feed_example_in_the_documentation_parses() -> None:
    doc = REPO / "docs" / "data-formats.md"
    section = doc.read_text(encoding="utf-8").split("## Status feeds", 1)[1]
    [block] = re.findall(r"```text\n(.*?)```", section.split("\n## ", 1)[0], re.S)
    result = parse(block)
    assert [(r.pcode, r.status) for _, r in records(result)] == [
        ("IQG15Q05N01", "confirmed"), ("IQG15Q05N02", "cleared")
    ]
    assert [w.column for w in result.warnings] == ["Sub-district"]
