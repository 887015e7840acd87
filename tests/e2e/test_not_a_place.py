"""With the ~22,000 villages loaded (as in production and the demo), ordinary words are not
taken for villages: a resident who writes that her husband beats her is offered a person
to talk to — the sensitive report among its topics — with the hotline and the emergency
number, and never an answer about a village the words resemble."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

import handlers
from bot.cases.contacts import EMERGENCY_NUMBER
from bot.config import Settings
from handlers.kit.app import build_application, running
from handlers.kit.context import DaleelApp
from handlers.kit.homes import CasesHome
from sandbox import BotMessage, SandboxClient
from sandbox.demo import build_demo_database
from tests.e2e.conftest import DEMO_NOW, choose_language, plain


@pytest.fixture
async def village_bot(settings: Settings) -> AsyncIterator[DaleelApp]:
    """The demo database with the village gazetteer, as ``make demo`` builds it."""
    await build_demo_database(settings.database, today=DEMO_NOW.date(), villages=True)
    app = build_application(settings, handlers.features())
    app.bot_data.clock = lambda: DEMO_NOW
    async with running(app, poll_timeout=1):
        yield app


# An answer about a place, or a choice of places: what must never come of ordinary words.
PLACE_BUTTONS = ("alert:v1:sub_area", "safe:v1:area", "safe:v1:pick", "txt:v1:safe")


def payloads(message: BotMessage) -> list[str]:
    return [b.callback_data or "" for b in message.buttons]


def about_a_place(message: BotMessage) -> bool:
    return any(p.startswith(PLACE_BUTTONS) for p in payloads(message))


@pytest.mark.parametrize(
    ("asked", "words"),
    [
        ((37001, "ar", "زوجي يضربني"), "بلاغ حساس"),
        ((37002, "ckb", "مێردەکەم لێم دەدات"), "ڕاپۆرتی هەستیار"),
        ((37003, "en", "my husband beats me"), "Sensitive report"),
    ],
)
async def test_harm_is_offered_a_person_not_a_place(
    client: SandboxClient,
    village_bot: DaleelApp,
    settings: Settings,
    asked: tuple[int, str, str],
    words: str,
) -> None:
    user_id, code, text = asked
    user = client.user(user_id)
    await choose_language(user, code)
    await user.send(text)
    answer = await user.reply()
    shown = plain(answer.text)
    # The sensitive report is named, with the hotline and the emergency number.
    assert words in shown, shown
    assert settings.feedback.hotline in shown
    assert EMERGENCY_NUMBER in shown
    # One button: "Talk to a person", the main menu's; no place, no safety answer.
    assert payloads(answer) == [CasesHome().encode()]
    assert not about_a_place(answer)
    # It opens the topics, the sensitive report among them.
    await client.press_button(user_id, answer.message_id, 0)
    topics = await user.reply(predicate=lambda m: len(m.buttons) == 4)
    assert "case:v1:topic:sensitive" in payloads(topics)


async def test_ordinary_words_are_not_villages(
    client: SandboxClient, village_bot: DaleelApp
) -> None:
    """"My child has a fever", "hello to you", "the weather is very hot" in Sorani and "my
    son has a fever" in Arabic: no village's safety answer, no choice of villages (before,
    the first three were offered villages and the last answered about "قرية حرارة")."""
    user = client.user(37010)
    await choose_language(user, "ckb")
    for text in ("منداڵم تای هەيە", "سڵاو لێتان", "هەوا زۆر گەرمە", "ابني عنده حرارة"):
        await user.send(text)
        answer = await user.reply()
        assert not about_a_place(answer), (text, answer.text)
