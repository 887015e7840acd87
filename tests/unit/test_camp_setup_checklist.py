"""The README's checklist for setting up a real camp, followed in its order with the files
it names (docs/examples/real-camp): places → camps → sectors → services → distributions →
statuses. A shipped camp has no sectors, so a sector's distribution is refused until the
camp is imported again with them (issue 13, 11)."""

from __future__ import annotations

import datetime

from bot import resources
from bot.importing.apply import import_csv
from bot.storage import Database
from bot.storage.camps import camp_sectors, list_camps
from tests.conftest import REPO

TODAY = datetime.date(2026, 12, 3)
EXAMPLES = REPO / "docs" / "examples" / "real-camp"


async def _import(db: Database, kind: str, data: bytes) -> tuple[bool, list[str]]:
    report = await import_csv(db, kind, data, today=TODAY)
    return report.applied, [error.code for error in report.errors]


async def test_the_readme_checklist_sets_up_a_real_camp(db: Database) -> None:
    for kind, name in (("areas", "iraq/areas.csv"), ("camps", "iraq/camps.csv")):
        assert await _import(db, kind, resources.data_file(name).read_bytes()) == (True, [])
    khanke = next(camp for camp in await list_camps(db) if camp.code == "khanke")
    assert await camp_sectors(db, khanke.id) == []  # the shipped camps carry no sectors
    distributions = (EXAMPLES / "3-distributions.csv").read_bytes()
    assert await _import(db, "distributions", distributions) == (False, ["unknown_sector"])

    steps = [("camps", "1-camps-sectors.csv"), ("services", "2-services.csv"),
             ("distributions", "3-distributions.csv"), ("statuses", "4-statuses.csv")]
    for kind, name in steps:
        assert await _import(db, kind, (EXAMPLES / name).read_bytes()) == (True, []), name
    assert [s.code for s in await camp_sectors(db, khanke.id)] == ["A", "B", "C", "D"]
    again = next(camp for camp in await list_camps(db) if camp.code == "khanke")
    assert again.names == khanke.names  # imported again: the same camp, now with sectors
    assert not again.demo


async def test_the_readme_names_the_checklist_files() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in sorted(EXAMPLES.glob("*.csv")):
        assert f"docs/examples/real-camp/{path.name}" in readme
