"""Typed Iraqi Arabic, Sorani and Kurmanji: folding must not merge a keyword into a common
word, the words residents really type are known, and the service wanted wins over the
place where it is missing (issue 12, "Understanding typed text")."""

from __future__ import annotations

import pytest

from bench.understanding_eval import load
from bot.places.index import PlaceIndex
from bot.text.fold import fold, keyboard_loose
from bot.text.spelling import spelled_words
from bot.understanding.intent import Understander, Understanding, understand
from bot.understanding.lexicon import Lexicon


@pytest.fixture(scope="module")
def understander(lexicons: tuple[Lexicon, ...]) -> Understander:
    return Understander.build(lexicons)


def ask(text: str, understander: Understander, place_index: PlaceIndex) -> Understanding:
    return understand(text, understander, place_index)


# ------------------------------------------------------------------------------------------
# Folding: dropping a hamza or a diacritic must not land on a common word


def test_water_with_hamza_does_not_become_the_negation() -> None:
    assert keyboard_loose("ماء") != keyboard_loose("ما")
    assert keyboard_loose("جاء") != keyboard_loose("جا")


@pytest.mark.parametrize(
    ("written", "typed"),
    [("كهرباء", "كهربا"), ("دواء", "دوا"), ("مساء", "مسا"), ("غذاء", "غذا"), ("اسماء", "اسما")],
)
def test_a_final_hamza_is_still_optional_in_longer_words(written: str, typed: str) -> None:
    assert keyboard_loose(written) == keyboard_loose(typed)


def test_spelled_words_keep_the_marks_the_fold_drops() -> None:
    assert spelled_words("Mîn li gundê me hene?") == [
        ("min", "mîn"), ("li", "li"), ("gunde", "gundê"), ("me", "me"), ("hene", "hene")
    ]
    assert spelled_words("mîn/mayîn, Jad'ah") == [
        ("min", "mîn"), ("mayin", "mayîn"), ("jadah", "jad'ah")
    ]
    for text in (
        "قەیارە، Qayyarah! ٣",
        "\u200fوين\u200c المستوصف\u2069 Jad'ah",
        "نەخۆشخانه\u200cکە\u00a0ﷺ (x)…y",
        "<b>hi</b>\u202e\n\tmîn—mayîn",
    ):
        assert [w for w, _ in spelled_words(text)] == fold(text).split()
    for questions in load().values():  # every typed question of the evaluation set
        for q in questions:
            assert [w for w, _ in spelled_words(q.text)] == fold(q.text).split(), q


# ------------------------------------------------------------------------------------------
# The three examples of the issue


def test_no_id_is_not_a_water_question(
    understander: Understander, place_index: PlaceIndex
) -> None:
    u = ask("ما عندي هوية", understander, place_index)
    assert (u.intent, u.category) == ("services", "registration_documents")
    assert ask("ما عندي ماء", understander, place_index).category == "water_sanitation"


@pytest.mark.parametrize(
    "text", ["karta min hat rawestandin", "belgeyên min li malê man", "mêrê min li min dixe"]
)
def test_kurmanji_my_is_not_mines(
    understander: Understander, place_index: PlaceIndex, text: str
) -> None:
    u = ask(text, understander, place_index)
    assert u.intent != "safety" and "safety" not in u.alternatives, u


@pytest.mark.parametrize(
    "text", ["Mîn li gundê me hene?", "mayin li gundê me hene", "mayîn li Sinjarê hene?"]
)
def test_kurmanji_mines_still_understood(
    understander: Understander, place_index: PlaceIndex, text: str
) -> None:
    assert ask(text, understander, place_index).intent == "safety"


def test_a_lot_is_not_an_id(understander: Understander, place_index: PlaceIndex) -> None:
    u = ask("الماي هواية وصخ", understander, place_index)
    assert u.category == "water_sanitation"
    assert ask("هواية", understander, place_index).intent is None
    assert ask("هوايه ناس ما استلموا الحصة", understander, place_index).intent == "left_off_list"
    # a real one-letter slip in a keyword is still read
    assert ask("وين المستوسف", understander, place_index).category == "health"


@pytest.mark.parametrize(
    "text",
    ["ماكو ماي بالخيمة", "ماكو مي بالكرفان", "no water in the tent", "av nîne di konê me de"],
)
def test_the_service_missing_wins_over_where_it_is_missing(
    understander: Understander, place_index: PlaceIndex, text: str
) -> None:
    u = ask(text, understander, place_index)
    assert (u.intent, u.category) == ("services", "water_sanitation"), u
    assert u.confidence >= 0.5


