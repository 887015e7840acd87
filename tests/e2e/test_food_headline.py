"""The first lines of the food screen are the truth: a postponed or cancelled round is
headlined as such (with its new date, or none yet), never as the next distribution, and
a round whose window has passed is not "next" (issue 13, item 1)."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from handlers.kit.app import Prebuilt
from sandbox import SandboxClient
from tests.e2e.camp_ui import WORDS, resident_in
from tests.e2e.conftest import DEMO_NOW, plain, run_bot
from tests.e2e.test_food import EXPECTED, food_screen

NEXT = {"ar": "التوزيع القادم", "ckb": "دابەشکردنی داهاتوو", "en": "Next distribution"}
CANCELLED = {
    "ar": "❌ أُلغي. السبب:",
    "ckb": "❌ هەڵوەشایەوە. هۆکار:",
    "en": "❌ Cancelled. Reason:",
}


async def test_postponed_round_is_headlined_postponed_in_arabic(
    client: SandboxClient, settings: Settings, demo_database: Path, prebuilt: Prebuilt
) -> None:
    words, expected = WORDS["ar"], EXPECTED["ar"]
    async with run_bot(settings, prebuilt, clock=lambda: DEMO_NOW):
        user = client.user(13201)
        await resident_in(user, "ar", words.erbil, words.debaga, "D")
        await user.press(words.food)
        food = await user.reply(predicate=food_screen(expected.postponed))
    lines = plain(food.text).split("\n")
    # Title, blank line, then what happened and what now, before any date.
    assert lines[2].startswith(expected.postponed)
    assert lines[3] == expected.no_new_date
    assert lines[4] == "📅 25 تشرين الثاني 2026 (غدًا)"
    assert NEXT["ar"] not in plain(food.text)


async def test_cancelled_round_after_its_window_is_not_next_in_kurdish(
    client: SandboxClient, settings: Settings, demo_database: Path, prebuilt: Prebuilt
) -> None:
    words = WORDS["ckb"]
    evening = DEMO_NOW.replace(hour=21)
    async with run_bot(settings, prebuilt, clock=lambda: evening):
        user = client.user(13202)
        await resident_in(user, "ckb", words.ninewa, words.khazer, "B")
        await user.press(words.food)
        food = await user.reply(predicate=food_screen(CANCELLED["ckb"]))
    text = plain(food.text)
    assert text.split("\n")[2].startswith(CANCELLED["ckb"])
    assert NEXT["ckb"] not in text
