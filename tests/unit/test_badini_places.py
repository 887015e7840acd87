"""Badini spellings of places: Kurmanji in Arabic script as Duhok writes it, on a Kurdish or
an Arabic keyboard, finds the place (the shipped data has Arabic and Sorani names only)."""

from __future__ import annotations

import pytest

from bot.places.gazetteer import Gazetteer
from bot.places.index import PlaceIndex
from bot.text.fold import fold


@pytest.mark.parametrize(
    ("badini", "arabic_keyboard"),
    [
        ("دهۆک", "دهوك"), ("زاخۆ", "زاخو"), ("ئاکرێ", "ئاكري"), ("شێخان", "شيخان"),
        ("سێمێل", "سيميل"), ("ڤێ", "في"), ("دەڤەر", "دەفەر"), ("گوندێ", "گوندي"), ("کەمپێ", "كەمپي"),
    ],
)
def test_badini_letters_fold_like_their_arabic_keyboard_spellings(
    badini: str, arabic_keyboard: str
) -> None:
    assert fold(badini) == fold(arabic_keyboard)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("دهۆک", "GN96994"), ("دهوک", "GN96994"), ("دهوك", "GN96994"),
        ("زاخۆ", "GN89570"), ("زاخو", "GN89570"),
        ("ئاکرێ", "GN98822"), ("ئاكرێ", "GN98822"), ("ئاکری", "GN98822"), ("ئاكري", "GN98822"),
        ("شێخان", "GN98293"), ("شيخان", "GN98293"),
        ("سێمێل", "GN90532"), ("سیمێل", "GN90532"), ("سيميل", "GN90532"),
        ("ئامێدی", "GN99611"), ("ئاميدي", "GN99611"),
        ("بەردەرەش", "IQG15Q01N01"), ("شنگال", "GN448149"), ("شەنگال", "GN448149"),
        ("خانکێ", "khanke"), ("خانكي", "khanke"), ("شاریا", "shariya"),
        ("بێرسیڤ", "bersive-1"), ("بيرسيف", "bersive-1"),
    ],
)
def test_badini_spellings_find_the_place(
    place_index: PlaceIndex, gazetteer: Gazetteer, query: str, code: str
) -> None:
    found = place_index.search(query)
    assert found, query
    wanted = gazetteer.by_code(code).area_id
    assert wanted in [m.area_id for m in found if m.exact or m.score >= 0.85][:4], (
        query, [(m.area_id, m.score) for m in found[:4]])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ئەرێ دهۆک بێ مەترسییە؟", "GN96994"),
        ("ئەرێ دشێین بزڤرین شنگالێ؟", "GN448149"),
        ("مین ل دەڤەرا زاخۆیێ هەنە؟", "GN89570"),
        ("ئەرێ سێمێلێ بێ مەترسییە", "GN90532"),
    ],
)
def test_badini_sentences_name_the_place(
    place_index: PlaceIndex, gazetteer: Gazetteer, text: str, code: str
) -> None:
    """Badini declines place names (دهۆکێ، شنگالێ، زاخۆیێ): the ending must not hide them."""
    found = place_index.find_in_text(text)
    assert gazetteer.by_code(code).area_id in [m.area_id for m in found[:4]], (
        text, [(m.area_id, m.score) for m in found[:4]])
