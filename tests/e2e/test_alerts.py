"""Alerts through the real bot: the screen, switching on and off, areas, /stop, blocking,
and /forget leaving no row anywhere that names the resident."""

from __future__ import annotations

import pytest

from bot.storage import Database
from bot.storage.areas import area_ids_by_pcode
from bot.storage.camps import camp_ids_by_code
from bot.storage.residents import get_resident
from bot.storage.services_food import set_camp
from bot.storage.subscriptions import (
    alert_settings,
    subscribers_of_area,
    subscribers_of_camp,
)
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import choose_language, eventually, plain

# (menu button, screen title, camp line off, camp line on, turn-on button, turn-off button)
SCREEN = {
    "ar": ("🔔 التنبيهات", "🔔 تنبيهاتك", "▫️ إعلانات المخيم (ديبكة 1 (الرئيسي)): متوقفة",
           "✅ إعلانات المخيم (ديبكة 1 (الرئيسي)): مفعّلة", "🔔 تفعيل إعلانات المخيم",
           "🔕 إيقاف إعلانات المخيم"),
    "ckb": ("🔔 ئاگادارکردنەوەکان", "🔔 ئاگادارکردنەوەکانت", "▫️ ڕاگەیاندنەکانی کەمپ (دیبەگە 1): ناچالاکە",
            "✅ ڕاگەیاندنەکانی کەمپ (دیبەگە 1): چالاکە", "🔔 چالاککردنی ڕاگەیاندنەکانی کەمپ",
            "🔕 ڕاگرتنی ڕاگەیاندنەکانی کەمپ"),
    "ku": ("🔔 Hişyarî", "🔔 Hişyariyên te", "▫️ Daxuyaniyên kampê (Dîbege 1): girtî",
           "✅ Daxuyaniyên kampê (Dîbege 1): vekirî", "🔔 Daxuyaniyên kampê veke",
           "🔕 Daxuyaniyên kampê bigire"),
    "en": ("🔔 Alerts", "🔔 Your alerts", "▫️ Camp announcements (Debaga 1): off",
           "✅ Camp announcements (Debaga 1): on", "🔔 Turn on camp announcements",
           "🔕 Turn off camp announcements"),
    "kmr_Arab": ("🔔 ئاگەهداری", "🔔 ئاگەهداریێن تە", "▫️ راگەهاندنێن کەمپێ (دیبەگە 1): گرتی",
                 "✅ راگەهاندنێن کەمپێ (دیبەگە 1): ڤەکری", "🔔 راگەهاندنێن کەمپێ ڤەکە",
                 "🔕 راگەهاندنێن کەمپێ بگرە"),
}
# The safety answer's button, and the confirmation for Awsaja (in Al-Qayarra).
FOLLOW = {
    "ar": ("🔔 نبّهني عندما يتغيّر هذا", "ستصلك رسالة تنبيه عندما تتغير حالة العوسجة (القيارة)."),
    "ckb": ("🔔 ئاگادارم بکەرەوە کاتێک ئەمە گۆڕا",
            "کاتێک دۆخی عەوسەجە (قەیارە) دەگۆڕێت، ئاگادار دەکرێیتەوە."),
    "ku": ("🔔 Dema ev biguhere, min agahdar bike",
           "Dema ku rewşa Ewseca (Al-Qayarra) biguhere, hişyariyek ji te re tê."),
    "en": ("🔔 Alert me when this changes",
           "You will get an alert when the status of Awsaja (Al-Qayarra) changes."),
    "kmr_Arab": ("🔔 دەما ئەڤ بگوهۆریت، من ئاگەهدار بکە",
                 "دەما کو رەوشا عەوسەجە (قەیارە) بگوهۆریت، ئاگەهداریەک بۆ تە دهێت."),
}
# Badini reads place names through its fallback: the Sorani (Arabic-script Kurdish) name.
AWSAJA_TEXT = {
    "ar": "العوسجة", "ckb": "عەوسەجە", "ku": "Ewseca", "en": "Awsaja", "kmr_Arab": "عەوسەجە",
}
RTL = ("ar", "ckb", "kmr_Arab")


async def resident(
    client: SandboxClient, app: DaleelApp, user_id: int, code: str, *, camp: bool = True
) -> SimulatedUser:
    user = client.user(user_id)
    await choose_language(user, code)
    if camp:
        db = app.bot_data.db
        assert await set_camp(db, user_id, (await camp_ids_by_code(db))["debaga-1"], None)
    return user


async def awsaja(app: DaleelApp) -> int:
    return (await area_ids_by_pcode(app.bot_data.db, ["DEMO-AWSAJA"]))["DEMO-AWSAJA"]


def edited(message: BotMessage) -> bool:
    return message.event == "edited"


