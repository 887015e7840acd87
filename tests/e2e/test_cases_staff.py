"""Residents' cases, the staff side (issue 11), through the sandbox: a helpdesk member
answers a resident's complaint in the bot and closes it, the resident is told the outcome
in their language and says whether it helped; refusals for cases that are not theirs,
forged buttons, and a case closed in the meantime.

Cases are inserted as the resident side stores them (tests/casework.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.storage.audit import recent
from bot.storage.camps import camp_ids_by_code
from bot.storage.case_queue import case_by_number, case_messages, close_case
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient, SimulatedUser
from tests.casework import insert_case
from tests.e2e.cases_ui import shows_footer
from tests.e2e.conftest import ADMIN, DEMO_NOW, choose_language, eventually, has_text, plain

RESIDENT = 700001
HELPDESK = 710001
OTHER_HELPDESK = 710002
STAFF = 700002  # granted "staff" by the demo database: no case role
NUMBER = "D-7KX4RM"
COMPLAINT = "The water tank in sector B has been empty for three days."
ANSWER = "The tank is refilled on Sunday at 9:00. سيُملأ الخزان يوم الأحد."

# What the resident reads, in their language.
FRAME = {
    "en": "✉️ Answer to your case D-7KX4RM:",
    "ar": "✉️ ردّ على حالتك D-7KX4RM:",
    "ckb": "✉️ وەڵامی کەیسەکەت D-7KX4RM:",
    "ku": "✉️ Bersiva dosya te D-7KX4RM:",
}
RESOLVED = {
    "en": "Your case D-7KX4RM is closed: it was resolved.\n\nDid this help?",
    "ar": "أُغلقت حالتك D-7KX4RM: تمّ حلّها.\n\nهل ساعدك هذا؟",
    "ckb": "کەیسەکەت D-7KX4RM داخرا: چارەسەر کرا.\n\nئەمە یارمەتیی دایت؟",
    "ku": "Dosya te D-7KX4RM hat girtin: hat çareserkirin.\n\nEv alîkariya te kir?",
}
YES = {"en": "👍 Yes", "ar": "👍 نعم", "ckb": "👍 بەڵێ", "ku": "👍 Erê"}
THANKS = {
    "en": "Thank you for telling us.",
    "ar": "شكرًا لإخبارنا.",
    "ckb": "سوپاس کە پێت وتین.",
    "ku": "Spas ku te ji me re got.",
}
# What the staff member reads and presses (English, or Arabic / Sorani).
STAFF_TEXTS = {
    "en": {
        "line": "D-7KX4RM · Complaint · Debaga 1 · {language} · 3 days",
        "answer": "💬 Answer", "close": "✅ Close", "resolved": "Resolved",
        "sent": "Your answer was sent to the resident.",
        "closed": "Case D-7KX4RM is closed; the resident was told.",
        "not_yours": "That case was not found, or it is not one of yours.",
    },
    "ar": {
        "line": "D-7KX4RM · شكوى · ديبكة 1 (الرئيسي) · {language} · 3 أيام",
        "answer": "💬 ردّ", "close": "✅ إغلاق", "resolved": "حُلّت",
        "sent": "أُرسل ردّك إلى صاحب الحالة.",
        "closed": "أُغلقت الحالة D-7KX4RM وأُبلغ صاحبها.",
        "not_yours": "لم تُوجد هذه الحالة، أو أنها ليست من حالاتك.",
    },
    "ckb": {
        "line": "D-7KX4RM · سکاڵا · دیبەگە 1 · {language} · 3 ڕۆژ",
        "answer": "💬 وەڵامدانەوە", "close": "✅ داخستن", "resolved": "چارەسەر کرا",
        "sent": "وەڵامەکەت بۆ خاوەنی کەیسەکە نێردرا.",
        "closed": "کەیسی D-7KX4RM داخرا و خاوەنەکەی ئاگادار کرایەوە.",
        "not_yours": "ئەو کەیسە نەدۆزرایەوە، یان یەکێک نییە لە کەیسەکانی تۆ.",
    },
}
NATIVE = {"en": "English", "ar": "العربية", "ckb": "کوردی (سۆرانی)", "ku": "Kurmancî"}


async def _helpdesk(
    client: SandboxClient, user_id: int, code: str, camps: str
) -> SimulatedUser:
    """A staff member who opened the bot in ``code``, granted the helpdesk by the admin."""
    user = client.user(user_id, first_name="Staff")
    await choose_language(user, code)
    admin = client.user(ADMIN)
    if not await admin.messages():
        await choose_language(admin, "en")
    await admin.send(f"/grant {user_id} helpdesk {camps}")
    granted = await admin.reply(predicate=has_text(str(user_id)))
    assert plain(granted.text) == f"{user_id} now answers the residents' cases of {camps}."
    await user.reply(predicate=has_text("/cases"))  # the welcome, in their language
    return user


@pytest.mark.parametrize(
    ("code", "staff_code"), [("ar", "ar"), ("ckb", "ckb"), ("ku", "en"), ("en", "en")]
)
async def test_a_complaint_is_answered_in_the_bot_closed_and_the_resident_says_it_helped(
    client: SandboxClient, demo_bot: DaleelApp, code: str, staff_code: str
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    resident = client.user(RESIDENT, first_name="Layla")
    await choose_language(resident, code)
    helpdesk = await _helpdesk(client, HELPDESK, staff_code, "debaga-1")
    texts = STAFF_TEXTS[staff_code]
    await insert_case(
        db, NUMBER, created=DEMO_NOW - timedelta(days=3, hours=1), camp_id=camps["debaga-1"],
        language=code, text=COMPLAINT,
    )

    await helpdesk.send("/cases")
    queue = await helpdesk.reply()
    lines = plain(queue.text).split("\n")
    assert texts["line"].format(language=NATIVE[code]) in lines, lines
    assert NUMBER in queue.button_texts
    await helpdesk.press(NUMBER)
    card = await helpdesk.reply(predicate=has_text(COMPLAINT))
    # Only the number: never the resident's chat id or Telegram name.
    assert str(RESIDENT) not in card.text and "Layla" not in card.text
    assert NUMBER in plain(card.text)

    await helpdesk.press(texts["answer"])
    await helpdesk.reply(predicate=has_text(NUMBER))  # "Write your answer to case …"
    await helpdesk.send(ANSWER)
    assert plain((await helpdesk.reply()).text) == texts["sent"]
    answer = await resident.reply(predicate=has_text(ANSWER))
    # Framed in their language, with the hotline and the emergency number under it.
    assert plain(answer.text).startswith(f"{FRAME[code]}\n\n{ANSWER}\n\n☎️")
    assert shows_footer(answer)

    await helpdesk.press(texts["close"])
    await helpdesk.reply(predicate=lambda m: texts["resolved"] in m.button_texts)
    await helpdesk.press(texts["resolved"])
    assert plain((await helpdesk.reply(predicate=has_text(NUMBER))).text) == texts["closed"]
    told = await resident.reply(predicate=has_text(NUMBER))
    assert plain(told.text).startswith(f"{RESOLVED[code]}\n\n☎️") and shows_footer(told)
    await resident.press(YES[code])
    assert THANKS[code] in plain((await resident.reply(predicate=has_text(THANKS[code]))).text)

    case = await case_by_number(db, NUMBER)
    assert case is not None
    assert (case.state, case.outcome, case.helped) == ("closed", "resolved", True)
    written = [(m.author, m.staff_id, m.body) for m in await case_messages(db, case.id)]
    assert written == [("resident", None, COMPLAINT), ("staff", HELPDESK, ANSWER)]
    entries = [e for e in await recent(db, 100) if e.user_id == HELPDESK]
    actions = {(e.action, e.outcome) for e in entries}
    for action in ("case.queue", "case.open", "case.answer", "case.close"):
        assert (action, "ok") in actions, actions
    for entry in entries:  # ids and numbers only, never what anyone wrote
        assert COMPLAINT not in (entry.detail or "") and "tank" not in (entry.detail or "")


async def test_a_helpdesk_member_is_refused_other_camps_and_sensitive_cases(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    helpdesk = await _helpdesk(client, OTHER_HELPDESK, "ar", "khazer-m1")
    texts = STAFF_TEXTS["ar"]
    debaga = await insert_case(
        db, "D-EXTRA3", created=DEMO_NOW - timedelta(days=1), camp_id=camps["debaga-1"]
    )
    await insert_case(
        db, "D-HARM4A", created=DEMO_NOW - timedelta(days=2), camp_id=camps["khazer-m1"],
        topic="sensitive", text="A worker asked for money for the ration card.",
    )
    await insert_case(
        db, "D-MYCAMP", created=DEMO_NOW - timedelta(days=1), camp_id=camps["khazer-m1"]
    )

    await helpdesk.send("/cases")
    queue = await helpdesk.reply()
    assert list(queue.button_texts) == ["D-MYCAMP"]  # their camp's, never the sensitive report
    for number in ("D-EXTRA3", "d-harm4a", "k-nope9", "D-YYYYYY"):
        await helpdesk.send(f"/case {number}")
        refused = await helpdesk.reply()
        assert plain(refused.text) == texts["not_yours"]
        assert "money" not in refused.text
    # A forged button naming another camp's case is checked on the server too.
    pressed = await client.press(OTHER_HELPDESK, queue.message_id, f"hd:v1:open:{debaga}")
    alert = await client.wait_callback_answer(pressed)
    assert alert.show_alert and plain(alert.text or "") == texts["not_yours"]
    for action in ("answer", "close", "take"):
        pressed = await client.press(OTHER_HELPDESK, queue.message_id, f"hd:v1:{action}:{debaga}")
        assert plain((await client.wait_callback_answer(pressed)).text or "") == texts["not_yours"]

    async def refused() -> list[str | None]:
        return [
            e.detail for e in await recent(db, 100)
            if e.user_id == OTHER_HELPDESK and e.outcome == "refused"
        ]

    async def all_audited() -> bool:  # the audit entry is written after the answer
        return (await refused()).count("case D-EXTRA3") == 5

    await eventually(all_audited)
    assert "case D-HARM4A" in await refused()

    # Staff without a case role are refused; an admin sees how many sensitive reports are
    # open, never one of them without the protection role.
    staff = client.user(STAFF)
    await choose_language(staff, "en")
    await staff.send("/cases")
    assert plain((await staff.reply()).text) == (
        "This command is for the Daleel helpdesk and protection focal points."
    )
    admin = client.user(ADMIN)
    await admin.send("/cases")
    listing = plain((await admin.reply(predicate=has_text("open"))).text)
    assert "1 sensitive report is open: only protection focal points read them." in listing
    assert "D-HARM4A" not in listing and "D-EXTRA3" in listing
    await admin.send("/case D-HARM4A")
    assert plain((await admin.reply()).text) == STAFF_TEXTS["en"]["not_yours"]


async def test_a_case_closed_in_the_meantime_takes_no_answer(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    helpdesk = await _helpdesk(client, HELPDESK, "en", "debaga-1")
    case_id = await insert_case(
        db, NUMBER, created=DEMO_NOW - timedelta(hours=5), camp_id=camps["debaga-1"]
    )
    # Typed as people type it: lower case, no prefix, Arabic-Indic digits.
    await helpdesk.send("/case ٧kx٤rm")
    await helpdesk.reply(predicate=has_text(COMPLAINT))
    await helpdesk.press("💬 Answer")
    await helpdesk.reply(predicate=has_text("Write your answer"))
    await helpdesk.send("x" * 3501)  # too long: asked again, nothing written or lost
    assert plain((await helpdesk.reply()).text) == (
        "Please send a text of at most 3,500 characters; nothing was written yet."
    )
    # A colleague closed it meanwhile.
    assert await close_case(db, case_id, "duplicate", now=demo_bot.bot_data.now())
    await helpdesk.send(ANSWER)
    assert plain((await helpdesk.reply()).text) == (
        "This case is closed: nothing more can be written or changed in it."
    )
    case = await case_by_number(db, NUMBER)
    assert case is not None
    assert [m.author for m in await case_messages(db, case.id)] == ["resident"]
    assert not any(ANSWER in m.text for m in await client.messages(RESIDENT))
    # Its old buttons refuse too.
    alert = await client.wait_callback_answer(await helpdesk.press("✅ Close"))
    assert alert.text == "This case is closed: nothing more can be written or changed in it."
