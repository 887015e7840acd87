"""Spellings residents pick from "Did you mean" are counted (never who) and, once an
operator accepts one with one press (``/aliases suggestions``), the next resident typing it
is answered at once."""

from __future__ import annotations

from datetime import timedelta

from bot.storage.area_edits import aliases_of
from bot.storage.roles import grant_role
from bot.storage.spellings import spelling_counts
from handlers.kit.context import DaleelApp
from handlers.safety.answers import PURGE_JOB, purge_offers
from sandbox import SandboxClient
from tests.e2e.conftest import ADMIN, choose_language, eventually, plain
from tests.e2e.safety_ui import area_id, labels, press_plain

_TYPED = "Mhana"  # a letter left out: asked about, never answered directly
_LABEL = "Mahana (village) — Qaraj"
_OPERATOR = 72602


async def test_a_picked_spelling_is_counted_then_accepted_and_answered_at_once(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    mahana = await area_id(demo_bot, "DEMO-MAHANA")
    first = client.user(72600)
    await choose_language(first, "en")
    await first.send(f"is {_TYPED} safe")
    choice = await first.reply()
    assert plain(choice.text) == "Did you mean one of these places? Choose one."
    assert _LABEL in labels(choice)
    await press_plain(first, _LABEL)
    answer = await first.reply(predicate=lambda m: m.event == "sent")
    assert plain(answer.text).split("\n")[1] == f"📍 {_LABEL}"

    async def counted() -> bool:
        picked = await spelling_counts(db, picked=True)
        return [(s.spelling, s.area_id, s.count) for s in picked] == [("mhana", mahana, 1)]

    await eventually(counted)  # counted after the answer is sent
    stored = await db.fetch_all("SELECT * FROM place_spellings")
    assert all(str(first.chat_id) not in map(str, row) for row in stored)  # never who

    # An operator sees it and accepts it with one press; the place index is rebuilt.
    await grant_role(db, _OPERATOR, "operator", ADMIN)
    operator = client.user(_OPERATOR)
    await choose_language(operator, "en")
    await operator.send("/aliases suggestions")
    shown = await operator.reply()
    assert "“mhana” → Mahana (village) — Qaraj (1)" in plain(shown.text)
    await press_plain(operator, "✅ mhana")
    done = await operator.reply(predicate=lambda m: "another spelling" in m.text)
    assert plain(done.text).startswith("✅ “mhana” is now another spelling of Mahana")
    assert "mhana" in await aliases_of(db, mahana)

    second = client.user(72601)
    await choose_language(second, "en")
    await second.send(f"is {_TYPED} safe")
    direct = await second.reply()
    assert plain(direct.text).split("\n")[1] == f"📍 {_LABEL}"
    assert await spelling_counts(db, picked=True) == []


async def test_old_offers_are_purged_daily_and_their_buttons_count_nothing(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    assert demo_bot.job_queue is not None
    assert len(demo_bot.job_queue.get_jobs_by_name(PURGE_JOB)) == 1  # armed at start
    user = client.user(72610)
    await choose_language(user, "en")
    await user.send(f"is {_TYPED} safe")
    choice = await user.reply()
    assert _LABEL in labels(choice)
    # The offer was made eight days ago; today's purge forgets it.
    eight_days_ago = (demo_bot.bot_data.now() - timedelta(days=8)).date().isoformat()
    await db.execute("UPDATE place_spelling_offers SET created_day = ?", (eight_days_ago,))
    assert await purge_offers(demo_bot) == 1
    assert await db.fetch_all("SELECT * FROM place_spelling_offers") == []
    # Its button still answers the place, and counts nothing.
    await press_plain(user, _LABEL)
    answer = await user.reply(predicate=lambda m: m.event == "sent")
    assert plain(answer.text).split("\n")[1] == f"📍 {_LABEL}"
    await user.send("/help")  # one chat's updates run in turn: the press is done after it
    await user.reply(predicate=lambda m: m.message_id > answer.message_id)
    assert await spelling_counts(db, picked=True) == []
