"""A resident reaches a person: files a case in their language, follows it, adds to it.

Every language: the topics, who reads it, the case number in the acknowledgement, how long
an answer usually takes, /mycases. The database is read to check what was stored (and
only that); closing a case is staff's work, done here directly in the database.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.cases.numbers import parse_number
from bot.storage.audit import recent
from bot.storage.roles import grant_role
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.cases_ui import (
    LANGS,
    add_payload,
    ask_topic,
    bodies,
    cases_of,
    choose_gender,
    file_case,
    press_payload,
    shows_footer,
    tr,
)
from tests.e2e.conftest import choose_language, plain

_NUMBER = re.compile(r"D-[A-Z0-9]{6}")


@pytest.mark.parametrize("code", LANGS)
async def test_a_complaint_gets_a_case_number_in_the_residents_language(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    db, t = bot.bot_data.db, tr(bot, code)
    user = client.user(6100 + LANGS.index(code))
    await choose_language(user, code)
    await user.send("/feedback")
    topics = await user.reply(predicate=lambda m: len(m.buttons) == 4)
    assert shows_footer(topics)
    assert plain(t.gettext("Complaint")) in [plain(b) for b in topics.button_texts[2:3]] or any(
        plain(t.gettext("Complaint")) in plain(b) for b in topics.button_texts
    )
    ask = await ask_topic(user, "complaint")
    assert plain(t.gettext(
        "The helpdesk staff who serve your camp will read it. They see a case number, "
        "never your name or your Telegram account."
    )) in plain(ask.text)
    assert shows_footer(ask)

    await user.send("The water tap in our sector has been broken for a week.")
    ack = await user.reply()
    (case,) = await cases_of(db, user.chat_id)
    assert (case.topic, case.language, case.gender_wanted, case.state) == (
        "complaint", code, None, "open"
    )
    assert await bodies(db, case.id) == [
        ("The water tap in our sector has been broken for a week.", None)
    ]
    expected = t.gettext(
        "Thank you. Your message was received as case {number}. Keep this number: you can "
        "follow your case with /mycases. A person will read it and answer you here, in "
        "this chat.",
        number=case.number,
    )
    assert plain(ack.text).startswith(plain(expected))
    # 72 hours by default: "3 days", in the language's plural form.
    wait = t.ngettext(
        "A person usually answers within {n} day.", "A person usually answers within {n} days.", 3
    )
    assert plain(wait) in plain(ack.text) and shows_footer(ack)
    if code != "en":
        assert "Thank you" not in ack.text

    await user.send("/mycases")
    listing = await user.reply()
    assert case.number in plain(listing.text)
    assert plain(t.gettext("Complaint")) in plain(listing.text)
    assert plain(t.gettext("Waiting for a person")) in plain(listing.text)
    assert [b.callback_data for b in listing.buttons] == [add_payload(case.number)]


@pytest.mark.parametrize(("code", "want"), [("ar", "female"), ("ckb", "male"), ("ku", "any")])
async def test_a_sensitive_report_says_who_reads_it_and_keeps_the_gender_asked_for(
    client: SandboxClient, bot: DaleelApp, code: str, want: str
) -> None:
    db, t = bot.bot_data.db, tr(bot, code)
    user = client.user(6200 + LANGS.index(code))
    await choose_language(user, code)
    screen = await ask_topic(user, "sensitive")
    assert plain(t.gettext("Only designated protection staff read sensitive reports, and "
                           "they keep them confidential. They see a case number, never your "
                           "name or your Telegram account. Would you like a woman or a man "
                           "to handle your report?")) in plain(screen.text)
    assert shows_footer(screen) and len(screen.buttons) == 3
    write = await choose_gender(user, screen, want)
    assert shows_footer(write)
    await user.send("A guard at the distribution asked me for something in exchange.")
    ack = await user.reply()
    (case,) = await cases_of(db, user.chat_id)
    assert case.topic == "sensitive"
    assert case.gender_wanted == (None if want == "any" else want)
    assert case.number in plain(ack.text)


async def test_adding_to_a_case_and_a_closed_case_refuses_more(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db, t = bot.bot_data.db, tr(bot, "en")
    user = client.user(6301)
    await choose_language(user, "en")
    await file_case(user, "question", "How do I renew my ID card?")
    (case,) = await cases_of(db, user.chat_id)

    await user.send("/mycases")
    listing = await user.reply()
    await user.press(f"➕ Add to case {case.number}")
    prompt = await user.reply()
    assert plain(prompt.text).startswith(f"Write what you want to add to case {case.number}")
    assert shows_footer(prompt)
    await user.send("I lost the old one in Mosul.")
    added = await user.reply()
    assert plain(added.text).startswith(f"Added to case {case.number}.")
    assert [body for body, _ in await bodies(db, case.id)] == [
        "How do I renew my ID card?", "I lost the old one in Mosul."
    ]

    # Staff close it (directly here): the button on the old listing now refuses.
    await db.execute("UPDATE cases SET state = 'closed' WHERE id = ?", (case.id,))
    await press_payload(user, listing, add_payload(case.number))
    closed = await user.reply()
    assert plain(closed.text).startswith(plain(t.gettext(
        "This case is closed, so nothing can be added. To write about it again, open a new "
        "case with /feedback."
    ))) and shows_footer(closed)
    # Closed between the press and the message: the message is refused, not stored.
    await db.execute("UPDATE cases SET state = 'open' WHERE id = ?", (case.id,))
    await press_payload(user, listing, add_payload(case.number))
    await user.reply()
    await db.execute("UPDATE cases SET state = 'closed' WHERE id = ?", (case.id,))
    await user.send("One more thing.")
    refused = await user.reply()
    assert plain(refused.text).startswith("This case is closed, so nothing was added.")
    assert len(await bodies(db, case.id)) == 2
    await user.send("/mycases")
    closed_listing = await user.reply()
    assert "Closed" in plain(closed_listing.text) and closed_listing.buttons == ()


@pytest.mark.parametrize("code", ["ckb", "en"])
async def test_forged_case_buttons_and_other_peoples_numbers_are_not_found_and_audited(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    db, t = bot.bot_data.db, tr(bot, code)
    owner, other = client.user(6401), client.user(6402)
    await choose_language(owner, "en")
    await file_case(owner, "feedback", "The new water tanks are good.")
    (case,) = await cases_of(db, owner.chat_id)
    menu = await choose_language(other, code)
    not_found = t.gettext("This case is not among yours. Send /mycases to see your cases.")

    # Someone else's number, typed in lower case with Arabic-Indic digits where it has any.
    typed = case.number.lower().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert parse_number(typed) == case.number
    await other.send(f"/mycases {typed}")
    assert plain((await other.reply()).text) == plain(not_found)
    # A button naming it (forged), and a well-formed number that is nobody's.
    for number in (case.number, "D-AAAAAA"):
        query = await press_payload(other, menu, add_payload(number))
        answer = await client.wait_callback_answer(query)
        assert answer.show_alert and plain(answer.text or "") == plain(not_found)
    forged = [e for e in await recent(db, 20) if e.action == "case.forged"]
    assert [(e.user_id, e.outcome) for e in forged] == [(other.user_id, "rejected")] * 3
    # Not a number at all: the same answer, not audited as a forgery; nothing was added.
    await other.send("/mycases hello")
    assert plain((await other.reply()).text) == plain(not_found)
    assert len([e for e in await recent(db, 20) if e.action == "case.forged"]) == 3
    await other.send("This must not reach anyone's case.")
    await other.reply()
    assert len(await bodies(db, case.id)) == 1
    # A payload that does not read is a stale button.
    query = await press_payload(other, menu, "case:v1:add:not a number!")
    assert (await client.wait_callback_answer(query)).text == t.gettext(
        "This button is no longer valid. Send /menu to start again."
    )


async def test_the_main_menu_leads_to_a_person_and_a_command_ends_the_writing(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    user = client.user(6501)
    await choose_language(user, "en")
    await user.send("/help")
    assert "/feedback: talk to a person" in plain((await user.reply()).text)
    await user.press("💬 Talk to a person")
    topics = await user.reply()
    assert len(topics.buttons) == 4 and shows_footer(topics)
    await ask_topic(user, "question")
    await user.send("/menu")
    await user.reply()
    await user.send("When is the next food distribution?")
    await user.reply()
    assert await cases_of(db, user.chat_id) == []
    # Cancel: nothing is sent either.
    screen = await ask_topic(user, "question")
    await user.press("✖️ Cancel", message_id=screen.message_id)
    assert plain((await user.reply()).text) == "Nothing was sent."
    await user.send("Hello?")
    await user.reply()
    assert await cases_of(db, user.chat_id) == []


async def test_staff_who_hold_a_role_file_cases_like_anyone(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    await grant_role(db, 6601, "staff", granted_by=1)
    user = client.user(6601)
    await choose_language(user, "ar")
    ack = await file_case(user, "question", "سؤال عن المدرسة")
    (case,) = await cases_of(db, user.chat_id)
    assert _NUMBER.fullmatch(case.number) and case.number in plain(ack.text)


async def test_mycases_shows_the_last_answer_escaped_never_a_note_and_fits_one_message(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    user = client.user(6701)
    await choose_language(user, "en")
    for n in range(10):
        await file_case(user, "question", f"question {n}")
    cases = await cases_of(db, user.chat_id)
    long_answer = "<b>Go</b> to the registration tent. " + "Bring your documents. " * 200
    for case in cases:
        for author, body in (("staff", long_answer), ("note", "internal: family known")):
            await db.execute(
                "INSERT INTO case_messages (case_id, author, staff_id, body, created_at)"
                " VALUES (?, ?, 1, ?, '2026-12-04T00:00:00+00:00')", (case.id, author, body),
            )
    await user.send("/mycases")
    listing = await user.reply()
    text = plain(listing.text)
    assert all(case.number in text for case in cases) and len(listing.buttons) == 10
    assert text.count("Last answer: <b>Go</b> to the registration tent.") == 10
    assert "internal" not in text and len(text) < 4096
    await user.send(f"/mycases {cases[0].number}")
    one = plain((await user.reply()).text)
    assert one.count("Bring your documents.") > 100 and "internal" not in one


async def test_what_follows_the_first_message_at_once_joins_the_same_case(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    user = client.user(6801)
    await choose_language(user, "ku")
    await ask_topic(user, "complaint")
    await user.send("The tap is broken.")
    await user.reply()
    await user.send("And the tank leaks too.")
    added = await user.reply()
    await user.send_photo()  # an album: one message per photo
    await user.reply()
    await user.send_photo("the tank")
    await user.reply()
    (case,) = await cases_of(db, user.chat_id)
    assert case.number in plain(added.text)
    stored = await bodies(db, case.id)
    assert [body for body, _ in stored] == [
        "The tap is broken.", "And the tank leaks too.", None, "the tank"
    ]
    assert all(photo for _, photo in stored[2:])
    # Minutes later (the camp clock moves on), a message is a question again, not the case's.
    now = bot.bot_data.now()
    bot.bot_data.clock = lambda: now + timedelta(minutes=4)
    await user.send("When is the next food distribution?")
    await user.reply()
    assert len(await bodies(db, case.id)) == 4
