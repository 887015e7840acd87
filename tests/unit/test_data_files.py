"""The data files the product ships parse cleanly and have the expected shape."""

from __future__ import annotations

import datetime
import importlib.util
import re
import sys
from collections import Counter
from functools import cache
from typing import Any

import pytest

from bot.domain.categories import CATEGORIES
from bot.domain.languages import DATA_CODES
from bot.domain.records import (
    AreaRecord,
    CampRecord,
    DistributionRecord,
    ServiceRecord,
    StatusRecord,
)
from bot.importing import export, parse
from tests.conftest import REPO

DATA = REPO / "bot" / "data"
SOURCE = REPO / "tools" / "sources" / "iraq"  # the unchanged files the lists derive from
TODAY = datetime.date(2026, 11, 24)  # the demo data is written relative to this day
DEMO_CAMPS = {"debaga-1", "khazer-m1", "hasansham-u3", "qayyarah-jadah-5", "khanke", "shariya"}
SORANI_LETTERS = re.compile("[ەێۆڵڕیک]")  # letters Arabic does not use
ARABIC_LETTERS_IN_SORANI = re.compile("[يكةى]")

FILES = {
    "iraq/areas.csv": "areas",
    "iraq/camps.csv": "camps",
    "demo/areas_demo.csv": "areas",
    "demo/statuses_demo.csv": "statuses",
    "demo/camps_demo.csv": "camps",
    "demo/services_demo.csv": "services",
    "demo/distributions_demo.csv": "distributions",
}


@cache
def load(name: str) -> tuple[Any, ...]:
    result = parse(FILES[name], (DATA / name).read_bytes(), today=TODAY)
    assert result.ok, result.errors[:10]
    assert not result.warnings, result.warnings
    return result.records


def areas() -> tuple[AreaRecord, ...]:
    return load("iraq/areas.csv")


def camps() -> tuple[CampRecord, ...]:
    return load("iraq/camps.csv")


@pytest.mark.parametrize("name", list(FILES))
def test_file_parses_with_zero_errors_and_re_exports_identically(name: str) -> None:
    records = load(name)
    assert records
    demo = name.startswith("demo/")
    assert all(record.demo is demo for record in records)
    assert export(FILES[name], records, bom=False) == (DATA / name).read_bytes()


def test_admin_levels_and_hierarchy() -> None:
    by_pcode = {area.pcode: area for area in areas()}
    assert len(by_pcode) == len(areas())
    levels = Counter(area.level for area in areas())
    assert levels["governorate"] == 18
    assert levels["district"] == 101
    assert levels["subdistrict"] == 294
    assert 150 <= levels["town"] <= 169
    assert levels["village"] == 0
    parent_level = {"district": "governorate", "subdistrict": "district", "town": "subdistrict"}
    for area in areas():
        assert area.names.get("ar") and area.names.get("en"), area
        if area.level == "governorate":
            assert area.parent_pcode is None
            continue
        assert area.parent_pcode is not None
        parent = by_pcode[area.parent_pcode]
        assert parent.level == parent_level[area.level], area
        if area.level != "town":
            assert area.pcode.startswith(parent.pcode)


def test_towns_have_arabic_names_and_coordinates() -> None:
    towns = [area for area in areas() if area.level == "town"]
    for town in towns:
        assert town.pcode.startswith("GN")
        assert re.search("[\u0600-\u06ff]", town.names["ar"]), town
        assert town.lat is not None and town.lon is not None
    assert sum("ckb" in town.names for town in towns) >= 60


def test_names_are_clean() -> None:
    for area in areas():
        for lang, name in area.names.items():
            assert name == name.strip() and "  " not in name
            if lang == "ckb":
                assert not ARABIC_LETTERS_IN_SORANI.search(name), name
            if lang in ("en", "ku"):
                assert not re.search("[\u0600-\u06ff]", name), name
        for alias in area.aliases:
            assert not re.search("[\u0400-\u04ff\u0590-\u05ff\u3040-\u9fff]", alias), alias
            assert "," not in alias and not re.fullmatch("[A-Z]{2,4}", alias), alias
        assert "fەlwjە" not in area.aliases


