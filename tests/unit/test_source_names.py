"""Sources and notes in the reader's language: no English slipped into another language."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.languages import CODES
from bot.i18n.catalogues import Catalogues
from bot.safety.notes import note_language, note_line
from bot.safety.sources import load_sources, source_name


def test_every_shipped_source_has_a_name_in_every_language() -> None:
    sources = load_sources()
    assert sources
    for source in sources:
        for code in CODES:
            assert source.name_in(code), (source.code, code)
        assert set(source.names) == {"ar", "ckb", "ku", "kmr_Arab"}, source.code
        for code in ("ar", "ckb", "kmr_Arab"):  # Arabic script: no Latin letter in the name
            assert not any("a" <= c <= "z" for c in source.name_in(code).casefold()), source.code


@pytest.mark.parametrize("stored", ["DMA", "dma", "Directorate of Mine Action",
                                    " directorate  of mine action ", "دائرة شؤون الألغام"])
def test_a_code_or_any_name_reads_in_the_readers_language(stored: str) -> None:
    sources = load_sources()
    assert source_name(stored, "ar", sources) == "دائرة شؤون الألغام"
    assert source_name(stored, "en", sources) == "Directorate of Mine Action"


def test_an_unknown_source_is_shown_as_written() -> None:
    assert source_name("UNMAS partner", "ar", load_sources()) == "UNMAS partner"
    assert source_name("DMA", "ar", ()) == "DMA"


def test_a_source_without_a_name_in_a_language_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\ncode = "X"\nname = "Example"\nnames = { ar = "مثال" }\n')
    (source,) = load_sources(path)  # type: ignore[arg-type]
    assert source.name_in("ar") == "مثال"
    assert source.name_in("ckb") == "مثال"  # Sorani readers' next language is Arabic
    assert source.name_in("ku") == "Example"


def test_a_names_table_in_an_unknown_language_stops_loading(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\ncode = "X"\nname = "Example"\nnames = { fr = "Exemple" }\n')
    with pytest.raises(ValueError, match="unknown language"):
        load_sources(path)  # type: ignore[arg-type]


@pytest.mark.parametrize(("note", "language"), [
    ("Clearance finished and land handed over.", "en"),
    ("Paqijkirin hat qedandin, ji erdê dûr bisekinin.", "ku"),
    ("انتهى التطهير وسُلّمت الأرض.", "ar"),
    ("پاککردنەوە تەواو بوو.", "ckb"),
    ("2026-11-10 …", None),
])
def test_the_language_of_a_note(note: str, language: str | None) -> None:
    assert note_language(note) == language


def _unisolated(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")  # bidi isolates of values


def test_a_note_in_another_language_says_which(catalogues: Catalogues) -> None:
    english = "Keep out of marked areas."
    assert _unisolated(note_line(catalogues.translator("ar"), english)) == (
        "📝 ملاحظة (باللغة الإنجليزية): Keep out of marked areas."
    )
    assert _unisolated(note_line(catalogues.translator("en"), english)) == "📝 Note: Keep out of marked areas."
    arabic = "ابتعد عن المناطق المعلَّمة."
    assert _unisolated(note_line(catalogues.translator("ar"), arabic)) == f"📝 ملاحظة: {arabic}"
    assert _unisolated(note_line(catalogues.translator("en"), arabic)) == f"📝 Note (in Arabic): {arabic}"
