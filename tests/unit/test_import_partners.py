"""Partners' place lists as they come: no P-codes, no level, parents by name, repeats."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.importing.apply import import_csv
from bot.importing.parse import parse_areas
from bot.storage import Database
from bot.storage.area_edits import aliases_of
from bot.storage.areas import area_ids_by_pcode, get_area

TODAY = datetime.date(2026, 11, 24)

# Two sub-districts named alike in two districts (as COD-AB has "Markaz …" everywhere),
# and a village already held under one of them.
HELD = """pcode,level,parent_pcode,name_en,name_ar,aliases,lat,lon
IQG15,governorate,,Ninewa,نينوى,Nineveh | Ninawa,,
IQG11,governorate,,Erbil,أربيل,Arbil | Hawler,,
IQG15Q05,district,IQG15,Al-Mosul,الموصل,Mosul,,
IQG15Q07,district,IQG15,Sinjar,سنجار,Shingal,,
IQG11Q04,district,IQG11,Makhmour,مخمور,Makhmur,,
IQG15Q05N01,subdistrict,IQG15Q05,Al-Qayarra,القيارة,Qayyarah,35.85,43.27
IQG15Q07N03,subdistrict,IQG15Q07,Markaz Sinjar,مركز سنجار,Sinjar,36.32,41.86
IQG11Q04N02,subdistrict,IQG11Q04,Markaz Makhmour,مركز مخمور,,35.77,43.58
GN6804289,village,IQG15Q05N01,Qaryat 'Awsajah Sharqi,قرية عوسجة شرقي,'Awsajah Sharqi,35.76887,43.30586
""".encode()


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "d.sqlite3")
    try:
        report = await import_csv(database, "areas", HELD, today=TODAY)
        assert report.applied and report.ok, report.errors
        yield database
    finally:
        await database.close()


async def village(db: Database, pcode: str) -> tuple[str, str | None, set[str]]:
    ids = await area_ids_by_pcode(db, [pcode])
    area = await get_area(db, ids[pcode])
    assert area is not None
    parent = await get_area(db, area.parent_id) if area.parent_id else None
    return area.level, parent.pcode if parent else None, set(await aliases_of(db, area.id))


def test_a_name_only_file_parses_without_pcode_or_level() -> None:
    result = parse_areas(csv_bytes("#loc+name,#adm1+name,#adm2+name", "Kharab,Ninewa,Mosul"))
    assert result.ok and not result.warnings
    (record,) = result.records
    assert (record.pcode, record.level, record.parent_pcode) == ("", "village", None)
    assert record.names == {"en": "Kharab"}  # #loc+name without a language: English/Latin
    assert result.refs[0] is not None
    assert result.refs[0].names == ((1, "Ninewa"), (2, "Mosul"))


async def test_parents_by_name_in_arabic_and_english_get_generated_codes(db: Database) -> None:
    data = csv_bytes(
        "name,name_ar,governorate,district,lat,lon",
        "Tall Kharab,تل خراب,نينوى,الموصل,,",  # parents in Arabic
        "Umm Hajara,أم حجارة,Ninewa,Mosul,,",  # … and in English
        "Sinune Kon,,Ninewa,Shingal,,",  # an alias of the district
    )
    report = await import_csv(db, "areas", data, today=TODAY)
    assert report.applied and report.ok, report.errors
    assert report.new == 3 and report.merged == 0
    assert await village(db, "DL-IQG15Q05-1") == ("village", "IQG15Q05", set())
    assert await village(db, "DL-IQG15Q05-2") == ("village", "IQG15Q05", set())
    assert (await village(db, "DL-IQG15Q07-1"))[1] == "IQG15Q07"
    # The same file again: the villages are found, nothing new, no new codes.
    again = await import_csv(db, "areas", data, today=TODAY)
    assert again.applied and again.new == 0 and again.merged == 3
    assert not (await area_ids_by_pcode(db, ["DL-IQG15Q05-3"]))


async def test_parent_column_by_pcode_or_by_name_at_any_level(db: Database) -> None:
    data = csv_bytes(
        "name_en,parent",
        "Kani Sard,IQG11Q04N02",  # a P-code
        "Gir Shkaft,مركز مخمور",  # a sub-district, by its Arabic name
        "Kurdan,Makhmur",  # a district, by an alias
    )
    report = await import_csv(db, "areas", data, today=TODAY)
    assert report.ok, report.errors
    assert (await village(db, "DL-IQG11Q04N02-1"))[1] == "IQG11Q04N02"
    assert (await village(db, "DL-IQG11Q04N02-2"))[1] == "IQG11Q04N02"
    assert (await village(db, "DL-IQG11Q04-1"))[1] == "IQG11Q04"


async def test_a_name_that_fits_nested_areas_takes_the_larger_one(db: Database) -> None:
    # "Sinjar" names the district and its centre sub-district: the district is never wrong.
    report = await import_csv(db, "areas", csv_bytes("name_en,parent", "Gohbal,Sinjar"),
                              today=TODAY)
    assert report.ok, report.errors
    assert (await village(db, "DL-IQG15Q07-1"))[1] == "IQG15Q07"


async def test_ambiguous_and_unknown_parents_are_errors_with_rows(db: Database) -> None:
    unknown = await import_csv(
        db, "areas", csv_bytes("name_en,subdistrict,parent", "Khidr,Atlantis,", "Kocho,,IQG99"),
        today=TODAY,
    )
    assert not unknown.applied
    assert [(e.row, e.code) for e in unknown.errors] == [
        (2, "unknown_parent"), (3, "unknown_parent")]
    # Two sub-districts of one name in two districts: refused, naming both.
    await import_csv(db, "areas", csv_bytes(
        "pcode,level,parent_pcode,name_en",
        "X1,subdistrict,IQG15Q05,Tel Kaif Centre",
        "X2,subdistrict,IQG15Q07,Tel Kaif Centre",
    ), today=TODAY)
    report = await import_csv(
        db, "areas", csv_bytes("name_en,subdistrict", "Bakhdida,Tel Kaif Centre"), today=TODAY
    )
    (error,) = report.errors
    assert (error.row, error.code) == (2, "ambiguous_parent")
    assert "X1" in error.message and "X2" in error.message
    # Given the district too, the same name is found.
    fixed = await import_csv(
        db, "areas",
        csv_bytes("name_en,district,subdistrict", "Bakhdida,Sinjar,Tel Kaif Centre"),
        today=TODAY,
    )
    assert fixed.ok, fixed.errors
    assert (await village(db, "DL-X2-1"))[1] == "X2"


async def test_rows_naming_a_held_or_earlier_village_become_aliases(db: Database) -> None:
    data = csv_bytes(
        "#loc+name,#loc+name+i_ar,#adm1+name,#adm2+name,#geo+lat,#geo+lon",
        "Awsaja Sharqi,العوسجة الشرقية,Ninewa,Mosul,35.7690,43.3060",  # near the held one
        "Awsajah Sharqi,,نينوى,الموصل,,",  # same folded name, same district
        "Hamdaniya Jadida,الحمدانية الجديدة,Ninewa,Mosul,,",  # new
        "Hamdaniya al Jadida,الحمدانيه الجديده,Ninewa,Mosul,,",  # the row above again
    )
    report = await import_csv(db, "areas", data, today=TODAY)
    assert report.applied and report.ok, report.errors
    assert report.new == 1 and report.merged == 3
    _, parent, aliases = await village(db, "GN6804289")
    assert parent == "IQG15Q05N01"
    assert {"Awsaja Sharqi", "العوسجة الشرقية"} <= aliases
    level, parent, aliases = await village(db, "DL-IQG15Q05-1")
    assert (level, parent) == ("village", "IQG15Q05")
    assert "Hamdaniya al Jadida" in aliases
    # Spellings a partner brought stay when the held place's own file is imported again.
    again = await import_csv(db, "areas", HELD, today=TODAY)
    assert again.applied
    assert "Awsaja Sharqi" in (await village(db, "GN6804289"))[2]


async def test_coordinates_far_apart_are_two_villages(db: Database) -> None:
    data = csv_bytes("name_en,governorate,lat,lon", "Awsajah Sharqi,Ninewa,36.50,42.50")
    report = await import_csv(db, "areas", data, today=TODAY)
    assert report.ok and report.new == 1 and report.merged == 0


async def test_unused_columns_are_warnings(db: Database) -> None:
    data = csv_bytes("village,governorate,population,Village (Arabic)", "Kharab,Ninewa,10,خراب")
    report = await import_csv(db, "areas", data, today=TODAY)
    assert report.applied
    assert [(w.column, w.code) for w in report.warnings] == [
        ("population", "unknown_column"), ("Village (Arabic)", "unknown_column")]
    assert all("not used" in w.message for w in report.warnings)


async def test_all_errors_of_a_file_in_one_pass(db: Database) -> None:
    data = csv_bytes(
        "name_en,governorate,district,lat",
        "Good One,Ninewa,Mosul,",
        "Bad Point,Ninewa,Mosul,99",  # syntax: latitude outside Iraq
        "Lost,Ninewa,Atlantis,",  # reference: no such district
        ",Ninewa,Mosul,",  # syntax: no name
        "Nowhere,,,",  # no parent at all
    )
    report = await import_csv(db, "areas", data, today=TODAY)
    assert not report.applied
    assert {e.row for e in report.errors} == {3, 4, 5, 6}
    codes = {e.row: e.code for e in report.errors}
    assert codes[4] == "unknown_parent"
    assert "Atlantis" in next(e.message for e in report.errors if e.row == 4)
    # --partial writes the one good row.
    partial = await import_csv(db, "areas", data, today=TODAY, partial=True)
    assert partial.applied and partial.accepted == 1
    assert (await village(db, "DL-IQG15Q05-1"))[1] == "IQG15Q05"


DOC = Path(__file__).resolve().parents[2] / "docs" / "data-formats.md"


def partner_example() -> bytes:
    doc = DOC.read_text(encoding="utf-8")
    section = doc[doc.index("### Partners' lists"):]
    start = section.index("```text\n") + len("```text\n")
    return section[start : section.index("```", start)].encode()


async def test_the_partner_example_in_the_documentation(db: Database) -> None:
    report = await import_csv(db, "areas", partner_example(), today=TODAY)
    assert report.applied and report.ok and not report.warnings, report.errors
    assert report.new == 1 and report.merged == 1
