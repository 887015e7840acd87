"""A round is named as what it gives out (issue 13, item 2): the reminder or notice of a
kerosene round does not say "food distribution", and each block names its kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from bot.camps.reminders import render_notice, render_reminder
from bot.domain.records import Texts
from bot.i18n.catalogues import Catalogues
from bot.storage.food_notices import Change
from bot.storage.services_food import Distribution

TODAY = date(2026, 12, 2)
_MARKS = str.maketrans("", "", "\u200e\u200f\u2066\u2067\u2068\u2069")


def plain(text: str) -> str:
    """The text as read, without the invisible direction marks."""
    return text.translate(_MARKS)


def _round(kind: str) -> Distribution:
    return Distribution(
        id=1, camp_id=1, code="k1", sector_id=None, sector_code=None, date=date(2026, 12, 3),
        starts=time(8), ends=time(14), points=Texts(), items=Texts(en="100 L per family"),
        bring=Texts(), status="planned", reasons=Texts(), demo=False, kind=kind,
    )


@pytest.mark.parametrize(
    ("code", "title", "kind_line", "not_said"),
    [
        ("ar", "📅 توزيع غدًا", "🛢️ نفط أبيض", "الغذاء"),
        ("ku", "📅 Sibê belavkirin heye", "🛢️ Neftê spî", "xwarin"),
    ],
)
def test_a_kerosene_reminder_is_not_a_food_reminder(
    catalogues: Catalogues, code: str, title: str, kind_line: str, not_said: str
) -> None:
    text = plain(render_reminder(catalogues.translator(code), [_round("kerosene")], TODAY))
    lines = text.replace("<b>", "").replace("</b>", "").split("\n")
    assert lines[0] == title
    assert kind_line in lines
    assert not_said not in lines[0]


def test_a_food_reminder_keeps_its_title(catalogues: Catalogues) -> None:
    text = render_reminder(catalogues.translator("en"), [_round("food")], TODAY)
    assert text.startswith("🍞 <b>Food distribution tomorrow</b>")
    assert "\n🍞 Food basket\n" in text


@pytest.mark.parametrize(
    ("code", "title"),
    [("ar", "⚠️ تأجيل التوزيع"), ("ckb", "⚠️ دابەشکردن دواخرا")],
)
def test_a_postponed_kerosene_round_is_not_called_food(
    catalogues: Catalogues, code: str, title: str
) -> None:
    postponed = replace(_round("kerosene"), status="postponed", reasons=Texts(en="Roads"))
    change = Change(postponed, "planned", postponed.date)
    text = plain(render_notice(catalogues.translator(code), change, None, TODAY))
    assert text.replace("<b>", "").replace("</b>", "").split("\n")[0] == title
