"""The safety answer: every status in every language, staleness, demo data, and the rule
that nothing but a named authority's release ever reads as fit to return."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.languages import LANGUAGES
from bot.domain.records import Texts
from bot.domain.statuses import NO_INFORMATION, RETURN_STATUSES, STATUSES
from bot.i18n.bidi import rtl_lines
from bot.i18n.catalogues import Catalogues, Translator
from bot.safety.answers import (
    RISK_EDUCATION,
    Place,
    button_label,
    effective_status,
    is_stale,
    level_label,
    may_return,
    place_of,
    render_answer,
)
from bot.storage.areas import Area
from sandbox.html_text import parse_html

ZONE = ZoneInfo("Asia/Baghdad")
TODAY = date(2026, 11, 24)
CODES = [lang.code for lang in LANGUAGES]
PLACE = Place(name="Hajj Ali", level="village", parent="Al-Qayarra")
BIDI = str.maketrans("", "", "\u200e\u200f\u2066\u2067\u2068\u2069")

RETURN_MEANING = (
    "The authority says people can return. Some danger can still remain: stay on roads "
    "and paths that people already use."
)
CLEARED = "🔷 <b>Cleared.</b> {source} cleared this area on {date}."
CANCELLED = (
    "🔷 <b>Surveyed: no hazards found.</b> {source} surveyed this area on {date}, "
    "found no evidence of explosive hazards and released the land."
)
NO_INFO = (
    "❔ <b>No information.</b> We have no information about this area. "
    "That does NOT mean it is safe."
)
DEMO = "🧪 <b>Demo data — not real information.</b>"


@dataclass(frozen=True)
class Row:
    """Shaped like bot.storage.areas.AreaStatus, as far as the answer cares."""

    status: str
    status_date: date
    source: str
    note: str | None = None
    demo: bool = False
    notes: Mapping[str, str] = field(default_factory=dict)


def render(tr: Translator, row: Row | None, *, place: Place = PLACE, stale: int = 30) -> str:
    return render_answer(tr, place, row, today=TODAY, stale_after_days=stale)


def plain(html: str) -> str:
    return parse_html(html)[0].translate(BIDI)


def row(status: str, days_old: int = 5, **kw: object) -> Row:
    return Row(status, TODAY - timedelta(days=days_old), "Directorate of Mine Action", **kw)  # type: ignore[arg-type]


# --- every status in every language -------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("status", [*STATUSES, None])
def test_every_status_renders_in_every_language(
    catalogues: Catalogues, code: str, status: str | None
) -> None:
    tr = catalogues.translator(code)
    record = None if status is None else row(status, note="Keep out of marked areas.")
    html = render(tr, record)
    text, _ = parse_html(html)  # valid Telegram HTML, or this raises
    assert len(text) < 4096
    assert tr.gettext(RISK_EDUCATION) in html
    assert "Hajj Ali" in text and "Al-Qayarra" in text
    if record is not None:
        # Date and source, always, whatever the status.
        assert tr.date(record.status_date) in text
        assert "Directorate of Mine Action" in text
        assert "Keep out of marked areas." in text
    if code != "en":
        # A translated answer: no English sentence left over (names and data excepted).
        english = catalogues.translator("en")
        assert english.gettext(RISK_EDUCATION) not in html


@pytest.mark.parametrize("code", CODES)
def test_each_status_has_its_own_headline(catalogues: Catalogues, code: str) -> None:
    tr = catalogues.translator(code)
    headlines = {status: plain(render(tr, row(status))).split("\n")[1] for status in STATUSES}
    headlines["none"] = plain(render(tr, None)).split("\n")[1]
    assert len(set(headlines.values())) == len(headlines)


def test_english_answer_for_cleared_reads_in_full(catalogues: Catalogues) -> None:
    tr = catalogues.translator("en")
    record = Row("cleared", date(2026, 11, 10), "Directorate of Mine Action", None, demo=True)
    assert plain(render(tr, record)).split("\n") == [
        "🧪 Demo data — not real information.",
        "📍 Hajj Ali (village) — Al-Qayarra",
        "🔷 Cleared. Directorate of Mine Action cleared this area on November 10, 2026.",
        RETURN_MEANING,
        "🗓️ Updated November 10, 2026 by Directorate of Mine Action.",
        "",
        "Stay safe:",
        "• Do not enter marked or suspected areas.",
        "• Do not touch, move or pick up unknown objects.",
        "• If you see one: mark the place from a distance if you can, go back the way you "
        "came, and tell the police or the mine action authorities.",
    ]


# --- never "safe" without a named authority ----------------------------------------------

# Where the English answer may say "safe" without claiming it.
ALLOWED_SAFE = ("That does NOT mean it is safe.", "Stay safe:")


def _unsafe_claims(text: str) -> list[str]:
    for allowed in ALLOWED_SAFE:
        text = text.replace(allowed, "")
    return re.findall(r"(?i)\bsafe(ly|ty)?\b|\bsecure\b|\bno (danger|risk)\b", text)


BROKEN_ROWS = [
    None,
    row("unknown"),
    Row("cleared", TODAY, ""),  # should be impossible (NOT NULL), but not trusted
    Row("cleared", TODAY, "   \n "),
    Row("cancelled", TODAY, ""),
    Row("safe", TODAY, "Directorate of Mine Action"),  # not a status we know
    Row("CLEARED", TODAY, "Directorate of Mine Action"),
    Row("", TODAY, "Directorate of Mine Action"),
]


@pytest.mark.parametrize("record", BROKEN_ROWS)
def test_no_status_unknown_or_malformed_is_never_presented_as_return(
    catalogues: Catalogues, record: Row | None
) -> None:
    assert not may_return(record)
    assert effective_status(record) in (NO_INFORMATION, "unknown")
    for code in CODES:
        tr = catalogues.translator(code)
        html = render(tr, record)
        for text in (RETURN_MEANING, CLEARED, CANCELLED):
            assert tr.gettext(text, source="X", date=TODAY).split("X")[0] not in html
        assert tr.gettext(RISK_EDUCATION) in html
        # Said as such: "no information / status unknown … does NOT mean it is safe".
        not_safe = {"en": "NOT mean it is safe", "ar": "لا يعني أبدًا أنها آمنة",
                    "ckb": "هەرگیز بەو مانایە نییە کە سەلامەتە", "ku": "qet nayê wê wateyê",
                    "kmr_Arab": "قەت نە ب وێ واتەیێیە کو دەڤەر بێ مەترسییە"}
        assert not_safe[code] in plain(html)
    assert _unsafe_claims(plain(render(catalogues.translator("en"), record))) == []


@pytest.mark.parametrize("status", [s for s in STATUSES if s not in RETURN_STATUSES])
def test_hazard_statuses_never_mention_return(catalogues: Catalogues, status: str) -> None:
    record = row(status)
    assert not may_return(record)
    for code in CODES:
        tr = catalogues.translator(code)
        assert tr.gettext(RETURN_MEANING) not in render(tr, record)
    assert _unsafe_claims(plain(render(catalogues.translator("en"), record))) == []


@pytest.mark.parametrize("status", sorted(RETURN_STATUSES))
def test_release_is_always_attributed_and_dated(catalogues: Catalogues, status: str) -> None:
    record = row(status)
    assert may_return(record)
    for code in CODES:
        tr = catalogues.translator(code)
        text = plain(render(tr, record))
        headline = text.split("\n")[1]
        assert "Directorate of Mine Action" in headline
        assert tr.date(record.status_date) in headline
        # Residual risk, always.
        assert plain(tr.gettext(RETURN_MEANING)) in text
    english = plain(render(catalogues.translator("en"), record))
    assert _unsafe_claims(english) == []


def test_the_no_information_answer_in_english(catalogues: Catalogues) -> None:
    text = plain(render(catalogues.translator("en"), None))
    assert text.split("\n")[1] == plain(NO_INFO)
    assert "Updated" not in text  # there is no date to give


# --- staleness ----------------------------------------------------------------------------


def test_is_stale_boundaries() -> None:
    assert not is_stale(TODAY - timedelta(days=30), TODAY, 30)
    assert is_stale(TODAY - timedelta(days=31), TODAY, 30)
    assert not is_stale(TODAY, TODAY, 0)
    assert is_stale(TODAY - timedelta(days=1), TODAY, 0)
    assert not is_stale(TODAY + timedelta(days=3), TODAY, 30)  # a future date is not old


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("stale_after", [7, 30])
def test_warning_appears_only_past_the_configured_age(
    catalogues: Catalogues, code: str, stale_after: int
) -> None:
    tr = catalogues.translator(code)
    warning = tr.ngettext(
        "⚠️ <b>Warning:</b> this information is {n} day old and may be out of date.",
        "⚠️ <b>Warning:</b> this information is {n} days old and may be out of date.",
        stale_after + 1,
    )
    on_the_day = render(tr, row("cleared", days_old=stale_after), stale=stale_after)
    a_day_later = render(tr, row("cleared", days_old=stale_after + 1), stale=stale_after)
    assert warning not in on_the_day
    assert warning in a_day_later
    assert tr.gettext(RISK_EDUCATION) in a_day_later


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "⚠️ تنبيه: هذه المعلومات من اليوم، وقد لا تكون محدَّثة."),
        (1, "⚠️ تنبيه: مضى يوم واحد على هذه المعلومات، وقد لا تكون محدَّثة."),
        (2, "⚠️ تنبيه: مضى يومان على هذه المعلومات، وقد لا تكون محدَّثة."),
        (3, "⚠️ تنبيه: مضت 3 أيام على هذه المعلومات، وقد لا تكون محدَّثة."),
        (11, "⚠️ تنبيه: مضى 11 يومًا على هذه المعلومات، وقد لا تكون محدَّثة."),
        (100, "⚠️ تنبيه: مضى 100 يوم على هذه المعلومات، وقد لا تكون محدَّثة."),
    ],
)
def test_arabic_day_count_plurals(catalogues: Catalogues, n: int, expected: str) -> None:
    tr = catalogues.translator("ar")
    # stale_after_days of -1 makes even today's status "old", to reach the zero form.
    lines = plain(render(tr, row("suspected", days_old=n), stale=-1)).split("\n")
    assert expected in lines


@pytest.mark.parametrize(
    ("code", "one", "many"),
    [
        ("ckb", "هی 1 ڕۆژ لەمەوبەرە", "هی 45 ڕۆژ لەمەوبەرە"),
        ("ku", "berî 1 rojê ye", "berî 45 rojan e"),
        ("en", "is 1 day old", "is 45 days old"),
    ],
)
def test_two_form_day_plurals(catalogues: Catalogues, code: str, one: str, many: str) -> None:
    tr = catalogues.translator(code)
    assert one in plain(render(tr, row("confirmed", days_old=1), stale=0))
    assert many in plain(render(tr, row("confirmed", days_old=45), stale=30))


# --- demo data, escaping, length ------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_demo_notice(catalogues: Catalogues, code: str) -> None:
    tr = catalogues.translator(code)
    notice = tr.gettext(DEMO)
    assert notice in render(tr, row("cleared", demo=True))
    assert notice in render(tr, None, place=replace(PLACE, demo=True))
    assert notice not in render(tr, row("cleared"))
    assert notice not in render(tr, None)


@pytest.mark.parametrize("code", CODES)
def test_data_is_escaped(catalogues: Catalogues, code: str) -> None:
    tr = catalogues.translator(code)
    record = Row("cleared", TODAY, "<b>DMA & co</b>", note="<script>x</script> & <i>")
    place = Place(name="Tel <Qasab>", level="village", parent="A & B")
    html = render(tr, record, place=place)
    text, _ = parse_html(html)
    assert "<b>DMA & co</b>" in text.translate(BIDI)
    assert "<script>x</script> & <i>" in text.translate(BIDI)
    assert "Tel <Qasab>" in text.translate(BIDI)
    assert "&lt;b&gt;DMA &amp; co&lt;/b&gt;" in html


def test_long_data_is_cut_to_fit(catalogues: Catalogues) -> None:
    tr = catalogues.translator("ar")
    record = Row("suspected", TODAY - timedelta(days=400), "S" * 5000, note="n " * 5000, demo=True)
    place = Place(name="x" * 3000, level="village", parent="y" * 3000, demo=True)
    text, _ = parse_html(render(tr, record, place=place))
    assert len(text) < 4096
    assert tr.gettext(RISK_EDUCATION).translate(BIDI).replace("<b>", "").replace("</b>", "") in (
        text.translate(BIDI)
    )


# --- telling places apart -----------------------------------------------------------------


def _area(area_id: int, level: str, parent: int | None, demo: bool = False, **names: str) -> Area:
    return Area(area_id, f"P{area_id}", level, parent, Texts(names), None, None, demo)


def test_parent_is_the_nearest_ancestor_with_another_name(catalogues: Catalogues) -> None:
    nineveh = _area(1, "governorate", None, en="Ninewa", ar="نينوى")
    mosul = _area(2, "district", 1, en="Mosul", ar="الموصل")
    subdistrict = _area(3, "subdistrict", 2, en="Al-Qayarra", ar="القيارة")
    town = _area(4, "town", 3, en="Qayyarah", ar="القيارة")
    ar = catalogues.translator("ar")
    town_label = plain(level_label(ar, place_of(town, [subdistrict, mosul, nineveh], "ar")))
    sub_label = plain(level_label(ar, place_of(subdistrict, [mosul, nineveh], "ar")))
    assert town_label == "القيارة (بلدة) — الموصل"
    assert sub_label == "القيارة (ناحية) — الموصل"
    en = catalogues.translator("en")
    assert plain(level_label(en, place_of(town, [subdistrict, mosul, nineveh], "en"))) == (
        "Qayyarah (town) — Al-Qayarra"
    )
    assert plain(level_label(en, place_of(nineveh, [], "en"))) == "Ninewa (governorate)"


def test_names_fall_back_to_a_language_the_reader_likely_reads() -> None:
    town = _area(4, "town", None, en="Qayyarah", ar="القيارة")
    assert place_of(town, [], "ku").name == "Qayyarah"  # Kurmanji: Latin first
    assert place_of(town, [], "ckb").name == "القيارة"  # Sorani: Arabic script first
    nameless = _area(5, "village", None, en="", ar="")
    assert place_of(nameless, [], "ar").name == "P5"


def test_button_labels_are_plain_text(catalogues: Catalogues) -> None:
    tr = catalogues.translator("en")
    label = level_label(tr, Place("Tel & <Qasab>", "village", "A"))
    assert button_label(label) == "Tel & <Qasab> (village) — A"
    assert len(button_label("x" * 500)) <= 60


@pytest.mark.parametrize("code", ["ar", "ckb"])
@pytest.mark.parametrize("status", [*STATUSES, None])
def test_right_to_left_lines_stay_right_to_left(
    catalogues: Catalogues, code: str, status: str | None
) -> None:
    """Lines that begin with an emoji, a Latin source or a digit carry a right-to-left mark."""
    tr = catalogues.translator(code)
    html = render(tr, None if status is None else row(status, days_old=90, note="Latin note"))
    assert rtl_lines(html) == html
    assert "\u2068Directorate of Mine Action\u2069" in html or status is None
