"""Folding rules of shared/notes/i18n.md, article stripping and transliteration keys."""

from __future__ import annotations

import pytest

from bot.places.distance import edit_bound, osa_distance
from bot.text.fold import (
    arabic_skeleton,
    clean,
    consonant_skeleton,
    fold,
    keyboard_loose,
    latin_key,
    phonetic_key,
    romanized_skeleton,
    sorani_canonical,
    strip_article,
    tokens,
)

ZWNJ = "\u200c"

# ------------------------------------------------------------------------------------------
# clean


@pytest.mark.parametrize(
    "control",
    [
        "\u200b",
        "\u200c",
        "\u200d",
        "\u200e",
        "\u200f",  # ZWSP ZWNJ ZWJ LRM RLM
        "\u061c",  # ALM
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",  # LRE RLE PDF LRO RLO
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",  # LRI RLI FSI PDI
        "\ufeff",  # BOM
        "\u00ad",  # soft hyphen
        "\x00",
        "\x07",
        "\x1b",
        "\r",
        "\x7f",
        "\x85",
        "\x9f",  # C0, DEL, C1
    ],
)
def test_clean_removes_invisible_and_control_characters(control: str) -> None:
    assert clean(f"مو{control}صل") == "موصل"
    assert clean(f"Mo{control}sul") == "Mosul"


def test_clean_keeps_newline_tab_and_letters() -> None:
    text = "Qayyārah\tالقيارة\nقەیارە ئێسیان Şingal ١٢٣"
    assert clean(text) == text


def test_clean_applies_nfc() -> None:
    decomposed = "a\u0301"  # a + combining acute
    assert clean(decomposed) == "\u00e1"
    assert clean("\u0627\u0654") == "\u0623"  # alef + hamza above → أ (letters unchanged)


# ------------------------------------------------------------------------------------------
# fold: Arabic rules


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أ", "ا"),
        ("إ", "ا"),
        ("آ", "ا"),
        ("ٱ", "ا"),  # alef forms
        ("ى", "ي"),
        ("ی", "ي"),
        ("ے", "ي"),
        ("ئ", "ي"),  # yeh forms
        ("ؤ", "و"),
        ("ة", "ه"),
        ("ۃ", "ه"),
        ("ہ", "ه"),
        ("ھ", "ه"),
        ("ە", "ه"),  # heh / teh marbuta
        ("ک", "ك"),
        ("ڪ", "ك"),  # kaf forms
    ],
)
def test_fold_arabic_letter_rules(raw: str, folded: str) -> None:
    assert fold(f"ب{raw}ب") == f"ب{folded}ب"


def test_fold_arabic_letter_rules_on_words() -> None:
    assert fold("أهل") == fold("اهل")
    assert fold("إسيان") == "اسيان"
    assert fold("مستشفى") == "مستشفي"
    assert fold("القيارة") == "القياره"
    assert fold("مسؤول") == "مسول"


@pytest.mark.parametrize(
    "mark",
    [chr(cp) for cp in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(cp) for cp in range(0x0610, 0x061B)],
)
def test_fold_removes_harakat_and_marks(mark: str) -> None:
    assert fold(f"مو{mark}صل") == "موصل"


