"""Operators' additions: reading what they typed, the checks, the writes, and that an
added area exports and re-imports unchanged."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.records import Texts
from bot.importing.apply import import_parsed
from bot.importing.export import export
from bot.importing.parse import parse
from bot.places.edits import (
    MAX_ALIASES,
    Added,
    Duplicate,
    Gone,
    NewArea,
    Problem,
    WrongParent,
    add_alias,
    add_area,
    check_area,
    name_key,
    next_pcode,
    parse_new_area,
    read_alias,
    remove_alias,
    split_pair,
)
from bot.storage import Database
from bot.storage.area_edits import aliases_of
from bot.storage.area_export import export_areas
from bot.storage.areas import area_ids_by_pcode, get_area, places_version

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
AREAS = """pcode,level,parent_pcode,name_ar,name_ckb,name_ku,name_en,aliases
IQG15,governorate,,نينوى,نەینەوا,Neynewa,Ninewa,
IQG15Q05,district,IQG15,الموصل,مووسڵ,Mûsil,Al-Mosul,Mosul
IQG15Q05N01,subdistrict,IQG15Q05,القيارة,قەیارە,,Al-Qayarra,Qayyarah
GN99003,town,IQG15Q05N01,القيارة,قەیارە,,Qayyarah,Qayara
DEMO-AWSAJA,village,IQG15Q05N01,العوسجة,عەوسەجە,Ewseca,Awsaja,Ausaja | عوسجة
"""


def hajj_ali(**changes: object) -> NewArea:
    names = Texts(ar="حاج علي", ckb="حاجی عەلی", ku="Hacî Elî", en="Hajj Ali")
    fields: dict[str, object] = {"level": "village", "names": names, "aliases": ("Haj Ali",)}
    fields.update(changes)
    return NewArea(**fields)  # type: ignore[arg-type]


# --- reading what was typed --------------------------------------------------------------------


def test_a_full_addition_is_read_and_cleaned_as_the_importer_cleans() -> None:
    parsed = parse_new_area(
        " Qayyarah |  Hajj  Ali | \u200fحاج علي | حاجي عەلي | Hacî Elî | Haj Ali، Hajji Ali; "
        "حاج علي, haj ali | Hadj Ali"
    )
    assert not isinstance(parsed, Problem)
    parent, new = parsed
    assert parent == "Qayyarah"
    assert new.level == "village"
    # Spaces collapsed, direction marks gone, Sorani in standard letters (ي → ی).
    assert dict(new.names) == {
        "ar": "حاج علي", "ckb": "حاجی عەلی", "ku": "Hacî Elî", "en": "Hajj Ali"
    }
    # Repeats and the area's own names are dropped; every separator works.
    assert new.aliases == ("Haj Ali", "Hajji Ali", "Hadj Ali")


def test_only_the_arabic_name_is_required_and_town_is_a_keyword() -> None:
    parsed = parse_new_area("town Al-Qayarra | | قرية جديدة")
    assert not isinstance(parsed, Problem)
    assert parsed[0] == "Al-Qayarra"
    assert parsed[1] == NewArea("town", Texts(ar="قرية جديدة"), ())


@pytest.mark.parametrize(
    ("typed", "msgid_part", "values"),
    [
        ("", "Give the parent area and the names", {}),
        ("Qayyarah | Hajj Ali", "Give the parent area and the names", {}),
        (" | Hajj Ali | حاج علي", "Give the name of the area", {}),
        ("\n | Hajj Ali | حاج علي", "Give the name of the area", {}),
        ("Qayyarah | Hajj Ali | | حاجی عەلی", "The Arabic name is required", {}),
        ("Qayyarah | Hajj Ali | \u200f ", "The Arabic name is required", {}),
        ("Qayyarah | Hajj\x00Ali | حاج علي", "contains control characters",
         {"language": "English"}),
        ("Qayyarah | Hajj Ali | حاج\x1bعلي", "contains control characters",
         {"language": "العربية"}),
        ("Qayyarah | " + "a" * 121 + " | حاج علي", "is too long",
         {"language": "English", "length": 121, "limit": 120}),
        ("Qayyarah | 123 | حاج علي", "has no letters", {"language": "English"}),
        ("Qayyarah | Hajj Ali | Hajj علي", "Arabic script", {"language": "العربية"}),
        ("Qayyarah | Hajj Ali | حاج علي | Haji Eli", "Arabic script",
         {"language": "کوردی (سۆرانی)"}),
        ("Qayyarah | Hajj Ali | حاج علي | | حاجی", "Latin letters", {"language": "Kurmancî"}),
        ("Qayyarah | Hajj Ali | حاج علي | | | 42", "has no letters", {"alias": "42"}),
        ("Qayyarah | Hajj Ali | حاج علي | | | a\x07b", "An alias contains control", {}),
        ("Qayyarah | Hajj Ali | حاج علي | | | " + "b" * 121, "is too long",
         {"length": 121, "limit": 120}),
        ("Qayyarah | Hajj Ali | حاج علي | | | "
         + ", ".join(f"Alias{chr(65 + i)}x" for i in range(MAX_ALIASES + 1)),
         "at most {limit} other spellings", {"limit": MAX_ALIASES}),
        ("x" * 121 + " | Hajj Ali | حاج علي", "That area name is too long",
         {"length": 121, "limit": 120}),
    ],
)
def test_bad_additions_say_what_is_wrong(
    typed: str, msgid_part: str, values: dict[str, object]
) -> None:
    problem = parse_new_area(typed)
    assert isinstance(problem, Problem), problem
    assert msgid_part in problem.msgid
    assert {k: v for k, v in problem.values.items() if k in values} == values


def test_aliases_and_pairs() -> None:
    assert read_alias("  Tal  Abta ") == "Tal Abta"
    assert isinstance(read_alias("..."), Problem)
    assert split_pair("Qayyarah | Qayyara") == ("Qayyarah", "Qayyara")
    for bad in ("Qayyarah", "| Qayyara", "Qayyarah |", "a | b | c"):
        assert isinstance(split_pair(bad), Problem), bad


def test_name_key_ignores_articles_spaces_and_keyboard_variants() -> None:
    assert name_key("الحاج علي") == name_key("حاج علي") == name_key("حاج على")
    assert name_key("Al-Qayyarah") == name_key("qayyarah")
    assert name_key("Hajj Ali") != name_key("Haj Ali")


def test_pcodes_follow_the_parent_and_stay_importable() -> None:
    assert next_pcode("IQG15Q05N01", []) == ("DL-IQG15Q05N01-", "DL-IQG15Q05N01-1")
    taken = ["DL-IQG15Q05N01-1", "DL-IQG15Q05N01-9", "DL-IQG15Q05N01-1-1", "DL-IQG15Q05N01-X"]
    assert next_pcode("IQG15Q05N01", taken)[1] == "DL-IQG15Q05N01-10"
    # Under an area of ours, its DL- is not repeated.
    assert next_pcode("DL-IQG15Q05N01-1", [])[1] == "DL-IQG15Q05N01-1-1"
    # Too long for the importer's 40 characters: the short form.
    assert next_pcode("A" * 36, ["DL-3", "DL-AAAA-1"]) == ("DL-", "DL-4")


def test_token_payload_round_trip_and_refusals() -> None:
    new = hajj_ali()
    assert NewArea.from_payload(new.to_payload()) == new
    for bad in (
        {},
        {**new.to_payload(), "level": "district"},
        {**new.to_payload(), "names": {"en": "Hajj Ali"}},  # no Arabic name
        {**new.to_payload(), "names": {"xx": "?"}},
        {**new.to_payload(), "aliases": "Haj Ali"},
    ):
        assert NewArea.from_payload(bad) is None, bad


# --- against a database ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
async def _areas(db: Database) -> None:
    """The areas of AREAS, imported as an operator's file would be."""
    report = await import_parsed(db, "areas", parse("areas", AREAS.encode()))
    assert report.applied, report.errors


