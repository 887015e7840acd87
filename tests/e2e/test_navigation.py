"""Navigation (issue 13, 5): every screen ends with a way back to the main menu (/alerts,
/stop, after following an area), one style of back button (never two buttons with the
same sign on one screen), and a pressed "alert me" button shows its new state."""

from __future__ import annotations

import pytest

from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SandboxClient
from tests.e2e.camp_ui import WORDS, press, resident_in
from tests.e2e.conftest import choose_language, plain
from tests.e2e.test_alerts import FOLLOW

MAIN_MENU = {"ar": "🏠 القائمة الرئيسية", "ckb": "🏠 لیستەی سەرەکی"}
BACK = {"ar": "➡️ رجوع", "ckb": "➡️ گەڕانەوە"}
FOLLOWED = {"ar": "✅ التنبيهات مفعّلة لهذا المكان", "ckb": "✅ ئاگادارکردنەوە بۆ ئەم شوێنە چالاکە"}
LEFT_OFF = {
    "ar": "❓ حُذف اسمي من القائمة / أُوقفت بطاقة الغذاء",
    "ckb": "❓ ناوم لە لیستەکە لابرا / کارتی خۆراکەکەم ڕاگیرا",
}
CODES = ["ar", "ckb"]


def labels(message: BotMessage) -> list[str]:
    return [plain(text) for text in message.button_texts]


def signs_differ(message: BotMessage) -> bool:
    """No two buttons of the screen start with the same sign (arrow, house...)."""
    firsts = [label.split(" ")[0] for label in labels(message) if not label[0].isalnum()]
    return len(firsts) == len(set(firsts))


@pytest.mark.parametrize("code", CODES)
async def test_alerts_stop_and_following_end_with_the_main_menu(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    user = client.user(14000 + CODES.index(code))
    await choose_language(user, code)
    await user.send("/alerts")
    assert labels(await user.reply())[-1] == MAIN_MENU[code]

    await user.send("عوسجة؟" if code == "ar" else "عەوسەجە؟")
    answer = await user.reply(predicate=lambda m: FOLLOW[code][0] in m.button_texts)
    await user.press(FOLLOW[code][0])
    confirmation = await user.reply()
    assert plain(confirmation.text) == FOLLOW[code][1]
    assert labels(confirmation)[-1] == MAIN_MENU[code]
    # The pressed button now says it is done, on the answer it was pressed on.
    marked = await user.reply(predicate=lambda m: m.message_id == answer.message_id)
    assert FOLLOWED[code] in labels(marked) and FOLLOW[code][0] not in labels(marked)
    assert len(marked.buttons) == len(answer.buttons)

    await user.send("/stop")
    assert labels(await user.reply())[-1] == MAIN_MENU[code]


@pytest.mark.parametrize("code", CODES)
async def test_one_back_style_and_the_main_menu_on_camp_screens(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    words = WORDS[code]
    user = client.user(14100 + CODES.index(code))
    await resident_in(user, code, words.erbil, words.debaga, "C")
    await user.send("/camp")
    picker = await user.reply(predicate=lambda m: words.erbil in labels(m))
    assert labels(picker)[-1] == MAIN_MENU[code]
    await press(user, words.erbil)
    camps = await user.reply(predicate=lambda m: words.debaga in labels(m))
    assert labels(camps)[-1] == BACK[code]

    await user.send("/menu")
    await user.reply(predicate=lambda m: words.food in labels(m))
    await user.press(words.food)
    await user.reply(predicate=lambda m: LEFT_OFF[code] in labels(m))
    await press(user, LEFT_OFF[code])
    left_off = await user.reply(predicate=lambda m: BACK[code] in labels(m))
    assert set(labels(left_off)) == {BACK[code], MAIN_MENU[code]}
    assert signs_differ(left_off)
    assert not any(label.startswith("‹") for label in labels(left_off))


async def test_safety_browsing_uses_the_same_back_button(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = client.user(14200)
    await choose_language(user, "ar")
    await user.send("/menu")
    await user.reply(predicate=lambda m: "⚠️ هل منطقتي آمنة؟" in labels(m))
    await user.press("⚠️ هل منطقتي آمنة؟")
    home = await user.reply(predicate=lambda m: "🗺️ تصفّح حسب المحافظة" in labels(m))
    assert labels(home)[-1] == MAIN_MENU["ar"]
    await press(user, "🗺️ تصفّح حسب المحافظة")
    governorates = await user.reply(predicate=lambda m: len(m.buttons) > 3)
    assert labels(governorates)[-1] == MAIN_MENU["ar"]
    await press(user, labels(governorates)[0])
    districts = await user.reply(predicate=lambda m: BACK["ar"] in labels(m))
    assert labels(districts)[-1] == MAIN_MENU["ar"]
    assert signs_differ(districts)
