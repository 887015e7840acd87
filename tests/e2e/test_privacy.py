"""/forget erases the resident after a confirmation; admins see counts, never who."""

from __future__ import annotations

from bot.storage.residents import get_resident
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
    assert plain((await resident.reply()).text) == "هذا الأمر مخصص لمديري دليل."
    admin = client.user(ADMIN)
    await choose_language(admin, "en")
    await admin.send("/stats")
    report = (await admin.reply()).text.split("\n")
    assert report[0] == "4 residents use Daleel."
    assert "العربية: 2" in report and "English: 1" in report and "Kurmancî: 0" in report