async def ids(db: Database, *pcodes: str) -> list[int]:
    found = await area_ids_by_pcode(db, list(pcodes))
    return [found[p] for p in pcodes]


async def count(db: Database, table: str) -> int:
    row = await db.fetch_one(f"SELECT COUNT(*) FROM {table}")
    assert row is not None
    return int(row[0])


async def test_an_area_is_added_in_one_transaction_with_our_pcode(db: Database) -> None:
    (subdistrict,) = await ids(db, "IQG15Q05N01")
    assert await check_area(db, subdistrict, hajj_ali()) is None
    added = await add_area(db, subdistrict, hajj_ali(), added_by=700003, now=NOW)
    assert isinstance(added, Added) and added.pcode == "DL-IQG15Q05N01-1"
    area = await get_area(db, added.area_id)
    assert area is not None
    assert (area.level, area.parent_id, area.demo) == ("village", subdistrict, False)
    assert await aliases_of(db, area.id) == ["Haj Ali"]
    row = await db.fetch_one("SELECT added_by, updated_at FROM areas WHERE id = ?", (area.id,))
    assert row is not None and tuple(row) == (700003, "2026-11-24T07:00:00+00:00")
    other = NewArea("village", Texts(ar="قرية ثانية"), ())
    second = await add_area(db, subdistrict, other, added_by=700003, now=NOW)
    assert isinstance(second, Added) and second.pcode == "DL-IQG15Q05N01-2"
    # Under a town of ours, a village gets the longer code.
    town = await add_area(
        db, subdistrict, NewArea("town", Texts(ar="بلدة جديدة"), ()), added_by=1, now=NOW
    )
    assert isinstance(town, Added)
    village = await add_area(db, town.area_id, other, added_by=1, now=NOW)
    assert isinstance(village, Added) and village.pcode == "DL-IQG15Q05N01-3-1"


