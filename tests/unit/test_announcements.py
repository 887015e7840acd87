"""Rendering announcements and food notices per language (pure functions)."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from bot.announcements.texts import (
    MESSAGE_LIMIT,
    body_for,
    clean_text,
    render,
    render_all,
    telegram_length,
    too_long,
)
from bot.camps.reminders import is_news, render_notice, render_reminder
from bot.domain.languages import CODES
from bot.domain.records import Texts
from bot.i18n.bidi import RLM
from bot.i18n.catalogues import Catalogues
from bot.storage.food_notices import Change
from bot.storage.services_food import Distribution

ZONE = ZoneInfo("Asia/Baghdad")


def test_one_text_or_each_language_with_fallbacks() -> None:
    assert body_for({"all": "Hi"}, "ckb") == "Hi"
    texts = {"ar": "مرحبا", "en": "Hello"}
    assert body_for(texts, "ckb") == "مرحبا"  # Sorani readers often read Arabic
    assert body_for(texts, "ku") == "Hello"  # Kurmanji (Latin) readers: English
    assert body_for({}, "ar") is None


def test_staff_text_is_escaped_and_headed(catalogues: Catalogues) -> None:
    en = catalogues.translator("en")
    text = render(en, {"all": "<b>x</b> & y"}, "routine")
    assert text == "📢 <b>Camp announcement</b>\n\n&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert telegram_length(text) == len("📢 Camp announcement\n\n<b>x</b> & y") + 1  # 📢: 2 units


def test_direction_marks_only_where_needed(catalogues: Catalogues) -> None:
    ar = catalogues.translator("ar")
    text = render(ar, {"all": "UNHCR سيوزع البطانيات\nBring your card\nاحضر البطاقة"}, "urgent")
    assert text is not None
    header, body = text.split("\n\n", 1)
    assert header == "🚨 <b>تنبيه سلامة عاجل</b>"  # its first strong letter is Arabic already
    lines = body.split("\n")
    assert lines[0] == RLM + "UNHCR سيوزع البطانيات"  # Arabic line starting with Latin
    assert lines[1] == "Bring your card"  # an English line stays left-to-right
    assert lines[2] == "احضر البطاقة"


def test_length_is_measured_after_rendering_per_language(catalogues: Catalogues) -> None:
    # Fits alone, not under the heading; and the headings differ in length per language.
    rendered = render_all(catalogues, {"all": "x" * (MESSAGE_LIMIT - 10)}, "routine")
    assert set(rendered) == set(CODES)
    assert {r.language for r in too_long(rendered)} == set(CODES)
    heading = telegram_length(render(catalogues.translator("en"), {"all": "y"}, "routine") or "") - 1
    just = MESSAGE_LIMIT - heading
    fits = render_all(catalogues, {"en": "y" * just, "ar": "ق"}, "routine")
    assert fits["en"].length == MESSAGE_LIMIT and not too_long(fits)
    # Kurmanji readers get the English text too, under a shorter heading ("Daxuyaniya
    # kampê"): one character over is over in English only, ten over in both.
    over = render_all(catalogues, {"en": "y" * (just + 1), "ar": "ق"}, "routine")
    assert [r.language for r in too_long(over)] == ["en"]
    over = render_all(catalogues, {"en": "y" * (just + 10), "ar": "ق"}, "routine")
    assert [r.language for r in too_long(over)] == ["ku", "en"]


def test_clean_text_keeps_lines_drops_controls() -> None:
    assert clean_text("  a\x00b\r\nc  \n\x07") == "ab\nc"


def _distribution(**changes: object) -> Distribution:
    values: dict[str, object] = {
        "id": 1, "camp_id": 1, "code": "d1", "sector_id": 11, "sector_code": "C",
        "date": date(2026, 11, 26), "starts": time(9), "ends": time(13),
        "points": Texts({"en": "Warehouse", "ar": "المخازن"}),
        "items": Texts({"en": "Flour 50 kg"}), "bring": Texts({"en": "Ration card"}),
        "status": "planned", "reasons": Texts({}), "demo": False,
    }
    values.update(changes)
    return Distribution(**values)  # type: ignore[arg-type]


TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("now", "told_status", "told_date", "news"),
    [
        (_distribution(), None, None, False),  # first sight: only recorded
        (_distribution(), "planned", date(2026, 11, 26), False),
        (_distribution(status="postponed"), "planned", date(2026, 11, 26), True),
        (_distribution(status="cancelled"), "planned", date(2026, 11, 26), True),
        (_distribution(date=date(2026, 11, 28)), "planned", date(2026, 11, 26), True),
        (_distribution(status="planned"), "postponed", date(2026, 11, 26), True),  # back on
        (_distribution(status="done"), "planned", date(2026, 11, 26), False),
        (_distribution(status="postponed"), "postponed", date(2026, 11, 26), False),
        (_distribution(status="postponed", date=date(2026, 11, 20)), "planned",
         date(2026, 11, 20), False),  # in the past: no longer news
    ],
)
def test_what_is_news(now: Distribution, told_status: str | None, told_date: date | None,
                      news: bool) -> None:
    assert is_news(Change(now, told_status, told_date), TODAY) is news


def test_notices_and_reminders_render(catalogues: Catalogues) -> None:
    en = catalogues.translator("en")
    postponed = _distribution(status="postponed", reasons=Texts({"en": "Trucks <late>"}))
    new = _distribution(id=2, date=date(2026, 11, 29))
    text = render_notice(en, Change(postponed, "planned", date(2026, 11, 26)), new, TODAY)
    assert text.startswith("⚠️ <b>Food distribution postponed</b>")
    assert "Reason: Trucks &lt;late&gt;" in text
    assert "Next planned date: November 29, 2026." in text
    moved = render_notice(
        en, Change(_distribution(date=date(2026, 11, 28)), "planned", date(2026, 11, 26)),
        None, TODAY,
    )
    assert "It was planned for November 26, 2026; it is now on November 28, 2026." in moved
    many = [_distribution(id=i, items=Texts({"en": "x" * 300})) for i in range(40)]
    reminder = render_reminder(en, many, TODAY)
    assert reminder.startswith("🍞 <b>40 food distributions tomorrow</b>")
    assert telegram_length(reminder) <= MESSAGE_LIMIT  # later rounds give way, never over
    assert reminder.endswith("/alerts changes that.")
