""""Is my area safe?" through the real bot on the demo database, as residents use it:
browsing to the answer in every language; no information, unknown and stale statuses."""

from __future__ import annotations

import re

import pytest

from bot.storage.questions import question_counts
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import DEMO_NOW, choose_language, plain
from tests.e2e.safety_ui import UI, area_id, ask_about, labels, press_plain

# --- browsing to the answer, in every language ---------------------------------------------


@pytest.mark.parametrize("code", ["ar", "ckb", "ku", "en", "kmr_Arab"])
async def test_browse_governorate_district_area_answer(
    client: SandboxClient, demo_bot: DaleelApp, code: str
) -> None:
    ui = UI[code]
    user = client.user(71000 + len(code) * 10 + ord(code[0]))
    await choose_language(user, code)

    await press_plain(user, ui["menu"])
    ask = await user.reply()
    assert ask.event == "sent"
    assert plain(ask.text).startswith(ui["ask"])
    assert ui["browse"] in labels(ask)

    await press_plain(user, ui["browse"])
    governorates = await user.reply(predicate=lambda m: m.event == "edited")
    assert governorates.message_id == ask.message_id  # browsing edits in place
    assert ui["governorate"] in labels(governorates)
    assert len(governorates.buttons) <= 30

    await press_plain(user, ui["governorate"])
    districts = await user.reply(predicate=lambda m: ui["district"] in labels(m))
    await press_plain(user, ui["district"])
    subdistricts = await user.reply(predicate=lambda m: ui["subdistrict"] in labels(m))
    assert districts.message_id == subdistricts.message_id
    await press_plain(user, ui["subdistrict"])
    villages = await user.reply(predicate=lambda m: ui["village"] in labels(m))
    # The sub-district itself can be asked about, apart from its villages.
    assert labels(villages)[0] == ui["all_of"]
    for button in villages.buttons:
        assert button.callback_data is not None and len(button.callback_data.encode()) <= 64

    await press_plain(user, ui["village"])
    answer = await user.reply(predicate=lambda m: m.event == "sent")
    lines = plain(answer.text).split("\n")
    assert lines[0] == ui["demo"]
    assert lines[1] == ui["place"]
    assert lines[2] == ui["headline"]
    assert ui["residual"] in lines[3]
    assert lines[4] == ui["updated"]
    assert ui["risk"] in plain(answer.text)
    if code in ("ar", "ckb", "kmr_Arab"):
        # No English in an Arabic-script answer: the authority is named in the reader's
        # language (the demo's "Directorate of Mine Action"); the operator's note, written
        # in English, is shown as written under a plain label that says so.
        note = ui["english_note"]
        latin = [
            line for line in lines if any("a" <= c <= "z" for c in line.casefold())
        ]
        assert len(latin) == 1 and latin[0].startswith(note)
    if code != "en":
        assert "Directorate of Mine Action" not in plain(answer.text)
    # Clearance finished 14 days before the demo morning: no staleness warning.
    assert "⚠️" not in plain(answer.text)
    assert labels(answer)[:2] == [ui["alert"], ui["again"]] and len(answer.buttons) == 3
    hajj_ali = await area_id(demo_bot, "DEMO-HAJJ-ALI")
    assert answer.buttons[0].callback_data == f"alert:v1:sub_area:{hajj_ali}"
    assert answer.buttons[1].callback_data == "safe:v1:home"
    assert answer.buttons[2].callback_data == "menu:v1:home"
    # No map pin: a location would invite travel to the place.
    assert all(m.location is None and m.venue is None for m in await user.messages())


async def test_answer_in_english_reads_in_full(client: SandboxClient, demo_bot: DaleelApp) -> None:
    user = client.user(71100)
    await choose_language(user, "en")
    answer = await ask_about(user, "DEMO-HAJJ-ALI", demo_bot)
    assert plain(answer.text).split("\n") == [
        "🧪 Demo data — not real information.",
        "📍 Hajj Ali (village) — Al-Qayarra",
        "🔷 Cleared. Directorate of Mine Action cleared this area on November 10, 2026.",
        "The authority says people can return. Some danger can still remain: stay on roads "
        "and paths that people already use.",
        "🗓️ Updated November 10, 2026 by Directorate of Mine Action.",
        "📝 Note: Clearance finished and land handed over to the local council. Residual risk "
        "remains: do not touch unknown objects and report them.",
        "",
        "Stay safe:",
        "• Do not enter marked or suspected areas.",
        "• Do not touch, move or pick up unknown objects.",
        "• If you see one: mark the place from a distance if you can, go back the way you "
        "came, and tell the police or the mine action authorities.",
    ]