@pytest.mark.parametrize(
    ("pcode", "expected"),
    [
        ("IQG15", {"Nineveh", "Ninawa"}),
        ("IQG15Q05N01", {"Qayyarah", "Qayara", "Qayyara", "Qeyare"}),
        ("IQG15Q07", {"Shingal", "شنگال"}),
        ("IQG15Q08", {"Tal Afar", "Tel Afar"}),
        ("IQG15Q03", {"Bakhdida", "Qaraqosh", "Hamdaniya"}),
        ("IQG11", {"Arbil", "Hawler"}),
        ("IQG09", {"Dohuk"}),
        ("IQG06", {"Slemani"}),
        ("IQG13Q01", {"Hawija"}),
        ("IQG16Q03", {"Baiji"}),
        ("IQG01Q01", {"Fallujah"}),
        ("GN99072", {"Mawsil"}),
    ],
)
def test_well_known_spellings_are_aliases(pcode: str, expected: set[str]) -> None:
    (area,) = [area for area in areas() if area.pcode == pcode]
    assert expected <= set(area.aliases)


@pytest.mark.parametrize(
    ("pcode", "ckb", "ku"),
    [
        ("IQG09", "دهۆک", "Duhok"),
        ("IQG15Q07", "شەنگال", "Şingal"),
        ("IQG15Q05", "مووسڵ", "Mûsil"),
        ("IQG11", "هەولێر", "Hewlêr"),
        ("IQG09Q04", "زاخۆ", "Zaxo"),
        ("IQG15Q01", "ئاکرێ", "Akrê"),
        ("IQG15Q06", "شێخان", "Şêxan"),
        ("IQG06", "سلێمانی", "Silêmanî"),
        ("IQG11Q04", "مەخموور", "Mexmûr"),
    ],
)
def test_kurdish_names(pcode: str, ckb: str, ku: str) -> None:
    (area,) = [area for area in areas() if area.pcode == pcode]
    assert (area.names["ckb"], area.names["ku"]) == (ckb, ku)


def test_camps() -> None:
    by_pcode = {area.pcode: area for area in areas()}
    assert len(camps()) == 40
    assert len({camp.code for camp in camps()}) == 40
    for camp in camps():
        assert re.fullmatch("[a-z0-9]+(-[a-z0-9]+)*", camp.code)
        assert camp.names.get("en") and camp.names.get("ar"), camp.code
        assert camp.governorate_pcode and camp.district_pcode, camp.code
        district = by_pcode[camp.district_pcode]
        assert district.level == "district"
        assert district.parent_pcode == camp.governorate_pcode
        assert camp.sectors == () and not camp.left_off
    codes = {camp.code: camp for camp in camps()}
    assert set(codes) >= DEMO_CAMPS
    assert {"Dibaga", "ديبكة"} <= set(codes["debaga-1"].aliases)
    assert codes["khanke"].names["ku"] == "Xanke"
    assert codes["debaga-1"].district_pcode == "IQG11Q04"
    assert codes["khazer-m1"].district_pcode == "IQG15Q03"


def test_demo_villages() -> None:
    by_pcode = {area.pcode: area for area in areas()}
    villages = load("demo/areas_demo.csv")
    assert len(villages) >= 8
    for village in villages:
        assert village.level == "village" and village.pcode.startswith("DEMO-")
        assert set(village.names) == set(DATA_CODES)
        assert SORANI_LETTERS.search(village.names["ckb"]), village.names
        assert village.aliases
        assert village.parent_pcode is not None
        assert by_pcode[village.parent_pcode].level == "subdistrict"
        assert village.pcode not in by_pcode
    names = {village.names["en"]: village for village in villages}
    assert names["Hajj Ali"].parent_pcode == names["Awsaja"].parent_pcode == "IQG15Q05N01"
    assert names["Hajj Ali"].names["ar"] == "حاج علي"
    assert names["Awsaja"].names["ar"] == "العوسجة"
    assert names["Kocho"].names["ku"] == "Koço"


