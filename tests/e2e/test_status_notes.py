"""Status notes per language (issue 14, item 7): a resident reads the note written in their
language without a label, and a note in another language labelled with it; an operator's
/setstatus note is stored in the operator's language, or in the one its letters clearly say."""

from __future__ import annotations

from bot.domain.records import Texts
from bot.importing.apply import import_csv
from bot.storage.areas import area_ids_by_pcode, status_history
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import DEMO_NOW, choose_language, plain
from tests.e2e.operating import AWSAJA, ask, confirm_area, make_operators

NOTE_AR = "فرق التطهير تعمل قرب المدرسة، ابتعدوا عن المناطق المعلّمة"
NOTE_EN = "Clearance teams are working near the school; keep out of marked areas"
NOTE_CKB_TYPED = "تیمەکانی پاککردنەوە لە نزیک قوتابخانەن"


def line(app: DaleelApp, language: str, msgid: str, note: str) -> str:
    """A note line as the catalogue of *language* says it."""
    return plain(app.bot_data.catalogues.translator(language).gettext(msgid, note=note))


async def newest_notes(app: DaleelApp) -> tuple[str | None, Texts]:
    db = app.bot_data.db
    area_id = (await area_ids_by_pcode(db, ["DEMO-AWSAJA"]))["DEMO-AWSAJA"]
    newest = (await status_history(db, area_id))[-1]
    return newest.note, newest.notes


async def test_residents_read_the_note_in_their_language_or_a_labelled_one(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    # A partner file with the note in Arabic and in English (no Sorani, no Kurmanji).
    data = (
        "pcode,status,date,source,note_ar,note_en\n"
        f"DEMO-AWSAJA,confirmed,{DEMO_NOW.date().isoformat()},DMA,{NOTE_AR},{NOTE_EN}\n"
    ).encode()
    report = await import_csv(demo_bot.bot_data.db, "statuses", data, today=DEMO_NOW.date())
    assert report.applied and not report.errors, report.errors
    assert await newest_notes(demo_bot) == (None, Texts(ar=NOTE_AR, en=NOTE_EN))

    # Arabic: the Arabic note as a plain note; no English note, no label.
    arabic = client.user(732001)
    await choose_language(arabic, "ar")
    answer = await ask(arabic, "العوسجة")
    assert line(demo_bot, "ar", "📝 Note: {note}", NOTE_AR) in answer, answer
    assert NOTE_EN not in answer

    # Sorani: no Sorani note; the Arabic one (Sorani readers' first fallback), labelled.
    sorani = client.user(732002)
    await choose_language(sorani, "ckb")
    answer = await ask(sorani, "عەوسەجە")
    assert line(demo_bot, "ckb", "📝 Note (in Arabic): {note}", NOTE_AR) in answer, answer
    assert NOTE_EN not in answer

    # Kurmanji: their fallback is English first, labelled; English readers read it plain.
    kurmanji = client.user(732003)
    await choose_language(kurmanji, "ku")
    answer = await ask(kurmanji, "Ewseca")
    assert line(demo_bot, "ku", "📝 Note (in English): {note}", NOTE_EN) in answer, answer
    assert NOTE_AR not in answer
    english = client.user(732004)
    await choose_language(english, "en")
    answer = await ask(english, "Awsaja")
    assert f"📝 Note: {NOTE_EN}" in answer and NOTE_AR not in answer, answer


async def test_an_operators_note_is_stored_in_their_language(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    en, ar = await make_operators(client, demo_bot, ("en", "ar"))
    # Each change raises or keeps the warning: it takes effect at once.
    await confirm_area(ar, f"/setstatus Awsaja confirmed DMA | {NOTE_AR}")
    assert await newest_notes(demo_bot) == (None, Texts(ar=NOTE_AR))

    await confirm_area(en, f"/setstatus Awsaja confirmed DMA | {NOTE_EN}", AWSAJA)
    assert await newest_notes(demo_bot) == (None, Texts(en=NOTE_EN))

    # An English-speaking operator writing in Sorani: the letters say another script.
    await confirm_area(en, f"/setstatus Awsaja confirmed DMA | {NOTE_CKB_TYPED}", AWSAJA)
    assert await newest_notes(demo_bot) == (None, Texts(ckb=NOTE_CKB_TYPED))

    # A Sorani resident reads it as their own note, an Arabic one labelled as Sorani.
    sorani = client.user(732005)
    await choose_language(sorani, "ckb")
    answer = await ask(sorani, "عەوسەجە")
    assert line(demo_bot, "ckb", "📝 Note: {note}", NOTE_CKB_TYPED) in answer, answer
    arabic = client.user(732006)
    await choose_language(arabic, "ar")
    answer = await ask(arabic, "العوسجة")
    assert line(demo_bot, "ar", "📝 Note (in Sorani Kurdish): {note}", NOTE_CKB_TYPED) in answer
