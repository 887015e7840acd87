"""`printf … | make demo`: the scripted console walks language choice → main menu in
each of the four languages, and exits cleanly at the end of its input."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = "/start\n1\n/language\n2\n/language\n3\n/language\n4\n/help\n"


async def test_scripted_demo_walks_all_four_languages(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(REPO / "bot.py"), "demo", "--wait", "10",
        cwd=tmp_path, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    async with asyncio.timeout(120):
        out, err = await process.communicate(SCRIPT.encode())
    text = out.decode()
    assert process.returncode == 0, err.decode()
    # Language menu, numbered, every language in its own name.
    assert "[1] العربية   [2] کوردیی ناوەندی" in text
    assert "[3] Kurmancî   [4] English" in text
    # Each choice is confirmed and followed by that language's main menu.
    for confirmation, first_button in (
        ("أصبحت لغتك الآن العربية.", "[1] 🏥 خدمات المخيم"),
        ("زمانەکەت گۆڕدرا بۆ کوردیی ناوەندی.", "[1] 🏥 خزمەتگوزارییەکانی کەمپ"),
        ("Zimanê te niha Kurmancî e.", "[1] 🏥 Xizmetên kampê"),
        ("Your language is now English.", "[1] 🏥 Camp services"),
    ):
        assert confirmation in text
        assert first_button in text[text.index(confirmation):]
    # The last answer was printed before the console exited at the end of input.
    assert text.rstrip().endswith("Arabic, Kurdish or English.")
    assert "no answer within" not in text
    assert (tmp_path / "demo" / "daleel.log").exists()
