"""Choosing a camp and sector, in each language; changing it; typed camp names; forged
buttons."""

from __future__ import annotations

import pytest

from bot.camps.names import match_camps
from bot.storage.camps import list_camps
from bot.storage.residents import get_resident
from bot.storage.services_food import ResidentCamp
from handlers.kit.camps import offer_camps
from handlers.kit.context import DaleelApp, DaleelContext
from sandbox import SandboxClient
from tests.e2e.camp_ui import (
    CONFIRM,
    LANGS,
    WORDS,
    camp_ids,
    confirmed,
    forged,
    has_button,
    headline,
    pick_camp,
    press,
    resident_in,
    sector_id,
    stored,
)
from tests.e2e.conftest import choose_language, plain

# --- tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGS)
async def test_choose_camp_and_sector(client: SandboxClient, demo_bot: DaleelApp, code: str) -> None:
    words = WORDS[code]
    user = client.user(11000 + LANGS.index(code))
    await choose_language(user, code)
    await user.send("/camp")
    picker = await user.reply()
    assert plain(picker.text) == words.picker
    labels = [plain(t) for t in picker.button_texts]
    # Only governorates that have camps: Erbil, Ninewa and Duhok do; Basra does not.
    assert {words.erbil, words.ninewa, words.duhok} <= set(labels)
    assert not {"البصرة", "Al-Basrah"} & set(labels)

    await press(user, words.erbil)
    camps = await user.reply(predicate=has_button(words.debaga))
    assert words.baharka in [plain(t) for t in camps.button_texts]
    await press(user, words.debaga)
    sectors = await user.reply(predicate=has_button(words.sector.format("B")))
    for letter in "ABCD":
        assert words.sector.format(letter) in [plain(t) for t in sectors.button_texts]
    assert words.whole_camp in [plain(t) for t in sectors.button_texts]
    await press(user, words.sector.format("B"))
    confirmation = await user.reply(predicate=confirmed)
    assert headline(confirmation) == CONFIRM[code]
    menu = await user.reply(predicate=lambda m: len(m.buttons) == 6)
    assert words.services in menu.button_texts

    debaga = (await camp_ids(demo_bot))["debaga-1"]
    assert await stored(demo_bot, user) == ResidentCamp(
        debaga.id, await sector_id(demo_bot, "debaga-1", "B")
    )


async def test_change_camp_with_camp_command(client: SandboxClient, demo_bot: DaleelApp) -> None:
    words = WORDS["en"]
    user = client.user(11101)
    await resident_in(user, "en", words.erbil, words.debaga, "B")
    await user.send("/camp")
    picker = await user.reply()
    assert plain(picker.text).startswith("Your camp now: Debaga 1.")
    confirmation = await pick_camp(user, "en", words.ninewa, words.khazer, "C")
    assert headline(confirmation) == "Your camp is now Khazer M1, sector C."
    khazer = (await camp_ids(demo_bot))["khazer-m1"]
    assert await stored(demo_bot, user) == ResidentCamp(
        khazer.id, await sector_id(demo_bot, "khazer-m1", "C")
    )