def test_a_tent_alone_is_still_shelter(
    understander: Understander, place_index: PlaceIndex
) -> None:
    assert ask("الخيمة مالتنا انشكت", understander, place_index).category == "shelter_items"
    assert ask("الخيمة ماكو بيها كهرباء", understander, place_index).category == "other"
    # a tent with another shelter need is no "where": both say what is needed
    both = ask("we need blankets for the tent", understander, place_index)
    assert both.category == "shelter_items" and both.confidence > 0.9, both


# ------------------------------------------------------------------------------------------
# Words residents type


@pytest.mark.parametrize(
    ("text", "intent", "category"),
    [
        ("ماكو", None, None),
        ("نقدر نرجع؟", "safety", None),
        ("نعود للقيارة لو بعد؟", "safety", None),
        ("اكو مخلفات بالقرية", "safety", None),
        ("مزرعتنا بيها شي؟", "safety", None),
        ("البطاقة الموحدة مالتي انوقفت", "left_off_list", "food"),
        ("الچادر مال الخيمة انشك", "services", "shelter_items"),
        ("شكو گاز", "services", "shelter_items"),
        ("هسه اكو نفط؟", "services", "shelter_items"),
        ("باچر اكو توزيع؟", "food", "food"),
        ("وين الكرفانات", "services", "shelter_items"),
        ("کەنگێ دابەشکردن دەبێت", "food", "food"),
        ("چەن کیلۆ ئارد دەدەن", "food", "food"),
        ("قەیارە پاکە؟", "safety", None),
        ("تەڵە لە ماڵەکان هەیە", "safety", None),
        ("کێڵگەکەمان سەلامەتە؟", "safety", None),
        ("کيڵگه کهمان پاکه؟", "safety", None),
        ("nexwesxane li kidere", "services", "health"),
        ("qutabxane li kîderê ye", "services", "education"),
        ("xêveta me diriya", "services", "shelter_items"),
        ("xevet", "services", "shelter_items"),
        ("kurê min asayîşê girt", "services", "legal_protection"),
        ("slaw cawa ne", "greeting", None),
        ("zimên biguherîne", "language", None),
        # distributions of other things than food
        ("شوكت ينطون البطانيات", "services", "shelter_items"),
        ("نەوت کەی دابەش دەکەن", "services", "shelter_items"),
        ("neft kengê belav dikin", "services", "shelter_items"),
        ("when is the blanket distribution", "services", "shelter_items"),
        ("شوكت ينطون الحصة", "food", "food"),
        # more of how residents write
        ("وين الطبابة", "services", "health"),
        ("xarin kengî tê", "food", "food"),
        ("nexoşxane li kîderê", "services", "health"),
        ("پێناسم نییە", "services", "registration_documents"),
    ],
)
def test_words_residents_type(
    understander: Understander,
    place_index: PlaceIndex,
    text: str,
    intent: str | None,
    category: str | None,
) -> None:
    u = ask(text, understander, place_index)
    assert (u.intent, u.category) == (intent, category), u
    if intent is not None:
        assert u.confidence >= 0.5, u


def test_kurmanji_typed_on_an_english_keyboard(
    understander: Understander, place_index: PlaceIndex
) -> None:
    assert ask("nexweshxane li ku ye", understander, place_index).category == "health"
    assert ask("shekir kengê tê", understander, place_index).intent == "food"


@pytest.mark.parametrize("text", ["الکووت امان؟", "گوندی الکۆیە", "Basha safe?"])
def test_new_words_do_not_hide_a_place(
    understander: Understander, place_index: PlaceIndex, text: str
) -> None:
    """"ما كو" would make "كو" a keyword stem of الكوت and کۆیە; "bash" (baş) of Basha."""
    u = ask(text, understander, place_index)
    assert u.intent == "safety" and u.place_matches, u


def test_the_unified_card_is_asked_about_unless_it_was_stopped(
    understander: Understander, place_index: PlaceIndex
) -> None:
    """"البطاقة الموحدة" is the unified national ID, and some call the ration card so."""
    u = ask("وين اطلع البطاقة الموحدة", understander, place_index)
    assert u.confidence < 0.5 and {u.intent, *u.alternatives} >= {"food", "services"}, u
    stopped = ask("البطاقة الموحدة مالتي انوقفت", understander, place_index)
    assert stopped.intent == "left_off_list" and stopped.confidence >= 0.5, stopped
