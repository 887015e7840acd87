"""Place index: exact, transliteration, typo and in-sentence matching on real Iraqi names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.places.gazetteer import Gazetteer, load_iraq_gazetteer
from bot.places.index import (
    CONFIDENT_MARGIN,
    CONFIDENT_SCORE,
    PlaceIndex,
    PlaceMatch,
    PlaceName,
    is_confident,
)
from bot.understanding.intent import load_lexicons

DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "iraq"

AWSAJA = 900_001  # villages the data lacks (operators add them)
HAJJ_ALI = 900_002
DEBAGA_VILLAGE = 900_003


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    if not (DATA_DIR / "iraq_adm3_subdistricts.csv").is_file():
        pytest.skip(f"shared place data not found at {DATA_DIR}")
    return load_iraq_gazetteer(DATA_DIR)


def area(gaz: Gazetteer, code: str) -> int:
    return gaz.by_code(code).area_id


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> PlaceIndex:
    g = gazetteer
    extra = [
        PlaceName(AWSAJA, "Awsaja", "name_en"),
        PlaceName(AWSAJA, "العوسجة", "name_ar"),
        PlaceName(HAJJ_ALI, "Hajj Ali", "name_en"),
        PlaceName(HAJJ_ALI, "حاج علي", "name_ar"),
        # Aliases the data lacks, as an operator would add them.
        PlaceName(area(g, "99003"), "قەیارە", "name_ckb"),  # Qayyarah town
        PlaceName(area(g, "448149"), "Şingal", "alias"),  # Sinjar town
        PlaceName(area(g, "debaga.1"), "دیبەگە ١", "name_ckb"),
    ]
    generic = [w for lex in load_lexicons() for w in lex.place_generic]
    return PlaceIndex.build([*g.names, *extra], generic_words=generic)


def ids(matches: list[PlaceMatch]) -> list[int]:
    return [m.area_id for m in matches]


# ------------------------------------------------------------------------------------------
# The gazetteer fixture itself


def test_gazetteer_loads_every_file(gazetteer: Gazetteer) -> None:
    kinds = {a.kind for a in gazetteer.areas}
    assert kinds == {"governorate", "district", "subdistrict", "town", "camp"}
    assert len(gazetteer.areas) == 18 + 101 + 294 + 169 + 40
    mosul = gazetteer.by_code("99072")
    texts = {n.text for n in gazetteer.names if n.area_id == mosul.area_id}
    assert {"Mosul", "الموصل", "موسڵ", "Al Mawsil"} <= texts
    assert "mwsl" not in texts  # machine transliterations are dropped
    assert "OSM" not in texts  # airport codes are dropped


# ------------------------------------------------------------------------------------------
# Exact and transliteration matches (score 1.0, exact)


@pytest.mark.parametrize(
    "query",
    [
        "Qayyarah",
        "Qayara",
        "Al-Qayarra",
        "Qayyara",
        "Al Qayyarah",
        "Gayara",
        "القيارة",
        "القياره",
        "قيارة",
        "قەیارە",
        "قهياره",
        "alqayara",
        "  QAYARA?! ",
    ],
)
def test_qayyarah_spellings(index: PlaceIndex, gazetteer: Gazetteer, query: str) -> None:
    res = index.search(query)
    town, subdistrict = area(gazetteer, "99003"), area(gazetteer, "IQG15Q05N01")
    assert res[0].exact and res[0].score == 1.0
    assert {town, subdistrict} <= set(ids(res[:2]))


@pytest.mark.parametrize(
    "query",
    ["Sinjar", "Sinjār", "سنجار", "Shingal", "Şingal", "Shengal", "شەنگال", "شنكال", "شنگال"],
)
def test_sinjar_spellings(index: PlaceIndex, gazetteer: Gazetteer, query: str) -> None:
    res = index.search(query)
    assert res[0].exact
    assert area(gazetteer, "448149") in ids(res)


@pytest.mark.parametrize("query", ["Debaga", "Dibaga", "ديبكة", "ديبكه", "دیبەگە"])
def test_debaga_spellings(index: PlaceIndex, gazetteer: Gazetteer, query: str) -> None:
    res = index.search(query)
    found = ids(res)
    assert area(gazetteer, "IQG11Q04N03") in found  # Dibaga sub-district
    assert area(gazetteer, "debaga.1") in found  # Debaga 1 camp


@pytest.mark.parametrize(
    "query", ["Mosul", "Mawsil", "Al-Mawsil", "Mosil", "Musil", "الموصل", "موصل", "موسڵ", "مووسڵ"]
)
def test_mosul_spellings(index: PlaceIndex, gazetteer: Gazetteer, query: str) -> None:
    res = index.search(query)
    assert res[0].exact
    assert area(gazetteer, "99072") in ids(res[:2])


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Tel Afar", "90393"),
        ("Tal Afar", "90393"),
        ("Telafar", "90393"),
        ("تلعفر", "90393"),
        ("تل عفر", "90393"),
        ("Hammam al-Alil", "IQG15Q05N02"),
        ("Hamam Al Alil", "IQG15Q05N02"),
        ("حمام العليل", "IQG15Q05N02"),
        ("Hamdaniya", "IQG15Q03"),
        ("Al-Hamdaniyah", "IQG15Q03"),
        ("الحمدانية", "IQG15Q03"),
        ("Makhmur", "93818"),
        ("Mexmur", "93818"),
        ("مخمور", "93818"),
        ("مەخمور", "93818"),
        ("Dohuk", "96994"),
        ("Dihok", "96994"),
        ("دهۆک", "96994"),
        ("Zakho", "89570"),
        ("Zaxo", "89570"),
        ("زاخۆ", "89570"),
        ("Sheikhan", "sheikhan"),
        ("Shikhan", "IQG15Q06"),
        ("Ash Shaykhan", "98293"),
        ("Essian", "essian"),
        ("Chamishku", "chamishku"),
        ("Bartella", "97890"),
        ("Qaraqosh", "92430"),
    ],
)
def test_real_names_exact(index: PlaceIndex, gazetteer: Gazetteer, query: str, code: str) -> None:
    res = index.search(query)
    assert res and res[0].exact
    assert area(gazetteer, code) in [m.area_id for m in res if m.exact]


def test_article_with_and_without(index: PlaceIndex) -> None:
    with_article = index.search("العوسجة")
    without = index.search("عوسجة")
    latin = index.search("Al-Awsaja")
    assert ids(with_article)[0] == ids(without)[0] == ids(latin)[0] == AWSAJA
    assert with_article[0].exact and without[0].exact and latin[0].exact


def test_arabic_proclitics(index: PlaceIndex, gazetteer: Gazetteer) -> None:
    for query in ("بالموصل", "والموصل", "للموصل"):
        assert area(gazetteer, "99072") in ids(index.search(query)), query


# ------------------------------------------------------------------------------------------
# Typos and partial names


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Qayyrah", "99003"),
        ("Mosl", "99072"),
        ("Sinjr", "448149"),
        ("Makhmor", "93818"),
        ("Telafr", "90393"),
        ("Hamdanya", "IQG15Q03"),
        ("Bashiqqa", "IQG15Q05N03"),
        ("القيارت", "99003"),
        ("سنجر", "448149"),
        ("مخمو ر", "93818"),
    ],
)
def test_typos(index: PlaceIndex, gazetteer: Gazetteer, query: str, code: str) -> None:
    assert area(gazetteer, code) in ids(index.search(query))


@pytest.mark.parametrize(
    ("query", "code"), [("Dertendikhsn", "IQG06Q03"), ("Chamchsmsl", "IQG06Q02")]
)
def test_two_typos_in_a_long_name(
    index: PlaceIndex, gazetteer: Gazetteer, query: str, code: str
) -> None:
    res = index.search(query)
    assert ids(res)[:1] == [area(gazetteer, code)]
    assert 0.85 <= res[0].score < 1.0


def test_typo_scores_below_exact_and_in_range(index: PlaceIndex, gazetteer: Gazetteer) -> None:
    res = index.search("Qayyrah")
    assert res[0].area_id == area(gazetteer, "99003")
    assert not res[0].exact
    assert 0.85 <= res[0].score < 1.0


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("Hasansham", ("hasansham.u2", "hasansham.u3")),
        ("Hassan Sham", ("hasansham.u2", "hasansham.u3")),
        ("Hasansham camp", ("hasansham.u2", "hasansham.u3")),
        ("Khazer", ("khazer.m1",)),
        ("Khazir", ("khazer.m1",)),
        ("Kabarto", ("kabarto.1", "kabarto.2")),
    ],
)
def test_partial_camp_names(
    index: PlaceIndex, gazetteer: Gazetteer, query: str, codes: tuple[str, ...]
) -> None:
    res = index.search(query)
    found = ids(res)
    for code in codes:
        assert area(gazetteer, code) in found
    assert not is_confident(res)  # several camps, or only part of the name: ask


def test_generic_word_alone_matches_nothing_partial(index: PlaceIndex) -> None:
    assert all(m.score < 0.8 for m in index.search("camp"))
    assert all(m.score < 0.8 for m in index.search("مخيم"))


@pytest.mark.parametrize("query", ["", "   ", "!!!", "😀", "asdfgh", "x" * 10_000, "\u202e\u2066"])
def test_nothing_found(index: PlaceIndex, query: str) -> None:
    assert index.search(query) == []


def test_hajj_ali_variants(index: PlaceIndex) -> None:
    for query in ("Hajj Ali", "Haji Ali", "Hajji Ali", "حاج علي", "الحاج علي", "حاجي علي"):
        assert ids(index.search(query))[:1] == [HAJJ_ALI], query


# ------------------------------------------------------------------------------------------
# Result shape


def test_results_one_per_area_sorted_and_limited(index: PlaceIndex) -> None:
    res = index.search("Mosul", limit=10)
    assert len(ids(res)) == len(set(ids(res)))
    assert [m.score for m in res] == sorted((m.score for m in res), reverse=True)
    assert all(0.0 <= m.score <= 1.0 for m in res)
    assert all(m.score == 1.0 for m in res if m.exact)
    assert len(index.search("Mosul", limit=2)) == 2
    assert index.search("Mosul", limit=0) == []


def test_matched_is_the_original_name(index: PlaceIndex, gazetteer: Gazetteer) -> None:
    res = index.search("القياره")
    assert res[0].matched == "القيارة"
    res = index.search("Tall Afar")
    assert res[0].matched in {"Tall ‘Afar", "Tal Afar", "Tel Afar", "Telafar", "Tall `Afar"}


def test_shorter_name_wins_ties() -> None:
    idx = PlaceIndex.build(
        [PlaceName(1, "Kani Sard", "name_en"), PlaceName(1, "Kanisard", "alias")]
    )
    assert idx.search("kani sard")[0].matched == "Kani Sard"  # tier 0 beats tier 1
    assert idx.search("kanisard")[0].matched == "Kanisard"


def test_index_is_immutable() -> None:
    idx = PlaceIndex.build([PlaceName(1, "Mosul", "name_en")])
    with pytest.raises(TypeError):
        PlaceIndex()
    with pytest.raises(AttributeError):
        idx._text = ()
    with pytest.raises(AttributeError):
        idx.extra = 1
    assert len(idx) == 1


def test_empty_index_and_blank_names() -> None:
    idx = PlaceIndex.build([PlaceName(1, "  ", "alias"), PlaceName(2, "؟", "alias")])
    assert len(idx) == 0
    assert idx.search("Mosul") == []
    assert idx.find_in_text("is Mosul safe") == []


# ------------------------------------------------------------------------------------------
# Places inside sentences

STOP = frozenset(
    {
        "safe",
        "is",
        "it",
        "to",
        "go",
        "back",
        "هل",
        "رجعوا",
        "اهل",
        "توزيع",
        "الطحين",
        "village",
        "can",
        "i",
        "am",
        "from",
        "the",
        "in",
        "when",
        "على",
        "اريد",
        "اعرف",
        "قريتي",
        "امنة",
        "لو",
        "لا",
        "a",
        "where",
        "get",
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هل رجعوا أهل العوسجة", AWSAJA),
        ("Awsaja safe?", AWSAJA),
        ("awsaja", AWSAJA),
        ("Hajj Ali village safe?", HAJJ_ALI),
        ("هل رجعوا اهل حاج علي", HAJJ_ALI),
        ("اريد اعرف قريتي الحاج علي امنة لو لا", HAJJ_ALI),  # "على" also folds to "علي"
    ],
)
def test_find_in_text_villages(index: PlaceIndex, text: str, expected: int) -> None:
    res = index.find_in_text(text, stop_words=STOP)
    assert ids(res)[:1] == [expected]
    assert res[0].exact


def test_find_in_text_qayara(index: PlaceIndex, gazetteer: Gazetteer) -> None:
    res = index.find_in_text("is Qayara safe to go back", stop_words=STOP)
    assert area(gazetteer, "99003") in ids(res)
    assert all(m.exact for m in res[:2])


def test_find_in_text_prefers_longer_exact_match(index: PlaceIndex, gazetteer: Gazetteer) -> None:
    res = index.find_in_text("Hammam al-Alil is it safe", stop_words=STOP)
    assert res[0].area_id == area(gazetteer, "IQG15Q05N02")
    res = index.find_in_text("هل حمام العليل امان", stop_words=STOP)
    assert res[0].area_id == area(gazetteer, "IQG15Q05N02")


def test_find_in_text_lossy_keys_need_content_words(index: PlaceIndex) -> None:
    # "a new" has the phonetic key of "Ana"; made only of stop words, it is no place.
    assert index.find_in_text("where can I get a new card", stop_words=STOP) == []
    assert index.search("a new")  # an explicit place query may still use the lossy key


def test_find_in_text_with_proclitic(index: PlaceIndex, gazetteer: Gazetteer) -> None:
    res = index.find_in_text("توزيع الطحين بالموصل", stop_words=STOP)
    assert area(gazetteer, "99072") in ids(res)


def test_find_in_text_typo(index: PlaceIndex, gazetteer: Gazetteer) -> None:
    res = index.find_in_text("is Qayyrah safe", stop_words=STOP)
    assert ids(res)[:1] == [area(gazetteer, "99003")]
    assert not res[0].exact


def test_find_in_text_stop_words_are_not_places() -> None:
    idx = PlaceIndex.build([PlaceName(1, "Kani", "name_en"), PlaceName(2, "Safe", "alias")])
    assert ids(idx.find_in_text("kani")) == [1]
    assert idx.find_in_text("kani", stop_words=frozenset({"Kani"})) == []
    assert ids(idx.find_in_text("is kani safe", stop_words=frozenset({"safe", "is"}))) == [1]


def test_find_in_text_bounded_work(index: PlaceIndex) -> None:
    long_text = "is Qayara safe " * 2000
    res = index.find_in_text(long_text, stop_words=STOP)
    assert res  # the place in the first words is still found
    assert index.find_in_text("") == []
    assert index.find_in_text("\x00\x01\u202e") == []


def test_locate_in_words_reports_span(index: PlaceIndex) -> None:
    words = ["هل", "حمام", "العليل", "امان"]
    spans = index.locate_in_words(words, [True, False, False, True])
    assert (spans[0].start, spans[0].end) == (1, 3)


# ------------------------------------------------------------------------------------------
# Confidence rule


def m(area_id: int, score: float, exact: bool = False) -> PlaceMatch:
    return PlaceMatch(area_id, score, f"place {area_id}", exact)


def test_is_confident_rule() -> None:
    assert not is_confident([])
    assert is_confident([m(1, 1.0, True)])
    assert is_confident([m(1, 1.0, True), m(2, 0.95)])
    assert not is_confident([m(1, 1.0, True), m(2, 1.0, True)])  # same name, two areas
    assert is_confident([m(1, CONFIDENT_SCORE)])
    assert not is_confident([m(1, CONFIDENT_SCORE - 0.01)])
    assert is_confident([m(1, 0.95), m(2, 0.95 - CONFIDENT_MARGIN)])
    assert not is_confident([m(1, 0.95), m(2, 0.90)])


def test_confidence_on_real_queries(index: PlaceIndex) -> None:
    assert is_confident(index.search("Awsaja"))
    assert is_confident(index.search("Şingal"))
    assert not is_confident(index.search("Duhok"))  # town, district and governorate
    assert not is_confident(index.search("Awsja"))  # typo with a close competitor
