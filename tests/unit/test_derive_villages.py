"""tools/derive_villages.py on a small fixture: sub-districts, duplicates, scripts, rows left out."""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from bot.domain.records import AreaRecord, Texts
from bot.importing import export, parse

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "villages_fixture"
VILLAGES = REPO / "bot" / "data" / "iraq" / "villages.csv"


@pytest.fixture(scope="module")
def tool() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location(
        "derive_villages", REPO / "tools" / "derive_villages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def rows(name: str) -> list[dict[str, str]]:
    with (FIXTURE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


TOWN = AreaRecord("GN99999", "town", "IQG15Q05N01", Texts(en="Qayyarah", ar="القيارة"), (),
                  35.81, 43.29, False)


@pytest.fixture(scope="module")
def derived(tool: ModuleType) -> tuple[dict[str, AreaRecord], object]:
    records, report = tool.derive(
        rows("localities.csv"), rows("districts.csv"), rows("subdistricts.csv"), [TOWN]
    )
    return {record.pcode: record for record in records}, report


def test_duplicates_within_2_km_are_merged_and_their_spellings_kept(derived: tuple) -> None:
    villages, report = derived
    kept = villages["GN6804289"]  # the first of the two: as many names, smaller id
    assert "GN6804290" not in villages and report.merged == 1
    assert kept.names == {"ar": "قرية عوسجة شرقي", "en": "Qaryat 'Awsajah Sharqi"}
    assert {"عوسجة شرقي", "'Awsajah Sharqi", "‘Awsajah Sharqī"} <= set(kept.aliases)
    assert not {"RQW", "alawsjt"} & set(kept.aliases)  # codes and machine keys dropped
    # The namesake 60 km away is another village.
    assert villages["GN6804291"].names["ar"] == "عوسجة شرقي"


def test_sub_district_is_the_nearest_label_point_within_the_governorate(derived: tuple) -> None:
    villages, report = derived
    assert villages["GN6804289"].parent_pcode == "IQG15Q05N01"
    assert villages["GN6804291"].parent_pcode == "IQG15Q05N04"
    # Nearer Debaga's label point (Erbil), but the source says Ninewa / Hamdaniya.
    assert villages["GN7000001"].parent_pcode == "IQG15Q03N01"
    assert villages["GN7000002"].parent_pcode == "IQG11Q04N03"
    # No governorate in the source: the nearest of all.
    assert villages["WOF8"].parent_pcode == "IQG15Q05N04"
    assert (report.by_district, report.by_governorate, report.anywhere) == (4, 0, 1)


def test_abandoned_villages_are_kept(derived: tuple) -> None:
    villages, _ = derived
    assert villages["GN7000001"].names["en"] == "Kharab Kon"


def test_kurdish_names_by_script(derived: tuple) -> None:
    village = derived[0]["GN7000002"]
    assert village.names["ckb"] == "گردی شاڵ"  # Arabic script, Sorani letters (ی not ي)
    assert village.names["ku"] == "Gird Şal"  # Latin script
    assert {"Girdî Şal", "گرد شال"} <= set(village.aliases)


def test_towns_and_points_outside_iraq_are_left_out(derived: tuple) -> None:
    villages, report = derived
    assert "GN99999" not in villages and "GN7000003" not in villages
    assert (report.towns, report.outside) == (1, 1)
    assert all(v.level == "village" and not v.demo for v in villages.values())


def test_output_re_imports_as_the_same_records(derived: tuple) -> None:
    records = list(derived[0].values())
    result = parse("areas", export("areas", records, bom=False))
    assert result.ok and list(result.records) == records


def test_shipped_gazetteer() -> None:
    result = parse("areas", VILLAGES.read_bytes())
    assert result.ok and not result.warnings
    villages = result.records
    assert 20_000 <= len(villages) <= 23_000
    assert VILLAGES.stat().st_size < 5_000_000
    assert all(v.level == "village" and v.parent_pcode for v in villages)
    assert len({v.pcode for v in villages}) == len(villages)
    by_code = {v.pcode: v for v in villages}
    assert by_code["GN6804289"].parent_pcode == "IQG15Q05N01"  # 'Awsajah Sharqi, Qayyarah
    assert sum("ckb" in v.names for v in villages) > 4000
    assert sum("ku" in v.names for v in villages) > 4000
