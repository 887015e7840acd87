"""A real village from the shipped gazetteer (bot/data/iraq/villages.csv), found by a
resident who types its name: Arabic, English, Sorani, Kurmanji spellings."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

import handlers
from bot.config import Settings
from bot.storage.areas import area_ids_by_pcode
from handlers.kit.app import build_application, running
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SandboxClient
from sandbox.demo import build_demo_database
from tests.e2e.conftest import DEMO_NOW, choose_language, plain

# Aski Mosul (Eski Mosul), a village north-west of Mosul: GeoNames 98562.
ASKI_MOSUL = "GN98562"


@pytest.fixture
async def village_bot(settings: Settings) -> AsyncIterator[DaleelApp]:
    """The demo database with the village gazetteer, as ``make demo`` builds it."""
    await build_demo_database(settings.database, today=DEMO_NOW.date(), villages=True)
    app = build_application(settings, handlers.features())
    app.bot_data.clock = lambda: DEMO_NOW
    async with running(app, poll_timeout=1):
        yield app


def payloads(message: BotMessage) -> list[str]:
    return [b.callback_data or "" for b in message.buttons]


async def test_a_gazetteer_village_is_found_in_every_script(
    client: SandboxClient, village_bot: DaleelApp
) -> None:
    ids = await area_ids_by_pcode(village_bot.bot_data.db, [ASKI_MOSUL])
    area = ids[ASKI_MOSUL]
    asked = [
        (36001, "ar", "اسكي موصل", "اسكي موصل"),
        (36002, "en", "is Aski Mosul safe?", "Aski Musil"),
        (36003, "ckb", "ئاسکی موسڵ", "ئاسکی موسڵ"),
    ]
    for user_id, code, text, name in asked:
        user = client.user(user_id)
        await choose_language(user, code)
        await user.send(text)
        answer = await user.reply()
        # Answered for that village (no status known: said so, never "safe"), and the
        # resident may follow it.
        assert name in plain(answer.text), (text, answer.text)
        assert f"alert:v1:sub_area:{area}" in payloads(answer), (text, answer.button_texts)
    # Other vowels, two letters away from every spelling of it, are a guess, never a direct
    # answer: the village is offered to choose. ("Eski Mosul" is one letter from its alias
    # "Aski Mōṣul": that is the village.)
    user = client.user(36004)
    await choose_language(user, "en")
    await user.send("Esky Musel")
    offered = await user.reply()
    assert "Did you mean" in plain(offered.text)
    choice = next(b.text for b in offered.buttons if "Aski Musil" in b.text)
    await user.press(choice)
    answer = await user.reply(predicate=lambda m: "Aski Musil" in plain(m.text))
    assert f"alert:v1:sub_area:{area}" in payloads(answer)