async def test_refusals_write_nothing(db: Database) -> None:
    subdistrict, awsaja, town = await ids(db, "IQG15Q05N01", "DEMO-AWSAJA", "GN99003")
    before = (await count(db, "areas"), await count(db, "area_aliases"))
    # The same name as a place under the same parent, as spelling keys go (name or alias).
    for names, aliases in (
        (Texts(ar="العوسجة"), ()),
        (Texts(ar="قرية", en="Al Awsaja"), ()),
        (Texts(ar="قرية"), ("عوسجه",)),
        (Texts(ar="القيارة"), ()),  # the town of Qayyarah is under the sub-district
    ):
        result = await add_area(
            db, subdistrict, NewArea("village", names, aliases), added_by=1, now=NOW
        )
        assert isinstance(result, Duplicate), names
        assert result.existing_id in (awsaja, town)
    # Under a village; a town under a town; a parent that is gone.
    assert isinstance(await add_area(db, awsaja, hajj_ali(), added_by=1, now=NOW), WrongParent)
    town_under_town = NewArea("town", Texts(ar="بلدة"), ())
    assert isinstance(
        await add_area(db, town, town_under_town, added_by=1, now=NOW), WrongParent
    )
    assert isinstance(await add_area(db, 999_999, hajj_ali(), added_by=1, now=NOW), Gone)
    assert isinstance(await check_area(db, awsaja, hajj_ali()), WrongParent)
    assert (await count(db, "areas"), await count(db, "area_aliases")) == before
    # The same name under another parent is allowed (villages share names).
    (district,) = await ids(db, "IQG15Q05")
    elsewhere = NewArea("village", Texts(ar="العوسجة"), ())
    assert isinstance(await add_area(db, district, elsewhere, added_by=1, now=NOW), Added)


async def test_added_areas_export_and_reimport_unchanged(db: Database) -> None:
    (subdistrict,) = await ids(db, "IQG15Q05N01")
    new = hajj_ali(aliases=("Haj Ali", "=Hajji Ali", "حاجي علي"))
    assert isinstance(await add_area(db, subdistrict, new, added_by=5, now=NOW), Added)
    records = await export_areas(db)
    ours = [r for r in records if r.pcode == "DL-IQG15Q05N01-1"]
    assert len(ours) == 1 and ours[0].parent_pcode == "IQG15Q05N01"
    assert ours[0].names == new.names
    assert sorted(ours[0].aliases) == sorted(new.aliases)
    parsed = parse("areas", export("areas", records))
    assert not parsed.errors
    assert parsed.records == tuple(records)
    report = await import_parsed(db, "areas", parsed)
    assert report.applied
    assert await export_areas(db) == records


async def test_aliases_added_and_removed_as_spelling_keys_go(db: Database) -> None:
    (awsaja_id,) = await ids(db, "DEMO-AWSAJA")
    awsaja = await get_area(db, awsaja_id)
    assert awsaja is not None
    version = await places_version(db)
    assert await add_alias(db, awsaja, "Al Awsaja", now=NOW) == "exists"  # its English name
    assert await add_alias(db, awsaja, "ausaja", now=NOW) == "exists"  # an alias already
    assert await places_version(db) == version
    assert await add_alias(db, awsaja, "Hawi Awsaja", now=NOW) == "added"
    assert await places_version(db) != version
    assert await aliases_of(db, awsaja.id) == ["Ausaja", "Hawi Awsaja", "عوسجة"]
    assert await remove_alias(db, awsaja, "Ewseca", now=NOW) == "is_name"
    assert await remove_alias(db, awsaja, "Tal Abta", now=NOW) == "missing"
    version = await places_version(db)
    assert await remove_alias(db, awsaja, "hawi  awsaja", now=NOW) == "removed"
    assert await remove_alias(db, awsaja, "عوسجه", now=NOW) == "removed"
    assert await aliases_of(db, awsaja.id) == ["Ausaja"]
    assert await places_version(db) != version


async def test_re_importing_the_data_keeps_aliases_operators_added(db: Database) -> None:
    """A file replaces the aliases it brought, never the spellings operators added."""
    (awsaja_id,) = await ids(db, "DEMO-AWSAJA")
    awsaja = await get_area(db, awsaja_id)
    assert awsaja is not None
    assert await add_alias(db, awsaja, "Hawi Awsaja", now=NOW, added_by=700003) == "added"
    data = (b"pcode,level,parent_pcode,name_en,name_ku,aliases\n"
            b"DEMO-AWSAJA,village,IQG15Q05N01,Awsaja,Ewseca,Ausaja\n")
    report = await import_parsed(db, "areas", parse("areas", data))
    assert report.applied, report.errors
    assert await aliases_of(db, awsaja.id) == ["Ausaja", "Hawi Awsaja"]
