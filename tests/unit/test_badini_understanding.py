"""What a Badini reader types is understood: Duhok words, on a Kurdish or an Arabic keyboard
(bot/data/lexicon/kmr_Arab.toml). The full evaluation set is
bench/data/understanding/kmr_Arab.tsv; these are the cases a change must never lose."""

from __future__ import annotations

import pytest

from bot.understanding.intent import Understander
from bot.understanding.lexicon import Lexicon


@pytest.fixture(scope="module")
def understander(lexicons: tuple[Lexicon, ...]) -> Understander:
    return Understander.build(lexicons)


def test_the_badini_lexicon_is_loaded(lexicons: tuple[Lexicon, ...]) -> None:
    assert "kmr_Arab" in [lexicon.language for lexicon in lexicons]


@pytest.mark.parametrize(
    ("text", "intent", "category"),
    [
        ("سلاڤ، تو چاوانی؟", "greeting", None),
        ("هاریکاریا من بکە هیڤییە", "help", None),
        ("بەلاڤکرنا خوارنێ کەنگییە؟", "food", None),
        ("بەلافكرنا خوارنێ كەنگیە", "food", None),  # Arabic keyboard: ف for ڤ, ك for ک
        ("سەلکا خوارنێ کەنگی دهێت", "food", None),
        ("ناڤێ من د لیستێ دا نینە", "left_off_list", None),
        ("کارتا من یا خوارنێ راوەستیا", "left_off_list", None),
        ("ئەرێ دشێین بزڤرین گوندێ خۆ؟", "safety", None),
        ("مين ل گوندێ مە هەنە", "safety", None),
        ("ئاڤ نينە ل خيڤەتێ", "services", "water_sanitation"),  # no water in the tent
        ("نەخۆشخانە ل کیرێیە؟", "services", "health"),
        ("خێڤەتا من دلۆپیت، خێڤەتەکا نوو دڤێت", "services", "shelter_items"),
        ("ناسناما من بەرزە بوو", "services", "registration_documents"),
        ("قوتابخانە ل کیرێیە", "services", "education"),
        ("دەمێ رەوش دگوهۆریت من ئاگەهدار بکە", "alerts", None),
        ("زمانی بگوهۆرە", "language", None),
    ],
)
def test_badini_questions(
    understander: Understander, text: str, intent: str, category: str | None
) -> None:
    understood = understander.understand(text)
    assert understood.intent == intent, (text, understood)
    if category is not None:
        assert understood.category == category, (text, understood)
