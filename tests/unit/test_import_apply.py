"""Importing into the database: references checked, all or nothing, partial, dry run."""

from __future__ import annotations

import datetime

from bot.importing.apply import import_csv
from bot.importing.export import export
from bot.storage import Database
from bot.storage.area_export import export_areas
from bot.storage.areas import (
    alerts_due,
    area_ancestors,
    area_children,
    area_ids_by_pcode,
    current_status,
    get_area,
    place_names,
    status_history,
)
from bot.storage.camps import camp_sectors, export_camps, get_camp, list_camps
from bot.storage.proposals import pending_proposals
from bot.storage.residents import set_language
from bot.storage.subscriptions import subscribe
from tests.conftest import REPO

TODAY = datetime.date(2026, 11, 24)
DATA = REPO / "bot" / "data"

AREAS = b"""pcode,level,parent_pcode,name_en,name_ar,aliases
IQG15,governorate,,Ninewa,\xd9\x86\xd9\x8a\xd9\x86\xd9\x88\xd9\x89,Nineveh | Ninawa
IQG15Q05,district,IQG15,Mosul,,Mawsil
IQG15Q05N01,subdistrict,IQG15Q05,Al-Qayarra,,Qayyarah | Qayara
V-AWSAJA,village,IQG15Q05N01,Awsaja,,
"""


async def count(db: Database, table: str) -> int:
    row = await db.fetch_one(f"SELECT COUNT(*) FROM {table}")
    assert row is not None
    return int(row[0])


async def test_areas_with_parents_and_aliases(db: Database) -> None:
    report = await import_csv(db, "areas", AREAS, today=TODAY)
    assert report.applied and report.ok and report.new == 4
    ids = await area_ids_by_pcode(db)
    village = await get_area(db, ids["V-AWSAJA"])
    assert village is not None and village.level == "village"
    assert [a.pcode for a in await area_ancestors(db, village.id)] == [
        "IQG15Q05N01", "IQG15Q05", "IQG15"]
    assert [a.pcode for a in await area_children(db, None)] == ["IQG15"]
    names = {(n.area_id, n.text) for n in await place_names(db)}
    assert (ids["IQG15Q05N01"], "Qayara") in names and (ids["IQG15"], "نينوى") in names
    # Re-importing the same file changes nothing and creates nothing new.
    again = await import_csv(db, "areas", AREAS, today=TODAY)
    assert again.applied and again.new == 0
    assert await count(db, "areas") == 4 and await count(db, "area_aliases") == 5


async def test_a_bad_file_is_rejected_whole_with_row_numbers(db: Database) -> None:
    await import_csv(db, "areas", AREAS, today=TODAY)
    bad = (
        b"pcode,level,parent_pcode,name_en\n"
        b"V-NEW1,village,IQG15Q05N01,Good Village\n"
        b"V-NEW2,village,NOWHERE,Orphan\n"
        b"V-NEW3,governorate,IQG15,Wrong Level\n"
        b"V-NEW4,hamlet,IQG15,Bad Level\n"
    )
    report = await import_csv(db, "areas", bad, today=TODAY)
    assert not report.applied
    assert [(e.row, e.code) for e in report.errors] == [
        (3, "unknown_parent"), (4, "bad_parent"), (5, "bad_level")]
    assert await count(db, "areas") == 4  # not even the good row
    partial = await import_csv(db, "areas", bad, today=TODAY, partial=True)
    assert partial.applied and partial.accepted == 1
    assert "V-NEW1" in await area_ids_by_pcode(db)
    assert await count(db, "areas") == 5


async def test_dry_run_writes_nothing(db: Database) -> None:
    report = await import_csv(db, "areas", AREAS, today=TODAY, dry_run=True)
    assert report.ok and not report.applied and report.new == 4
    assert await count(db, "areas") == 0


async def test_statuses_keep_history_and_never_go_back_in_time(db: Database) -> None:
    await import_csv(db, "areas", AREAS, today=TODAY)
    first = b"pcode,status,date,source\nV-AWSAJA,suspected,2026-10-01,Directorate of Mine Action\n"
    assert (await import_csv(db, "statuses", first, today=TODAY)).applied
    newer = b"pcode,status,date,source,note\nV-AWSAJA,in_progress,2026-11-20,DMA,Teams on site\n"
    assert (await import_csv(db, "statuses", newer, today=TODAY)).applied
    older = b"pcode,status,date,source\nV-AWSAJA,unknown,2026-09-01,Someone\n"
    report = await import_csv(db, "statuses", older, today=TODAY)
    assert not report.applied and report.errors[0].code == "older_than_current"
    ids = await area_ids_by_pcode(db)
    status = await current_status(db, ids["V-AWSAJA"])
    assert status is not None and status.status == "in_progress" and status.note == "Teams on site"
    assert [h.status for h in await status_history(db, ids["V-AWSAJA"])] == [
        "suspected", "in_progress"]
    # "safe" is not a status anyone can import.
    unsafe = b"pcode,status,date,source\nV-AWSAJA,safe,2026-11-21,DMA\n"
    assert not (await import_csv(db, "statuses", unsafe, today=TODAY)).applied


