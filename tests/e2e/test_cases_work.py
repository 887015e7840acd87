"""A helpdesk member's work on cases (issue 11), through the sandbox: the queue page by
page, internal notes the resident never sees, referring a case to another camp's helpdesk
or outside, and a pressed Answer that lapses rather than sending a later text."""

from __future__ import annotations

from datetime import timedelta

from bot.cases.numbers import ALPHABET
from bot.storage.audit import recent
from bot.storage.camps import camp_ids_by_code
from bot.storage.case_queue import case_by_number, case_messages
from bot.storage.roles import grant_role
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient, SimulatedUser
from tests.casework import insert_case
from tests.e2e.conftest import ADMIN, DEMO_NOW, choose_language, has_text, plain

RESIDENT = 700001
DEBAGA_DESK = 710001
KHAZER_DESK = 710002
NOTE = "Checked with the water committee: the pump is broken."


async def _desk(client: SandboxClient, app: DaleelApp, user_id: int, camp: str) -> SimulatedUser:
    user = client.user(user_id)
    await choose_language(user, "en")
    await grant_role(app.bot_data.db, user_id, "helpdesk", ADMIN)
    camps = await camp_ids_by_code(app.bot_data.db)
    await app.bot_data.db.execute(
        "INSERT INTO helpdesk_camps (user_id, camp_id) VALUES (?, ?)", (user_id, camps[camp])
    )
    return user


