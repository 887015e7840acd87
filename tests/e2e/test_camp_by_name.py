"""Camps typed by name (issue 13, item 3): when the bot asks for the camp, a typed name is
looked up among camps first, and the resident lands where they were going; a name with a
camp word ("Debaga camp", "کەمپی دیبەگە") means the camp, not the place it is named after."""

from __future__ import annotations

import pytest

from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.camp_ui import WORDS, has_button, press, resident_in, stored
from tests.e2e.conftest import choose_language, plain

OFFER = {
    "ar": "أيٌّ من هذه هو مخيمك؟",
    "ckb": "کامیان کەمپەکەی تۆیە؟",
    "ku": "Kîjan ji van kampa te ye?",
    "en": "Which of these is your camp?",
}
FOOD_TITLE = {
    "ar": "التوزيعات: خانكه، القطاع A",
    "ckb": "دابەشکردنی خۆراک: دیبەگە 1، کەرتی D",
}


@pytest.mark.parametrize(
    ("code", "typed", "choice"),
    [
        ("ar", "خانكه", ("khanke", "A")),
        ("ckb", "کەمپی دیبەگە", ("debaga", "D")),
    ],
)
async def test_asked_for_the_camp_a_typed_name_is_a_camp_and_food_follows(
    client: SandboxClient, demo_bot: DaleelApp, code: str, typed: str, choice: tuple[str, str]
) -> None:
    words = WORDS[code]
    camp, sector = choice
    label = getattr(words, camp)
    user = client.user(13300 + len(typed))
    await choose_language(user, code)
    await user.press(words.food)
    picker = await user.reply()
    assert plain(picker.text) == words.picker
    await user.send(typed)
    offer = await user.reply(predicate=has_button(label))
    assert plain(offer.text) == OFFER[code]
    await press(user, label)
    await user.reply(predicate=has_button(words.sector.format(sector)))
    await press(user, words.sector.format(sector))
    food = await user.reply(predicate=lambda m: FOOD_TITLE[code] in plain(m.text))
    assert plain(food.text).startswith(FOOD_TITLE[code])
    mine = await stored(demo_bot, user)
    assert mine is not None and mine.camp_id is not None


@pytest.mark.parametrize(
    ("code", "typed"),
    [
        ("en", "Debaga"),
        ("en", "Debaga 1"),
        ("ku", "Dîbege"),
        ("ckb", "دیبەگە"),
        ("ar", "ديبكة"),
    ],
)
async def test_asked_for_the_camp_debaga_is_the_camp_not_the_sub_district(
    client: SandboxClient, demo_bot: DaleelApp, code: str, typed: str
) -> None:
    words = WORDS[code]
    user = client.user(13310 + ["Debaga", "Debaga 1", "Dîbege", "دیبەگە", "ديبكة"].index(typed))
    await choose_language(user, code)
    await user.press(words.services)
    await user.reply(predicate=lambda m: plain(m.text) == words.picker)
    await user.send(typed)
    offer = await user.reply()
    assert plain(offer.text) == OFFER[code]
    assert words.debaga in [plain(t) for t in offer.button_texts]


@pytest.mark.parametrize(
    ("code", "typed"),
    [("en", "Debaga camp"), ("ckb", "کەمپی دیبەگە"), ("ku", "kampa Dîbege"), ("ar", "مخيم ديبكة")],
)
async def test_a_camp_word_names_a_camp_even_unasked(
    client: SandboxClient, demo_bot: DaleelApp, code: str, typed: str
) -> None:
    words = WORDS[code]
    user = client.user(13320 + len(typed))
    await resident_in(user, code, words.duhok, words.khanke, "A")
    await user.send(typed)
    offer = await user.reply()
    assert plain(offer.text) == OFFER[code]
    assert words.debaga in [plain(t) for t in offer.button_texts]
