"""Status notes per language: migration 0010 keeps every old note, the notes column, the
choice of the note a reader sees, the language an operator's typed note is stored in, and
import -> export -> import of per-language notes."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from bot.domain.records import StatusRecord, Texts
from bot.feeds.parse import parse_feed
from bot.i18n.catalogues import Catalogues
from bot.importing.apply import import_csv
from bot.importing.export import export
from bot.importing.parse import parse_statuses
from bot.safety.notes import notes_line, typed_notes
from bot.storage import Database, Migration, load_migrations
from bot.storage.area_export import export_statuses
from bot.storage.areas import status_history
from bot.storage.proposals import get_proposal
from bot.storage.status_notes import notes_json, read_notes

TODAY = datetime.date(2026, 11, 24)
NOW = "2026-11-24T10:00:00+00:00"
AR = "فرق التطهير تعمل قرب المدرسة"
CKB = "تیمەکانی پاککردنەوە لە نزیک قوتابخانەن"
KU = "Tîmên paqijkirinê li nêzî dibistanê ne"
EN = "Clearance teams near the school"
DMA = "Directorate of Mine Action"  # a code ("DMA") is stored as the full name


def _before_notes() -> list[Migration]:
    return [m for m in load_migrations() if m.version < 10]


async def test_the_migration_keeps_every_old_note_as_one_of_unstated_language(
    tmp_path: Path,
) -> None:
    db = await Database.open(tmp_path / "d.sqlite3", migrate=False)
    try:
        await db.migrate(_before_notes())
        await db.execute(
            "INSERT INTO areas (id, pcode, level, name_en, updated_at) VALUES (1, 'V1',"
            " 'village', 'Awsaja', ?)",
            (NOW,),
        )
        for history_id, note in ((1, AR), (2, None), (3, "  ")):
            await db.execute(
                "INSERT INTO area_status_history (id, area_id, status, status_date, source,"
                " note, origin, recorded_by, recorded_at) VALUES (?, 1, 'confirmed',"
                " '2026-11-01', 'DMA', ?, 'import', 'file', ?)",
                (history_id, note, NOW),
            )
        await db.execute(
            "INSERT INTO status_proposals (id, area_id, status, status_date, source, note,"
            " origin, created_at, expires_at) VALUES (7, 1, 'cleared', '2026-11-02', 'DMA',"
            " ?, 'operator', ?, ?)",
            (EN, NOW, NOW),
        )
        assert await db.migrate(load_migrations()) == [10]
        rows = await status_history(db, 1)
        assert [(r.note, r.notes) for r in rows] == [(AR, Texts()), (None, Texts()),
                                                     (None, Texts())]
        proposal = await get_proposal(db, 7)
        assert proposal is not None and (proposal.note, proposal.notes) == (EN, Texts())
        # The old column is kept as it was: going back to an older release loses nothing.
        kept = await db.fetch_all("SELECT note FROM area_status_history ORDER BY id")
        assert [row[0] for row in kept] == [AR, None, "  "]
    finally:
        await db.close()


def test_the_notes_column_holds_the_unstated_note_and_each_language() -> None:
    assert notes_json(None, Texts()) is None and notes_json(" ", Texts()) is None
    stored = notes_json(EN, Texts(ar=AR))
    assert stored is not None and read_notes(stored) == (EN, Texts(ar=AR))
    assert read_notes(None) == (None, Texts())
    # A key that is no data language (none is written) is ignored, not a failed answer.
    assert read_notes('{"xx": "y", "en": "z"}') == (None, Texts(en="z"))


@pytest.mark.parametrize(
    ("reader", "note", "stored"),
    [
        ("ar", AR, Texts(ar=AR)),
        ("en", EN, Texts(en=EN)),
        ("en", AR, Texts(ar=AR)),  # an Arabic note from an English-speaking operator
        ("en", CKB, Texts(ckb=CKB)),
        ("ar", EN, Texts(en=EN)),
        ("ckb", AR, Texts(ckb=AR)),  # same script: the operator's own language
        ("ku", EN, Texts(ku=EN)),
        ("en", "12 / 3", Texts(en="12 / 3")),  # no letters: the operator's language
    ],
)
def test_a_typed_note_is_stored_in_the_operators_language_unless_its_script_says_other(
    reader: str, note: str, stored: Texts
) -> None:
    assert typed_notes(reader, note) == (None, stored)


def test_a_badini_operators_note_is_left_unstated() -> None:
    assert typed_notes("kmr_Arab", CKB) == (CKB, Texts())
    assert typed_notes("en", "   ") == (None, Texts())


def test_each_reader_sees_one_note_plain_in_their_language_or_labelled(
    catalogues: Catalogues,
) -> None:
    notes = Texts(ar=AR, en=EN)
    ar, ckb, ku, en = (catalogues.translator(code) for code in ("ar", "ckb", "ku", "en"))
    assert notes_line(ar, None, notes) == ar.gettext("📝 Note: {note}", note=AR)
    assert notes_line(ckb, None, notes) == ckb.gettext("📝 Note (in Arabic): {note}", note=AR)
    assert notes_line(ku, None, notes) == ku.gettext("📝 Note (in English): {note}", note=EN)
    assert notes_line(en, None, notes) == en.gettext("📝 Note: {note}", note=EN)
    # Badini reads Sorani first, then Arabic.
    badini = catalogues.translator("kmr_Arab")
    assert notes_line(badini, None, notes) == badini.gettext(
        "📝 Note (in Arabic): {note}", note=AR
    )
    # An unstated note counts as the language of its letters, after one stated in it.
    assert notes_line(ckb, CKB, notes) == ckb.gettext("📝 Note: {note}", note=CKB)
    assert notes_line(ar, EN, Texts(ar=AR)) == ar.gettext("📝 Note: {note}", note=AR)
    assert notes_line(ar, EN, Texts()) == ar.gettext("📝 Note (in English): {note}", note=EN)
    assert notes_line(ar, "123", Texts()) == ar.gettext("📝 Note: {note}", note="123")
    assert notes_line(ar, None, Texts()) is None and notes_line(ar, " ", Texts()) is None
    assert notes_line(en, None, notes, lambda t: t[:5]) == en.gettext("📝 Note: {note}",
                                                                        note=EN[:5])


RECORDS = [
    StatusRecord("IQG15", "confirmed", TODAY, DMA, None, False,
                 Texts(ar=AR, ckb=CKB, ku=KU, en=EN)),
    StatusRecord("IQG15Q05", "suspected", TODAY, DMA, "old plain note", False, Texts(ar=AR)),
    StatusRecord("IQG15Q05N01", "in_progress", TODAY, "UNMAS partner", None, False),
]


def test_per_language_notes_survive_export_and_import() -> None:
    data = export("statuses", RECORDS)
    result = parse_statuses(data, today=TODAY)
    assert result.ok and list(result.records) == RECORDS


def test_per_language_note_columns_under_other_names_and_hxl() -> None:
    plain_headers = (
        "pcode,status,date,source,notes_arabic,description_en,note\n"
        f"IQG15,confirmed,2026-11-20,DMA,{AR},{EN},plain\n"
    ).encode()
    (record,) = parse_statuses(plain_headers, today=TODAY).records
    assert (record.note, record.notes) == ("plain", Texts(ar=AR, en=EN))
    hxl = (
        "#loc+code,#status,#date,#org,#description+i_ckb,#description +i_kmr\n"
        f"IQG15,confirmed,2026-11-20,DMA,{CKB},{KU}\n"
    ).encode()
    (record,) = parse_statuses(hxl, today=TODAY).records
    assert (record.note, record.notes) == (None, Texts(ckb=CKB, ku=KU))


async def test_export_of_the_database_gives_the_imported_file_back(db: Database) -> None:
    areas = (
        b"pcode,level,parent_pcode,name_en\n"
        b"IQG15,governorate,,Ninewa\nIQG15Q05,district,IQG15,Mosul\n"
        b"IQG15Q05N01,subdistrict,IQG15Q05,Al-Qayarra\n"
    )
    assert (await import_csv(db, "areas", areas, today=TODAY)).applied
    data = export("statuses", RECORDS)
    report = await import_csv(db, "statuses", data, today=TODAY)
    assert report.applied and not report.errors, report.errors
    assert await export_statuses(db) == RECORDS
    assert export("statuses", await export_statuses(db)) == data


def test_a_feed_brings_a_note_per_language() -> None:
    feed = (
        "#adm3+code,#status,#date,#org,#meta+note,#meta+note+i_ar,#description+i_en\n"
        f"IQG15Q05N01,confirmed,2026-11-20,DMA,plain,{AR},{EN}\n"
    ).encode()
    parsed = parse_feed(feed, today=TODAY)
    assert not parsed.errors, parsed.errors
    (row,) = parsed.rows
    assert (row.record.note, row.record.notes) == ("plain", Texts(ar=AR, en=EN))
