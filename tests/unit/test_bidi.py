"""Right-to-left lines stay right-to-left when they start with Latin text or digits."""

from __future__ import annotations

from bot.i18n.bidi import FSI, PDI, RLM, isolate, rtl_lines


def test_lines_starting_with_latin_or_digits_get_rlm() -> None:
    text = "/menu: القائمة\nمرحبا\n42 مقيم\n<b>Daleel</b> دليل\n"
    lines = rtl_lines(text).split("\n")
    assert lines[0].startswith(RLM)
    assert lines[1] == "مرحبا"
    # Digits are weak: the first strong character is Arabic, so no mark is needed.
    assert lines[2] == "42 مقيم"
    assert lines[3].startswith(RLM)
    assert lines[4] == ""


def test_tags_do_not_count_as_latin() -> None:
    assert rtl_lines("<b>دليل</b>") == "<b>دليل</b>"


def test_isolate_wraps_values() -> None:
    assert isolate("Qayyarah") == f"{FSI}Qayyarah{PDI}"
