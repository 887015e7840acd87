"""Roles through the real bot: every staff command refused to residents (localised, audited),
admins granting and revoking, and a role checked at the moment of each action."""

from __future__ import annotations

import pytest

from bot.storage.audit import recent
from bot.storage.outbox import list_broadcasts
from handlers.kit.context import DaleelApp
from sandbox import BotCommand, SandboxClient
from tests.e2e.conftest import ADMIN, choose_language, eventually, plain
from tests.e2e.staffing import STAFF, Aud, announcements, compose, make_staff

ADMIN_ONLY = ("/grant 700002 staff", "/revoke 700002", "/roles", "/audit", "/stats")
STAFF_ONLY = ("/announce", "/schedules", "/cancel 1", "/report", "/report 1")
ACTIONS = {
    "/grant 700002 staff": "grant",
    "/revoke 700002": "revoke",
    "/roles": "roles",
    "/audit": "audit",
    "/stats": "stats",
    "/announce": "announce.start",
    "/schedules": "schedules",
    "/cancel 1": "cancel",
    "/report": "report",
    "/report 1": "report",
}
REFUSED = {
    "ar": ("هذا الأمر مخصص لمديري «دليل».", "هذا الأمر مخصص لفريق عمل «دليل»."),
    "ckb": ("ئەم فەرمانە تایبەتە بە بەڕێوەبەرانی دەلیل.", "ئەم فەرمانە تایبەتە بە ستافی دەلیل."),
    "ku": ("Ev ferman ji bo rêvebirên Daleel e.", "Ev ferman ji bo karmendên Daleel e."),
    "en": ("This command is for Daleel administrators.", "This command is for Daleel staff."),
}


