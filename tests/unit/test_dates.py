"""Dates read as in Iraqi Kurdistan: Kurmanji and Sorani month names, day–month–year, and
the Arabic-script Kurmanji table the Badini catalogue plugs into."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.languages import LANGUAGES
from bot.i18n.catalogues import Catalogues
from bot.i18n.dates import (
    BY_LANGUAGE,
    CALENDARS,
    KURMANJI_ARABIC,
    KURMANJI_LATIN,
    SORANI,
    calendar_for,
    format_date,
)

KURMANJI_MONTHS = (
    "Kanûna Duyê", "Şubat", "Adar", "Nîsan", "Gulan", "Hezîran",
    "Tîrmeh", "Tebax", "Eylûl", "Çiriya Êkê", "Çiriya Duyê", "Kanûna Êkê",
)  # fmt: skip
SORANI_MONTHS = (
    "کانوونی دووەم", "شوبات", "ئازار", "نیسان", "ئایار", "حوزەیران",
    "تەممووز", "ئاب", "ئەیلوول", "تشرینی یەکەم", "تشرینی دووەم", "کانوونی یەکەم",
)  # fmt: skip
# Turkey's Kurmanji names (CLDR ku), unknown in Duhok.
TURKEY = ("rêbendan", "sibat", "cotmeh", "mijdar", "berfanbar")


@pytest.mark.parametrize("month", range(1, 13))
def test_every_kurmanji_and_sorani_month(catalogues: Catalogues, month: int) -> None:
    day = date(2026, month, 5)
    ku = catalogues.translator("ku").date(day)
    ckb = catalogues.translator("ckb").date(day)
    assert ku == f"5 {KURMANJI_MONTHS[month - 1]} 2026"
    assert ckb == f"5ی {SORANI_MONTHS[month - 1]}ی 2026"
    assert not any(word in ku.lower() for word in TURKEY)


def test_kurmanji_date_time_and_full_date(catalogues: Catalogues) -> None:
    ku = catalogues.translator("ku")
    # 20:05 UTC is 23:05 in Baghdad, still the 31st of December.
    assert ku.datetime(datetime(2026, 12, 31, 20, 5, tzinfo=UTC)) == "31 Kanûna Êkê 2026, 23:05"
    assert ku.date(date(2026, 1, 3), "full") == "Şemî, 3 Kanûna Duyê 2026"
    assert ku.date(date(2026, 11, 25), "medium") == "25 Çiriya Duyê 2026"


def test_sorani_fixes_cldr_spellings_and_reads_day_first(catalogues: Catalogues) -> None:
    ckb = catalogues.translator("ckb")
    # CLDR spells December کانونی and writes medium dates year first.
    assert ckb.date(date(2026, 12, 1)) == "1ی کانوونی یەکەمی 2026"
    assert ckb.date(date(2026, 7, 14)) == "14ی تەممووزی 2026"
    assert ckb.datetime(datetime(2026, 11, 24, 9, 30, tzinfo=UTC)).startswith(
        "24ی تشرینی دووەمی 2026، 12:30"
    )


def test_arabic_and_english_keep_babel(catalogues: Catalogues) -> None:
    assert calendar_for("ar") is None and calendar_for("en") is None
    assert catalogues.translator("ar").date(date(2026, 11, 24)) == "24 تشرين الثاني 2026"
    assert catalogues.translator("en").date(date(2026, 11, 24)) == "November 24, 2026"


def test_weekdays_come_from_the_catalogue(catalogues: Catalogues) -> None:
    assert catalogues.translator("ku").weekday(4) == "Înî"
    assert catalogues.translator("ckb").weekday(4) == "هەینی"  # not CLDR's ھ
    assert catalogues.translator("en").weekday(0) == "Monday"


def test_the_arabic_script_kurmanji_table_for_badini() -> None:
    assert CALENDARS["kmr-Arab"] is KURMANJI_ARABIC
    assert format_date(date(2026, 1, 28), KURMANJI_ARABIC) == "28 کانوونا دووێ 2026"
    assert format_date(date(2026, 11, 2), KURMANJI_ARABIC) == "2 چریا دووێ 2026"
    assert format_date(date(2026, 10, 2), KURMANJI_ARABIC, weekday="ئەینی") == (
        "ئەینی، 2 چریا ئێکێ 2026"
    )


def test_tables_are_whole_and_every_language_is_known() -> None:
    for calendar in (KURMANJI_LATIN, KURMANJI_ARABIC, SORANI):
        assert len(calendar.months) == 12 and len(set(calendar.months)) == 12
    codes = {lang.code for lang in LANGUAGES}
    assert set(BY_LANGUAGE) <= codes
    assert set(BY_LANGUAGE.values()) <= set(CALENDARS)
