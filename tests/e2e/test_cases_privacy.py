"""What a resident writes to a person: only what can be read is taken, nothing half-stored,
nothing logged, erased with /forget and after the retention period.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from telegram.error import BadRequest

from bot.cases.limits import MAX_CHARS
from bot.cases.retention import stamp
from bot.logs import configure_logging
from handlers.kit.context import DaleelApp
from handlers.residents.my_cases import erase_old_content
from sandbox import SandboxClient
from tests.e2e.cases_ui import (
    LANGS,
    ask_topic,
    bodies,
    cases_of,
    count_cases,
    count_messages,
    file_case,
    tr,
)
from tests.e2e.conftest import choose_language, plain

SECRET = "the guard Qasim at gate 3 took my ration card"
CAPTION = "photo of the broken water tank near tent 114"


@pytest.mark.parametrize("code", LANGS)
async def test_empty_huge_and_unsupported_messages_are_refused_and_nothing_is_stored(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    db, t = bot.bot_data.db, tr(bot, code)
    user = client.user(7100 + LANGS.index(code))
    await choose_language(user, code)
    await ask_topic(user, "complaint")
    empty = t.gettext("Your message is empty. Please write it in words, or send a photo.")
    for blank in ("   ", "\u200f\u200e"):
        await user.send(blank)
        assert plain((await user.reply()).text) == plain(empty)
    await user.send("x" * (MAX_CHARS + 1))
    too_long = t.gettext(
        "Your message is too long: at most {limit} characters. Please shorten it and send it "
        "again.",
        limit=MAX_CHARS,
    )
    assert plain((await user.reply()).text) == plain(too_long)
    unsupported = t.gettext(
        "I can only take text or a photo here. Please write your message, or send a photo."
    )
    await client.send_location(user.user_id, 36.2, 43.9)
    assert plain((await user.reply()).text) == plain(unsupported)
    await user.upload("report.pdf", b"%PDF-1.4", "application/pdf", caption=SECRET)
    assert plain((await user.reply()).text) == plain(unsupported)
    assert (await count_cases(db), await count_messages(db)) == (0, 0)
    # The writing is still pending: the message that can be read is taken.
    await user.send("x" * MAX_CHARS)
    ack = await user.reply()
    (case,) = await cases_of(db, user.chat_id)
    assert case.number in plain(ack.text)
    assert await bodies(db, case.id) == [("x" * MAX_CHARS, None)]


async def test_a_photo_with_a_caption_keeps_only_its_file_id_which_staff_can_send_back(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    user = client.user(7201)
    await choose_language(user, "en")
    await ask_topic(user, "complaint")
    sent = await user.send_photo(CAPTION)
    ack = await user.reply()
    (case,) = await cases_of(db, user.chat_id)
    assert case.number in plain(ack.text)
    ((body, photo),) = await bodies(db, case.id)
    assert body == CAPTION and photo is not None and photo.startswith("AgAC")
    assert sent.message_id > 0
    # The file_id is the largest size's, and the Bot API sends it back (staff will).
    shown = await bot.bot.send_photo(user.chat_id, photo, caption="case photo")
    assert shown.photo and shown.photo[-1].file_id == photo
    assert (await user.reply()).photo is not None
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.bot.send_photo(user.chat_id, "AgACAgIAAxkBAAI-forged")
    # A photo without a caption is a case too.
    await ask_topic(user, "question")
    await user.send_photo()
    await user.reply()
    second = (await cases_of(db, user.chat_id))[1]
    ((body, photo),) = await bodies(db, second.id)
    assert body is None and photo is not None


@pytest.mark.parametrize("code", ["ar", "ku"])
async def test_forget_says_cases_go_too_and_erases_them(
    client: SandboxClient, bot: DaleelApp, code: str
) -> None:
    db, t = bot.bot_data.db, tr(bot, code)
    user = client.user(7300 + LANGS.index(code))
    await choose_language(user, code)
    await file_case(user, "complaint", SECRET)
    await file_case(user, "sensitive", SECRET)  # no gender chosen yet: not filed
    await user.send("/feedback")
    await user.reply()
    (case,) = await cases_of(db, user.chat_id)
    await user.send("/forget")
    ask = await user.reply()
    said = t.ngettext(
        "You have a case with Daleel's staff: it will be erased too, with what you wrote and "
        "the answers, and staff will no longer be able to answer you.",
        "You have {n} cases with Daleel's staff: they will be erased too, with what you wrote "
        "and the answers, and staff will no longer be able to answer you.",
        1,
    )
    assert plain(ask.text).startswith(plain(said))
    await user.press(t.gettext("Yes, erase everything"))
    await user.reply()
    assert await cases_of(db, user.chat_id) == []
    (erased,) = await cases_of(db, None)
    assert erased.number == case.number and erased.erased_at is not None
    assert await bodies(db, case.id) == [(None, None)]


async def test_retention_erases_the_content_of_old_cases_only(
    client: SandboxClient, bot: DaleelApp
) -> None:
    db = bot.bot_data.db
    user = client.user(7401)
    await choose_language(user, "ckb")
    await file_case(user, "complaint", "old words")
    await file_case(user, "question", "new words")
    old, new = await cases_of(db, user.chat_id)
    now = bot.bot_data.now()
    days = bot.bot_data.settings.feedback.retention_days
    long_ago = stamp(now - timedelta(days=days + 1))
    await db.execute(
        "UPDATE cases SET created_at = ?, updated_at = ? WHERE id = ?", (long_ago, long_ago, old.id)
    )
    assert await erase_old_content(bot.bot_data) == 1
    assert await bodies(db, old.id) == [(None, None)]
    assert await bodies(db, new.id) == [("new words", None)]
    (kept_old, kept_new) = await cases_of(db, user.chat_id)
    assert (kept_old.number, kept_old.topic, kept_old.erased_at is not None) == (
        old.number, "complaint", True
    )
    assert kept_new.erased_at is None
    assert await erase_old_content(bot.bot_data) == 0  # once is enough
    # The resident still sees the case (number, topic, status) in /mycases.
    await user.send("/mycases")
    assert old.number in plain((await user.reply()).text)


@pytest.fixture
def every_log_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Logging as the product configures it, at its most verbose level."""
    configure_logging("DEBUG", ("unused",), tmp_path / "daleel.log")
    caplog.set_level(logging.DEBUG)
    return caplog


async def test_no_case_text_or_caption_reaches_the_log(
    every_log_line: pytest.LogCaptureFixture, client: SandboxClient, bot: DaleelApp,
    tmp_path: Path,
) -> None:
    """Logging is configured before the bot starts, so its start-up is in the file: the
    capture works; then nothing of what the resident wrote may follow, SQL included."""
    user = client.user(7501)
    await choose_language(user, "en")
    await file_case(user, "sensitive", "unused")  # asks for a gender first: not filed
    await ask_topic(user, "complaint")
    await user.send(SECRET)
    await user.reply()
    await user.send("/mycases")
    listing = await user.reply()
    await user.press(listing.button_texts[0])
    await user.reply()
    await user.send_photo(CAPTION)
    await user.reply()
    await ask_topic(user, "question")
    await user.send("x" * (MAX_CHARS + 1) + SECRET)
    await user.reply()
    lines = [record.getMessage() for record in every_log_line.records]
    log_file = tmp_path / "daleel.log"
    if log_file.exists():
        lines += log_file.read_text(encoding="utf-8").splitlines()
    assert any("Daleel" in line for line in lines), "the log captured nothing: no proof"
    for line in lines:
        assert SECRET not in line and CAPTION not in line
        assert "guard Qasim" not in line and "tent 114" not in line
