"""Several areas with their ancestors in one read: what one read per area gave."""

from __future__ import annotations

from datetime import date

from bot.importing.apply import import_parsed
from bot.importing.parse import parse
from bot.storage import Database
from bot.storage.area_paths import areas_with_ancestors
from bot.storage.areas import area_ancestors, area_ids_by_pcode, get_area

AREAS = """pcode,level,parent_pcode,name_ar,name_en
G1,governorate,,نينوى,Ninewa
D1,district,G1,الموصل,Mosul
S1,subdistrict,D1,القيارة,Qayyarah
V1,village,S1,العوسجة,Awsaja
V2,village,S1,صفينة,Safina
"""


async def test_each_area_comes_with_its_ancestors_parent_first(db: Database) -> None:
    report = await import_parsed(db, "areas", parse("areas", AREAS.encode(), today=date(2026, 11, 24)))
    assert report.applied, report.errors
    ids = await area_ids_by_pcode(db)
    wanted = [ids["V2"], ids["G1"], ids["V1"], ids["V2"], 999_999]
    found = await areas_with_ancestors(db, wanted)
    assert set(found) == {ids["V1"], ids["V2"], ids["G1"]}  # the unknown id is left out
    for area_id, (area, ancestors) in found.items():
        assert area == await get_area(db, area_id)
        assert ancestors == await area_ancestors(db, area_id)
    assert [a.pcode for a in found[ids["V1"]][1]] == ["S1", "D1", "G1"]
    assert await areas_with_ancestors(db, []) == {}
