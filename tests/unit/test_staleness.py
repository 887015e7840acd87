"""The staleness digest: which statuses are old, and a digest that always fits one message."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.announcements.texts import MESSAGE_LIMIT, telegram_length
from bot.domain.records import Texts
from bot.i18n.catalogues import Catalogues
from bot.importing.apply import import_parsed
from bot.importing.parse import parse
from bot.safety.answers import Place
from bot.safety.sources import load_sources
from bot.safety.staleness import render_digest
from bot.storage import Database
from bot.storage.areas import Area
from bot.storage.staleness import StaleStatus, count_stale, oldest_stale

TODAY = date(2026, 11, 24)
AREAS = """pcode,level,parent_pcode,name_ar,name_en
IQG15,governorate,,نينوى,Ninewa
V1,village,IQG15,قرية١,Village One
V2,village,IQG15,قرية٢,Village Two
V3,village,IQG15,قرية٣,Village Three
V4,village,IQG15,قرية٤,Village Four
"""
STATUSES = """pcode,status,date,source
V1,suspected,2026-08-01,Directorate of Mine Action
V1,confirmed,2026-10-24,Directorate of Mine Action
V2,confirmed,2026-10-25,UNMAS partner
V3,in_progress,2026-09-30,UNMAS partner
V4,unknown,2026-11-20,Directorate of Mine Action
"""


@pytest.fixture(autouse=True)
async def _areas_and_statuses(db: Database) -> None:
    """AREAS and their STATUSES, imported as seen on TODAY."""
    for kind, data in (("areas", AREAS), ("statuses", STATUSES)):
        report = await import_parsed(db, kind, parse(kind, data.encode(), today=TODAY))
        assert report.applied, report.errors


async def test_only_the_current_status_counts_and_exactly_the_limit_is_current(
    db: Database,
) -> None:
    before = TODAY - timedelta(days=30)  # 2026-10-25: that day is 30 days old, still current
    assert await count_stale(db, before) == 2
    stale = await oldest_stale(db, before, 10)
    # V1's old "suspected" is history; its current status (31 days old) is what counts.
    assert [(s.area.pcode, s.status, s.status_date) for s in stale] == [
        ("V3", "in_progress", date(2026, 9, 30)),
        ("V1", "confirmed", date(2026, 10, 24)),
    ]
    assert stale[0].area.names == Texts(ar="قرية٣", en="Village Three")
    assert [s.area.pcode for s in await oldest_stale(db, before, 1)] == ["V3"]
    assert await count_stale(db, TODAY - timedelta(days=5)) == 3


def _items(n: int) -> list[tuple[Place, StaleStatus]]:
    items = []
    for i in range(n):
        name = f"Village number {i} with a rather long name to fill the digest quickly"
        area = Area(i, f"V{i}", "village", 1, Texts(en=name), None, None, False)
        stale = StaleStatus(
            area, "suspected", TODAY - timedelta(days=400 - i), "Directorate of Mine Action",
            False,
        )
        items.append((Place(name, "village", "Al-Qayarra"), stale))
    return items


@pytest.mark.parametrize("code", ["en", "ar", "ckb", "ku"])
def test_a_long_digest_is_cut_to_one_message_with_the_rest_counted(
    catalogues: Catalogues, code: str
) -> None:
    tr = catalogues.translator(code)
    items = _items(200)
    text = render_digest(tr, 500, items, today=TODAY, stale_after_days=30)
    assert telegram_length(text) <= MESSAGE_LIMIT
    lines = text.split("\n")
    shown = [line for line in lines if "• " in line]
    assert 10 < len(shown) < 200
    # Oldest first, as given; the count of the rest covers what was not even fetched.
    assert "Village number 0 " in shown[0] and "Village number 1 " in shown[1]
    expected_more = tr.ngettext("…and {n} more.", "…and {n} more.", 500 - len(shown))
    assert expected_more in lines
    if code == "en":
        assert lines[0] == (
            "📋 <b>Daily status check:</b> 500 areas have a safety status that may be out of date."
        )
        assert shown[0].endswith(
            "suspected hazardous, October 20, 2025, Directorate of Mine Action, 400 days old"
        )


def test_a_short_digest_lists_everything(catalogues: Catalogues) -> None:
    tr = catalogues.translator("en")
    text = render_digest(tr, 1, _items(1), today=TODAY, stale_after_days=1)
    assert text.split("\n")[:2] == [
        "📋 <b>Daily status check:</b> 1 area has a safety status that may be out of date.",
        "Not updated for more than 1 day, oldest first:",
    ]
    assert "more." not in text
    assert text.count("• ") == 1


def test_the_cut_is_exact_at_any_limit(catalogues: Catalogues) -> None:
    tr = catalogues.translator("ar")
    for limit in (600, 1000, 2500):
        text = render_digest(tr, 50, _items(50), today=TODAY, stale_after_days=30, limit=limit)
        assert telegram_length(text) <= limit


@pytest.mark.parametrize(
    ("code", "name"),
    [("ar", "دائرة شؤون الألغام"), ("ckb", "فەرمانگەی کاروباری مین"), ("en", "Directorate of")],
)
def test_the_digest_names_the_source_in_the_operators_language(
    catalogues: Catalogues, code: str, name: str
) -> None:
    text = render_digest(
        catalogues.translator(code), 1, _items(1), today=TODAY, stale_after_days=1,
        sources=load_sources(),
    )
    assert name in text
    if code != "en":
        assert "Directorate" not in text
