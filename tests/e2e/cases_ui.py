"""Steps a resident takes to reach a person, shared by the case tests."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.cases import Topic
from bot.i18n.catalogues import Translator
from bot.storage.db import Database
from handlers.kit.cases import AddToCase
from handlers.kit.context import DaleelApp
from handlers.residents.feedback import ChooseGender, ChooseTopic
from sandbox import BotMessage, SimulatedUser
from tests.e2e.conftest import plain

LANGS = ("ar", "ckb", "ku", "en", "kmr_Arab")


@dataclass(frozen=True)
class StoredCase:
    id: int
    number: str
    topic: str
    language: str
    gender_wanted: str | None
    state: str
    erased_at: str | None


def tr(bot: DaleelApp, code: str) -> Translator:
    return bot.bot_data.catalogues.translator(code)


async def press_payload(user: SimulatedUser, message: BotMessage, data: str) -> str:
    """Press with this exact callback data (a real button's, or a forged one)."""
    user.cursor = await user.client.last_seq()
    return await user.client.press(user.user_id, message.message_id, data)


async def ask_topic(user: SimulatedUser, topic: Topic) -> BotMessage:
    """/feedback, then the topic's button: the screen that asks for the message."""
    await user.send("/feedback")
    topics = await user.reply(predicate=lambda m: len(m.buttons) == 4)
    assert ChooseTopic(topic).encode() in [b.callback_data for b in topics.buttons]
    await press_payload(user, topics, ChooseTopic(topic).encode())
    return await user.reply()


async def choose_gender(user: SimulatedUser, screen: BotMessage, want: str) -> BotMessage:
    data = ChooseGender(want).encode()  # type: ignore[arg-type]
    assert data in [b.callback_data for b in screen.buttons]
    await press_payload(user, screen, data)
    return await user.reply()


async def file_case(user: SimulatedUser, topic: Topic, text: str) -> BotMessage:
    """Choose the topic and write: the acknowledgement."""
    await ask_topic(user, topic)
    await user.send(text)
    return await user.reply()


async def cases_of(db: Database, chat_id: int | None) -> list[StoredCase]:
    rows = await db.fetch_all(
        "SELECT id, number, topic, language, gender_wanted, state, erased_at FROM cases"
        " WHERE chat_id IS ? ORDER BY id",
        (chat_id,),
    )
    return [StoredCase(*row) for row in rows]


async def bodies(db: Database, case_id: int) -> list[tuple[str | None, str | None]]:
    rows = await db.fetch_all(
        "SELECT body, photo FROM case_messages WHERE case_id = ? ORDER BY id", (case_id,)
    )
    return [(row[0], row[1]) for row in rows]


async def count_cases(db: Database) -> int:
    row = await db.fetch_one("SELECT COUNT(*) FROM cases")
    return int(row[0]) if row else 0


async def count_messages(db: Database) -> int:
    row = await db.fetch_one("SELECT COUNT(*) FROM case_messages")
    return int(row[0]) if row else 0


def add_payload(number: str) -> str:
    return AddToCase(number).encode()


def shows_footer(message: BotMessage) -> bool:
    """The Iraq Information Centre's hotline and the emergency number are on the screen."""
    text = plain(message.text)
    return "80069999" in text and "911" in text