async def test_whole_camp_and_camp_without_sectors(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    words = WORDS["ar"]
    user = client.user(11102)
    await resident_in(user, "ar", words.erbil, words.debaga, "")
    camps = await camp_ids(demo_bot)
    assert await stored(demo_bot, user) == ResidentCamp(camps["debaga-1"].id, None)
    # Baharka has no sectors: chosen in one press, no sector question.
    await user.send("/camp")
    await user.reply(predicate=has_button(words.erbil))
    confirmation = await pick_camp(user, "ar", words.erbil, words.baharka, None)
    assert headline(confirmation) == "مخيمك الآن: بحركة."
    assert await stored(demo_bot, user) == ResidentCamp(camps["baharka"].id, None)


async def test_back_buttons_walk_up(client: SandboxClient, demo_bot: DaleelApp) -> None:
    words = WORDS["ku"]
    user = client.user(11103)
    await choose_language(user, "ku")
    await user.send("/camp")
    await user.reply()
    await press(user, words.erbil)
    await user.reply(predicate=has_button(words.debaga))
    await press(user, "⬅️ Paş")
    back = await user.reply(predicate=has_button(words.erbil))
    assert plain(back.text) == words.picker
    await press(user, "🏠 Lîsteya sereke")
    menu = await user.reply(predicate=lambda m: len(m.buttons) == 6)
    assert menu.message_id == back.message_id  # the picker became the menu again
    assert await stored(demo_bot, user) == ResidentCamp(None, None)


async def test_forged_and_stale_camp_buttons_store_nothing(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    words = WORDS["ckb"]
    user = client.user(11104)
    await resident_in(user, "ckb", words.erbil, words.debaga, "A")
    before = await stored(demo_bot, user)
    camps = await camp_ids(demo_bot)
    khazer_c = await sector_id(demo_bot, "khazer-m1", "C")
    debaga = camps["debaga-1"].id
    for data in (
        "camp:v1:set:abc",
        "camp:v1:set:999999:menu",
        f"camp:v1:set:{debaga}:evil",
        f"camp:v1:sec:{debaga}:{khazer_c}:menu",  # a sector of another camp
        f"camp:v1:sec:{debaga}:abc:menu",
        "camp:v1:sec:999999:0:food",
        "camp:v1:gov:IQG99:menu",
        "camp:v1:gov:IQG02:menu",  # Basra exists but has no camp
        "camp:v1:nonsense",
        "camp:v2:set:1:menu",
    ):
        assert await forged(client, user, data) == words.stale, data
    assert await stored(demo_bot, user) == before


async def test_camp_before_start_asks_for_the_language(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = client.user(11105)
    await user.send("/camp")
    first = await user.reply()
    assert "Please choose your language." in first.text
    assert len(first.buttons) == len(LANGS)  # every language
    debaga = (await camp_ids(demo_bot))["debaga-1"].id
    await forged(client, user, f"camp:v1:set:{debaga}:menu")
    again = await user.reply()
    assert "Please choose your language." in again.text
    # No resident row was created by the press, so nothing about this chat is stored.
    assert await get_resident(demo_bot.bot_data.db, user.chat_id) is None


async def test_typed_camp_names_match(demo_bot: DaleelApp) -> None:
    camps = await list_camps(demo_bot.bot_data.db)

    def first(text: str) -> str | None:
        found = match_camps(text, camps)
        return found[0].code if found else None

    assert first("Debaga") == "debaga-1"
    assert first("debaga 1") == "debaga-1"
    assert first("Dibaga") == "debaga-1"  # an alias
    assert first("Debagga") == "debaga-1"  # one typo
    assert first("ديبكه") == "debaga-1"  # Arabic, final heh for teh marbuta
    assert first("مخيم ديبكة") == "debaga-1"  # with the word "camp"
    assert first("دیبەگە") == "debaga-1"  # Sorani
    assert first("khanki camp") == "khanke"
    assert first("خانكي") == "khanke"
    assert first("Xanke") == "khanke"  # Kurmanji name
    hasansham = [c.code for c in match_camps("Hasansham", camps)]
    assert {"hasansham-u2", "hasansham-u3"} <= set(hasansham)
    assert match_camps("xyzzy", camps) == []
    assert match_camps("   ", camps) == []
    assert match_camps("مخيم", camps) == []  # only the generic word


async def test_offered_camps_lead_on_to_food(client: SandboxClient, demo_bot: DaleelApp) -> None:
    """What the free-text feature does with a typed name: offer the matches as buttons."""
    user = client.user(11106)
    await choose_language(user, "en")
    context = DaleelContext(demo_bot, chat_id=user.chat_id, user_id=user.user_id)
    resident = await get_resident(demo_bot.bot_data.db, user.chat_id)
    context.use(resident, demo_bot.bot_data.catalogues.translator("en"))
    camps = match_camps("Khanke", await list_camps(demo_bot.bot_data.db))
    await offer_camps(user.chat_id, context, camps, then="food")
    offer = await user.reply()
    assert plain(offer.text) == "Which of these is your camp?"
    assert plain(offer.button_texts[0]) == "Khanke"
    await press(user, "Khanke")
    await user.reply(predicate=has_button("Sector A"))
    await press(user, "Sector A")
    confirmation = await user.reply(predicate=confirmed)
    assert headline(confirmation) == "Your camp is now Khanke, sector A."
    food = await user.reply(predicate=lambda m: "Distributions: Khanke" in plain(m.text))
    assert "Kerosene" in food.text
