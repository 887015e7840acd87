"""The food screen cannot mislead (issue 13, items 1 and 2): a postponed or cancelled round
is headlined as such (with its new date, or none yet), never as the next distribution; a
round whose window has passed is not "next"; "nothing planned" is said for the resident's
sector, with the camp's other rounds and the last one; each round is named by its kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
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


QUIET = {
    "ar": (
        "لا يوجد توزيع غذاء مقرَّر للقطاع A حاليًا.",
        "القطاعات الأخرى في المخيم",
        "• 26 تشرين الثاني 2026 (بعد يومين): القطاع C",
        "آخر توزيع جرى في 27 تشرين الأول 2026.",
        "تأجَّل",
    ),
    "ku": (
        "Niha ji bo sektora A ti belavkirina xwarinê nehatiye plankirin.",
        "Sektorên din ên kampê",
        "• 26 Çiriya Duyê 2026 (piştî 2 rojan): sektora C",
        "Belavkirina dawî di 27 Çiriya Êkê 2026 de pêk hat.",
        "paşxistin",
    ),
}


@pytest.mark.parametrize("code", ["ar", "ku"])
async def test_nothing_for_my_sector_says_so_with_the_camps_other_rounds(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    """Debaga sector A has nothing to come while sector C has a round (issue 13, item 2)."""
    words = WORDS[code]
    nothing, others, sector_c, last, postponed = QUIET[code]
    user = client.user(13210 + len(code))
    await resident_in(user, code, words.erbil, words.debaga, "A")
    await user.press(words.food)
    food = await user.reply(predicate=food_screen(nothing))
    text = plain(food.text)
    assert others in text
    assert sector_c in text
    assert last in text
    assert postponed not in text  # sector D's postponement is not sector A's to act on


KEROSENE = {
    "ar": ("التوزيعات: خانكه، القطاع A", "🛢️ نفط أبيض", "🍞 سلة غذائية"),
    "ku": ("Belavkirin: Xanke, sektora A", "🛢️ Neftê spî", "🍞 Sepeta xwarinê"),
}


@pytest.mark.parametrize("code", ["ar", "ku"])
async def test_a_kerosene_round_is_named_kerosene(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    """Khanke's whole-camp round gives out kerosene: it says so, not "food basket"."""
    words = WORDS[code]
    title, kerosene, food_basket = KEROSENE[code]
    user = client.user(13220 + len(code))
    await resident_in(user, code, words.duhok, words.khanke, "A")
    await user.press(words.food)
    food = await user.reply(predicate=food_screen(title))
    lines = plain(food.text).split("\n")
    assert lines[0] == title  # not headlined "food distribution"
    assert kerosene in lines
    assert food_basket not in lines
