"""In the demo console a resident talks to a person: a complaint typed, a photo sent with
``!photo``, both acknowledged with a case number and listed by /mycases."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.test_demo_console import _demo

SCRIPT = (
    "/start\n4\n"  # English
    "/feedback\n3\n"  # a complaint
    "The water tap in sector B is broken\n"
    "/feedback\n1\n"  # a question, asked with a photo
    "!photo is this the right form?\n"
    "/mycases\n"
)


async def test_the_demo_console_files_cases_with_text_and_photo(tmp_path: Path) -> None:
    text = await _demo(tmp_path, SCRIPT)
    assert "[1] ❓ Question" in text and "[4] 🛡 Sensitive report" in text
    numbers = re.findall(r"received as case (D-[A-Z0-9]{6})", text)
    assert len(numbers) == 2, text
    listing = text[text.rindex("received as case"):]  # what /mycases printed after it
    assert all(number in listing for number in numbers)
    assert "Complaint" in listing and "Question" in listing
    assert "no answer within" not in text
