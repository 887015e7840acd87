"""What is known inside an area (bot.safety.summary against a real SQLite database) and
how the answer reads with it: the danger inside is the headline when the area itself has
no information, places with danger are listed strongest first, nothing outside counts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.records import StatusRecord
from bot.i18n.catalogues import Catalogues, Translator, default_locales_dir
from bot.safety.answers import Place, render_answer
from bot.safety.summary import MAX_DANGEROUS, summarise_inside
from bot.storage import Database
from bot.storage.areas import current_status, record_status
from sandbox.html_text import parse_html

TODAY = date(2026, 11, 24)
DMA = "Directorate of Mine Action"
BIDI = str.maketrans("", "", "\u200e\u200f\u2066\u2067\u2068\u2069")
SUB, TOWN, V_TOWN, V_CONF, V_SUSP, V_NOSRC, V_CLEAR, V_NONE, SIBLING, V_SIBLING = range(1, 11)
NO_INFO = "No information"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "d.sqlite3")
    areas = [
        (SUB, "S1", "subdistrict", None, "Al-Qayarra"),
        (TOWN, "T1", "town", SUB, "Qayyarah"),
        (V_TOWN, "V0", "village", TOWN, "Hay Town"),  # two levels down
        (V_CONF, "V1", "village", SUB, "Safina"),
        (V_SUSP, "V2", "village", SUB, "Imam Gharbi"),
        (V_NOSRC, "V3", "village", SUB, "Nameless"),
        (V_CLEAR, "V4", "village", SUB, "Hajj Ali"),
        (V_NONE, "V5", "village", SUB, "Quiet"),
        (SIBLING, "S2", "subdistrict", None, "Elsewhere"),
        (V_SIBLING, "V6", "village", SIBLING, "Far"),
    ]
    await database.executemany(
        "INSERT INTO areas (id, pcode, level, parent_id, name_en, updated_at)"
        " VALUES (?, ?, ?, ?, ?, 'now')",
        areas,
    )
    try:
        yield database
    finally:
        await database.close()


async def status(db: Database, area: int, value: str, day: date, *, source: str = DMA,
                 demo: bool = False) -> None:
    async with db.transaction() as conn:
        await record_status(
            conn, area, StatusRecord("P", value, day, source, None, demo), origin="import",
            recorded_by="test", confirmed_by=None, now="2026-11-24T00:00:00+00:00",
        )


@pytest.fixture(scope="module")
def en() -> Translator:
    return Catalogues.load(default_locales_dir(), ZoneInfo("Asia/Baghdad")).translator("en")


def plain(html: str) -> str:
    return parse_html(html)[0].translate(BIDI)


async def dangerous_world(db: Database) -> None:
    await status(db, TOWN, "in_progress", date(2026, 11, 16))
    await status(db, V_TOWN, "confirmed", date(2026, 10, 1), demo=True)
    await status(db, V_CONF, "confirmed", date(2026, 11, 5))
    await status(db, V_SUSP, "suspected", date(2026, 9, 30))
    await status(db, V_NOSRC, "confirmed", date(2026, 11, 1), source="  ")  # nobody named
    await status(db, V_CLEAR, "cleared", date(2026, 11, 10))
    await status(db, V_SIBLING, "confirmed", date(2026, 11, 20))  # outside the area


async def test_the_summary_counts_every_place_below_and_lists_the_danger_first(
    db: Database,
) -> None:
    await dangerous_world(db)
    inside = await summarise_inside(db, SUB)
    assert inside is not None
    assert inside.places == 7
    assert dict(inside.counts) == {
        "confirmed": 2, "in_progress": 1, "suspected": 1, "none": 2, "cleared": 1,
    }
    assert list(inside.counts) == ["confirmed", "in_progress", "suspected", "none", "cleared"]
    assert (inside.worst, inside.danger, inside.known, inside.demo) == (
        "confirmed", True, True, True,
    )
    # Strongest first, then newest; a status nobody named is no danger shown.
    assert [p.area.id for p in inside.dangerous] == [V_CONF, V_TOWN, TOWN, V_SUSP]
    assert [p.status.status for p in inside.dangerous] == [
        "confirmed", "confirmed", "in_progress", "suspected",
    ]
    assert inside.more_dangerous == 0


async def test_a_place_with_nothing_below_has_no_summary(db: Database) -> None:
    await dangerous_world(db)
    assert await summarise_inside(db, V_CONF) is None
    town = await summarise_inside(db, TOWN)
    assert town is not None and dict(town.counts) == {"confirmed": 1}


async def test_nothing_known_inside_is_no_information(db: Database) -> None:
    await status(db, V_CLEAR, "cleared", date(2026, 11, 10))
    inside = await summarise_inside(db, SIBLING)
    assert inside is not None
    assert (inside.worst, inside.danger, inside.known, inside.dangerous) == (
        "none", False, False, (),
    )
    released = await summarise_inside(db, SUB)
    assert released is not None
    assert (released.worst, released.danger, released.known) == ("cleared", False, True)


async def test_at_most_a_few_places_with_danger_are_listed(db: Database) -> None:
    for area in (TOWN, V_TOWN, V_CONF, V_SUSP, V_NOSRC, V_CLEAR, V_NONE):
        await status(db, area, "suspected", date(2026, 11, 1))
    inside = await summarise_inside(db, SUB)
    assert inside is not None
    assert len(inside.dangerous) == MAX_DANGEROUS and inside.more_dangerous == 7 - MAX_DANGEROUS


async def test_no_information_is_never_the_headline_over_danger_inside(
    db: Database, en: Translator
) -> None:
    await dangerous_world(db)
    inside = await summarise_inside(db, SUB)
    place = Place("Al-Qayarra", "subdistrict", "Al-Mosul")
    text = plain(render_answer(en, place, None, today=TODAY, stale_after_days=30, inside=inside))
    lines = text.split("\n")
    assert lines[0] == "🧪 Demo data — not real information."  # a demo status inside
    assert lines[1] == "📍 Al-Qayarra (sub-district) — Al-Mosul"
    assert lines[2].startswith("⛔ Confirmed danger inside this area.")
    assert lines[3] == (
        "Places inside: ⛔ confirmed danger: 2 · 🚧 clearance in progress: 1 · "
        "⚠️ suspected danger: 1 · ❔ no information: 2 · 🔷 cleared: 1"
    )
    assert lines[4] == "Places with danger:"
    assert lines[5] == f"• Safina (village) — ⛔ confirmed danger, November 5, 2026, {DMA}"
    assert NO_INFO not in text
    assert "Do not go there. Wait until the area has been cleared." in lines
    assert "Do not touch, move or pick up unknown objects." in text
    # Without the summary the same area reads "no information": what the summary prevents.
    assert NO_INFO in plain(render_answer(en, place, None, today=TODAY, stale_after_days=30))


async def test_the_area_s_own_status_follows_the_summary(db: Database, en: Translator) -> None:
    await dangerous_world(db)
    await status(db, SUB, "unknown", date(2026, 11, 20))
    inside = await summarise_inside(db, SUB)
    own = await current_status(db, SUB)
    place = Place("Al-Qayarra", "subdistrict", None)
    text = plain(render_answer(en, place, own, today=TODAY, stale_after_days=30, inside=inside))
    lines = text.split("\n")
    assert lines[2].startswith("⛔ Confirmed danger inside this area.")
    itself = lines.index("The area as a whole:")
    assert lines[itself + 1].startswith("❔ Status unknown.")
    assert f"🗓️ Updated November 20, 2026 by {DMA}." in lines


async def test_only_releases_inside_keep_the_no_information_headline(
    db: Database, en: Translator
) -> None:
    await status(db, V_CLEAR, "cleared", date(2026, 11, 10))
    inside = await summarise_inside(db, SUB)
    place = Place("Al-Qayarra", "subdistrict", None)
    text = plain(render_answer(en, place, None, today=TODAY, stale_after_days=30, inside=inside))
    lines = text.split("\n")
    assert lines[0] == "📍 Al-Qayarra (sub-district)"  # no demo data here
    assert lines[1] == "Places inside: ❔ no information: 6 · 🔷 cleared: 1"
    assert "Places with danger:" not in lines
    assert any(line.startswith("❔ No information.") for line in lines)
    # Nothing known inside: no summary at all.
    empty = await summarise_inside(db, SIBLING)
    quiet = plain(render_answer(en, place, None, today=TODAY, stale_after_days=30, inside=empty))
    assert "Places inside" not in quiet and "❔ No information." in quiet