def test_fold_removes_tatweel_and_full_diacritics() -> None:
    assert fold("مـــوصــل") == "موصل"
    assert fold("مُحَمَّدٌ") == "محمد"
    assert fold("الْقَيَّارَة") == "القياره"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [("٠١٢٣٤٥٦٧٨٩", "0123456789"), ("۰۱۲۳۴۵۶۷۸۹", "0123456789"), ("جدعة ٥", "جدعه 5")],
)
def test_fold_digits_to_ascii(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_arabic_punctuation_becomes_separators() -> None:
    # ، ؛ ؟ ٫ ٬ map to ASCII punctuation, and punctuation then separates words.
    assert fold("وين،المستوصف؛متى؟") == "وين المستوصف متي"
    assert fold("٣٫٥") == "3 5"
    assert fold("١٬٠٠٠") == "1 000"


@pytest.mark.parametrize(
    "control",
    ["\u200b", "\u200e", "\u200f", "\u061c", "\u202b", "\u2068", "\u2069", "\ufeff", "\u00ad"],
)
def test_fold_removes_invisible_and_bidi_controls(control: str) -> None:
    assert fold(f"{control}القيارة{control}") == "القياره"
    assert fold(f"Qay{control}yarah") == "qayyarah"


# ------------------------------------------------------------------------------------------
# fold: Sorani canonical and loose levels


def test_sorani_canonical_rules() -> None:
    assert sorani_canonical("ي") == "ی"
    assert sorani_canonical("ى") == "ی"
    assert sorani_canonical("ك") == "ک"
    assert sorani_canonical("ة") == "ە"
    assert sorani_canonical("ۀ") == "ە"
    assert sorani_canonical("ؤ") == "ۆ"
    assert sorani_canonical("ه" + ZWNJ) == "ە"
    assert sorani_canonical("نه" + ZWNJ + "خۆشخانه" + ZWNJ) == "نەخۆشخانە"
    assert sorani_canonical("كوردي") == "کوردی"


@pytest.mark.parametrize(
    ("loose", "plain"),
    [("ڕ", "ر"), ("ڵ", "ل"), ("ێ", "ي"), ("ۆ", "و"), ("ە", "ه"), ("ڤ", "ف")],
)
def test_fold_sorani_loose_level(loose: str, plain: str) -> None:
    assert fold(f"ب{loose}ب") == fold(f"ب{plain}ب")


def test_fold_collapses_double_waw() -> None:
    assert fold("مووسڵ") == fold("موسل") == "موسل"
    assert fold("داوودية") == fold("داودية")


def test_fold_sorani_and_arabic_keyboard_spellings_meet() -> None:
    # Sorani keyboard vs Arabic keyboard vs legacy ه+ZWNJ encoding of the same words.
    assert fold("نەخۆشخانە") == fold("نهخوشخانه") == fold("نه" + ZWNJ + "خۆشخانه" + ZWNJ)
    assert fold("کەی") == fold("كهي")
    assert fold("ئێسیان") == fold("ئيسيان")
    assert fold("سڵاو") == fold("سلاو")
    assert fold("ۀ") == fold("ة") == fold("ە") == "ه"
    # ؤ: Arabic rule → و, Sorani canonical → ۆ, loose ۆ → و: all meet.
    assert fold("ؤ") == fold("ۆ") == fold("و")


# ------------------------------------------------------------------------------------------
# fold: Kurmanji, Latin, general


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ê", "e"),
        ("î", "i"),
        ("û", "u"),
        ("ç", "c"),
        ("ş", "s"),
        ("Ê", "e"),
        ("Î", "i"),
        ("Û", "u"),
        ("Ç", "c"),
        ("Ş", "s"),
        ("ı", "i"),
        ("İ", "i"),
    ],
)
def test_fold_kurmanji_diacritics(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_latin_names() -> None:
    assert fold("Kengê belavkirina xwarinê ye?") == "kenge belavkirina xwarine ye"
    assert fold("Şingal") == "singal"
    assert fold("Al Qayyārah") == "al qayyarah"
    assert fold("Tall ‘Afar") == "tall afar"  # apostrophe-like marks are dropped
    assert fold("Qayyarah-Jad'ah 5") == "qayyarah jadah 5"
    assert fold("Təlafər") == "telafer"
    assert fold("ＭＯＳＵＬ") == "mosul"  # NFKC (full width)


def test_fold_collapses_whitespace_and_punctuation() -> None:
    assert fold("  Hammam   al-Alil!!!\n\t ") == "hammam al alil"
    assert fold("<b>hi</b>") == "b hi b"
    assert fold("&amp;") == "amp"
    assert fold("__Mosul__") == "mosul"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "😀😀😀", "\u200f\u2068\u2069", "؟؟"])