async def test_the_queue_pages_ten_cases_at_a_time_oldest_first(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    desk = await _desk(client, demo_bot, DEBAGA_DESK, "debaga-1")
    numbers = [f"D-TURN{ALPHABET[i]}A" for i in range(12)]
    for i, number in enumerate(numbers):  # the first is the oldest
        await insert_case(db, number, created=DEMO_NOW - timedelta(hours=100 - i),
                          camp_id=camps["debaga-1"])
    await desk.send("/cases")
    first = await desk.reply()
    assert [t for t in first.button_texts if t.startswith("D-")] == numbers[:10]
    text = plain(first.text)
    assert text.startswith("📥 12 open cases, oldest first:") and "Page 1 of 2" in text
    assert "4 days" in text and "3 days" in text
    assert "◀️ Previous" not in first.button_texts
    await desk.press("Next ▶️")
    second = await desk.reply(predicate=lambda m: m.event == "edited")
    assert second.message_id == first.message_id  # edited in place
    assert [t for t in second.button_texts if t.startswith("D-")] == numbers[10:]
    assert "Page 2 of 2" in plain(second.text) and "Next ▶️" not in second.button_texts
    # A forged page far beyond the end shows the last page (already shown: left as is).
    await client.press(DEBAGA_DESK, first.message_id, "hd:v1:queue:0")
    await desk.reply(predicate=lambda m: m.event == "edited" and "Page 1 of 2" in plain(m.text))
    await client.press(DEBAGA_DESK, first.message_id, "hd:v1:queue:99")
    last = await desk.reply(predicate=lambda m: m.event == "edited")
    assert "Page 2 of 2" in plain(last.text)


async def test_notes_stay_internal_and_referrals_move_the_case(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    resident = client.user(RESIDENT)
    await choose_language(resident, "ar")
    debaga = await _desk(client, demo_bot, DEBAGA_DESK, "debaga-1")
    khazer = await _desk(client, demo_bot, KHAZER_DESK, "khazer-m1")
    await insert_case(db, "D-REFER3", created=DEMO_NOW - timedelta(days=1),
                      camp_id=camps["debaga-1"])
    seen = len(await resident.messages())

    await debaga.send("/case D-REFER3")
    await debaga.reply(predicate=has_text("Case D-REFER3"))
    await debaga.press("✋ Take")
    taken = await debaga.reply(predicate=has_text(f"Taken by {DEBAGA_DESK}."))
    assert "A person is handling it" in plain(taken.text)
    await debaga.press("📝 Note")
    await debaga.reply(predicate=has_text("Write your note on case D-REFER3"))
    await debaga.send(NOTE)
    assert plain((await debaga.reply()).text) == "Your note was added to case D-REFER3."
    await debaga.send("/case D-REFER3")
    card = plain((await debaga.reply(predicate=has_text(NOTE))).text)
    assert f"📝 Note by {DEBAGA_DESK} (staff only)" in card
    assert len(await resident.messages()) == seen  # never sent to the resident

    await debaga.press("↪️ Refer")
    await debaga.reply(predicate=lambda m: "Khazer M1" in m.button_texts)
    await debaga.press("Khazer M1")
    moved = await debaga.reply(predicate=has_text("D-REFER3"))
    assert plain(moved.text) == (
        "Case D-REFER3 now waits in the queue of the helpdesk of Khazer M1."
    )
    await khazer.send("/cases")
    assert "D-REFER3" in (await khazer.reply()).button_texts
    await debaga.send("/cases")
    assert "D-REFER3" not in (await debaga.reply()).button_texts
    case = await case_by_number(db, "D-REFER3")
    assert case and case.camp_id == camps["khazer-m1"] and case.state == "open"
    details = [(e.action, e.detail) for e in await recent(db, 100) if e.user_id == DEBAGA_DESK]
    assert ("case.note", "case D-REFER3") in details
    assert ("case.refer", f"case D-REFER3 camp {camps['debaga-1']} to {camps['khazer-m1']}") in (
        details
    )
    assert not any("pump" in (d or "") for _, d in details)


async def test_a_case_referred_outside_records_where_to(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    resident = client.user(RESIDENT)
    await choose_language(resident, "ar")
    debaga = await _desk(client, demo_bot, DEBAGA_DESK, "debaga-1")
    await insert_case(db, "D-AWAY34", created=DEMO_NOW - timedelta(days=2),
                      camp_id=camps["debaga-1"])
    seen = len(await resident.messages())
    await debaga.send("/case D-AWAY34")
    await debaga.reply(predicate=has_text("Case D-AWAY34"))
    await debaga.press("↪️ Refer")
    outside = "🏢 Outside Daleel (another organisation)"
    await debaga.reply(predicate=lambda m: outside in m.button_texts)
    await debaga.press(outside)
    await debaga.reply(predicate=has_text("Where is case D-AWAY34 referred to?"))
    await debaga.send("UNHCR legal aid, Erbil")
    assert plain((await debaga.reply()).text) == (
        "Case D-AWAY34 is recorded as referred outside Daleel."
    )
    await debaga.send("/case D-AWAY34")
    card = plain((await debaga.reply(predicate=has_text("Case D-AWAY34"))).text)
    assert "Referred outside Daleel: UNHCR legal aid, Erbil" in card
    assert len(await resident.messages()) == seen

    details = [(e.action, e.detail) for e in await recent(db, 100) if e.user_id == DEBAGA_DESK]
    assert ("case.refer", "case D-AWAY34") in details
    assert not any("UNHCR" in (d or "") for _, d in details)


async def test_a_pressed_answer_lapses_and_a_later_text_is_not_sent(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    resident = client.user(RESIDENT)
    await choose_language(resident, "en")
    desk = await _desk(client, demo_bot, DEBAGA_DESK, "debaga-1")
    await insert_case(db, "D-PAUNE4", created=DEMO_NOW - timedelta(days=1),
                      camp_id=camps["debaga-1"], language="en")
    await desk.send("/case D-PAUNE4")
    await desk.reply(predicate=has_text("Case D-PAUNE4"))
    await desk.press("💬 Answer")
    await desk.reply(predicate=has_text("Write your answer"))
    demo_bot.bot_data.clock = lambda: DEMO_NOW + timedelta(minutes=31)
    await desk.send("when is the food distribution")
    reply = await desk.reply()
    assert "Answer" not in plain(reply.text) and "sent to the resident" not in plain(reply.text)
    case = await case_by_number(db, "D-PAUNE4")
    assert case is not None
    assert [m.author for m in await case_messages(db, case.id)] == ["resident"]
    assert not any("Answer to your case" in m.text for m in await resident.messages())


async def test_cancel_after_the_answer_was_sent_does_not_claim_nothing_was_written(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    await choose_language(client.user(RESIDENT), "en")
    desk = await _desk(client, demo_bot, DEBAGA_DESK, "debaga-1")
    await insert_case(db, "D-PAUNE4", created=DEMO_NOW - timedelta(days=1),
                      camp_id=camps["debaga-1"], language="en")
    await desk.send("/case D-PAUNE4")
    await desk.reply(predicate=has_text("Case D-PAUNE4"))
    await desk.press("💬 Answer")
    prompt = await desk.reply(predicate=has_text("Write your answer"))
    await desk.send("The tank is refilled on Sunday.")
    assert plain((await desk.reply()).text) == "Your answer was sent to the resident."
    alert = await client.wait_callback_answer(
        await desk.press("✖️ Cancel", message_id=prompt.message_id)
    )
    assert alert.show_alert and alert.text == (
        "This button is no longer valid. Send /menu to start again."
    )
    after = await desk.reply(predicate=lambda m: m.message_id == prompt.message_id)
    assert "Cancelled" not in after.text and not after.buttons
    case = await case_by_number(db, "D-PAUNE4")
    assert case is not None
    assert [m.author for m in await case_messages(db, case.id)] == ["resident", "staff"]


async def test_a_command_after_pressing_answer_ends_the_waiting(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    resident = client.user(RESIDENT)
    await choose_language(resident, "en")
    desk = await _desk(client, demo_bot, DEBAGA_DESK, "debaga-1")
    await insert_case(db, "D-PAUNE4", created=DEMO_NOW - timedelta(days=1),
                      camp_id=camps["debaga-1"], language="en")
    await desk.send("/case D-PAUNE4")
    await desk.reply(predicate=has_text("Case D-PAUNE4"))
    await desk.press("💬 Answer")
    await desk.reply(predicate=has_text("Write your answer"))
    await desk.send("/menu")  # changed their mind, without pressing Cancel
    await desk.reply()
    await desk.send("when is the food distribution")
    reply = await desk.reply()
    assert "sent to the resident" not in plain(reply.text)
    case = await case_by_number(db, "D-PAUNE4")
    assert case is not None
    assert [m.author for m in await case_messages(db, case.id)] == ["resident"]
    assert not any("Answer to your case" in m.text for m in await resident.messages())
