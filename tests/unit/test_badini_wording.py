"""The Badini catalogue keeps the safety wording of issue 12 and the words of Duhok.

Rules checked on every entry (the style sheet, locales/kmr_Arab/STYLE.md, says why): land
is cleared OF MINES AND EXPLOSIVES; "surveyed, nothing found" says the area was checked
and no explosives were found, never that land was "released"; a suspected area says there
is suspicion of danger; "by …" closes its circumposition (ژ لایێ … ڤە); the bot's name is
marked as a name; no Turkey-Kurmanji words Duhok does not use.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.i18n.catalogues import default_locales_dir

CLEARED = "ژ مین و تەقەمەنیان"
SUSPECTED = "گومانا مەترسیێ"


def badini() -> Catalog:
    path = default_locales_dir() / "kmr_Arab" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle)


def entries() -> list[tuple[str, str]]:
    """(msgid, each msgstr form) for every entry."""
    found = []
    for message in badini():
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(key, form) for form in forms]
    return found


def test_cleared_always_says_of_mines_and_explosives() -> None:
    cleared = [(k, v) for k, v in entries() if re.search(r"\bcleared\b", k, re.IGNORECASE)
               and "not cleared" not in k and "has not been cleared" not in k
               and "has been cleared" not in k and "(cleared, cancelled)" not in k]
    assert len(cleared) >= 4
    for key, text in cleared:
        assert CLEARED in text, (key, text)


def test_surveyed_says_checked_and_nothing_found_never_released() -> None:
    surveyed = [(k, v) for k, v in entries() if "no evidence" in k or "no hazards" in k]
    assert len(surveyed) >= 3
    for key, text in surveyed:
        assert "پشکنین" in text or "پشکنی" in text, (key, text)
        assert "چ تەقەمەنی" in text, (key, text)
        assert "بەردان" not in text, (key, text)  # "released", as of a prisoner


def test_suspected_says_there_is_suspicion_of_danger() -> None:
    suspected = [(k, v) for k, v in entries() if re.search(r"suspected (danger|hazardous)", k, re.IGNORECASE)]
    assert len(suspected) >= 4
    for key, text in suspected:
        assert SUSPECTED in text, (key, text)
        assert "ب گومان" not in text, (key, text)  # "doubtful"


@pytest.mark.parametrize("opening", ["ژ لایێ", "ژ ئالیێ"])
def test_by_closes_its_circumposition(opening: str) -> None:
    for key, text in entries():
        for tail in text.split(opening)[1:]:
            assert opening == "ژ لایێ", (key, text)  # one spelling: ژ لایێ … ڤە
            assert re.match(r"^ [^،.:]*? ڤە", tail), (key, text)


def test_the_bots_name_is_marked_as_a_name() -> None:
    for key, text in entries():
        if "Daleel" in key:
            assert "«دەلیل»" in text, (key, text)
        assert not re.search(r"(?<!«)دەلیل(?!»)", text), (key, text)


@pytest.mark.parametrize("word", ["مەریەت", "ئیتخال", "سۆهبەت", "مێنو"])
def test_no_turkey_kurmanji_words(word: str) -> None:
    assert not [k for k, v in entries() if word in v]