async def test_questions_are_counted_per_area_never_per_person(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    for user_id in (71201, 71202):
        user = client.user(user_id)
        await choose_language(user, "ar")
        await ask_about(user, "DEMO-SAFINA", demo_bot)
    safina = await area_id(demo_bot, "DEMO-SAFINA")
    counts = await question_counts(
        demo_bot.bot_data.db, since=DEMO_NOW.date(), until=DEMO_NOW.date()
    )
    assert [(c.topic, c.area_id, c.count) for c in counts if c.area_id == safina] == [
        ("safety", safina, 2)
    ]
    columns = await demo_bot.bot_data.db.fetch_all("PRAGMA table_info(question_counts)")
    assert "chat_id" not in {row[1] for row in columns}


# --- no information, unknown, stale -------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "❔ No information. We have no information about this area. "
               "That does NOT mean it is safe."),
        ("ar", "❔ لا توجد معلومات. ليست لدينا أي معلومات عن هذه المنطقة. "
               "وهذا لا يعني أبدًا أنها آمنة."),
        ("ckb", "❔ هیچ زانیارییەک نییە. هیچ زانیارییەکمان دەربارەی ئەم ناوچەیە نییە. "
                "ئەمە هەرگیز بەو مانایە نییە کە سەلامەتە."),
        ("ku", "❔ Agahî tune ye. Li ser vê deverê ti agahiyên me tune ne. "
               "Ev qet nayê wê wateyê ku ew ewle ye."),
    ],
)
async def test_area_without_information_is_never_called_safe(
    client: SandboxClient, demo_bot: DaleelApp, code: str, expected: str
) -> None:
    user = client.user(71300 + ord(code[-1]))
    await choose_language(user, code)
    # Bazwaya is a demo village with no status at all.
    answer = await ask_about(user, "DEMO-BAZWAYA", demo_bot)
    text = plain(answer.text)
    assert expected in text.split("\n")
    assert UI[code]["risk"] in text
    assert UI[code]["residual"] not in text  # nothing about returning
    if code == "en":
        leftover = text.replace("That does NOT mean it is safe.", "").replace("Stay safe:", "")
        assert not re.search(r"(?i)\bsafe\b|\bcleared\b|can return", leftover)


async def test_unknown_status_is_said_as_such(client: SandboxClient, demo_bot: DaleelApp) -> None:
    user = client.user(71400)
    await choose_language(user, "en")
    answer = await ask_about(user, "DEMO-HARDAN", demo_bot)
    text = plain(answer.text)
    assert "❔ Status unknown." in text
    assert "That does NOT mean it is safe." in text
    assert "Updated November 3, 2026 by Directorate of Mine Action." in text
    assert "can return" not in text


@pytest.mark.parametrize(
    ("code", "pcode", "warning"),
    [
        ("en", "DEMO-MAHANA",
         "⚠️ Warning: this information is 102 days old and may be out of date."),
        ("ar", "DEMO-MAHANA", "⚠️ تنبيه: مضى 102 يوم على هذه المعلومات، وقد لا تكون محدَّثة."),
        ("ar", "DEMO-IMAM-GHARBI",
         "⚠️ تنبيه: مضى 55 يومًا على هذه المعلومات، وقد لا تكون محدَّثة."),
        ("ckb", "DEMO-IMAM-GHARBI",
         "⚠️ ئاگاداربە: ئەم زانیارییە هی 55 ڕۆژ لەمەوبەرە و لەوانەیە ئێستا ڕاست نەبێت."),
        ("ku", "DEMO-MAHANA",
         "⚠️ Hişyar be: ev agahî ya berî 102 rojan e û dibe ku êdî ne rast be."),
    ],
)
async def test_stale_status_warns(
    client: SandboxClient, demo_bot: DaleelApp, code: str, pcode: str, warning: str
) -> None:
    user = client.user(71500 + ord(code[-1]) + len(pcode))
    await choose_language(user, code)
    answer = await ask_about(user, pcode, demo_bot)
    assert warning in plain(answer.text).split("\n")
    assert UI[code]["risk"] in plain(answer.text)


async def test_recent_status_has_no_warning(client: SandboxClient, demo_bot: DaleelApp) -> None:
    user = client.user(71600)
    await choose_language(user, "en")
    answer = await ask_about(user, "DEMO-KOCHO", demo_bot)  # 4 days old
    assert "Warning" not in plain(answer.text)
    assert "🚧 Clearance in progress." in plain(answer.text)
