"""Right-to-left lines stay right-to-left when they start with Latin text or digits."""

from __future__ import annotations

from bot.i18n.bidi import FSI, LRI, PDI, RLM, isolate, isolate_latin, rtl_lines


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


def test_commands_and_latin_words_in_a_translation_are_isolated() -> None:
    assert isolate_latin("أرسل /help لترى") == f"أرسل {LRI}/help{PDI} لترى"
    assert isolate_latin("/id: رقمك") == f"{LRI}/id{PDI}: رقمك"  # trailing colon stays out
    assert isolate_latin("رسالة SMS أو PDF") == f"رسالة {LRI}SMS{PDI} أو {LRI}PDF{PDI}"
    assert isolate_latin("الرمز K-7F3Q2.") == f"الرمز {LRI}K-7F3Q2{PDI}."
    # Words separated by a space are one left-to-right phrase, not reversed word by word.
    assert isolate_latin("افتح Google Maps الآن") == f"افتح {LRI}Google Maps{PDI} الآن"


def test_a_web_address_is_isolated_whole() -> None:
    assert isolate_latin("انظر https://daleel.org/help?x=1. شكرًا") == (
        f"انظر {LRI}https://daleel.org/help?x=1{PDI}. شكرًا"
    )


def test_markup_placeholders_and_existing_isolates_are_left_alone() -> None:
    text = '<a href="https://daleel.org/x">دليل</a> &amp; {name} <b>{n}</b> &#1605;'
    assert isolate_latin(text) == text
    # Escaped braces are text, not a placeholder: the word between them is isolated.
    assert isolate_latin("{{x}} نص") == f"{{{{{LRI}x{PDI}}}}} نص"
    wrapped = f"أرسل {FSI}/help{PDI}"
    assert isolate_latin(wrapped) == wrapped
    once = isolate_latin("أرسل /help و SMS")
    assert isolate_latin(once) == once


def test_code_is_isolated_from_outside_so_copying_it_copies_no_marks() -> None:
    assert isolate_latin("اكتب <code>/setstatus Awsaja</code> هنا") == (
        f"اكتب {LRI}<code>/setstatus Awsaja</code>{PDI} هنا"
    )


def test_a_slash_that_is_not_a_command_is_left_alone() -> None:
    assert isolate_latin("لا أعرف / المخيم كله") == "لا أعرف / المخيم كله"
    assert isolate_latin("24/7 مفتوح") == "24/7 مفتوح"
