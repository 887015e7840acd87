"""Operators read no English in a non-English screen (issue 14, item 7): the request to
confirm, /pending and /history name a known source in the operator's language and label a
note written in another language; a source code in an imported file ("DMA") is stored as
the source's full name, like a typed one, and so read in every language."""

from __future__ import annotations

import re

from bot.importing.apply import import_csv
from bot.storage.areas import status_history
from bot.storage.proposals import get_proposal
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient, SimulatedUser
from tests.e2e.conftest import DEMO_NOW, choose_language, plain
from tests.e2e.operating import AWSAJA, OP_B, ask, confirm_area, make_operators, proposal_id

DMA = "Directorate of Mine Action"
# bot/data/safety/sources.toml
DMA_AR = "دائرة شؤون الألغام"
DMA_CKB = "فەرمانگەی کاروباری مین"
NOTE = "Clearance finished; land handed over"
_LATIN = re.compile(r"[A-Za-z]")


def note_in_english(app: DaleelApp, language: str) -> str:
    """The labelled note line as the catalogue of *language* says it."""
    tr = app.bot_data.catalogues.translator(language)
    return plain(tr.gettext("📝 Note (in English): {note}", note=NOTE))


def without(text: str, line: str) -> str:
    assert line in text, (line, text)
    return text.replace(line, "")


async def history(user: SimulatedUser) -> str:
    return plain((await confirm_area(user, "/history Awsaja")).text)


async def test_an_arabic_operator_reads_the_source_in_arabic_and_the_note_labelled(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    a, b = await make_operators(client, demo_bot, ("en", "ar"))
    proposed = await confirm_area(a, f"/setstatus Awsaja cleared DMA | {NOTE}", AWSAJA)
    pid = proposal_id(proposed)

    # The request to confirm: the agency named in Arabic, the English note labelled, and
    # no other Latin letter at all.
    notice = await b.reply(predicate=lambda m: f"#{pid}" in plain(m.text))
    told = plain(notice.text)
    assert DMA_AR in told and DMA not in told
    assert not _LATIN.search(without(told, note_in_english(demo_bot, "ar"))), told

    # The review screen (/pending) reads the same.
    await b.send("/pending")
    listing = plain((await b.reply(predicate=lambda m: f"#{pid}" in plain(m.text))).text)
    assert DMA_AR in listing and DMA not in listing
    assert not _LATIN.search(without(listing, note_in_english(demo_bot, "ar"))), listing

    # Confirmed, then /history: the new status's source in Arabic, the note labelled.
    confirm = next(t for t in notice.button_texts if "✅" in t)  # right to left: not first
    await b.press(confirm, message_id=notice.message_id)
    await b.reply(predicate=lambda m: "✅" in plain(m.text))
    proposal = await get_proposal(demo_bot.bot_data.db, pid)
    assert proposal is not None and proposal.state == "confirmed"
    read = await history(b)
    newest = read.split("\n\n")[1]
    assert DMA_AR in newest.split("\n")[0] and DMA not in read
    assert newest.split("\n")[1] == note_in_english(demo_bot, "ar")
    assert f"{OP_B}" in newest

    # The proposer, in English, reads it all in English, the note unlabelled.
    mine = await history(a)
    assert f"· 🔷 Cleared · {DMA}" in mine and f"📝 Note: {NOTE}" in mine


async def test_an_imported_source_code_is_read_in_every_language(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    db = demo_bot.bot_data.db
    row = (
        "pcode,status,date,source,note\n"
        f"DEMO-AWSAJA,confirmed,{DEMO_NOW.date().isoformat()},dma,\n"
    ).encode()
    report = await import_csv(db, "statuses", row, today=DEMO_NOW.date())
    assert report.applied and not report.errors
    newest = (await status_history(db, (await _awsaja(demo_bot))))[-1]
    assert (newest.status, newest.source) == ("confirmed", DMA)  # stored in full, as typed

    en, ar = await make_operators(client, demo_bot, ("en", "ar"))
    assert f"· ⛔ Confirmed hazardous · {DMA}" in await history(en)
    arabic = (await history(ar)).split("\n\n")[1].split("\n")[0]
    assert DMA_AR in arabic and not _LATIN.search(arabic), arabic

    reader = client.user(731001)
    await choose_language(reader, "ckb")
    answer = await ask(reader, "عەوسەجە")
    assert DMA_CKB in answer and "DMA" not in answer


async def _awsaja(app: DaleelApp) -> int:
    from bot.storage.areas import area_ids_by_pcode  # noqa: PLC0415 - one use

    return (await area_ids_by_pcode(app.bot_data.db, ["DEMO-AWSAJA"]))["DEMO-AWSAJA"]
