"""Bad input through the real bot, in Arabic and Kurdish: a short answer in the resident's
language, no crash (the error handler never apologises), nothing stored, replies within
Telegram's limits and valid HTML (the sandbox refuses broken HTML with a 400)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest

from bot.storage import Database
from bot.storage.areas import area_ids_by_pcode
from bot.storage.camps import camp_ids_by_code
from bot.storage.services_food import set_camp
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import choose_language, plain

# What each language says, by kind of answer.
SAYS = {
    "ar": {
        "unreadable": "لم أستطع قراءة هذه الرسالة.",
        "too_long": "رسالتك طويلة جدًا.",
        "not_understood": "لم أفهم رسالتك.",
        "stale": "هذا الزر لم يعد صالحًا. أرسل /menu للبدء من جديد.",
        "sorry": "عذرًا، حدث خطأ",
    },
    "ckb": {
        "unreadable": "نەمتوانی ئەو نامەیە بخوێنمەوە.",
        "too_long": "نامەکەت زۆر درێژە.",
        "not_understood": "لەوە تێنەگەیشتم.",
        "stale": "ئەم دوگمەیە چیتر کار ناکات. /menu بنێرە بۆ ئەوەی لە سەرەتاوە دەست پێبکەیتەوە.",
        "sorry": "ببورە، هەڵەیەک لە لای ئێمەوە ڕوویدا.",
    },
    "ku": {
        "unreadable": "Min nikarî vê peyamê bixwînim.",
        "too_long": "Peyama te pir dirêj e.",
        "not_understood": "Min ev fêm nekir.",
        "stale": "Ev bişkok êdî ne derbasdar e. /menu bişîne da ku ji nû ve dest pê bikî.",
        "sorry": "Bibore, li aliyê me tiştek xelet çû.",
    },
}

# (typed text, the kind of answer; "any" = a real answer, checked for limits and no echo)
TYPED: tuple[tuple[str, str], ...] = (
    (" ", "unreadable"),
    ("      ", "unreadable"),
    ("\u200b\u200c\u200d\u2060\ufeff", "unreadable"),
    ("\u200f\u200e\u061c", "unreadable"),
    ("\t\n \n\t", "unreadable"),
    ("😀🙏🏽🇮🇶", "unreadable"),
    ("👍", "unreadable"),
    ("؟؟؟ ... !!! ،،", "unreadable"),
    ("\x00\x01\x02\x07\x1b\x7f\x9b", "unreadable"),
    ("\u202e\u202d\u202c\u2066\u2069", "unreadable"),
    ("ا" * 4096, "too_long"),
    ("متى توزيع الطحين؟ " * 300, "too_long"),
    ("x" * 10_000, "too_long"),
    ("ق" * 1001, "too_long"),
    ("\u200b" * 4000 + "hi", "any"),  # invisible padding does not make it long
    ("متى\x00 توزيع\x07 الطحين\x1b[31m", "any"),
    ("Qayara القيارة قەیارە Şingal 123 😀", "any"),
    ("وين xwarin clinic کەمپ", "any"),
    ("<b>", "not_understood"),
    ("</a>", "not_understood"),
    ("&lt;", "not_understood"),
    ("&amp;lt;b&gt;", "not_understood"),
    ("<script>location='x'</script>", "any"),
    ("<b>القيارة</b>", "any"),
    ("<a href='https://x'>وين</a> <i>", "any"),
    ("\u202eQayara\u202c", "any"),
    ("\u202eاسمي مو موجود\u202c", "any"),
    ("\u202dﷺ\u202e \u202eاختبار\u202c", "any"),
)

# Forged and stale payloads for every feature prefix; each gets the stale-button answer.
FORGED: tuple[str, ...] = (
    "lang:v1:set:xx",
    "lang:v1:set",
    "lang:v2:set:ar",
    "menu:v1:bogus",
    "svc:v1:bogus",
    "svc:v1:cat:weather",
    "svc:v1:svc:999999999",
    "food:v1:bogus",
    "food:v1:dist:999999999",
    "camp:v1:set:999999999:menu",
    "camp:v1:gov:ZZ99:menu",
    "camp:v1:sec:999999:0:menu",
    "safe:v1:area:999999999",
    "safe:v1:list:999999999:0",
    "safe:v1:govs:99999",
    "safe:v1:bogus",
    "alert:v1:sub_area:999999999",
    "alert:v1:rm_area:999999999",
    "alert:v1:sub_area:abc",
    "alert:v1:sub_area:-5",
    "alert:v1:camp:maybe",
    "alert:v1:home:extra",
    "forget:v1:maybe",
    "txt:v1:safe:999999999",
    "txt:v1:svc:weather",
    "txt:v1:food:1",
    "txt:v1:bogus",
    "alert:v1:" + "x" * 70,  # longer than Telegram's 64 bytes
    "safe:v1:area:" + "9" * 60,
    "safe:v1:منطقة",  # not ASCII
    "svc:v1:cat:صحة",
    "food",
    "camp:v1",
    "",
    "💣",
    "alert:v1:sub_area:1:2:3:4:5:6:7:8",
)


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR)
    return caplog


def no_errors(caplog: pytest.LogCaptureFixture) -> None:
    crashed = [r for r in caplog.records if r.name.startswith(("handlers", "telegram"))]
    assert crashed == [], [r.getMessage() for r in crashed]


async def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table that describes residents or places (counts excluded: of
    questions, and of place spellings with their "Did you mean" offers, none saying who)."""
    tables = await db.fetch_all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ("
        "'question_counts', 'place_spellings', 'place_spelling_offers', 'schema_migrations'"
        ") ORDER BY name"
    )
    return {
        table: sorted(tuple(r) for r in await db.fetch_all(f'SELECT * FROM "{table}"'))
        for (table,) in tables
    }


