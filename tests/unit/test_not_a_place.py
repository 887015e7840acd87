"""Ordinary words are not villages: with ~22,000 villages indexed, "fever", "hello" and
"lot" are (or sound like) village names, and a message about a sick child must not be
answered as a safety question about a village (issue 14: a wrong place is worse than no
answer). Each test is one cause, on a small index whose villages bear those words' names.
"""

from __future__ import annotations

import pytest

from bot.places.index import PlaceIndex, PlaceMatch, PlaceName
from bot.places.matches import SAME_SOUND_SCORE, worth_offering
from bot.understanding.intent import Understander, Understanding
from bot.understanding.lexicon import Lexicon

_VILLAGES = (
    "منداله",  # a village's name, one letter from "منداڵم" (my child)
    "ليتان",  # "لێتان" in "سڵاو لێتان" (hello to you)
    "قرية حرارة",  # "حرارة" is fever
    "Layth",  # sounds like "lot"
    "Qayara",
    "Kufa",
    "آلكينة",  # "کینە" (who) is the end of it
)


@pytest.fixture(scope="module")
def understander(lexicons: tuple[Lexicon, ...]) -> Understander:
    return Understander.build(lexicons)


@pytest.fixture(scope="module")
def villages(lexicons: tuple[Lexicon, ...]) -> PlaceIndex:
    names = [PlaceName(i, name, "name_ar") for i, name in enumerate(_VILLAGES, start=1)]
    names.append(PlaceName(5, "القيارة", "name_ar"))
    generic = [w for lex in lexicons for w in lex.place_generic]
    return PlaceIndex.build(names, generic_words=generic)


def _read(text: str, understander: Understander, villages: PlaceIndex) -> Understanding:
    return understander.understand(text, villages)


def test_a_place_among_words_that_say_something_else_is_no_question(
    understander: Understander, villages: PlaceIndex
) -> None:
    u = _read("منداڵم تای هەيە", understander, villages)  # my child has a fever
    assert u.intent != "safety"
    assert "safety" not in u.alternatives


def test_a_greeting_is_not_a_place(understander: Understander, villages: PlaceIndex) -> None:
    assert _read("سڵاو لێتان", understander, villages).intent == "greeting"


def test_a_resemblance_in_a_sentence_is_no_place(
    understander: Understander, villages: PlaceIndex
) -> None:
    u = _read("thanks a lot", understander, villages)
    assert u.intent != "safety"


def test_an_everyday_word_needs_a_safety_word(
    understander: Understander, villages: PlaceIndex
) -> None:
    assert _read("ابني عنده حرارة", understander, villages).intent != "safety"
    # With a safety word, or typed alone, it is the village.
    asked = _read("هل حرارة امان", understander, villages)
    assert asked.intent == "safety"
    assert asked.place_matches[0].area_id == 3
    assert _read("حرارة", understander, villages).intent == "safety"


def test_a_short_word_is_a_whole_name_or_none(
    understander: Understander, villages: PlaceIndex
) -> None:
    assert _read("هوین کینە", understander, villages).intent != "safety"  # who are you
    assert _read("اني من آلكينة", understander, villages).intent == "safety"


def test_a_village_alone_is_still_a_safety_question(
    understander: Understander, villages: PlaceIndex
) -> None:
    for text in ("Qayara", "Qayara?", "is Qayara safe", "شلون الوضع بالقيارة"):
        u = _read(text, understander, villages)
        assert u.intent == "safety", text
        assert u.place_matches[0].area_id == 5, text


@pytest.mark.parametrize(
    "text",
    [
        "زوجي يضربني",
        "اخوي يهددني",
        "موظف المنظمة يتحرش بيه",
        "مێردەکەم لێم دەدات",
        "براکەم هەڕەشەم لێ دەکات",
        "Mêrê min li min dixe",
        "مێرێ من من دقوتیت",
        "my husband beats me",
        "the aid worker harasses my daughter",
    ],
)
def test_harm_to_a_person_leads_to_a_person(
    text: str, understander: Understander, villages: PlaceIndex
) -> None:
    u = _read(text, understander, villages)
    assert u.harm
    assert u.intent != "safety"


def test_ordinary_needs_are_no_harm(understander: Understander, villages: PlaceIndex) -> None:
    for text in ("متى توزيع الطحين", "is Qayara safe", "منداڵم تای هەيە", "hello"):
        assert not _read(text, understander, villages).harm, text


# --- /setstatus "Did you mean": no padding with unrelated villages --------------------------


def _m(area: int, score: float, *, exact: bool = False, sure: bool = False) -> PlaceMatch:
    return PlaceMatch(area, score, f"area {area}", exact, sure)


def test_an_exact_name_is_offered_with_its_namesakes_only() -> None:
    # "Awsaja" with the villages loaded: two villages of that name, then Hasakah, Sajbu…
    found = [
        _m(1, 1.0, exact=True, sure=True),
        _m(2, 1.0, exact=True, sure=True),
        _m(3, 0.97),  # sounds the same: a real ambiguity
        _m(4, 0.8),
        _m(5, 0.78),
    ]
    assert [m.area_id for m in worth_offering(found)] == [1, 2, 3]


def test_without_an_exact_name_only_close_choices_are_offered() -> None:
    found = [_m(1, 0.9, sure=True), _m(2, 0.88, sure=True), _m(3, 0.8), _m(4, 0.78)]
    assert [m.area_id for m in worth_offering(found)] == [1, 2]
    # The best is always offered, however weak.
    assert [m.area_id for m in worth_offering([_m(7, 0.72), _m(8, 0.7)])] == [7]
    assert worth_offering([]) == []


def test_awsaja_in_the_index_is_not_padded(place_index: PlaceIndex) -> None:
    offered = worth_offering(place_index.search("Awsaja", limit=15))
    assert offered
    assert all(m.exact or m.score >= SAME_SOUND_SCORE for m in offered)
