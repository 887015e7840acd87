"""Every screen that shows demo data says so, in one wording per language: the services
list and the "left off the list" answer too (issue 13, 6)."""

from __future__ import annotations

import pytest

from bot.text.demo import DEMO_NOTICE
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.camp_ui import SERVICE_TEXTS, WORDS, press, resident_in
from tests.e2e.conftest import has_text, plain

LEFT_OFF = "❓ I was left off the list / my card was stopped"
TITLE = "<b>Left off the food list, or your ration card was stopped?</b>"


@pytest.mark.parametrize("code", ["ar", "ckb", "ku"])
async def test_left_off_answer_of_a_demo_camp_says_demo_data(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    tr = demo_bot.bot_data.catalogues.translator(code)
    words, notice = WORDS[code], SERVICE_TEXTS[code].demo
    assert plain(tr.gettext(DEMO_NOTICE)).replace("<b>", "").replace("</b>", "") == notice
    user = client.user(13500 + ["ar", "ckb", "ku"].index(code))
    await resident_in(user, code, words.erbil, words.debaga, "C")
    await user.press(words.food)
    food = await user.reply(predicate=lambda m: plain(tr.gettext(LEFT_OFF)) in
                            [plain(t) for t in m.button_texts])
    assert plain(food.text).split("\n\n").count(notice) == 1  # the food screen: once
    await press(user, plain(tr.gettext(LEFT_OFF)))
    title = plain(tr.gettext(TITLE)).replace("<b>", "").replace("</b>", "")
    answer = await user.reply(predicate=has_text(title))
    assert plain(answer.text).split("\n\n")[-1] == notice
