"""Every text is translated in every language, with the right placeholders and plurals."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.i18n.catalogues import LANGUAGES, CatalogueError, Catalogues, default_locales_dir

PLACEHOLDER = re.compile(r"\{(\w+)\}")
ZONE = ZoneInfo("Asia/Baghdad")
ARABIC_PLURALS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)


def catalog(code: str) -> Catalog:
    path = default_locales_dir() / code / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle)


def template_ids() -> set[str]:
    with (default_locales_dir() / "messages.pot").open("rb") as handle:
        pot = read_po(handle)
    return {m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id}


@pytest.mark.parametrize("code", ["ar", "ckb", "ku"])
def test_every_text_translated(code: str) -> None:
    po = catalog(code)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id}
    assert template_ids() <= ids, "run 'make update' and translate"
    for message in po:
        if not message.id:
            continue
        assert "fuzzy" not in message.flags, message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"untranslated in {code}: {message.id!r}"
        source = message.id if isinstance(message.id, str) else message.id[1]
        wanted = set(PLACEHOLDER.findall(source))
        for form in forms:
            # A plural form may leave out {n} ("one resident"), never add a stranger.
            found = set(PLACEHOLDER.findall(form))
            assert found <= wanted | {"n"}, (code, message.id, form)
            if not isinstance(message.id, tuple):
                assert found == wanted, (code, message.id, form)
        # No English left: translations are in their own script (Kurmanji shares Latin).
        if code in ("ar", "ckb"):
            latin_words = re.findall(r"(?<![/{<&])\b[A-Za-z]{4,}\b", re.sub(r"<[^>]+>", "", forms[0]))
            assert not [w for w in latin_words if w not in PLACEHOLDER.findall(forms[0])], (
                code, message.id, forms[0])


def test_tags_survive_translation() -> None:
    for lang in LANGUAGES:
        for message in catalog(lang.code):
            if not message.id or isinstance(message.id, tuple):
                continue
            assert re.findall(r"</?\w+>", message.id) == re.findall(r"</?\w+>", message.string)


def test_arabic_plural_header_is_the_standard_one() -> None:
    assert catalog("ar").plural_forms == ARABIC_PLURALS


@pytest.fixture(scope="module")
def catalogues() -> Catalogues:
    return Catalogues.load(default_locales_dir(), ZONE)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "لا يستخدم دليلَ أيُّ مقيم بعد."),
        (1, "مقيم واحد يستخدم دليل."),
        (2, "مقيمان اثنان يستخدمان دليل."),
        (3, "3 مقيمين يستخدمون دليل."),
        (11, "11 مقيمًا يستخدمون دليل."),
        (100, "100 مقيم يستخدمون دليل."),
    ],
)
def test_arabic_plurals(catalogues: Catalogues, n: int, expected: str) -> None:
    tr = catalogues.translator("ar")
    assert tr.ngettext("{n} resident uses Daleel.", "{n} residents use Daleel.", n) == expected


@pytest.mark.parametrize(("code", "one", "many"), [
    ("ckb", "1 دانیشتوو دەلیل بەکاردەهێنێت.", "11 دانیشتوو دەلیل بەکاردەهێنن."),
    ("ku", "1 niştecih Daleel bi kar tîne.", "11 niştecih Daleel bi kar tînin."),
    ("en", "1 resident uses Daleel.", "11 residents use Daleel."),
])
def test_two_form_plurals(catalogues: Catalogues, code: str, one: str, many: str) -> None:
    tr = catalogues.translator(code)
    for n, expected in ((1, one), (11, many), (0, many.replace("11", "0"))):
        assert tr.ngettext("{n} resident uses Daleel.", "{n} residents use Daleel.", n) == expected


def test_dates_use_iraqi_month_names(catalogues: Catalogues) -> None:
    day = date(2026, 11, 24)
    assert "تشرين الثاني" in catalogues.translator("ar").date(day)
    assert "تشرینی دووەم" in catalogues.translator("ckb").date(day)
    assert "mijdar" in catalogues.translator("ku").date(day)
    assert catalogues.translator("en").date(day) == "November 24, 2026"


def test_values_are_escaped_and_isolated_in_rtl(catalogues: Catalogues) -> None:
    ar = catalogues.translator("ar")
    text = ar.gettext("I don't know the command {command}. Send /help to see what I can do.",
                      command="/x<b>")
    assert "\u2068/x&lt;b&gt;\u2069" in text
    en = catalogues.translator("en")
    assert "/x&lt;b&gt;. " in en.gettext(
        "I don't know the command {command}. Send /help to see what I can do.", command="/x<b>")


def test_missing_catalogue_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="make catalogues"):
        Catalogues.load(tmp_path, ZONE)