@pytest.mark.parametrize("code", ["ar", "ckb", "ku", "en"])
async def test_every_staff_command_is_refused_to_residents_and_audited(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    user_id = 610 + ["ar", "ckb", "ku", "en"].index(code)
    user = client.user(user_id)
    await choose_language(user, code)
    for_admins, for_staff = REFUSED[code]
    for command in (*ADMIN_ONLY, *STAFF_ONLY):
        await user.send(command)
        answer = await user.reply()
        expected = for_admins if command in ADMIN_ONLY else for_staff
        assert plain(answer.text) == expected, command
    # Buttons too: a forged "Send" and a forged "Cancel schedule" are refused at the press.
    menu = (await user.messages())[-1]
    for data in ("ann:v1:send:1", "sch:v1:cancel:1"):
        query = await client.press(user_id, menu.message_id, data)
        answer = await client.wait_callback_answer(query)
        assert answer.text == for_staff and answer.show_alert
    entries = [e for e in await recent(bot.bot_data.db, 100) if e.user_id == user_id]
    assert all(e.outcome == "refused" for e in entries)
    assert sorted(e.action for e in entries) == sorted(
        [*(ACTIONS[c] for c in (*ADMIN_ONLY, *STAFF_ONLY)), "announce.send", "schedule.cancel"]
    )
    assert await list_broadcasts(bot.bot_data.db) == []
    # An admin reads it in the audit log.
    admin = client.user(ADMIN)
    await choose_language(admin, "en")
    await admin.send("/audit 50")
    log = plain((await admin.reply()).text)
    assert log.startswith("Audit log: the newest")
    assert f"· {user_id} · announce.start · ⛔ refused · needs staff" in log
    assert f"· {user_id} · grant · ⛔ refused · needs admin" in log


async def test_admin_grants_and_revokes_roles_in_arabic(
    client: SandboxClient, bot: DaleelApp
) -> None:
    admin, staff = client.user(ADMIN), client.user(STAFF)
    await choose_language(admin, "ar")
    await choose_language(staff, "en")
    await admin.send("/grant 700002 staff")
    assert plain((await admin.reply()).text) == "أصبح 700002 من فريق العمل."
    welcome = await staff.reply()
    assert plain(welcome.text).startswith("You are now Daleel staff.")
    await admin.send("/grant 700002 staff")
    assert plain((await admin.reply()).text) == "700002 من فريق العمل بالفعل."
    await admin.send("/grant 700003 operator")
    assert plain((await admin.reply()).text) == "أصبح 700003 مسؤول سلامة."
    await admin.send("/roles")
    roles = plain((await admin.reply()).text)
    assert "المديرون (ملف الإعدادات): 900001" in roles
    assert "فريق العمل: 700002" in roles
    assert "مسؤولو السلامة: 700003" in roles

    # Staff can announce now, but not grant.
    await staff.send("/announce")
    assert "New announcement" in plain((await staff.reply()).text)
    await staff.send("/grant 700005 staff")
    assert plain((await staff.reply()).text) == "This command is for Daleel administrators."

    # Bad input changes nothing.
    for bad in ("/grant", "/grant abc staff", "/grant 700005 admin", "/grant 0 staff"):
        await admin.send(bad)
        assert plain((await admin.reply()).text) == "اكتبه هكذا: /grant 123456789 staff"

    await admin.send("/revoke 700002 staff")
    assert plain((await admin.reply()).text) == "لم يعد 700002 من فريق العمل."
    await staff.send("/announce")
    assert plain((await staff.reply()).text) == "This command is for Daleel staff."
    await admin.send("/revoke 700003")
    assert plain((await admin.reply()).text) == "لم يعد لدى 700003 أي دور."
    await admin.send("/revoke 700003")
    assert plain((await admin.reply()).text) == "لم يكن لدى 700003 هذا الدور."

    entries = [e for e in await recent(bot.bot_data.db, 50) if e.user_id == ADMIN]
    summary = [(e.action, e.outcome, e.detail) for e in reversed(entries)]
    assert ("grant", "ok", "user 700002 role staff") in summary
    assert ("grant", "ok", "user 700002 role staff (already)") in summary
    assert ("grant", "rejected", "bad arguments") in summary
    assert ("revoke", "ok", "user 700002 role staff removed 1") in summary
    assert ("revoke", "ok", "user 700003 role all removed 1") in summary
    assert ("roles", "ok", "staff 1 operators 1") in summary


async def test_role_revoked_between_composing_and_sending_is_refused_at_the_press(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    await make_staff(db)
    resident = client.user(601)
    await choose_language(resident, "ar")
    staff, admin = client.user(STAFF), client.user(ADMIN)
    await choose_language(staff, "en")
    await choose_language(admin, "en")
    summary = await compose(staff, texts="Shelter check at 5.", audience=Aud("everyone"),
                            priority="urgent")
    # The resident, the staff member and the admin: everyone who uses Daleel.
    assert "In all: 3 recipients." in plain(summary.text)

    await admin.send("/revoke 700002 staff")
    await admin.reply()
    query = await client.press_button(STAFF, summary.message_id, "📤 Send now")
    answer = await client.wait_callback_answer(query)
    assert answer.text == "This command is for Daleel staff." and answer.show_alert
    assert await list_broadcasts(db) == []
    assert await announcements(client, 601) == []
    refused = [e for e in await recent(db, 10) if e.user_id == STAFF]
    assert (refused[0].action, refused[0].outcome) == ("announce.send", "refused")


async def test_role_revoked_while_typing_the_text(client: SandboxClient, bot: DaleelApp) -> None:
    """The typed text is refused too, and the next message is an ordinary question again."""
    db = bot.bot_data.db
    await make_staff(db)
    staff, admin = client.user(STAFF), client.user(ADMIN)
    await choose_language(staff, "en")
    await choose_language(admin, "en")
    await staff.send("/announce")
    await staff.reply()
    await staff.press("One text for all languages")
    await staff.reply()
    await admin.send("/revoke 700002")
    await admin.reply()
    await staff.send("Food tomorrow at 9")
    assert plain((await staff.reply()).text) == "This command is for Daleel staff."
    await staff.send("/help")
    assert "/menu" in (await staff.reply()).text
    entries = [e for e in await recent(db, 10) if e.user_id == STAFF]
    assert (entries[0].action, entries[0].outcome) == ("announce.write", "refused")


async def test_a_role_brings_its_commands_into_the_users_menu(
    client: SandboxClient, bot: DaleelApp
) -> None:
    """Granting "operator" adds the operator commands to that user's menu, in their
    language; revoking takes them away. Residents never see them."""
    admin, operator, other = client.user(ADMIN), client.user(720001), client.user(720002)
    await choose_language(admin, "en")
    await choose_language(operator, "ar")
    await choose_language(other, "ar")

    def names(commands: list[BotCommand]) -> list[str]:
        return [c.command for c in commands]

    assert "setstatus" not in names(await client.visible_commands(720001, "ar"))
    await admin.send("/grant 720001 operator")
    await admin.reply(predicate=lambda m: "is now a safety operator" in plain(m.text))
    commands = await client.visible_commands(720001, "ar")
    assert {"setstatus", "pending", "history", "addarea", "feeds"} <= set(names(commands))
    assert "announce" not in names(commands)  # an operator is not staff
    described = {c.command: c.description for c in commands}
    assert described["pending"] == "تغييرات الحالة التي تنتظر قرارًا"
    assert "setstatus" not in names(await client.visible_commands(720002, "ar"))
    admin_menu = names(await client.visible_commands(ADMIN, "en"))
    assert {"setstatus", "announce", "roles", "audit"} <= set(admin_menu)

    await admin.send("/revoke 720001")
    await admin.reply(predicate=lambda m: "no longer has any role" in plain(m.text))
    assert "setstatus" not in names(await client.visible_commands(720001, "ar"))


# Characters str.isdigit accepts but int() refuses (superscripts) used to crash these.
ODD_DIGITS = ("/audit ²", "/grant ² staff", "/revoke ³", "/cancel ²", "/report ²", "/audit ١٢")
APOLOGY = "Sorry, something went wrong on our side. Please try again in a moment."


async def test_odd_digits_in_command_arguments_get_an_answer_not_an_apology(
    client: SandboxClient, bot: DaleelApp, caplog: pytest.LogCaptureFixture
) -> None:
    admin = client.user(ADMIN)
    await choose_language(admin, "en")
    for command in ODD_DIGITS:
        await admin.send(command)
        answer = plain((await admin.reply()).text)
        assert answer != APOLOGY, command
        assert answer, command
    failed = [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert failed == [], [r.getMessage() for r in failed]
    # Arabic-Indic digits are digits: "/audit ١٢" read the audit log.
    async def audit_read() -> bool:
        entries = await recent(bot.bot_data.db, 20)
        return any(e.action == "audit" and e.outcome == "ok" for e in entries)

    await eventually(audit_read, within=5.0)
