"""Choosing a camp subscribes the resident to its announcements, says so, and offers the
one press that switches them off; /stop stays stronger than the default (issue 13, 4)."""

from __future__ import annotations

import pytest

from bot.storage.subscriptions import alert_settings, subscribers_of_camp
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.camp_ui import WORDS, camp_ids, has_button, pick_camp, press
from tests.e2e.conftest import choose_language, has_text, plain

SAYS = {
    "ar": "ستصلك إعلانات هذا المخيم هنا. ضغطة واحدة توقفها.",
    "ckb": "ڕاگەیاندنەکانی ئەم کەمپە لێرە بۆت دێن. بە یەک پەنجەنان ڕایاندەگریت.",
}
OFF_BUTTON = {"ar": "🔕 إيقاف إعلانات المخيم", "ckb": "🔕 ڕاگرتنی ڕاگەیاندنەکانی کەمپ"}
NOW_OFF = {"ar": "إعلانات المخيم (بحركة): متوقفة", "ckb": "ڕاگەیاندنەکانی کەمپ (بەحرکە): ناچالاکە"}


@pytest.mark.parametrize("code", ["ar", "ckb"])
async def test_choosing_a_camp_subscribes_and_one_press_switches_off(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    words = WORDS[code]
    user = client.user(11300 + ["ar", "ckb"].index(code))
    db = demo_bot.bot_data.db
    baharka = (await camp_ids(demo_bot))["baharka"]
    await choose_language(user, code)
    assert user.chat_id not in [s.chat_id for s in await subscribers_of_camp(db, baharka.id, "camp")]
    await user.send("/camp")
    await user.reply(predicate=has_button(words.erbil))
    confirmation = await pick_camp(user, code, words.erbil, words.baharka, None)
    assert SAYS[code] in plain(confirmation.text)
    assert [plain(t) for t in confirmation.button_texts] == [OFF_BUTTON[code]]
    assert user.chat_id in [s.chat_id for s in await subscribers_of_camp(db, baharka.id, "camp")]

    await press(user, OFF_BUTTON[code])
    screen = await user.reply(predicate=has_text(NOW_OFF[code]))
    assert screen.message_id == confirmation.message_id  # the pressed message shows the change
    settings = await alert_settings(db, user.chat_id)
    assert settings is not None and not settings.camp
    assert user.chat_id not in [s.chat_id for s in await subscribers_of_camp(db, baharka.id, "camp")]


async def test_after_stop_choosing_a_camp_does_not_subscribe(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    words = WORDS["ar"]
    user = client.user(11310)
    await choose_language(user, "ar")
    await user.send("/stop")
    await user.reply()
    await user.send("/camp")
    await user.reply(predicate=has_button(words.erbil))
    await press(user, words.erbil)
    await user.reply(predicate=has_button(words.baharka))
    await press(user, words.baharka)
    confirmation = await user.reply(predicate=has_text("مخيمك الآن: بحركة."))
    assert SAYS["ar"] not in plain(confirmation.text)
    assert not confirmation.buttons
    settings = await alert_settings(demo_bot.bot_data.db, user.chat_id)
    assert settings is not None and settings.paused and not settings.camp