def test_fold_empty_results(text: str) -> None:
    assert fold(text) == ""
    assert tokens(text) == []


def test_fold_presentation_forms() -> None:
    assert fold("ﻻ") == "لا"
    assert fold("ﺍﻟﻤﻮﺻﻞ") == "الموصل"


@pytest.mark.parametrize(
    "text",
    [
        "القيارة",
        "قەیارە",
        "Al-Qayyārah",
        "مووسڵ",
        "Kengê belavkirina xwarinê ye?",
        "نه" + ZWNJ + "خۆشخانه",
        "٣٫٥ كغم",
        "Tall ‘Afar",
        "داوووود",
        "ﻻ",
    ],
)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_tokens() -> None:
    assert tokens("متى توزيع الطحين؟") == ["متي", "توزيع", "الطحين"]
    assert tokens("Nexweşxane li ku ye?") == ["nexwesxane", "li", "ku", "ye"]


def test_fold_long_input_is_fast_enough() -> None:
    text = "القيارة Qayara قەیارە " * 500
    assert len(tokens(text)) == 1500


# ------------------------------------------------------------------------------------------
# Articles


@pytest.mark.parametrize(
    ("raw", "stripped"),
    [
        ("Al-Qayarra", "qayarra"),
        ("al Qayarra", "qayarra"),
        ("El-Kaim", "kaim"),
        ("Hammam al-Alil", "hammam alil"),
        ("Ash Shaykhan", "shaykhan"),
        ("Ar Rutbah", "rutbah"),
        ("As-Salamiyah", "salamiyah"),
        ("القيارة", "قياره"),
        ("حمام العليل", "حمام عليل"),
        ("Al", "al"),  # a lone article is kept
        ("Ana", "ana"),
        ("ال", "ال"),
        ("Alwand 1", "alwand 1"),  # glued Latin "al" is not an article
    ],
)
def test_strip_article(raw: str, stripped: str) -> None:
    assert strip_article(raw) == stripped


def test_sun_article_only_before_matching_letter() -> None:
    assert strip_article("As Sulaymaniyah") == "sulaymaniyah"
    assert strip_article("An Najaf") == "najaf"
    assert strip_article("An Qasr") == "an qasr"


# ------------------------------------------------------------------------------------------
# Latin transliteration key


@pytest.mark.parametrize(
    "group",
    [
        ["Qayyarah", "Qayara", "Al-Qayarra", "Qayyara", "Qaiyara", "Gayara", "Al Qayyārah"],
        ["Debaga", "Dibaga", "Dibege"],
        ["Khazer", "Khazir", "Hazer", "Xazir"],
        ["Hasansham", "Hassan Sham", "Hasan Şam"],
        ["Shingal", "Şingal", "Shengal", "Shinkal"],
        ["Mosul", "Mawsil", "Mosil", "Musil", "Al-Mawsil"],
        ["Hamdaniya", "Al-Hamdaniyah", "Hamdania", "Hamdaniyeh"],
        ["Tel Afar", "Tal Afar", "Telafar", "Tall ‘Afar", "Tal'afar"],
        ["Makhmur", "Mexmur", "Makhmour"],
        ["Duhok", "Dohuk", "Dihok", "Dahuk"],
        ["Zakho", "Zaxo", "Zakhu"],
        ["Sheikhan", "Shikhan", "Shexan", "Ash Shaykhan"],
        ["Hammam al-Alil", "Hamam Al Alil", "Hammam Alil"],
        ["Chamishku", "Çemişku", "Camishku"],
        ["Essian", "Isyan", "Esyan"],
    ],
)
def test_latin_key_groups_meet(group: list[str]) -> None:
    keys = {latin_key(name) for name in group}
    assert len(keys) == 1, dict(zip(group, (latin_key(n) for n in group), strict=True))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Mosul", "Sinjar"), ("Qayyarah", "Kirkuk"), ("Debaga", "Duhok"), ("Khazer", "Khanke")],
)
def test_latin_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert latin_key(a) != latin_key(b)


