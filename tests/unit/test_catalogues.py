"""Every text is translated in every language, with the right placeholders and plurals."""

from __future__ import annotations

import re
import shutil
import string
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from bot.domain.languages import LANGUAGES
from bot.i18n.catalogues import CatalogueError, Catalogues, default_locales_dir

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


def message_key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def forms_of(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def fields(text: str) -> set[str]:
    """The named {fields} of a str.format text; ValueError if its braces do not parse."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("code", ["ar", "ckb", "ku", "kmr_Arab"])
def test_every_text_translated(code: str) -> None:
    po = catalog(code)
    assert template_ids() <= {message_key(m) for m in po if m.id}, "run 'make translations'"
    problems = []
    for message in po:
        if not message.id:
            continue
        if "fuzzy" in message.flags:
            problems.append(f"fuzzy: {message_key(message)!r}")
        if not all(forms_of(message)):
            problems.append(f"untranslated: {message_key(message)!r}")
    assert not problems, f"{code}:\n" + "\n".join(problems)


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_placeholders_match(code: str) -> None:
    """A msgstr has the msgid's {fields}, no other, and braces that str.format can parse.

    A plural form may leave out {n}, the count ngettext always passes ("one resident",
    Arabic zero, one and two); it may never leave out another field nor add one.
    """
    problems = []
    for message in catalog(code):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[1]
        try:
            wanted = fields(source)
        except ValueError as error:
            problems.append(f"{code} msgid {message_key(message)!r}: {error}")
            continue
        for index, form in enumerate(forms_of(message)):
            where = f"{code} {message_key(message)!r} form {index}"
            try:
                found = fields(form)
            except ValueError as error:
                problems.append(f"{where}: {error}")
                continue
            may_omit = {"n"} if isinstance(message.id, tuple) else set()
            if found - wanted:
                problems.append(f"{where}: unknown {sorted(found - wanted)}")
            if wanted - found - may_omit:
                problems.append(f"{where}: missing {sorted(wanted - found - may_omit)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", ["ar", "ckb", "kmr_Arab"])
def test_no_english_left(code: str) -> None:
    # Translations are in their own script (Kurmanji shares Latin, so it is not checked).
    for message in catalog(code):
        if not message.id:
            continue
        first = forms_of(message)[0]
        latin_words = re.findall(r"(?<![/{<&])\b[A-Za-z]{4,}\b", re.sub(r"<[^>]+>", "", first))
        assert not [w for w in latin_words if w not in PLACEHOLDER.findall(first)], (
            code, message.id, first)


def test_tags_survive_translation() -> None:
    for lang in LANGUAGES:
        for message in catalog(lang.code):
            if not message.id or isinstance(message.id, tuple):
                continue
            assert re.findall(r"</?\w+>", message.id) == re.findall(r"</?\w+>", message.string)


def test_arabic_plural_header_is_the_standard_one() -> None:
    assert catalog("ar").plural_forms == ARABIC_PLURALS


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "لا يستخدم «دليل» أيُّ مقيم بعد."),
        (1, "مقيم واحد يستخدم «دليل»."),
        (2, "مقيمان اثنان يستخدمان «دليل»."),
        (3, "3 مقيمين يستخدمون «دليل»."),
        (11, "11 مقيمًا يستخدمون «دليل»."),
        (100, "100 مقيم يستخدمون «دليل»."),
    ],
)
def test_arabic_plurals(catalogues: Catalogues, n: int, expected: str) -> None:
    tr = catalogues.translator("ar")
    assert tr.ngettext("{n} resident uses Daleel.", "{n} residents use Daleel.", n) == expected


@pytest.mark.parametrize(("code", "one", "many"), [
    ("ckb", "1 دانیشتوو دەلیل بەکاردەهێنێت.", "11 دانیشتوو دەلیل بەکاردەهێنن."),
    ("ku", "1 niştecih Daleel bi kar tîne.", "11 niştecih Daleel bi kar tînin."),
    ("kmr_Arab", "1 ئاکنجی «دەلیل» ب کار دئینیت.", "11 ئاکنجی «دەلیل» ب کار دئینن."),
    ("en", "1 resident uses Daleel.", "11 residents use Daleel."),
])
def test_two_form_plurals(catalogues: Catalogues, code: str, one: str, many: str) -> None:
    tr = catalogues.translator(code)
    for n, expected in ((1, one), (11, many), (0, many.replace("11", "0"))):
        assert tr.ngettext("{n} resident uses Daleel.", "{n} residents use Daleel.", n) == expected


def test_dates_use_iraqi_month_names(catalogues: Catalogues) -> None:
    day = date(2026, 11, 24)
    assert "تشرين الثاني" in catalogues.translator("ar").date(day)
    assert catalogues.translator("ckb").date(day) == "24ی تشرینی دووەمی 2026"
    # Kurmanji as read in Duhok, not Turkey's "24ê mijdara 2026an" (bot.i18n.dates).
    assert catalogues.translator("ku").date(day) == "24 Çiriya Duyê 2026"
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
    with pytest.raises(CatalogueError, match=r"ar/LC_MESSAGES/messages\.po is missing"):
        Catalogues.load(tmp_path, ZONE)


def test_without_the_mo_the_po_is_compiled_alike(tmp_path: Path, catalogues: Catalogues) -> None:
    """A wheel ships the .po files alone: they translate every text as the compiled .mo do."""
    real = Path(str(default_locales_dir()))
    copy = tmp_path / "locales"
    shutil.copytree(real, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    from_po = Catalogues.load(copy, ZONE)
    compared = 0
    for lang in LANGUAGES:
        assert (real / lang.code / "LC_MESSAGES" / "messages.mo").is_file(), "make catalogues"
        mo, po = catalogues.translator(lang.code), from_po.translator(lang.code)
        for message in catalog(lang.code):
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                singular, plural = message.id
                values = {name: "x" for name in fields(singular) | fields(plural) if name != "n"}
                for n in (0, 1, 2, 3, 11, 100):
                    assert po.ngettext(singular, plural, n, **values) == mo.ngettext(
                        singular, plural, n, **values)
            elif message.context:
                assert po.pgettext(message.context, message.id) == mo.pgettext(
                    message.context, message.id)
            else:
                assert po.gettext(message.id) == mo.gettext(message.id)
            compared += 1
    assert compared > 4 * 300
    ar = from_po.translator("ar").gettext("Your language is now {language}.", language="x")
    assert ar.startswith("أصبحت لغتك الآن")