def test_demo_statuses() -> None:
    statuses: tuple[StatusRecord, ...] = load("demo/statuses_demo.csv")
    known = {area.pcode for area in areas()} | {v.pcode for v in load("demo/areas_demo.csv")}
    assert {status.pcode for status in statuses} <= known
    assert {s.status for s in statuses} >= {
        "cleared",
        "suspected",
        "confirmed",
        "in_progress",
        "cancelled",
    }
    sources = {s.source for s in statuses}
    assert {
        "Directorate of Mine Action",
        "UNMAS partner",
        "Iraqi Kurdistan Mine Action Agency",
    } <= sources
    old = [s for s in statuses if (TODAY - s.date).days > 30]
    assert len(old) >= 2
    assert all(s.date <= TODAY for s in statuses)
    # Most places have no status at all; real places never get a demo "safe" status.
    assert len({s.pcode for s in statuses}) < len(known) / 20
    real = {area.pcode for area in areas()}
    assert all(s.status not in ("cleared", "cancelled") for s in statuses if s.pcode in real)


def test_demo_camps() -> None:
    demo: tuple[CampRecord, ...] = load("demo/camps_demo.csv")
    real = {camp.code: camp for camp in camps()}
    assert {camp.code for camp in demo} == DEMO_CAMPS
    for camp in demo:
        base = real[camp.code]
        assert (camp.names, camp.aliases) == (base.names, base.aliases)
        assert len(camp.sectors) >= 3
        assert set(camp.left_off) == set(DATA_CODES)
        for text in camp.left_off.values():
            assert "6999" in text
        assert SORANI_LETTERS.search(camp.left_off["ckb"])
        assert "û" in camp.left_off["ku"]


def test_demo_services() -> None:
    services: tuple[ServiceRecord, ...] = load("demo/services_demo.csv")
    by_camp: dict[str, list[ServiceRecord]] = {}
    for service in services:
        by_camp.setdefault(service.camp_code, []).append(service)
    assert set(by_camp) == DEMO_CAMPS
    for camp_services in by_camp.values():
        assert len(camp_services) >= 8
        assert {s.category for s in camp_services} >= set(CATEGORIES) - {"other"}
    for service in services:
        assert set(service.names) == set(DATA_CODES)
        if service.phone:
            assert re.fullmatch(r"\+964 750 000 0\d{3}", service.phone)
    assert any(s.lat is not None for s in services)
    assert any(s.opens is not None and s.days for s in services)


def test_demo_distributions() -> None:
    distributions: tuple[DistributionRecord, ...] = load("demo/distributions_demo.csv")
    sectors = {camp.code: set(camp.sectors) for camp in load("demo/camps_demo.csv")}
    assert {d.camp_code for d in distributions} == DEMO_CAMPS
    for distribution in distributions:
        assert distribution.sector is None or distribution.sector in sectors[distribution.camp_code]
        assert set(distribution.items) == set(DATA_CODES) and set(distribution.bring) == set(DATA_CODES)
    assert any(d.date < TODAY and d.status == "done" for d in distributions)
    assert any(d.date > TODAY and d.status == "planned" for d in distributions)
    postponed = [d for d in distributions if d.status == "postponed"]
    assert postponed and all(set(d.reasons) == set(DATA_CODES) for d in postponed)
    assert any(d.sector is None for d in distributions)
    basket = " ".join(d.items["en"] for d in distributions).lower()
    for item in ("flour", "rice", "oil", "lentils", "sugar"):
        assert item in basket
    assert "ration card" in distributions[0].bring["en"].lower()


def test_attribution() -> None:
    text = (DATA / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for credit in ('"OCHA / Iraq CSO / ITOS, COD-AB 2019"', '"GeoNames"', '"REACH Initiative"'):
        assert credit in text
    assert text.count("CC BY 4.0") >= 2


def test_derived_files_are_reproducible() -> None:
    assert (SOURCE / "PROVENANCE.md").is_file()
    spec = importlib.util.spec_from_file_location(
        "derive_places", REPO / "tools" / "derive_places.py"
    )
    assert spec is not None and spec.loader is not None
    derive = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = derive  # dataclasses look their module up
    try:
        spec.loader.exec_module(derive)
    finally:
        del sys.modules[spec.name]
    assert derive.SOURCE == SOURCE  # inside the repository, not a sibling checkout
    places = derive.cod_places()
    towns, _ = derive.towns()
    derived_camps, _ = derive.camps(places)
    records = [place.record() for place in places + towns]
    assert export("areas", records, bom=False) == (DATA / "iraq/areas.csv").read_bytes()
    assert export("camps", derived_camps, bom=False) == (DATA / "iraq/camps.csv").read_bytes()
