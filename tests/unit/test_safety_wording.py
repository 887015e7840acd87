"""The safety terminology a native reviewer chose (locales/*/STYLE.md), pinned per language.

A translator who rewrites one entry with the old, ambiguous word brings back a misreading
that can send someone into a minefield: "cleared" read as "cleared of ISIS", "suspected"
one letter from "certain", the land "liberated". These tests read the real .po files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.domain.languages import language
from bot.i18n.catalogues import default_locales_dir

REVIEWED = ("ar", "ckb", "ku")

# "Cleared" and "clearance" always name what is cleared.
MINES_AND_EXPLOSIVES = {"ar": "الألغام والمتفجرات", "ckb": "مین و تەقەمەنی", "ku": "mîn û teqemeniyan"}
# The 'cancelled' status: checked, no mines or explosives found.
NONE_FOUND = {"ar": "ألغام أو متفجرات", "ckb": "مین و تەقەمەنی", "ku": "mîn û teqemen"}
# Words that misread (see each STYLE.md): never in any msgstr of the language.
FORBIDDEN = {
    "ar": (
        "أُفرِج", "يُفرج", "أفرج", "الإفراج",  # the release of prisoners
        "مُسحت", "مسحت",  # "was wiped"
        "على دليل", "دليل خطر",  # "evidence" is the bot's name
        "التموينية",  # the state ration card; the camps' distributions use the food card
    ),
    "ckb": (
        "ئازاد",  # "liberated"
        "تا تیمەکان کار",  # reads "until the teams work"
        "بەشەکەت",  # the sector is کەرت everywhere
    ),
    "ku": (
        "bi guman",  # "doubtful", one letter from bê guman, "certainly"
        "mayin", "mayîn",  # Turkey's word: Duhok and the agency's own name say mîn
        "sohbet", "îtxal", "meriyet", "menuy",  # Turkey usage: axaftin, barkirin, bicihkirin, lîste
        "beşa xwe",  # the sector is sektor everywhere
    ),
}
# The bot's name in Arabic is an ordinary word ("a guide"): always marked as a name.
BARE_AR_NAME = re.compile(r"(?<!«)دليل|دليل(?!»)")


def _entries(lang: str) -> Iterator[tuple[str, str]]:
    """(msgid, msgstr) of every entry, one pair per plural form."""
    path = Path(default_locales_dir()) / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for i, string in enumerate(strings):
            yield ids[min(i, len(ids) - 1)], string


def _translating(lang: str, pattern: str) -> list[tuple[str, str]]:
    found = [(i, s) for i, s in _entries(lang) if re.search(pattern, i, re.IGNORECASE)]
    assert found, (lang, pattern, "no entry: the pattern no longer matches any text")
    return found


@pytest.mark.parametrize("lang", REVIEWED)
def test_cleared_and_clearance_say_of_mines_and_explosives(lang: str) -> None:
    for msgid, msgstr in _translating(lang, r"\bclear(ed|ance)\b"):
        assert MINES_AND_EXPLOSIVES[lang] in msgstr, (lang, msgid, msgstr)


@pytest.mark.parametrize("lang", REVIEWED)
def test_the_cancelled_status_says_no_mines_or_explosives_were_found(lang: str) -> None:
    for msgid, msgstr in _translating(lang, r"no (evidence|hazards) found"):
        assert NONE_FOUND[lang] in msgstr, (lang, msgid, msgstr)


@pytest.mark.parametrize("lang", REVIEWED)
def test_no_msgstr_uses_a_word_that_misreads(lang: str) -> None:
    for msgid, msgstr in _entries(lang):
        for word in FORBIDDEN[lang]:
            assert word.casefold() not in msgstr.casefold(), (lang, word, msgid, msgstr)


def test_the_arabic_name_of_the_bot_is_always_marked_as_a_name() -> None:
    named = 0
    for msgid, msgstr in _entries("ar"):
        assert not BARE_AR_NAME.search(msgstr), (msgid, msgstr)
        named += "«دليل»" in msgstr
    assert named >= 25


def test_kurmanji_never_says_next_with_the_word_for_without() -> None:
    for msgid, msgstr in _entries("ku"):
        assert not re.search(r"(?<![\wçêîşû])bê(?![\wçêîşû])", msgstr), (msgid, msgstr)
    for msgid, msgstr in _translating("ku", r"\b(next|upcoming)\b"):
        if "▶️" not in msgid:  # the paging button says "the other one"
            assert "dahatû" in msgstr, (msgid, msgstr)


def test_kurmanji_suspected_says_there_is_suspicion_of_danger() -> None:
    for msgid, msgstr in _translating("ku", r"suspected (danger|hazardous)"):
        assert "gumana xetereyê" in msgstr.casefold(), (msgid, msgstr)


@pytest.mark.parametrize(("lang", "opening", "closing"), [
    ("ckb", r"لەلایەن", r"\S*وە\b"), ("ku", r"ji aliyê", r"[^,.:;“]*? ve\b"),
])
def test_by_someone_closes_its_circumposition(lang: str, opening: str, closing: str) -> None:
    for msgid, msgstr in _entries(lang):
        for match in re.finditer(opening, msgstr, re.IGNORECASE):
            rest = msgstr[match.end():]
            assert re.match(r"\s*" + closing, rest), (lang, msgid, msgstr)


@pytest.mark.parametrize(("lang", "word"), [("ckb", "کەرت"), ("ku", "sektor")])
def test_sector_is_one_word_everywhere(lang: str, word: str) -> None:
    for msgid, msgstr in _translating(lang, r"\bsectors?\b"):
        assert word in msgstr.casefold(), (lang, msgid, msgstr)


@pytest.mark.parametrize(("lang", "card"), [
    ("ar", "بطاقة الغذاء"), ("ckb", "کارتی خۆراک"), ("ku", "xwarinê"),
])
def test_the_card_is_the_food_card_in_every_language(lang: str, card: str) -> None:
    for msgid, msgstr in _translating(lang, r"(ration|my) card"):
        assert card in msgstr, (lang, msgid, msgstr)


@pytest.mark.parametrize(("lang", "distributed"), [
    ("ar", "تمّ التوزيع"), ("ckb", "دابەشکرا"), ("ku", "Hat belavkirin"),
])
def test_a_past_distribution_says_it_was_distributed(lang: str, distributed: str) -> None:
    assert dict(_entries(lang))["✔️ Done"] == f"✔️ {distributed}"


def test_the_stay_safe_advice_in_kurmanji_agrees_with_the_object() -> None:
    advice = next(s for i, s in _entries("ku") if i.startswith("<b>Stay safe:</b>"))
    assert "cihê wî nîşan bike" in advice  # tişt ("object") is masculine


def test_the_sorani_button_carries_the_name_sorani_speakers_look_for() -> None:
    assert language("ckb").native_name == "کوردی (سۆرانی)"
