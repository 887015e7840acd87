"""Free-text understanding: intents, categories, places and language in four languages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.domain.categories import CATEGORIES
from bot.domain.languages import CODES
from bot.places.gazetteer import Gazetteer
from bot.places.index import PlaceIndex
from bot.text.fold import fold
from bot.understanding.intent import Understander, Understanding, understand
from bot.understanding.lexicon import INTENTS, Lexicon, LexiconError, default_lexicon_dir
from tests.unit.conftest import AWSAJA

QAYYARAH_TOWN = "GN99003"


@pytest.fixture(scope="module")
def understander(lexicons: tuple[Lexicon, ...]) -> Understander:
    return Understander.build(lexicons)


@pytest.fixture(scope="module")
def qayyarah(gazetteer: Gazetteer) -> int:
    return gazetteer.by_code(QAYYARAH_TOWN).area_id


def ask(text: str, understander: Understander, place_index: PlaceIndex) -> Understanding:
    return understand(text, understander, place_index)


# ------------------------------------------------------------------------------------------
# The examples that must work


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("متى توزيع الطحين؟", ("food", "food", "ar")),
        ("شوكت يوزعون الحصة التموينية", ("food", "food", "ar")),
        ("وين المستوصف", ("services", "health", "ar")),
        ("کەی خۆراک دابەش دەکرێت؟", ("food", "food", "ckb")),
        ("Kengê belavkirina xwarinê ye?", ("food", "food", "ku")),
        ("Nexweşxane li ku ye?", ("services", "health", "ku")),
        ("نەخۆشخانەکە لەکوێیە", ("services", "health", "ckb")),
        ("where is the clinic", ("services", "health", "en")),
        ("when is the next food distribution", ("food", "food", "en")),
        ("اسمي مو موجود بالقائمة", ("left_off_list", "food", "ar")),
        ("ما استلمت الحصة", ("left_off_list", "food", "ar")),
        ("my ration card was stopped", ("left_off_list", "food", "en")),
        ("my name is not on the food list", ("left_off_list", "food", "en")),
        ("ناوم لە لیستدا نییە", ("left_off_list", "food", "ckb")),
        ("navê min di lîstê de tune", ("left_off_list", "food", "ku")),
        ("شلونكم", ("greeting", None, "ar")),
        ("hello", ("greeting", None, "en")),
        ("سڵاو", ("greeting", None, "ckb")),
        ("Silav", ("greeting", None, "ku")),
        ("help", ("help", None, "en")),
        ("مساعدة", ("help", None, "ar")),
        ("یارمەتی", ("help", None, "ckb")),
        ("alîkarî", ("help", None, "ku")),
        ("وين اسجل للبطاقة الوطنية", ("services", "registration_documents", "ar")),
        ("I need a lawyer", ("services", "legal_protection", "en")),
        ("ماكو ماي بالحمامات", ("services", "water_sanitation", "ar")),
        ("نحتاج بطانيات وصوبة", ("services", "shelter_items", "ar")),
        ("ئاو نییە لە کەمپ", ("services", "water_sanitation", "ckb")),
        ("my son cannot go to school", ("services", "education", "en")),
        ("notify me about my village", ("alerts", None, "en")),
        ("English", ("language", None, "en")),
        ("غير اللغة", ("language", None, "ar")),
        ("are there mines near the camp", ("safety", None, "en")),
        ("ممكن نرجع؟", ("safety", None, "ar")),
    ],
)
def test_intents(
    understander: Understander,
    place_index: PlaceIndex,
    text: str,
    expected: tuple[str, str | None, str],
) -> None:
    intent, category, language = expected
    u = ask(text, understander, place_index)
    assert u.intent == intent, u
    assert u.category == category, u
    assert u.language_guess == language, u
    assert 0.5 <= u.confidence <= 1.0, u


def test_awsaja_safe(understander: Understander, place_index: PlaceIndex) -> None:
    u = ask("Awsaja safe?", understander, place_index)
    assert u.intent == "safety"
    assert [m.area_id for m in u.place_matches][:1] == [AWSAJA]
    assert u.confidence >= 0.85


def test_returned_people_of_awsaja(understander: Understander, place_index: PlaceIndex) -> None:
    u = ask("هل رجعوا أهل العوسجة", understander, place_index)
    assert u.intent == "safety"
    assert u.place_matches[0].area_id == AWSAJA
    assert u.language_guess == "ar"


@pytest.mark.parametrize("text", ["Qayara", "القياره", "قەیارە", "Qayyarah", "القيارة"])
def test_place_name_alone_means_safety(
    understander: Understander, place_index: PlaceIndex, qayyarah: int, text: str
) -> None:
    u = ask(text, understander, place_index)
    assert u.intent == "safety"
    assert qayyarah in [m.area_id for m in u.place_matches]
    alone = u.confidence
    with_word = ask(f"{text} safe?", understander, place_index).confidence
    assert 0.5 <= alone < with_word  # a bare village name is a weaker signal


def test_is_qayara_safe_to_go_back(
    understander: Understander, place_index: PlaceIndex, qayyarah: int
) -> None:
    u = ask("is Qayara safe to go back", understander, place_index)
    assert u.intent == "safety"
    assert u.confidence > 0.9
    assert qayyarah in [m.area_id for m in u.place_matches]


@pytest.mark.parametrize(
    "text", ["Şingal ewle ye?", "مین لە قەیارە هەیە؟", "اكو الغام بالقيارة؟", "هل حمام العليل امان"]
)
def test_safety_with_place_in_each_language(
    understander: Understander, place_index: PlaceIndex, text: str
) -> None:
    u = ask(text, understander, place_index)
    assert u.intent == "safety"
    assert u.place_matches and u.place_matches[0].exact
    assert u.category is None  # "حمام" inside "حمام العليل" is part of the name


def test_place_with_another_intent(understander: Understander, place_index: PlaceIndex) -> None:
    u = ask("when is the food distribution in Awsaja", understander, place_index)
    assert u.intent == "food"
    assert "safety" in u.alternatives
    assert u.place_matches[0].area_id == AWSAJA


def test_help_yields_to_specific_need(understander: Understander, place_index: PlaceIndex) -> None:
    u = ask("I need help with food", understander, place_index)
    assert u.intent == "food"
    assert "help" in u.alternatives
    assert ask("hello, where is the clinic?", understander, place_index).intent == "services"


def test_competing_intents_lower_confidence(
    understander: Understander, place_index: PlaceIndex
) -> None:
    clear = ask("where is the clinic", understander, place_index)
    mixed = ask("clinic or flour", understander, place_index)
    assert mixed.confidence < clear.confidence
    assert set(mixed.alternatives) | {mixed.intent} >= {"services", "food"}


def test_typo_tolerance(understander: Understander, place_index: PlaceIndex) -> None:
    assert ask("wher is the clinik", understander, place_index).category == "health"  # 6 letters, 1 typo
    assert ask("وين المستوسف", understander, place_index).category == "health"
    assert ask("distribusion", understander, place_index).intent == "food"
    # short words are not typo-matched: "wter" is not "water"
    assert ask("wter", understander, place_index).category is None


def test_suffixes_and_clitics(understander: Understander, place_index: PlaceIndex) -> None:
    assert ask("clinics", understander, place_index).category == "health"
    assert ask("بالمستوصف", understander, place_index).category == "health"
    assert ask("حصتي", understander, place_index).intent == "food"
    assert ask("xwarinê", understander, place_index).intent == "food"
    assert ask("خۆراکەکە", understander, place_index).intent == "food"


def test_arabic_keyboard_sorani(understander: Understander, place_index: PlaceIndex) -> None:
    # Sorani typed on an Arabic keyboard: ه for ە, ي for ی/ێ, و for ۆ, ك for ک/گ.
    u = ask("كهي خوراك دابهش دهكريت", understander, place_index)
    assert u.intent == "food"


def test_place_names_that_look_like_words(
    understander: Understander, place_index: PlaceIndex, gazetteer: Gazetteer
) -> None:
    gaz = gazetteer
    ana = gaz.by_code("IQG01Q05").area_id  # district "Ana" / "عنه"
    khanke = gaz.by_code("khanke").area_id
    # "Ana" is not the stop word "an" plus a suffix.
    assert ana in [m.area_id for m in ask("Ana", understander, place_index).place_matches]
    # "a new" is not "Ana", and "عنده" (he has) is not "عنه".
    assert ask("where can I get a new ID card", understander, place_index).place_matches == ()
    assert ask("ابني مريض عنده سخونة", understander, place_index).place_matches == ()
    # "خانكي" is Khanke camp, not a typo of "تانكي" (water tank).
    u = ask("خانكي", understander, place_index)
    assert u.category is None
    assert u.place_matches[0].area_id == khanke


def test_left_off_phrase_with_food_words(understander: Understander, place_index: PlaceIndex) -> None:
    u = ask("انقطعت الحصة التموينية مالتنا من ثلث اشهر", understander, place_index)
    assert u.intent == "left_off_list"
    assert u.alternatives == ("food",)


# ------------------------------------------------------------------------------------------
# Nothing understood, robustness


@pytest.mark.parametrize("text", ["asdfgh", "😀😀😀", "", "   ", "???", "&amp;", "\u202e\u2066"])
def test_not_understood(understander: Understander, place_index: PlaceIndex, text: str) -> None:
    u = ask(text, understander, place_index)
    assert u.intent is None
    assert u.confidence == 0.0
    assert u.alternatives == ()


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        "متى توزيع الطحين " * 1_000,
        "\x00\x01\x02hello\x7f\u202e\u2066",
        "<b>hi</b><script>alert(1)</script>",
        "Qayara قەیارە القيارة 🙂 safe?!",
        "a" * 300 + " clinic",
        "ـــــ ً ٌ ٍ",
        "\ud800",  # a lone surrogate
    ],
)
def test_robust_inputs(understander: Understander, place_index: PlaceIndex, text: str) -> None:
    u = ask(text, understander, place_index)
    assert isinstance(u, Understanding)
    assert 0.0 <= u.confidence <= 1.0
    assert u.intent is None or u.intent in INTENTS
    assert u.category is None or u.category in CATEGORIES


def test_markup_and_controls(understander: Understander, place_index: PlaceIndex) -> None:
    assert ask("<b>hi</b>", understander, place_index).intent == "greeting"
    assert ask("\u200fوين\u200c المستوصف\u2069", understander, place_index).category == "health"


def test_only_the_start_of_long_messages_is_read(
    understander: Understander, place_index: PlaceIndex
) -> None:
    text = "blah " * 100 + "where is the clinic"
    assert ask(text, understander, place_index).intent is None


def test_without_place_index(understander: Understander) -> None:
    u = understand("Awsaja safe?", understander, None)
    assert u.intent == "safety"
    assert u.place_matches == ()
    assert understand("Awsaja", understander, None).intent is None


def test_without_lexicons(place_index: PlaceIndex) -> None:
    u = understand("Awsaja", Understander.build(()), place_index)
    assert u.intent == "safety"  # a place alone
    assert understand("asdfgh", Understander.build(()), place_index).intent is None


def test_understand_is_fast(understander: Understander, place_index: PlaceIndex) -> None:
    msgs = ["متى توزيع الطحين؟", "Awsaja safe?", "کەی خۆراک دابەش دەکرێت؟", "is Qayara safe"] * 50
    start = time.perf_counter()
    for msg in msgs:
        understand(msg, understander, place_index)
    per_message = (time.perf_counter() - start) / len(msgs)
    assert per_message < 0.005  # generous for a shared CI machine; typically ~0.1–0.3 ms


def test_result_is_frozen(understander: Understander, place_index: PlaceIndex) -> None:
    u = ask("hello", understander, place_index)
    with pytest.raises(AttributeError):
        u.intent = "food"  # type: ignore[misc]


# ------------------------------------------------------------------------------------------
# Language guess


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("القيارة", "ar"),
        ("قەیارە", "ckb"),
        ("گوندەکەمان سەلامەتە؟", "ckb"),
        ("Gundê me ewle ye?", "ku"),
        ("Şingal", "ku"),
        ("is my village safe", "en"),
        ("Qayara", None),  # a bare Latin name says nothing about the language
        ("123", None),
        ("😀", None),
    ],
)
def test_language_guess(
    understander: Understander, place_index: PlaceIndex, text: str, language: str | None
) -> None:
    assert ask(text, understander, place_index).language_guess == language


# ------------------------------------------------------------------------------------------
# Lexicon data files


def test_lexicon_files_are_complete(lexicons: tuple[Lexicon, ...]) -> None:
    assert [lex.language for lex in lexicons] == list(CODES)
    for lex in lexicons:
        assert set(lex.intents) == set(INTENTS), lex.language
        assert set(lex.categories) == set(CATEGORIES), lex.language
        for name, words in (*lex.intents.items(), *lex.categories.items()):
            assert words, (lex.language, name)
        assert lex.left_off_cues and lex.stop_words and lex.question_words
        assert lex.place_generic


def test_lexicon_keywords_are_not_ambiguous_within_a_language(
    lexicons: tuple[Lexicon, ...],
) -> None:
    for lex in lexicons:
        owner: dict[str, str] = {}
        for name, words in lex.intents.items():
            for w in words:
                key = fold(w)
                assert owner.setdefault(key, name) == name, (lex.language, w, owner[key], name)


def test_lexicon_load_errors(tmp_path: Path) -> None:
    bad_intent = tmp_path / "bad.toml"
    bad_intent.write_text('language = "en"\n[intents]\nfod = ["food"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="fod"):
        Lexicon.load(bad_intent)
    bad_type = tmp_path / "type.toml"
    bad_type.write_text('language = "en"\n[intents]\nfood = "food"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="list of strings"):
        Lexicon.load(bad_type)
    bad_toml = tmp_path / "syntax.toml"
    bad_toml.write_text("language = \n", encoding="utf-8")
    with pytest.raises(LexiconError):
        Lexicon.load(bad_toml)
    no_lang = tmp_path / "nolang.toml"
    no_lang.write_text("[intents]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="language"):
        Lexicon.load(no_lang)


def test_operator_edited_lexicon(tmp_path: Path, place_index: PlaceIndex) -> None:
    custom = tmp_path / "en.toml"
    custom.write_text(
        'language = "en"\n[intents]\nfood = ["grub"]\n[words]\nstop = ["the"]\n',
        encoding="utf-8",
    )
    custom_understander = Understander.build((Lexicon.load(custom),))
    assert custom_understander.understand("where is the grub", place_index).intent == "food"
    assert custom_understander.understand("food", place_index).intent is None


def test_default_lexicons_are_the_package_data() -> None:
    assert (default_lexicon_dir() / "ar.toml").is_file()
    assert default_lexicon_dir() == Path(__file__).resolve().parents[2] / "bot" / "data" / "lexicon"
