"""Who reads which case (issue 11): protection focal points granted with a gender, a
sensitive report that asked for a woman seen only by the female focal point; the roles in
/grant, /roles, /revoke, /help and the command menus; the daily reminder of overdue cases
and the administrators' weekly digest (job callbacks run against the demo clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.storage.audit import recent
from bot.storage.camps import camp_ids_by_code
from bot.storage.case_queue import focal_points, helpdesk_camps
from handlers.helpdesk import reminders
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient, SimulatedUser
from tests.casework import insert_case
from tests.e2e.conftest import ADMIN, DEMO_NOW, choose_language, has_text, plain

HELPDESK = 710001
FEMALE = 710003
MALE = 710004
REPORT = "A distribution worker asked me for favours for the ration card."
NOT_YOURS = {
    "en": "That case was not found, or it is not one of yours.",
    "ckb": "ئەو کەیسە نەدۆزرایەوە، یان یەکێک نییە لە کەیسەکانی تۆ.",
}


async def _admin(client: SandboxClient) -> SimulatedUser:
    admin = client.user(ADMIN)
    await choose_language(admin, "en")
    return admin


async def _grant(admin: SimulatedUser, command: str) -> str:
    await admin.send(command)
    return plain((await admin.reply()).text)


@pytest.mark.parametrize("code", ["ar", "ckb", "ku", "en"])
async def test_a_sensitive_report_asking_for_a_woman_reaches_only_the_female_focal_point(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    users = {FEMALE: "en", MALE: "ckb", HELPDESK: "en"}
    for user_id, language in users.items():
        await choose_language(client.user(user_id), language)
    admin = await _admin(client)
    assert await _grant(admin, f"/grant {FEMALE} protection female") == (
        f"{FEMALE} is now a protection focal point."
    )
    assert await _grant(admin, f"/grant {MALE} protection male") == (
        f"{MALE} is now a protection focal point."
    )
    await _grant(admin, f"/grant {HELPDESK} helpdesk debaga-1")
    assert await focal_points(db) == {FEMALE: "female", MALE: "male"}
    await insert_case(
        db, "D-WANTHR", created=DEMO_NOW - timedelta(hours=20), camp_id=camps["debaga-1"],
        topic="sensitive", gender="female", language=code, text=REPORT,
    )
    await insert_case(
        db, "D-ANY4AY", created=DEMO_NOW - timedelta(hours=30), camp_id=camps["khazer-m1"],
        topic="sensitive", language=code, text="Threats near the water point.",
    )

    female = client.user(FEMALE)
    await female.send("/cases")
    assert (await female.reply()).button_texts == ("D-ANY4AY", "D-WANTHR")
    await female.press("D-WANTHR")
    card = plain((await female.reply(predicate=has_text(REPORT))).text)
    assert "The resident asked for a woman to handle this report." in card
    assert "Sensitive report" in card

    for user_id in (MALE, HELPDESK):
        other = client.user(user_id)
        await other.send("/cases")
        listing = await other.reply()
        assert "D-WANTHR" not in plain(listing.text) and "D-WANTHR" not in listing.button_texts
        await other.send("/case D-WANTHR")
        refused = await other.reply()
        assert plain(refused.text) == NOT_YOURS[users[user_id]]
        assert REPORT not in refused.text
    male = client.user(MALE)
    await male.send("/cases")
    assert (await male.reply()).button_texts == ("D-ANY4AY",)  # no gender asked: any focal point

    entries = await recent(db, 100)
    assert any(e.user_id == FEMALE and e.action == "case.open" and e.detail == "case D-WANTHR"
               for e in entries)
    assert any(e.user_id == MALE and e.outcome == "refused" and e.detail == "case D-WANTHR"
               for e in entries)
    assert any(e.user_id == HELPDESK and e.outcome == "refused" and e.detail == "case D-WANTHR"
               for e in entries)


async def test_grant_roles_revoke_help_and_menus_know_the_case_roles(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    helpdesk = client.user(HELPDESK)
    await choose_language(helpdesk, "ckb")
    admin = await _admin(client)
    unknown = await _grant(admin, f"/grant {HELPDESK} helpdesk debaga-1,nowhere")
    assert unknown.startswith("Unknown camp code: nowhere. Known codes: ")
    assert "debaga-1" in unknown and "khazer-m1" in unknown
    assert await helpdesk_camps(db, HELPDESK) == frozenset()
    usage = await _grant(admin, f"/grant {HELPDESK} helpdesk")
    assert usage == "Write it like this: /grant 123456789 helpdesk debaga-1,khazer-m1"
    assert await _grant(admin, f"/grant {HELPDESK} protection nobody") == (
        "Write it like this: /grant 123456789 protection female"
    )
    granted = await _grant(admin, f"/grant {HELPDESK} helpdesk debaga-1, khazer-m1")
    assert granted == f"{HELPDESK} now answers the residents' cases of debaga-1, khazer-m1."
    assert await helpdesk_camps(db, HELPDESK) == {camps["debaga-1"], camps["khazer-m1"]}
    welcome = plain((await helpdesk.reply(predicate=has_text("/cases"))).text)
    assert welcome.startswith("ئێستا تۆ لە نووسینگەی یارمەتیی دەلیلیت بۆ debaga-1, khazer-m1.")
    await _grant(admin, f"/grant {FEMALE} protection female")

    roles = await _grant(admin, "/roles")
    assert f"Helpdesk: {HELPDESK} (debaga-1, khazer-m1)" in roles.split("\n")
    assert f"Protection focal points: {FEMALE} (female)" in roles.split("\n")

    await helpdesk.send("/help")
    help_text = plain((await helpdesk.reply()).text)
    assert "بۆ نووسینگەی یارمەتی" in help_text and "/cases" in help_text
    assert "/case:" in help_text and "/announce" not in help_text
    menu = [c.command for c in await client.visible_commands(HELPDESK)]
    assert "cases" in menu and "case" in menu and "announce" not in menu

    revoked = await _grant(admin, f"/revoke {HELPDESK} helpdesk")
    assert revoked == f"{HELPDESK} is no longer on the helpdesk."
    assert await helpdesk_camps(db, HELPDESK) == frozenset()
    await helpdesk.send("/cases")
    assert plain((await helpdesk.reply()).text) == (
        "ئەم فەرمانە تایبەتە بە نووسینگەی یارمەتی و بەرپرسانی پاراستنی دەلیل."
    )
    assert "cases" not in [c.command for c in await client.visible_commands(HELPDESK)]
    await _grant(admin, f"/revoke {FEMALE}")
    assert await focal_points(db) == {}


async def test_overdue_cases_are_reminded_daily_and_admins_get_the_weekly_digest(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    camps = await camp_ids_by_code(db)
    helpdesk, focal = client.user(HELPDESK), client.user(FEMALE)
    await choose_language(helpdesk, "en")
    await choose_language(focal, "ar")
    admin = await _admin(client)
    await _grant(admin, f"/grant {HELPDESK} helpdesk debaga-1")
    await _grant(admin, f"/grant {FEMALE} protection female")
    old = DEMO_NOW - timedelta(hours=80)  # past the 72 hours
    await insert_case(db, "D-TARRY3", created=old, camp_id=camps["debaga-1"])
    await insert_case(db, "D-TARRY4", created=old, camp_id=camps["khazer-m1"])  # no helpdesk
    await insert_case(db, "D-NEW443", created=DEMO_NOW - timedelta(hours=70),
                      camp_id=camps["debaga-1"])
    await insert_case(db, "D-TARRY7", created=old, camp_id=camps["debaga-1"],
                      topic="sensitive", gender="female", text=REPORT)
    await insert_case(db, "D-TAKEN3", created=old, camp_id=camps["debaga-1"], state="closed")
    await insert_case(db, "D-NEVER3", created=old, camp_id=None)  # a resident without a camp
    await insert_case(db, "D-TARRY9", created=old, camp_id=camps["debaga-1"],
                      topic="sensitive", gender="male", text=REPORT)  # no male focal point
    # Armed at start-up.
    assert demo_bot.job_queue is not None
    for name in (reminders.REMINDER_JOB, reminders.DIGEST_JOB):
        assert len(demo_bot.job_queue.get_jobs_by_name(name)) == 1

    assert await reminders.send_reminders(demo_bot) == 3
    reminder = plain((await helpdesk.reply(predicate=has_text("⏰"))).text)
    assert reminder == (
        "⏰ 1 of your cases has waited more than 72 hours without an answer: D-TARRY3. "
        "/cases shows them."
    )
    arabic = plain((await focal.reply(predicate=has_text("⏰"))).text)
    assert arabic == (
        "⏰ حالة واحدة من حالاتك تنتظر منذ أكثر من 72 ساعة دون رد: D-TARRY7. الأمر /cases "
        "يعرضها."
    )
    assert REPORT not in arabic
    # D-TARRY4's camp has no helpdesk member, D-NEVER3 has no camp, no focal point reads
    # D-TARRY9 (it asked for a man): the administrators are reminded of them rather than
    # nobody; of a sensitive report, they learn that it waits, never its number.
    orphans = plain((await admin.reply(predicate=has_text("⏰"))).text)
    assert orphans == (
        "⏰ 2 cases have waited more than 72 hours without an answer, and no helpdesk member "
        "could be reminded of them: D-TARRY4, D-NEVER3. /cases shows them; /grant gives their "
        "camps a helpdesk.\n\n"
        "⏰ 1 sensitive report has waited more than 72 hours without an answer, and no "
        "protection focal point could be reminded of it. /grant gives the protection role."
    )
    # Reminded at most daily: a second run the same day tells nobody.
    assert await reminders.send_reminders(demo_bot) == 0
    details = [e.detail for e in await recent(db, 50) if e.action == "case.reminders"]
    assert details[:2] == ["overdue 0 reminded 0 told 0", "overdue 5 reminded 5 told 3"]

    assert await reminders.send_digest(demo_bot) == 1
    digest = plain((await admin.reply(predicate=has_text("digest"))).text).split("\n")
    assert digest[0] == "📊 Residents' cases: the week's digest"
    assert "Debaga 1: 2 open, 0 answered this week, 1 overdue" in digest
    assert "Khazer M1: 1 open, 0 answered this week, 1 overdue" in digest
    assert "No camp: 1 open, 0 answered this week, 1 overdue" in digest
    assert digest[-1] == (
        "Sensitive reports (all camps together): 2 open, 0 answered this week, 2 overdue"
    )
    assert not any("D-" in line for line in digest)