BARRIER = "/barrier_end"


async def barrier(client: SandboxClient, user: SimulatedUser, mark: int) -> list[BotMessage]:
    """Send an unknown command and wait for its answer; return what came before it.

    Updates of one chat are handled in order, so that answer comes after everything the
    bot sent for the previous message or button.
    """
    await user.send(BARRIER)
    await user.reply(after_seq=mark, predicate=lambda m: BARRIER in m.text, timeout=10)
    events = await client.events(user.chat_id, after_seq=mark)
    assert BARRIER in events[-1].text
    return events[:-1]


async def exchange(client: SandboxClient, user: SimulatedUser, text: str) -> list[BotMessage]:
    """Send *text*; everything the bot sent for it."""
    mark = await client.last_seq()
    await user.send(text)
    return await barrier(client, user, mark)


def sane(messages: Sequence[BotMessage], code: str, typed: str) -> None:
    for m in messages:
        assert len(m.text) <= 4096
        assert m.raw_text is None or len(m.raw_text) <= 4096 * 2
        assert SAYS[code]["sorry"] not in plain(m.text)
        for b in m.buttons:
            assert b.callback_data is None or len(b.callback_data.encode()) <= 64
        if len(typed.strip()) >= 3:
            assert typed not in (m.raw_text or ""), "the bot echoed the message"


async def ready(client: SandboxClient, app: DaleelApp, user_id: int, code: str) -> SimulatedUser:
    """A resident with a camp and one area alert, so there is something to damage."""
    user = client.user(user_id)
    await choose_language(user, code)
    db = app.bot_data.db
    assert await set_camp(db, user_id, (await camp_ids_by_code(db))["debaga-1"], None)
    area = (await area_ids_by_pcode(db, ["DEMO-AWSAJA"]))["DEMO-AWSAJA"]
    await db.execute(
        "INSERT INTO subscriptions (chat_id, topic, area_id, created_at)"
        " VALUES (?, 'area', ?, 'now')",
        (user_id, area),
    )
    return user


@pytest.mark.parametrize("code", ["ar", "ckb", "ku"])
async def test_bad_typed_messages(
    client: SandboxClient, demo_bot: DaleelApp, errors: pytest.LogCaptureFixture, code: str
) -> None:
    user = await ready(client, demo_bot, 51000 + ord(code[-1]), code)
    db = demo_bot.bot_data.db
    before = await snapshot(db)
    for text, kind in TYPED:
        replies = await exchange(client, user, text)
        assert replies, f"no answer to {text[:30]!r}"
        sane(replies, code, text)
        if kind != "any":
            first = plain(replies[0].text)
            assert first.startswith(SAYS[code][kind]), (text[:30], first[:80])
            assert len(replies) == 1
    assert await snapshot(db) == before  # nothing stored, not even half-way
    no_errors(errors)


@pytest.mark.parametrize("code", ["ar", "ckb"])
async def test_forged_and_stale_buttons(
    client: SandboxClient, demo_bot: DaleelApp, errors: pytest.LogCaptureFixture, code: str
) -> None:
    user = await ready(client, demo_bot, 52000 + ord(code[-1]), code)
    db = demo_bot.bot_data.db
    await user.send("/menu")
    menu = await user.reply()
    before = await snapshot(db)
    for payload in FORGED:
        mark = await client.last_seq()
        pressed = await client.press(user.user_id, menu.message_id, payload)
        answer = await client.wait_callback_answer(pressed)
        assert plain(answer.text) == SAYS[code]["stale"], (payload, answer.text)
        # Nothing else happens: no message, no edit.
        assert await barrier(client, user, mark) == [], payload
    assert await snapshot(db) == before
    shown = {m.message_id: m for m in await client.messages(user.chat_id)}
    assert shown[menu.message_id].text == menu.text  # the menu was not edited
    no_errors(errors)


async def test_stale_button_of_a_removed_alert(
    client: SandboxClient, demo_bot: DaleelApp, errors: pytest.LogCaptureFixture
) -> None:
    """A real button that went stale: the area was removed from another screen."""
    user = await ready(client, demo_bot, 53001, "ckb")
    await user.send("/alerts")
    first = await user.reply()
    await user.send("/alerts")
    second = await user.reply()
    remove = next(t for t in second.button_texts if t.startswith("✖️"))
    await user.press(remove, message_id=second.message_id)
    await user.reply(predicate=lambda m: m.event == "edited")
    pressed = await client.press_button(user.user_id, first.message_id, remove)
    answer = await client.wait_callback_answer(pressed)
    assert plain(answer.text) == SAYS["ckb"]["stale"]
    no_errors(errors)


async def test_an_area_removed_from_the_data_is_gone_from_alerts(
    client: SandboxClient, demo_bot: DaleelApp, errors: pytest.LogCaptureFixture
) -> None:
    """An area deleted by an import takes its subscriptions with it; the screen still works."""
    db = demo_bot.bot_data.db
    user = await ready(client, demo_bot, 53101, "ar")
    area = (await area_ids_by_pcode(db, ["DEMO-AWSAJA"]))["DEMO-AWSAJA"]
    await db.execute("DELETE FROM area_status WHERE area_id = ?", (area,))
    await db.execute("DELETE FROM areas WHERE id = ?", (area,))
    await user.send("/alerts")
    screen = await user.reply()
    assert "العوسجة" not in plain(screen.text)
    assert not any(t.startswith("✖️") for t in screen.button_texts)
    pressed = await client.press(user.user_id, screen.message_id, f"alert:v1:sub_area:{area}")
    assert plain((await client.wait_callback_answer(pressed)).text) == SAYS["ar"]["stale"]
    no_errors(errors)
