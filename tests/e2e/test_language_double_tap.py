"""A language button tapped twice before the first answer arrives (a slow line)."""

from __future__ import annotations

import logging

import pytest

from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import NATIVE, choose_language, plain

APOLOGY = "Sorry, something went wrong on our side. Please try again in a moment."


async def test_a_double_tap_on_a_language_is_answered_once_without_error(
    client: SandboxClient, bot: DaleelApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    user = client.user(4401)
    await choose_language(user, "ar")
    await user.send("/language")
    ask = await user.reply(predicate=lambda m: NATIVE["en"] in m.button_texts)
    data = next(b.callback_data for b in ask.buttons if b.text == NATIVE["en"])
    first = await client.press(4401, ask.message_id, data)
    second = await client.press(4401, ask.message_id, data)
    for query in (first, second):
        await client.wait_callback_answer(query)
    # Updates of one chat are handled in order: once /help is answered, both taps were.
    await user.send("/help")
    await user.reply(predicate=lambda m: "/forget" in m.text)
    messages = await user.messages()
    menu = next(m for m in messages if m.message_id == ask.message_id)
    assert plain(menu.text).startswith("Your language is now English.")
    assert len(menu.buttons) == 6
    texts = [plain(m.text) for m in messages]
    assert APOLOGY not in texts
    failed = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failed == [], [r.getMessage() for r in failed]

