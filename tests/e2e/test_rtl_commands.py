"""Commands written inside Arabic and Sorani answers read right and stay clickable: each is
isolated left-to-right, Telegram (the sandbox, by tdlib's rule) still marks it as a
bot_command, and sending what was marked runs it."""

from __future__ import annotations

import re

import pytest

from bot.i18n.bidi import LRI, PDI
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SandboxClient
from tests.e2e.conftest import choose_language, plain

COMMAND = re.compile(r"/[a-z]+")


def marked_commands(message: BotMessage) -> list[str]:
    """The texts Telegram marked as bot commands (entity offsets are UTF-16 units)."""
    units = message.text.encode("utf-16-le")
    return [
        units[2 * e.offset : 2 * (e.offset + e.length)].decode("utf-16-le")
        for e in message.entities
        if e.type == "bot_command"
    ]


@pytest.mark.parametrize(("code", "user_id"), [("ar", 81001), ("ckb", 81002)])
async def test_commands_in_a_right_to_left_answer_are_isolated_and_clickable(
    client: SandboxClient, bot: DaleelApp, code: str, user_id: int
) -> None:
    user = client.user(user_id)
    await choose_language(user, code)
    await user.send("/nonsense")
    answer = await user.reply()
    assert f"{LRI}/help{PDI}" in answer.text, "the command is isolated, not shown as help/"
    assert "/help" in marked_commands(answer), "and still clickable"
    # Clicking sends the marked text: the resident gets the help, in their language.
    await user.send("/help")
    help_answer = await user.reply()
    shown = COMMAND.findall(plain(help_answer.text))
    assert {"/menu", "/language", "/forget", "/help"} <= set(shown)
    assert sorted(marked_commands(help_answer)) == sorted(shown), "every command is marked"
    for command in shown:
        assert f"{LRI}{command}{PDI}" in help_answer.text
