"""In the demo console a resident talks to a person: a complaint typed, a photo sent with
``!photo``, both acknowledged with a case number and listed by /mycases; and README's
script of the whole loop (``staff`` is the demo's helpdesk) works as written."""

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


# README's "The demo": a complaint, answered and closed by `staff` (the demo's helpdesk).
LOOP = (
    "/start\n4\n/camp\nDebaga 1\n1\n2\n"  # English; Debaga 1, sector B
    "/feedback\n3\nThe water tank in sector B has been empty for three days\n"
    "!as staff\n/start\n4\n/cases\n1\n1\n2\nThe tank is refilled on Sunday at 9:00\n"
    "/cases\n1\n5\n1\n"  # open it again, Close, Resolved
    "!as resident\n1\n"  # 👍 Yes
)


async def test_the_demo_console_shows_the_whole_loop_of_a_case(tmp_path: Path) -> None:
    text = await _demo(tmp_path, LOOP)
    (number,) = set(re.findall(r"received as case (D-[A-Z0-9]{6})", text))
    staff = text[text.index("(you are now staff"):text.index("(you are now resident")]
    assert f"{number} · Complaint · Debaga 1 · English" in staff
    assert f"You took case {number}." in staff
    assert "Your answer was sent to the resident." in staff
    assert f"Case {number} is closed; the resident was told." in staff
    resident = text[text.index("(you are now resident"):]
    assert f"Answer to your case {number}:" in resident
    assert f"Your case {number} is closed: it was resolved." in resident
    assert resident.rstrip().endswith("Thank you for telling us. It helps us do better.")