async def test_camps_services_distributions_reference_checks(db: Database) -> None:
    for kind, name in (("areas", "iraq/areas.csv"), ("camps", "iraq/camps.csv"),
                       ("camps", "demo/camps_demo.csv")):
        assert (await import_csv(db, kind, (DATA / name).read_bytes(), today=TODAY)).applied
    assert len(await list_camps(db)) == 40
    services = (
        b"camp_code,service_code,category,name_en,opens,closes,days\n"
        b"nowhere,clinic,health,Clinic,08:00,14:00,sun-thu\n"
    )
    report = await import_csv(db, "services", services, today=TODAY)
    assert not report.applied and report.errors[0].code == "unknown_camp"
    with_sectors = [c for c in await list_camps(db) if await camp_sectors(db, c.id)]
    camp = with_sectors[0]
    sector = (await camp_sectors(db, camp.id))[0].code
    rows = (
        "camp_code,distribution_code,sector,date,starts,ends,items_en,status\n"
        f"{camp.code},d1,{sector},2026-12-01,09:00,13:00,Flour,planned\n"
        f"{camp.code},d2,ZZ,2026-12-01,09:00,13:00,Flour,planned\n"
    ).encode()
    report = await import_csv(db, "distributions", rows, today=TODAY)
    assert [e.code for e in report.errors] == ["unknown_sector"] and report.errors[0].row == 3
    # A camps file without sectors never erases the sectors distributions hang off.
    assert (await import_csv(db, "camps", (DATA / "iraq/camps.csv").read_bytes(),
                             today=TODAY)).applied
    assert await camp_sectors(db, camp.id)
    refreshed = await get_camp(db, camp.id)
    assert refreshed is not None and refreshed.left_off  # kept too


async def test_export_round_trip(db: Database) -> None:
    assert (await import_csv(db, "areas", AREAS, today=TODAY)).applied
    data = export("areas", await export_areas(db))
    report = await import_csv(db, "areas", data, today=TODAY, dry_run=True)
    assert report.ok and report.accepted == 4 and report.new == 0
    assert (await import_csv(db, "areas", (DATA / "iraq/areas.csv").read_bytes(),
                             today=TODAY)).applied
    assert (await import_csv(db, "camps", (DATA / "iraq/camps.csv").read_bytes(),
                             today=TODAY)).applied
    camps = export("camps", await export_camps(db))
    assert (await import_csv(db, "camps", camps, today=TODAY, dry_run=True)).new == 0


async def test_an_imported_change_owes_followers_an_alert(db: Database) -> None:
    """The running bot alerts followers of an area whose status an import changed; an
    area nobody follows, or a change residents would not notice, owes nothing."""
    await import_csv(db, "areas", AREAS, today=TODAY)
    ids = await area_ids_by_pcode(db)
    await set_language(db, 5001, "ar")
    assert await subscribe(db, 5001, "area", ids["V-AWSAJA"]) == "added"
    first = (b"pcode,status,date,source\nV-AWSAJA,suspected,2026-10-01,DMA\n"
             b"IQG15Q05N01,suspected,2026-10-01,DMA\n")
    assert (await import_csv(db, "statuses", first, today=TODAY)).applied
    due = await alerts_due(db)
    assert [area for _, area in due] == [ids["V-AWSAJA"]]
    # The same status again, newer: residents are told the same thing; no second alert.
    again = b"pcode,status,date,source\nV-AWSAJA,suspected,2026-10-05,DMA\n"
    assert (await import_csv(db, "statuses", again, today=TODAY)).applied
    assert len(await alerts_due(db)) == 1


