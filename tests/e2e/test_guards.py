"""The operator guard through the real bot on the demo database: one operator cannot lower
a warning residents see (Safina, confirmed danger → unknown); residents and followers keep
the warning until a second operator confirms it in /pending, then read the new status and
followers are alerted. A raise by one operator takes effect at once (test_operators.py)."""

from __future__ import annotations

import re

from bot.storage.areas import area_ids_by_pcode, current_status, status_history
from bot.storage.roles import grant_role
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient, SimulatedUser
from tests.e2e.conftest import ADMIN, choose_language, has_text, plain
from tests.e2e.operating import confirm_area, labels
from tests.e2e.staffing import resident

OP_A, OP_B = 721001, 721002
SAFINA = "Safina (village) — Al-Qayarra"
CONFIRMED = "⛔ Confirmed danger. A survey confirmed explosive hazards in this area."
UNKNOWN = "❔ Status unknown. The authorities have no clear information about this area yet."


async def operator(client: SandboxClient, app: DaleelApp, user_id: int) -> SimulatedUser:
    await grant_role(app.bot_data.db, user_id, "operator", ADMIN)
    user = client.user(user_id)
    await choose_language(user, "en")
    return user


async def ask(user: SimulatedUser, typed: str) -> str:
    """A resident types a place's name and reads the answer."""
    await user.send(typed)
    return plain((await user.reply(predicate=has_text("📍"))).text)


async def test_lowering_a_warning_waits_for_a_second_operator(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    safina = (await area_ids_by_pcode(db))["DEMO-SAFINA"]
    a = await operator(client, demo_bot, OP_A)
    b = await operator(client, demo_bot, OP_B)
    reader = client.user(731001)
    await choose_language(reader, "en")
    follower = await resident(client, db, 731002, "en", areas=(safina,))
    assert CONFIRMED in await ask(reader, "Safina")

    # One operator says "unknown": a proposal, not a change.
    proposed = plain((await confirm_area(
        a, "/setstatus Safina unknown DMA | No recent survey", SAFINA
    )).text)
    match = re.search(r"📝 Proposal #(\d+): " + re.escape(SAFINA) + " → ❔ Unknown", proposed)
    assert match, proposed
    pid = int(match[1])
    assert "needs a second operator" in proposed
    assert "Until then residents still see the previous status." in proposed
    notice = await b.reply(predicate=has_text("A status change waits for a second operator"))
    assert "⛔ Confirmed hazardous → ❔ Unknown" in plain(notice.text)

    # Residents still read the warning; nobody was alerted.
    still = await ask(reader, "Safina")
    assert CONFIRMED in still and "❔" not in still
    current = await current_status(db, safina)
    assert current is not None and current.status == "confirmed"
    assert not any("🚨" in plain(m.text) for m in await follower.messages())

    # The second operator confirms it in /pending.
    await b.send("/pending")
    listing = await b.reply(predicate=has_text(f"#{pid}"))
    await b.press(f"✅ Confirm #{pid}", message_id=listing.message_id)
    applied = plain((await b.reply(predicate=has_text("took effect"))).text)
    assert applied.startswith("✅ The change took effect.")
    assert UNKNOWN in applied
    assert "🚨 1 subscriber of this place is being alerted." in applied

    # Now residents read "unknown" (never "safe"), and the follower is alerted.
    after = await ask(reader, "Safina")
    assert UNKNOWN in after and "That does NOT mean it is safe." in after
    assert "Do not touch, move or pick up unknown objects." in after
    alert = plain((await follower.reply(predicate=has_text("🚨"), timeout=10)).text)
    assert alert.startswith("🚨 Safety status changed")
    assert UNKNOWN in alert
    current = await current_status(db, safina)
    assert current is not None
    assert (current.status, current.recorded_by, current.confirmed_by) == (
        "unknown", str(OP_A), str(OP_B),
    )


async def test_a_typo_in_setstatus_offers_choices_and_changes_nothing_until_pressed(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    """"Safna" is not a name of any place: the operator chooses, the bot never guesses."""
    db = demo_bot.bot_data.db
    safina = (await area_ids_by_pcode(db))["DEMO-SAFINA"]
    a = await operator(client, demo_bot, OP_A)
    before = await status_history(db, safina)

    await a.send("/setstatus Safna confirmed DMA")
    choice = await a.reply()
    assert plain(choice.text) == "Several places match that name. Which one do you mean?"
    assert SAFINA in labels(choice)
    assert await status_history(db, safina) == before  # nothing changed on a resemblance

    await a.press(SAFINA, message_id=choice.message_id)
    applied = plain((await a.reply()).text)
    assert applied.startswith("✅ The change took effect."), applied
    after = await status_history(db, safina)
    assert len(after) == len(before) + 1
    assert (after[0].status, after[0].source) == ("confirmed", "Directorate of Mine Action")
