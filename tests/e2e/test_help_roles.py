"""/help lists the commands of each role the user holds, in their language; /id tells
anyone their Telegram id (issue 13, 7)."""

from __future__ import annotations

import pytest

from bot.storage.roles import grant_role
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import ADMIN, choose_language, plain

TITLES = {
    "ar": ("للمديرين", "لموظفي المخيم", "لمسؤولي السلامة"),
    "ckb": ("بۆ بەڕێوەبەران", "بۆ کارمەندانی کەمپ", "بۆ بەرپرسانی سەلامەتی"),
}
ID_TEXT = {
    "ar": "رقمك في تيليجرام هو {id}. يكتبه المدير بعد /grant ليمنحك دورًا.",
    "ckb": "ژمارەی تێلێگرامەکەت {id}یە. بەڕێوەبەر دوای /grant دەینووسێت بۆ ئەوەی ڕۆڵێکت پێبدات.",
}
MAIN_MENU = {"ar": "🏠 القائمة الرئيسية", "ckb": "🏠 لیستەی سەرەکی"}


@pytest.mark.parametrize("code", ["ar", "ckb"])
async def test_help_shows_the_commands_of_the_users_roles(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    admins, staff, operators = TITLES[code]
    offset = ["ar", "ckb"].index(code)
    db = bot.bot_data.db
    resident, clerk, operator = (client.user(720000 + 10 * offset + i) for i in range(3))
    await grant_role(db, clerk.user_id, "staff", ADMIN)
    await grant_role(db, operator.user_id, "operator", ADMIN)
    answers = {}
    for user in (resident, clerk, operator):
        await choose_language(user, code)
        await user.send("/help")
        answers[user.user_id] = plain((await user.reply()).text)
    assert "/camp" in answers[resident.user_id] and "/id" in answers[resident.user_id]
    for title in TITLES[code]:
        assert title not in answers[resident.user_id]
    assert "/announce" not in answers[resident.user_id]

    assert staff in answers[clerk.user_id] and "/announce" in answers[clerk.user_id]
    assert operators not in answers[clerk.user_id] and "/setstatus" not in answers[clerk.user_id]

    assert operators in answers[operator.user_id] and "/setstatus" in answers[operator.user_id]
    assert admins not in answers[operator.user_id] and "/grant" not in answers[operator.user_id]
    assert "/announce" not in answers[operator.user_id]

    admin = client.user(ADMIN)
    await choose_language(admin, code)
    await admin.send("/help")
    everything = plain((await admin.reply()).text)
    for title, command in zip(TITLES[code], ("/roles", "/announce", "/setstatus"), strict=True):
        assert title in everything and command in everything


@pytest.mark.parametrize("code", ["ar", "ckb"])
async def test_id_tells_anyone_their_telegram_id(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    user = client.user(730001 + ["ar", "ckb"].index(code))
    await choose_language(user, code)
    await user.send("/id")
    answer = await user.reply()
    assert plain(answer.text) == ID_TEXT[code].format(id=user.user_id)
    assert [plain(t) for t in answer.button_texts] == [MAIN_MENU[code]]
    await user.send("/help")
    assert [plain(t) for t in (await user.reply()).button_texts] == [MAIN_MENU[code]]


AUDIT_WHO = {
    "ar": ("(فريق العمل)", "(مسؤول سلامة)", "(مدير)"),
    "ckb": ("(ستاف)", "(بەرپرسی سەلامەتی)", "(بەڕێوەبەر)"),
}


@pytest.mark.parametrize("code", ["ar", "ckb"])
async def test_audit_shows_who_acted_by_id_and_role(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    offset = 10 * ["ar", "ckb"].index(code)
    db = bot.bot_data.db
    resident, clerk, operator = (client.user(740000 + offset + i) for i in range(3))
    await grant_role(db, clerk.user_id, "staff", ADMIN)
    await grant_role(db, operator.user_id, "operator", ADMIN)
    for user, command in ((resident, "/audit"), (clerk, "/schedules"), (operator, "/pending")):
        await choose_language(user, "en")
        await user.send(command)
        await user.reply()
    admin = client.user(ADMIN)
    await choose_language(admin, code)
    await admin.send("/audit 50")
    await admin.reply()
    await admin.send("/audit 50")  # the first reading is in the log now
    lines = plain((await admin.reply()).text).split("\n")
    staff, operators, admins = AUDIT_WHO[code]
    assert any(f"· {clerk.user_id} {staff} · schedules ·" in line for line in lines)
    assert any(f"· {operator.user_id} {operators} · status.pending ·" in line for line in lines)
    assert any(f"· {resident.user_id} · audit ·" in line for line in lines)  # no role
    assert any(f"· {ADMIN} {admins} · audit ·" in line for line in lines)