async def test_a_file_cannot_tell_residents_they_may_return(db: Database) -> None:
    """A real row toward return is a proposal for two operators, never written; demo rows
    (shown as demo data) are written."""
    await import_csv(db, "areas", AREAS, today=TODAY)
    ids = await area_ids_by_pcode(db)
    first = b"pcode,status,date,source\nV-AWSAJA,suspected,2026-10-01,DMA\n"
    assert (await import_csv(db, "statuses", first, today=TODAY)).applied
    cleared = (b"pcode,status,date,source,note\nV-AWSAJA,cleared,2026-11-20,DMA,Handed over\n"
               b"IQG15Q05N01,cancelled,2026-11-20,DMA,\n")
    report = await import_csv(db, "statuses", cleared, today=TODAY, confirmation_hours=24)
    assert report.applied and report.proposed == 2
    status = await current_status(db, ids["V-AWSAJA"])
    assert status is not None and status.status == "suspected"
    waiting = await pending_proposals(db)
    assert [(p.area_id, p.status, p.origin, p.proposed_by) for p in waiting] == [
        (ids["V-AWSAJA"], "cleared", "import", None),
        (ids["IQG15Q05N01"], "cancelled", "import", None),
    ]
    assert waiting[0].base_history_id == status.history_id


async def test_a_file_cannot_lower_a_warning_alone(db: Database) -> None:
    """A row that would warn residents less (confirmed → unknown) is a proposal for two
    operators; one that warns them more is written at once."""
    await import_csv(db, "areas", AREAS, today=TODAY)
    ids = await area_ids_by_pcode(db)
    first = (b"pcode,status,date,source\nV-AWSAJA,confirmed,2026-10-01,DMA\n"
             b"IQG15Q05N01,unknown,2026-10-01,DMA\n")
    assert (await import_csv(db, "statuses", first, today=TODAY)).applied
    later = (b"pcode,status,date,source\nV-AWSAJA,unknown,2026-11-20,DMA\n"
             b"IQG15Q05N01,suspected,2026-11-20,DMA\n")
    report = await import_csv(db, "statuses", later, today=TODAY)
    assert report.applied and report.proposed == 1
    awsaja = await current_status(db, ids["V-AWSAJA"])
    assert awsaja is not None and awsaja.status == "confirmed"
    raised = await current_status(db, ids["IQG15Q05N01"])
    assert raised is not None and raised.status == "suspected"
    waiting = await pending_proposals(db)
    assert [(p.area_id, p.status, p.origin, p.urgent) for p in waiting] == [
        (ids["V-AWSAJA"], "unknown", "import", False),
    ]


async def test_a_demo_flag_cannot_clear_a_real_area(db: Database) -> None:
    """A row's demo flag spares the two-person rule only for invented demo areas: a real
    area's "demo" clearance waits for two operators like any other (and an areas file
    cannot turn a real area into demo data)."""
    await import_csv(db, "areas", AREAS, today=TODAY)
    ids = await area_ids_by_pcode(db)
    first = b"pcode,status,date,source\nV-AWSAJA,confirmed,2026-10-01,DMA\n"
    assert (await import_csv(db, "statuses", first, today=TODAY)).applied
    forged = (
        b"pcode,status,date,source,note,demo\nV-AWSAJA,cleared,2026-11-21,Fake Authority,,yes\n",
        b"pcode,status,date,source,note,demo\n#loc+code,#status,#date,#org,#description,"
        b"#meta+demo\nV-AWSAJA,cancelled,2026-11-21,Fake Authority,,YES\n",
    )
    for data in forged:
        report = await import_csv(db, "statuses", data, today=TODAY)
        assert report.applied and report.proposed == 1
    status = await current_status(db, ids["V-AWSAJA"])
    assert status is not None and status.status == "confirmed" and not status.demo
    assert await alerts_due(db) == []
    waiting = await pending_proposals(db)
    assert [(p.status, p.origin, p.proposed_by) for p in waiting] == [
        ("cancelled", "import", None)]  # the newer proposal supersedes the older
    # An areas file saying the real village is demo data does not make it so.
    relabel = b"pcode,level,parent_pcode,name_en,demo\nV-AWSAJA,village,IQG15Q05N01,Awsaja,yes\n"
    assert (await import_csv(db, "areas", relabel, today=TODAY)).applied
    area = await get_area(db, ids["V-AWSAJA"])
    assert area is not None and not area.demo
    assert (await import_csv(db, "statuses", forged[0], today=TODAY)).proposed == 1
    # An invented demo village takes demo rows, toward return too (shown as demo data).
    demo_area = b"pcode,level,parent_pcode,name_en,demo\nDEMO-X,village,IQG15Q05N01,Demo X,yes\n"
    assert (await import_csv(db, "areas", demo_area, today=TODAY)).applied
    demo = b"pcode,status,date,source,demo\nDEMO-X,cleared,2026-11-21,DMA,yes\n"
    report = await import_csv(db, "statuses", demo, today=TODAY)
    assert report.applied and report.proposed == 0
    status = await current_status(db, (await area_ids_by_pcode(db))["DEMO-X"])
    assert status is not None and status.status == "cleared" and status.demo
