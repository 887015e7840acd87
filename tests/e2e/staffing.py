"""Helpers for the staff tests: residents with camps and subscriptions, a staff member
composing an announcement through the real bot, a clock that moves, and what arrived."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.languages import CODES
from bot.storage import Database
from bot.storage.roles import grant_role
from bot.storage.services_food import set_camp
from bot.storage.subscriptions import stop_all, subscribe
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import ADMIN, NATIVE, choose_language, plain

__all__ = [
    "HEADERS",
    "STAFF",
    "Aud",
    "MovingClock",
    "announcements",
    "broadcast_id_of",
    "compose",
    "make_staff",
    "resident",
    "wait_report",
]

STAFF = 700002
# What each language group reads as the first line of an announcement.
HEADERS = {
    ("urgent", "ar"): "🚨 تنبيه سلامة عاجل",
    ("urgent", "ckb"): "🚨 ئاگادارکردنەوەی سەلامەتیی بەپەلە",
    ("urgent", "ku"): "🚨 Hişyariya ewlehiyê ya lezgîn",
    ("urgent", "en"): "🚨 Urgent safety alert",
    ("urgent", "kmr_Arab"): "🚨 ئاگەهداریا سلامەتیێ یا لەزگین",
    ("routine", "ar"): "📢 إعلان المخيم",
    ("routine", "ckb"): "📢 ڕاگەیاندنی کەمپ",
    ("routine", "ku"): "📢 Daxuyaniya kampê",
    ("routine", "en"): "📢 Camp announcement",
    ("routine", "kmr_Arab"): "📢 راگەهاندنا کەمپێ",
}


class MovingClock:
    """Camp time that runs at real speed from a chosen instant; ``set`` jumps it."""

    def __init__(self, start: datetime) -> None:
        self.set(start)

    def set(self, at: datetime) -> None:
        self._base, self._started = at, time.monotonic()

    def __call__(self) -> datetime:
        return self._base + timedelta(seconds=time.monotonic() - self._started)


async def make_staff(db: Database, user_id: int = STAFF) -> None:
    await grant_role(db, user_id, "staff", ADMIN)


async def resident(
    client: SandboxClient,
    db: Database,
    chat_id: int,
    language: str,
    *,
    camp: int | None = None,
    sector: int | None = None,
    camp_news: bool = False,
    food: bool = False,
    areas: tuple[int, ...] = (),
    paused: bool = False,
) -> SimulatedUser:
    """A resident who started the bot in ``language``; camp and alerts set in storage."""
    user = client.user(chat_id)
    await choose_language(user, language)
    if camp is not None:
        assert await set_camp(db, chat_id, camp, sector)
    if camp_news:
        assert await subscribe(db, chat_id, "camp") == "added"
    if food:
        assert await subscribe(db, chat_id, "food") == "added"
    for area in areas:
        assert await subscribe(db, chat_id, "area", area) == "added"
    if paused:
        await stop_all(db, chat_id)
    return user


@dataclass(frozen=True)
class Aud:
    """How the staff member picks the audience: the button, then what they type/press."""

    kind: str  # everyone | camp | sector | area | language
    typed: str | None = None  # a camp's or an area's name
    pick: str | None = None  # the camp's button, or the language's name
    sector: str | None = None  # the sector's code
    area_id: int | None = None


_AUDIENCE_BUTTONS = {
    "everyone": "Everyone",
    "camp": "The residents of a camp",
    "sector": "A sector of a camp",
    "area": "Those following an area",
    "language": "Readers of one language",
}


def _contains(fragment: str) -> Callable[[BotMessage], bool]:
    return lambda m: fragment in plain(m.text)


async def compose(
    staff: SimulatedUser, *, texts: str | dict[str, str], audience: Aud, priority: str
) -> BotMessage:
    """/announce → texts → audience → priority; returns the "Ready to go" summary."""
    await staff.send("/announce")
    await staff.reply(predicate=_contains("New announcement"))
    if isinstance(texts, str):
        await staff.press("One text for all languages")
        await staff.reply(predicate=_contains("Send the text of the announcement"))
        await staff.send(texts)
    else:
        await staff.press("A text for each language")
        for code in CODES:
            await staff.reply(predicate=_contains(f"Send the text in {NATIVE[code]}"))
            if code in texts:
                await staff.send(texts[code])
            else:
                await staff.press("Skip")
    await staff.reply(predicate=_contains("Who should receive it?"))
    await staff.press(_AUDIENCE_BUTTONS[audience.kind])
    if audience.kind in ("camp", "sector"):
        await staff.reply(predicate=_contains("camp? Choose it"))
        assert audience.typed and audience.pick
        await staff.send(audience.typed)
        await staff.reply(predicate=lambda m: audience.pick in m.button_texts)
        await staff.press(audience.pick)
        if audience.kind == "sector":
            assert audience.sector
            await staff.reply(predicate=_contains("Which sector of"))
            await staff.press(audience.sector)
    elif audience.kind == "area":
        await staff.reply(predicate=_contains("Send the name of the area"))
        assert audience.typed and audience.area_id
        await staff.send(audience.typed)
        wanted = f":{audience.area_id}"
        offer = await staff.reply(
            predicate=lambda m: any((b.callback_data or "").endswith(wanted) for b in m.buttons)
        )
        label = next(b.text for b in offer.buttons if (b.callback_data or "").endswith(wanted))
        await staff.press(label, message_id=offer.message_id)
    elif audience.kind == "language":
        await staff.reply(predicate=_contains("Residents who read which language?"))
        assert audience.pick
        await staff.press(audience.pick)
    await staff.reply(predicate=_contains("How urgent is it?"))
    await staff.press("🚨 Urgent safety alert" if priority == "urgent" else "📢 Routine announcement")
    return await staff.reply(predicate=_contains("Ready to go"), timeout=10)


_BROADCAST = re.compile(r"broadcast #(\d+)")


def broadcast_id_of(message: BotMessage) -> int:
    match = _BROADCAST.search(plain(message.text))
    assert match, message.text
    return int(match[1])


async def wait_report(staff: SimulatedUser, broadcast_id: int) -> BotMessage:
    """The final report of a broadcast (every message sent or failed)."""
    return await staff.reply(
        predicate=_contains(f"Broadcast #{broadcast_id}: finished"), timeout=20
    )


async def announcements(client: SandboxClient, chat_id: int) -> list[str]:
    """The announcements a chat received (plain text: heading, blank line, text)."""
    texts = [plain(m.text) for m in await client.messages(chat_id)]
    return [t for t in texts if t.startswith(("🚨", "📢")) and "\n\n" in t]
