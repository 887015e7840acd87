"""`printf … | make demo`: the scripted console walks language choice → main menu in
each of the four languages, and exits cleanly at the end of its input; `!as operator2`
shows the two-person rule in one session."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = "/start\n1\n/language\n2\n/language\n3\n/language\n4\n/help\n"


async def _demo(tmp_path: Path, script: str, *args: str) -> str:
    """The console's output for this input; the demo must exit cleanly."""
    process = await asyncio.create_subprocess_exec(
        # The console is the point here; the villages have their own test (test_villages).
        sys.executable, str(REPO / "bot.py"), "demo", "--wait", "10", "--no-villages", *args,
        cwd=tmp_path, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    async with asyncio.timeout(120):
        out, err = await process.communicate(script.encode())
    assert process.returncode == 0, err.decode()
    return out.decode()


async def test_scripted_demo_walks_all_four_languages(tmp_path: Path) -> None:
    text = await _demo(tmp_path, SCRIPT)
    # Language menu, numbered, every language in its own name.
    assert "[1] العربية   [2] کوردی (سۆرانی)" in text
    assert "[3] Kurmancî   [4] English" in text
    # Each choice is confirmed and followed by that language's main menu.
    for confirmation, first_button in (
        ("أصبحت لغتك الآن العربية.", "[1] 🏥 خدمات المخيم"),
        ("زمانەکەت گۆڕدرا بۆ کوردی (سۆرانی).", "[1] 🏥 خزمەتگوزارییەکانی کەمپ"),
        ("Zimanê te niha Kurmancî e.", "[1] 🏥 Xizmetên kampê"),
        ("Your language is now English.", "[1] 🏥 Camp services"),
    ):
        assert confirmation in text
        assert first_button in text[text.index(confirmation):]
    # The last answer was printed before the console exited at the end of input.
    assert text.rstrip().endswith(
        "/id: your Telegram id, which an administrator needs to give you a role\n"
        "      [1] 🏠 Main menu"
    )
    assert "no answer within" not in text
    assert (tmp_path / "demo" / "daleel.log").exists()


TWO_OPERATORS = (
    "!as operator2\n/start\n4\n"  # the second operator opens the chat once
    "!as operator\n/start\n4\n"
    "/setstatus Awsaja cleared DMA | Clearance finished\n1\n"
    "!as operator2\n1\n"  # the request waits in their chat: [1] Confirm
    "!as operator\n"
)


async def test_demo_second_operator_confirms_in_the_same_session(tmp_path: Path) -> None:
    text = await _demo(tmp_path, TWO_OPERATORS, "--as", "operator")
    proposed = text.index("📝 Proposal #1: Awsaja (village) — Al-Qayarra → 🔷 Cleared.")
    assert "1 other operator was asked to confirm it." in text[proposed:]
    switched = text.index("(you are now operator2, Telegram user 700004)", proposed)
    asked = text.index("A status change waits for a second operator", switched)
    assert "Proposed by operator 700003." in text[asked:]
    assert "[1] ✅ Confirm   [2] ✖️ Reject" in text[asked:]
    took = text.index("✅ The change took effect.", asked)
    back = text.index("(you are now operator, Telegram user 700003)", took)
    assert "✅ Operator 700004 confirmed your proposal #1" in text[back:]