def test_latin_key_examples() -> None:
    assert latin_key("Qayyarah") == "kayara"
    assert latin_key("Tel Afar") == "talafar"
    assert latin_key("") == ""


# ------------------------------------------------------------------------------------------
# Arabic-script skeleton and cross-script skeleton


@pytest.mark.parametrize(
    "group",
    [
        ["القيارة", "قيارة", "القياره", "قەیارە", "قهياره"],
        ["ديبكة", "دیبەگە", "ديبكه"],
        ["شنكال", "شەنگال", "شنگال"],
        ["الموصل", "موصل", "موسڵ", "مووسڵ"],
        ["تلعفر", "تل عفر", "تەلەعفەر"],
        ["مخمور", "مەخمور", "مەخموور"],
        ["دهوك", "دهۆک", "دھۆک"],
    ],
)
def test_arabic_skeleton_groups_meet(group: list[str]) -> None:
    keys = {arabic_skeleton(name) for name in group}
    assert len(keys) == 1, dict(zip(group, (arabic_skeleton(n) for n in group), strict=True))


def test_keyboard_loose() -> None:
    assert keyboard_loose("گوند") == "كوند"
    assert keyboard_loose("پارە") == "بارە"
    assert keyboard_loose("صحة") == "سحة"


def test_phonetic_key_by_script() -> None:
    assert phonetic_key("Al-Qayarra") == latin_key("Qayyarah")
    assert phonetic_key("قەیارە") == arabic_skeleton("القيارة")


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("العوسجة", "Awsaja"),
        ("الموصل", "Mosul"),
        ("القيارة", "Qayyarah"),
        ("تلعفر", "Tel Afar"),
        ("مخمور", "Makhmur"),
        ("ديبكة", "Debaga"),
        ("شنكال", "Shingal"),
    ],
)
def test_romanized_skeleton_crosses_scripts(arabic: str, latin: str) -> None:
    assert romanized_skeleton(arabic) == romanized_skeleton(latin)


def test_consonant_skeleton() -> None:
    assert consonant_skeleton("talafar") == "tlfr"
    assert consonant_skeleton("asaja") == "asj"
    assert consonant_skeleton("") == ""


# ------------------------------------------------------------------------------------------
# Edit distance


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("qayyarah", "qayyarah", 0),
        ("qayyarah", "qayyrah", 1),  # deletion
        ("mosul", "mosl", 1),
        ("mosul", "mosyl", 1),  # substitution
        ("mosul", "mosuul", 1),  # insertion
        ("mosul", "mosul", 0),
        ("mosul", "msoul", 1),  # transposition
        ("sinjar", "snijar", 1),
        ("sinjar", "sinjra", 1),
        ("abcdef", "badcfe", 3),
        ("ca", "abc", 3),  # OSA, not unrestricted Damerau-Levenshtein
        ("", "abc", 3),
        ("القيارة", "القيارت", 1),
    ],
)
def test_osa_distance(a: str, b: str, distance: int) -> None:
    assert osa_distance(a, b, 5) == distance
    assert osa_distance(b, a, 5) == distance


def test_osa_distance_is_bounded() -> None:
    assert osa_distance("mosul", "sinjar", 1) == 2  # bound + 1 when over the bound
    assert osa_distance("abcdefgh", "abcdefghijkl", 2) == 3
    assert osa_distance("abcd", "wxyz", 2) == 3


@pytest.mark.parametrize(("length", "bound"), [(0, 0), (3, 0), (4, 1), (6, 1), (7, 2), (20, 2)])
def test_edit_bound(length: int, bound: int) -> None:
    assert edit_bound(length) == bound
