"""The .po files are the master: `make translations` keeps what translators wrote there.

These tests run the steps of tools/catalogues.py, which the Makefile calls, on copies of the
catalogues; the texts are extracted from the real code (about a second each).
"""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.domain.languages import CODES
from bot.i18n.catalogues import default_locales_dir
from tools import catalogues

REAL = default_locales_dir()
Key = tuple[str | None, str | tuple[str, ...]]


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def entries(path: Path) -> dict[Key, str | tuple[str, ...]]:
    """msgctxt and msgid (with msgid_plural) -> msgstr, for every entry but the header."""
    return {(m.context, m.id): m.string for m in read(path) if m.id}


def save(path: Path, catalog: Catalog) -> None:
    # Wrapped at 76 columns, as Poedit would write it: the update unwraps it again.
    with path.open("wb") as handle:
        write_po(handle, catalog)


def unchanged(before: dict[Key, object], after: dict[Key, object]) -> bool:
    return all(before[key] == after[key] for key in before.keys() & after.keys())


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the template and the .po files (no .mo)."""
    copy = tmp_path / "locales"
    shutil.copytree(REAL, copy, ignore=shutil.ignore_patterns("*.mo"))
    return copy


def test_every_text_of_the_code_is_in_every_catalogue(tmp_path: Path) -> None:
    """Fails when a text was added, changed or removed and `make translations` not run."""
    pot = catalogues.extract(tmp_path)
    in_code = set(entries(pot))
    assert set(entries(REAL / "messages.pot")) == in_code, "run 'make translations'"
    for lang in CODES:
        in_po = set(entries(catalogues.po_path(REAL, lang)))
        assert not in_code - in_po, (lang, "run 'make translations'", sorted(in_code - in_po))
        assert not in_po - in_code, (lang, "run 'make translations'", sorted(in_po - in_code))


def test_an_edited_translation_survives_make_translations(locales: Path) -> None:
    before = {lang: entries(catalogues.po_path(locales, lang)) for lang in CODES}
    ar_po = catalogues.po_path(locales, "ar")
    ar = read(ar_po)
    edited = next(m for m in ar if m.id and isinstance(m.id, str) and m.string)
    edited.string = "نص عدّله مترجم " + edited.string
    save(ar_po, ar)
    en_po = catalogues.po_path(locales, "en")
    en = read(en_po)
    singulars = [m for m in en if m.id and isinstance(m.id, str) and m.id != edited.id]
    reworded, emptied = singulars[0], singulars[-1]
    plural = next(m for m in en if isinstance(m.id, tuple))
    reworded.string = "A translator's English wording"
    emptied.string = ""
    plural.string = ("", "")
    save(en_po, en)

    catalogues.translations(locales)

    after = entries(ar_po)
    assert after[(None, edited.id)] == edited.string
    # Nothing else changed (texts the code gained or lost since are the other test's concern).
    assert unchanged(before["ar"] | {(None, edited.id): edited.string}, after)
    for lang in ("ckb", "ku", "kmr_Arab"):
        assert unchanged(before[lang], entries(catalogues.po_path(locales, lang))), lang
    english = entries(en_po)
    assert english[(None, reworded.id)] == "A translator's English wording"
    assert english[(None, emptied.id)] == emptied.id
    assert english[(None, plural.id)] == plural.id
    assert read(ar_po).plural_forms == catalogues.ARABIC_PLURAL_FORMS
    with (ar_po.with_suffix(".mo")).open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext(edited.id) == edited.string

