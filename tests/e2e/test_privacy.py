"""/forget erases the resident after a confirmation; admins see counts, never who."""

from __future__ import annotations

from bot.storage.audit import ERASED, recent
from bot.storage.db import Database
from bot.storage.residents import get_resident
from bot.storage.roles import grant_role
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import ADMIN, NATIVE, choose_language, plain


async def test_forget_erases_everything_after_confirmation(
    client: SandboxClient, bot: DaleelApp
) -> None:
    user = client.user(8001)
    await choose_language(user, "ckb")
    await user.send("/forget")
    ask = await user.reply()
    assert "دەتەوێت بەردەوام بیت؟" in plain(ask.text)
    await user.press("نەخێر، بیهێڵەرەوە")
    kept = await user.reply()
    assert plain(kept.text) == "هیچ شتێک نەسڕایەوە."
    assert await get_resident(bot.bot_data.db, 8001) is not None

    await user.send("/forget")
    await user.reply()
    await user.press("بەڵێ، هەمووی بسڕەوە")
    done = await user.reply()
    assert plain(done.text).startswith("تەواو: هەموو ئەو زانیارییانەی دەلیل لەسەرت")
    assert await get_resident(bot.bot_data.db, 8001) is None
    # The per-chat command menu is gone too, and /start is a first contact again.
    assert await client.commands(scope={"type": "chat", "chat_id": 8001}) == []
    await user.send("/start")
    assert set((await user.reply()).button_texts) == set(NATIVE.values())


async def test_forget_when_nothing_is_kept(client: SandboxClient, bot: DaleelApp) -> None:
    user = client.user(8002, language_code="en")
    await user.send("/forget")
    assert (await user.reply()).text == "Daleel keeps nothing about you."


async def test_stats_only_for_admins_with_plurals(client: SandboxClient, bot: DaleelApp) -> None:
    for chat, code in ((8101, "ar"), (8102, "ar"), (8103, "ckb")):
        await choose_language(client.user(chat), code)
    resident = client.user(8101)
    await resident.send("/stats")
    assert plain((await resident.reply()).text) == "هذا الأمر مخصص لمديري «دليل»."
    admin = client.user(ADMIN)
    await choose_language(admin, "en")
    await admin.send("/stats")
    report = (await admin.reply()).text.split("\n")
    assert report[0] == "4 residents use Daleel."
    assert "العربية: 2" in report and "English: 1" in report and "Kurmancî: 0" in report


async def tables_holding(db: Database, value: int) -> list[str]:
    """Every "table.column" where some row holds ``value`` (the whole database is read)."""
    found = []
    tables = await db.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
    for (table,) in tables:
        columns = await db.fetch_all(f'PRAGMA table_info("{table}")')
        for column in columns:
            name = column[1]
            row = await db.fetch_one(
                f'SELECT COUNT(*) FROM "{table}" WHERE "{name}" = ?', (value,)
            )
            if row is not None and row[0]:
                found.append(f"{table}.{name}")
    return found


async def test_after_forget_nothing_links_to_the_chat_not_even_the_audit(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    user = client.user(8003)
    await choose_language(user, "ar")
    for command in ("/audit", "/announce", "/setstatus Awsaja cleared"):
        await user.send(command)
        await user.reply()
    refused = [e for e in await recent(db, 50) if e.user_id == 8003]
    assert len(refused) == 3 and all(e.outcome == "refused" for e in refused)
    await user.send("/forget")
    await user.reply()
    await user.press("نعم، احذف كل شيء")
    await user.reply()
    assert await tables_holding(db, 8003) == []
    # What was tried stays in the audit (action, outcome, time), not who tried it.
    erased = [e for e in await recent(db, 50) if e.user_id == ERASED]
    assert sorted(e.action for e in erased) == sorted(e.action for e in refused)


async def test_staff_who_forget_keep_their_audit_trail(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    await grant_role(db, 8004, "staff", granted_by=ADMIN)
    user = client.user(8004)
    await choose_language(user, "en")
    await user.send("/schedules")
    await user.reply()
    await user.send("/forget")
    await user.reply()
    await user.press("Yes, erase everything")
    await user.reply()
    assert await get_resident(db, 8004) is None
    assert any(e.user_id == 8004 and e.action == "schedules" for e in await recent(db, 50))