async def follow_awsaja(user: SimulatedUser, code: str) -> BotMessage:
    """Ask about Awsaja, press "alert me", return the confirmation."""
    await user.send(f"{AWSAJA_TEXT[code]}؟" if code in RTL else AWSAJA_TEXT[code])
    await user.reply(predicate=lambda m: FOLLOW[code][0] in m.button_texts)
    await user.press(FOLLOW[code][0])
    return await user.reply()


@pytest.mark.parametrize("code", ["ar", "ckb", "ku", "en", "kmr_Arab"])
async def test_alerts_screen_and_camp_toggles(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    menu_button, title, off_line, on_line, turn_on, turn_off = SCREEN[code]
    user = await resident(client, demo_bot, 41000 + ord(code[-1]), code)
    await user.press(menu_button)
    screen = await user.reply()
    assert plain(screen.text).startswith(title)
    assert off_line in plain(screen.text)
    assert screen.raw_text is not None and screen.raw_text.count("<b>") == 1
    assert turn_on in screen.button_texts

    await user.press(turn_on)
    after = await user.reply(predicate=edited)
    assert after.message_id == screen.message_id
    assert on_line in plain(after.text)
    assert turn_off in after.button_texts
    db = demo_bot.bot_data.db
    camp = (await camp_ids_by_code(db))["debaga-1"]
    assert [s.chat_id for s in await subscribers_of_camp(db, camp, "camp")] == [user.chat_id]
    assert await subscribers_of_camp(db, camp, "food") == []

    await user.press(turn_off)
    again = await user.reply(predicate=edited)
    assert off_line in plain(again.text)
    assert await subscribers_of_camp(db, camp, "camp") == []


async def test_food_reminders_toggle_and_the_command(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = await resident(client, demo_bot, 41101, "en")
    await user.send("/alerts")
    screen = await user.reply()
    await user.press("🔔 Turn on food reminders")
    after = await user.reply(predicate=edited)
    assert "✅ Food distribution reminders (Debaga 1): on" in plain(after.text)
    settings = await alert_settings(demo_bot.bot_data.db, user.chat_id)
    assert settings is not None and settings.food and not settings.camp
    # The same "turn on" again (a second tap before the screen changed): nothing changes,
    # nothing breaks (the unchanged screen is not an error), and the press is answered.
    pressed = await client.press(user.user_id, screen.message_id, "alert:v1:food:on")
    answer = await client.wait_callback_answer(pressed)
    assert answer.text is None
    assert await alert_settings(demo_bot.bot_data.db, user.chat_id) == settings


async def test_without_a_camp_the_screen_offers_the_camp_picker(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = await resident(client, demo_bot, 41201, "ar", camp=False)
    await user.send("/alerts")
    screen = await user.reply()
    assert "اختر مخيمك أولًا" in plain(screen.text)
    assert "🔔 تفعيل إعلانات المخيم" not in screen.button_texts
    await user.press("🏕 اختيار مخيمي")
    picker = await user.reply()
    assert "نينوى" in picker.button_texts
    # A forged "turn on" for a resident without a camp stores nothing.
    pressed = await client.press(user.user_id, screen.message_id, "alert:v1:camp:on")
    stale = await client.wait_callback_answer(pressed)
    assert plain(stale.text) == "هذا الزر لم يعد صالحًا. أرسل /menu للبدء من جديد."
    settings = await alert_settings(demo_bot.bot_data.db, user.chat_id)
    assert settings is not None and not settings.camp


@pytest.mark.parametrize("code", ["ar", "ckb", "ku", "en", "kmr_Arab"])
async def test_follow_an_area_from_the_safety_answer_and_remove_it(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    user = await resident(client, demo_bot, 41300 + ord(code[-1]), code, camp=False)
    confirmation = await follow_awsaja(user, code)
    assert plain(confirmation.text) == FOLLOW[code][1]
    db = demo_bot.bot_data.db
    area = await awsaja(demo_bot)
    assert [s.chat_id for s in await subscribers_of_area(db, area)] == [user.chat_id]
    assert (await subscribers_of_area(db, area))[0].language == code

    # Idempotent: "alert me" on a new answer confirms again and stores nothing more.
    assert plain((await follow_awsaja(user, code)).text) == FOLLOW[code][1]
    row = await db.fetch_one("SELECT COUNT(*) FROM subscriptions WHERE chat_id = ?", (user.chat_id,))
    assert row is not None and row[0] == 1

    await user.press(confirmation.button_texts[0])  # "🔔 My alerts"
    screen = await user.reply()
    assert AWSAJA_TEXT[code] in plain(screen.text)
    remove = next(t for t in screen.button_texts if t.startswith("✖️"))
    assert AWSAJA_TEXT[code] in remove
    await user.press(remove)
    after = await user.reply(predicate=edited)
    assert AWSAJA_TEXT[code] not in plain(after.text)
    assert await subscribers_of_area(db, area) == []


async def test_stop_ends_every_alert_and_alerts_starts_again(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    user = await resident(client, demo_bot, 41401, "ckb")
    await follow_awsaja(user, "ckb")
    await user.send("/alerts")
    await user.reply()
    await user.press("🔔 چالاککردنی ڕاگەیاندنەکانی کەمپ")
    await user.reply(predicate=edited)
    await user.press("🔔 چالاککردنی بیرخستنەوەی خۆراک")
    await user.reply(predicate=edited)
    camp = (await camp_ids_by_code(db))["debaga-1"]
    assert await subscribers_of_camp(db, camp, "food")

    await user.send("/stop")
    stopped = await user.reply()
    assert plain(stopped.text).startswith("هەموو ئاگادارکردنەوەکان ڕاگیران")
    assert "/alerts" in stopped.text
    settings = await alert_settings(db, user.chat_id)
    assert settings is not None and settings.paused
    assert (settings.camp, settings.food, settings.areas) == (False, False, ())
    assert await subscribers_of_area(db, await awsaja(demo_bot)) == []
    assert await subscribers_of_camp(db, camp, "camp") == []

    await user.send("/alerts")
    screen = await user.reply()
    assert "/stop" in screen.text and "ڕاگیراون" in plain(screen.text)
    await user.press("🔔 چالاککردنی ڕاگەیاندنەکانی کەمپ")
    await user.reply(predicate=edited)
    settings = await alert_settings(db, user.chat_id)
    assert settings is not None and settings.camp and not settings.paused
    assert [s.chat_id for s in await subscribers_of_camp(db, camp, "camp")] == [user.chat_id]


async def test_stop_for_someone_unknown(client: SandboxClient, demo_bot: DaleelApp) -> None:
    user = client.user(41501, language_code="en")
    await user.send("/stop")
    assert (await user.reply()).text == "You do not receive any alerts."
    assert await get_resident(demo_bot.bot_data.db, 41501) is None


async def test_a_resident_who_blocks_the_bot_is_inactive_at_once(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    user = await resident(client, demo_bot, 41601, "ar")
    await follow_awsaja(user, "ar")
    area = await awsaja(demo_bot)
    assert [s.chat_id for s in await subscribers_of_area(db, area)] == [user.chat_id]

    await user.block()
    await eventually(lambda: _inactive(db, user.chat_id), within=5)
    assert await subscribers_of_area(db, area) == []  # no alert goes to a blocked chat
    await user.unblock()
    await eventually(lambda: _active(db, user.chat_id), within=5)
    assert [s.chat_id for s in await subscribers_of_area(db, area)] == [user.chat_id]


async def _inactive(db: Database, chat_id: int) -> bool:
    resident = await get_resident(db, chat_id)
    return resident is not None and not resident.active


async def _active(db: Database, chat_id: int) -> bool:
    resident = await get_resident(db, chat_id)
    return resident is not None and resident.active


async def test_forget_leaves_no_row_that_names_the_resident(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    """After /forget no column of any table holds the chat id; question counts never did."""
    db = demo_bot.bot_data.db
    chat_id = 987_654_321  # larger than any id the demo data uses
    user = await resident(client, demo_bot, chat_id, "en")
    await follow_awsaja(user, "en")  # a safety question (counted) and an area alert
    await user.send("/alerts")
    await user.reply()
    await user.press("🔔 Turn on camp announcements")
    await user.reply(predicate=edited)
    assert await _rows_naming(db, chat_id) != {}
    counted = await db.fetch_one(
        "SELECT SUM(count) FROM question_counts WHERE topic = 'safety' AND area_id = ?",
        (await awsaja(demo_bot),),
    )
    assert counted is not None and counted[0] >= 1

    await user.send("/forget")
    await user.reply()
    await user.press("Yes, erase everything")
    await user.reply(predicate=edited)
    assert await _rows_naming(db, chat_id) == {}
    # The aggregate stays (it is not about anyone) and has no place for a chat id.
    columns = {row[1] for row in await db.fetch_all("PRAGMA table_info(question_counts)")}
    assert columns == {"day", "topic", "area_id", "camp_id", "count"}


async def _rows_naming(db: Database, chat_id: int) -> dict[str, int]:
    """Rows per table where any column equals the chat id (as a number or as text)."""
    found: dict[str, int] = {}
    tables = await db.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
    for (table,) in tables:
        columns = [row[1] for row in await db.fetch_all(f'PRAGMA table_info("{table}")')]
        where = " OR ".join(f'"{c}" = ? OR CAST("{c}" AS TEXT) LIKE ?' for c in columns)
        params: list[object] = []
        for _ in columns:
            params += [chat_id, f"%{chat_id}%"]
        row = await db.fetch_one(f'SELECT COUNT(*) FROM "{table}" WHERE {where}', params)
        if row is not None and row[0]:
            found[table] = int(row[0])
    return found
