"""Operators add a village and spellings through the real bot; residents find them at once.

The database holds the real places only (bot/data/iraq), so Hajj Ali is missing as it would
be in the field.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from bot import resources
from bot.config import Settings
from bot.importing.apply import import_parsed
from bot.importing.parse import parse
from bot.storage import Database
from bot.storage.areas import area_ids_by_pcode, get_area
from bot.storage.audit import recent
from bot.storage.roles import grant_role, revoke_role
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, CallbackAnswer, SandboxClient, SimulatedUser
from tests.e2e.conftest import ADMIN, choose_language, eventually, plain, run_bot
from tests.e2e.staffing import STAFF

OPERATOR = 700003
SECOND_OPERATOR = 700004
SUBDISTRICT = "IQG15Q05N01"  # Al-Qayarra sub-district, where Hajj Ali lies
ADD_HAJJ_ALI = "/addarea Qayyarah | Hajj Ali | حاج علي | حاجی عەلی | Hacî Elî"
PARENT_BUTTON = "Al-Qayarra (sub-district) — Al-Mosul"
STALE = "This button is no longer valid. Send /menu to start again."
FOR_OPERATORS = "This command is for Daleel safety operators."

# What a resident reads about a place nobody has assessed: never "safe", and how to stay safe.
NO_INFORMATION = {
    "ar": ("❔ لا توجد معلومات.", "وهذا لا يعني أبدًا أنها آمنة.",
           "لا تلمس أي جسم غريب، ولا تحرّكه، ولا تلتقطه."),
    "ckb": ("❔ هیچ زانیارییەک نییە.", "ئەمە هەرگیز بەو مانایە نییە کە سەلامەتە.",
            "دەست لە هیچ شتێکی نەناسراو مەدە"),
    "ku": ("❔ Agahî tune ye.", "Ev qet nayê wê wateyê ku ew ewle ye.",
           "Destê xwe nede tiştên nenas"),
}
PLACE = {
    "ar": "📍 حاج علي (قرية) — القيارة",
    "ckb": "📍 حاجی عەلی (گوند) — قەیارە",
    "ku": "📍 Hacî Elî (gund) — Al-Qayarra",
}


@pytest.fixture
async def places_bot(settings: Settings, prebuilt: Prebuilt) -> AsyncIterator[DaleelApp]:
    """The bot on the real places (no demo data), with two operators and a staff member."""
    db = await Database.open(settings.database)
    try:
        data = resources.data_file("iraq/areas.csv").read_bytes()
        report = await import_parsed(db, "areas", parse("areas", data), recorded_by="test")
        assert report.applied, report.errors[:3]
        await grant_role(db, OPERATOR, "operator", ADMIN)
        await grant_role(db, SECOND_OPERATOR, "operator", ADMIN)
        await grant_role(db, STAFF, "staff", ADMIN)
    finally:
        await db.close()
    async with run_bot(settings, prebuilt) as app:
        yield app


def text_of(message: BotMessage) -> str:
    return plain(message.text)


def contains(fragment: str) -> Callable[[BotMessage], bool]:
    return lambda m: fragment in plain(m.text)


async def area_count(app: DaleelApp) -> int:
    row = await app.bot_data.db.fetch_one("SELECT COUNT(*) FROM areas")
    assert row is not None
    return int(row[0])


async def audited(app: DaleelApp, user_id: int, entry: tuple[str, str, str | None]) -> None:
    """The audit entry is written once the handler has answered: wait for it (bounded)."""

    async def found() -> bool:
        entries = await recent(app.bot_data.db, 100)
        return entry in [(e.action, e.outcome, e.detail) for e in entries if e.user_id == user_id]

    await eventually(found, within=5)


async def forge(client: SandboxClient, user_id: int, data: str) -> CallbackAnswer:
    """Press a payload of one's choosing under the newest message in one's own chat."""
    last = (await client.messages(user_id))[-1]
    return await client.wait_callback_answer(await client.press(user_id, last.message_id, data))


async def alias_count(app: DaleelApp) -> int:
    row = await app.bot_data.db.fetch_one("SELECT COUNT(*) FROM area_aliases")
    assert row is not None
    return int(row[0])


async def press_plain(user: SimulatedUser, label: str, message: BotMessage) -> None:
    for button in message.buttons:
        if plain(button.text) == label:
            await user.press(button.text, message_id=message.message_id)
            return
    raise LookupError(f"no button {label!r} in {[plain(b.text) for b in message.buttons]}")


def data_of(message: BotMessage, label: str) -> str:
    for button in message.buttons:
        if plain(button.text) == label:
            assert button.callback_data is not None
            return button.callback_data
    raise LookupError(label)


async def add_hajj_ali(operator: SimulatedUser) -> tuple[BotMessage, BotMessage]:
    """/addarea → choose the sub-district → the preview → Add; (preview, confirmation)."""
    await operator.send(ADD_HAJJ_ALI)
    choice = await operator.reply()
    assert text_of(choice) == "Which area does the new place belong to? Choose one."
    labels = [plain(b.text) for b in choice.buttons]
    assert PARENT_BUTTON in labels and "Qayyarah (town) — Al-Qayarra" in labels
    # The buttons carry a token, never an area id.
    token = {(b.callback_data or "").split(":")[3] for b in choice.buttons}
    assert len(token) == 1 and all(b.callback_data.startswith("areas:v1:parent:")
                                   for b in choice.buttons if b.callback_data)
    await press_plain(operator, PARENT_BUTTON, choice)
    preview = await operator.reply(predicate=contains("check it before adding"))
    await press_plain(operator, "✅ Add", preview)
    done = await operator.reply(predicate=contains("Added:"))
    return preview, done


async def ask(user: SimulatedUser, typed: str) -> str:
    await user.send(typed)
    return text_of(await user.reply(predicate=lambda m: m.event == "sent"))


async def test_operator_adds_hajj_ali_and_residents_find_it_in_every_script(
    client: SandboxClient, places_bot: DaleelApp
) -> None:
    db = places_bot.bot_data.db
    operator = client.user(OPERATOR)
    await choose_language(operator, "en")
    before = await area_count(places_bot)

    preview, done = await add_hajj_ali(operator)
    shown = text_of(preview).split("\n")
    assert shown[1] == "📍 Hajj Ali (village) — Al-Qayarra"
    assert "It goes under Al-Qayarra (sub-district) — Al-Mosul." in shown
    assert {"English: Hajj Ali", "العربية: حاج علي", "کوردی (سۆرانی): حاجی عەلی",
            "Kurmancî: Hacî Elî", "Other spellings: none"} <= set(shown)
    assert text_of(done).startswith(
        "✅ Added: Hajj Ali (village) — Al-Qayarra (code DL-IQG15Q05N01-1)."
    )
    assert "never that it is safe" in text_of(done)

    # Written once, with our P-code, under the sub-district, marked as the operator's.
    assert await area_count(places_bot) == before + 1
    area_id = (await area_ids_by_pcode(db, ["DL-IQG15Q05N01-1"]))["DL-IQG15Q05N01-1"]
    area = await get_area(db, area_id)
    assert area is not None and area.level == "village" and not area.demo
    parent_id = (await area_ids_by_pcode(db, [SUBDISTRICT]))[SUBDISTRICT]
    assert area.parent_id == parent_id
    assert dict(area.names) == {
        "ar": "حاج علي", "ckb": "حاجی عەلی", "ku": "Hacî Elî", "en": "Hajj Ali"
    }
    row = await db.fetch_one("SELECT added_by FROM areas WHERE id = ?", (area_id,))
    assert row is not None and row[0] == OPERATOR
    await audited(
        places_bot, OPERATOR,
        ("area.add", "ok", f"area {area_id} DL-IQG15Q05N01-1 under {parent_id} aliases 0"),
    )

    # Residents find it at once, in their script and spelling, and are never told it is safe.
    for n, (code, typed) in enumerate((
        ("ar", "حاج علي"), ("ar", "الحاج علي"), ("ar", "حاج على"), ("ar", "الحاج علی"),
        ("ckb", "حاجی عەلی"), ("ckb", "حاجي عەلي"), ("ku", "Hacî Elî"), ("ku", "haci eli"),
    )):
        resident = client.user(81000 + n)
        await choose_language(resident, code)
        answer = await ask(resident, typed)
        lines = answer.split("\n")
        assert lines[0] == PLACE[code], (code, typed, answer)
        headline, not_safe, risk = NO_INFORMATION[code]
        assert lines[1].startswith(headline) and not_safe in lines[1], (code, typed)
        assert risk in answer


async def test_an_alias_is_found_by_residents_and_can_be_removed(
    client: SandboxClient, places_bot: DaleelApp
) -> None:
    operator = client.user(OPERATOR)
    await choose_language(operator, "en")
    await add_hajj_ali(operator)
    resident = client.user(82001)
    await choose_language(resident, "ar")
    assert PLACE["ar"] not in await ask(resident, "حاوي الحاج")

    added = text_of(await confirmed(operator, "/alias Hajj Ali | حاوي الحاج"))
    assert added == (
        "✅ “حاوي الحاج” is now another spelling of Hajj Ali (village) — Al-Qayarra. "
        "Residents who type it find the place."
    )
    assert (await ask(resident, "حاوي الحاج")).split("\n")[0] == PLACE["ar"]

    again = text_of(await confirmed(operator, "/alias Hajj Ali | حاوي الحاج"))
    assert "already has the name or spelling" in again
    listed = text_of(await confirmed(operator, "/aliases حاج علي")).split("\n")
    assert listed[0] == "Hajj Ali (village) — Al-Qayarra (code DL-IQG15Q05N01-1)"
    assert "العربية: حاج علي" in listed and "Other spellings: حاوي الحاج" in listed

    a_name = text_of(await confirmed(operator, "/unalias Hajj Ali | Hacî Elî"))
    assert "is a name of Hajj Ali (village) — Al-Qayarra" in a_name
    assert text_of(await confirmed(operator, "/unalias Hajj Ali | حاوي الحاج")) == (
        "“حاوي الحاج” is no longer a spelling of Hajj Ali (village) — Al-Qayarra."
    )
    assert PLACE["ar"] not in await ask(resident, "حاوي الحاج")
    gone = text_of(await confirmed(operator, "/unalias Hajj Ali | حاوي الحاج"))
    assert "has no spelling" in gone

    # An ambiguous area name: buttons behind a token; the press acts on the chosen one.
    await operator.send("/alias Qayyarah | Qayyara Town")
    choice = await operator.reply()
    assert text_of(choice) == "Did you mean one of these places? Choose one."
    assert all((b.callback_data or "").startswith("areas:v1:alias:") for b in choice.buttons)
    await press_plain(operator, "Qayyarah (town) — Al-Qayarra", choice)
    assert text_of(await operator.reply()).startswith(
        "✅ “Qayyara Town” is now another spelling of Qayyarah (town) — Al-Qayarra."
    )
    db = places_bot.bot_data.db
    town = (await area_ids_by_pcode(db, ["GN99003"]))["GN99003"]
    await audited(places_bot, OPERATOR, ("area.alias", "ok", f"area {town} added"))
    await audited(
        places_bot, OPERATOR, ("area.unalias", "ok", f"area {await _hajj_ali(places_bot)} removed")
    )


async def confirmed(operator: SimulatedUser, command: str) -> BotMessage:
    """An area named exactly: the one place is offered, and acted on once pressed."""
    await operator.send(command)
    question = await operator.reply()
    assert text_of(question) == "Is this the place you mean? Press it to go on."
    assert len(question.buttons) == 1
    await operator.press(question.button_texts[0], message_id=question.message_id)
    return await operator.reply()


async def _hajj_ali(app: DaleelApp) -> int:
    return (await area_ids_by_pcode(app.bot_data.db, ["DL-IQG15Q05N01-1"]))["DL-IQG15Q05N01-1"]


async def test_bad_input_is_answered_clearly_and_nothing_is_written(
    client: SandboxClient, places_bot: DaleelApp
) -> None:
    operator = client.user(OPERATOR)
    await choose_language(operator, "en")
    before = await area_count(places_bot)
    cases = {
        "/addarea": "Give the parent area and the names",
        "/addarea Qayyarah | Hajj Ali": "Give the parent area and the names",
        "/addarea Qayyarah | Hajj Ali | | حاجی عەلی": "The Arabic name is required",
        " /addarea | Hajj Ali | حاج علي": "Give the name of the area the new place belongs to",
        "/addarea Qayyarah | " + "A" * 121 + " | حاج علي":
            "The name in English is too long: 121 characters, at most 120.",
        "/addarea Qayyarah | Hajj Ali | Hajj Ali": "The name in العربية must be written in Arabic",
        "/addarea Qayyarah | حاج علي | حاج علي": "The name in English must be written in Latin",
        "/addarea Qayyarah | Hajj Ali | حاج علي | | | " + "ب" * 130:
            "is too long: 130 characters, at most 120.",
        "/addarea Zzyzxqwv | Hajj Ali | حاج علي":
            "I found no area with that name. Try another spelling.",
        "/alias": "Write it like this: /alias Qayyarah | Qayyara",
        "/alias Qayyarah": "Give the area and the alias, separated by “|”.",
        "/unalias Zzyzxqwv | X": "I found no area with that name.",
    }
    for command, expected in cases.items():
        await operator.send(command.strip())
        answer = text_of(await operator.reply())
        assert expected in answer, (command, answer)
    # Control characters are refused, not silently dropped.
    await operator.send("/addarea Qayyarah | Hajj\x07Ali | حاج علي")
    assert "contains control characters" in text_of(await operator.reply())
    assert await area_count(places_bot) == before

    # Under a village, or a second place with the same name under the same parent: refused.
    await add_hajj_ali(operator)
    await operator.send("/addarea Hajj Ali | Little Hajj Ali | حاج علي الصغير")
    assert text_of(await operator.reply()) == (
        "Hajj Ali (village) — Al-Qayarra is a village: a new place goes under a governorate, "
        "district, sub-district or town."
    )
    await operator.send("/addarea Qayyarah | Hadj Ali | الحاج علي")
    choice = await operator.reply()
    await press_plain(operator, PARENT_BUTTON, choice)
    assert text_of(await operator.reply()) == (
        "There is already a place called “الحاج علي” there: Hajj Ali (village) — Al-Qayarra. "
        "Nothing was added."
    )
    await operator.send("/addarea town Hajj Ali | Hajj Ali Town | بلدة حاج علي")
    assert "A new town cannot go under Hajj Ali (village)" in text_of(await operator.reply())
    assert await area_count(places_bot) == before + 1

    async def all_rejections_audited() -> bool:
        rejected = [e for e in await recent(places_bot.bot_data.db, 50)
                    if e.user_id == OPERATOR and e.outcome == "rejected"]
        return len(rejected) == len(cases) + 4

    await eventually(all_rejections_audited, within=5)


async def test_used_foreign_and_forged_buttons_change_nothing(
    client: SandboxClient, places_bot: DaleelApp
) -> None:
    db = places_bot.bot_data.db
    operator, second = client.user(OPERATOR), client.user(SECOND_OPERATOR)
    resident = client.user(83001)
    for user, code in ((operator, "en"), (second, "en"), (resident, "ar")):
        await choose_language(user, code)
    before = await area_count(places_bot)

    # Cancel: nothing written, and the preview's "Add" is dead with it.
    await operator.send(ADD_HAJJ_ALI)
    choice = await operator.reply()
    await press_plain(operator, PARENT_BUTTON, choice)
    preview = await operator.reply(predicate=contains("check it before adding"))
    add = data_of(preview, "✅ Add")
    await press_plain(operator, "✖️ Cancel", preview)
    assert text_of(await operator.reply(predicate=contains("Cancelled"))) == (
        "Cancelled. Nothing was added."
    )
    answer = await forge(client, OPERATOR, add)
    assert answer.text == STALE and answer.show_alert
    # The parent choice was used up by the first press.
    answer = await forge(client, OPERATOR, data_of(choice, PARENT_BUTTON))
    assert answer.text == STALE
    assert await area_count(places_bot) == before

    # A fresh preview: another operator, a resident and a forged token cannot use it.
    await operator.send(ADD_HAJJ_ALI)
    choice = await operator.reply()
    await press_plain(operator, PARENT_BUTTON, choice)
    preview = await operator.reply(predicate=contains("check it before adding"))
    add = data_of(preview, "✅ Add")
    for user_id, data, expected in (
        (SECOND_OPERATOR, add, STALE),
        (OPERATOR, "areas:v1:add:AAAAAAAAAAAA", STALE),
        (OPERATOR, add.replace(":add:", ":parent:") + ":0", STALE),
        (OPERATOR, "areas:v1:add:" + add.split(":")[3] + ":7", STALE),
        (83001, add, "هذا الأمر مخصص لمسؤولي السلامة في «دليل»."),
    ):
        answer = await forge(client, user_id, data)
        assert answer.text == expected and answer.show_alert, (user_id, data, answer.text)
    assert await area_count(places_bot) == before

    # The role is checked at the press: revoked in between, the operator is refused.
    await revoke_role(db, OPERATOR, "operator")
    answer = await forge(client, OPERATOR, add)
    assert answer.text == FOR_OPERATORS
    await grant_role(db, OPERATOR, "operator", ADMIN)
    await press_plain(operator, "✅ Add", preview)
    await operator.reply(predicate=contains("Added:"))
    answer = await forge(client, OPERATOR, add)
    assert answer.text == STALE  # used once
    assert await area_count(places_bot) == before + 1

    await audited(places_bot, 83001, ("area.add", "refused", "needs operator"))
    await audited(places_bot, SECOND_OPERATOR, ("area.add", "rejected", "stale or foreign button"))
    await audited(places_bot, OPERATOR, ("area.add", "refused", "needs operator"))

    async def added_once() -> bool:
        entries = [(e.user_id, e.action, e.outcome) for e in await recent(db, 50)]
        return entries.count((OPERATOR, "area.add", "ok")) == 1

    await eventually(added_once, within=5)


@pytest.mark.parametrize("code", ["ar", "en"])
async def test_every_area_command_is_refused_to_residents_and_staff(
    client: SandboxClient, places_bot: DaleelApp, code: str
) -> None:
    refused = {"ar": "هذا الأمر مخصص لمسؤولي السلامة في «دليل».", "en": FOR_OPERATORS}[code]
    commands = {
        ADD_HAJJ_ALI: "area.add",
        "/alias Qayyarah | Qayyara": "area.alias",
        "/unalias Qayyarah | Qayara": "area.unalias",
        "/aliases Qayyarah": "area.aliases",
    }
    before, aliases = await area_count(places_bot), await alias_count(places_bot)
    for user_id in (84001 + len(code), STAFF):
        user = client.user(user_id)
        await choose_language(user, code)
        for command in commands:
            await user.send(command)
            assert text_of(await user.reply()) == refused, command
        entries = [e for e in await recent(places_bot.bot_data.db, 100) if e.user_id == user_id]
        assert sorted(e.action for e in entries) == sorted(commands.values())
        assert all(e.outcome == "refused" for e in entries)
    assert await area_count(places_bot) == before
    assert await alias_count(places_bot) == aliases
