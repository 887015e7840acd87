#!/usr/bin/env python3
"""Build bot/data/iraq/villages.csv, the village gazetteer, from the Who's On First /
GeoNames localities in ../shared/data/iraq (see its PROVENANCE.md). Reproducible: same
input, same output. Run from anywhere, after tools/derive_places.py:
    .venv/bin/python tools/derive_villages.py

Why: residents ask about their own village, and most villages are in no admin list. The
file is in the import format of areas.csv (level ``village``), so ``daleel import areas``
loads it and the demo database includes it.

What it does to the source rows:

- **Sub-district by nearest label point.** The shared data has no boundary polygons, only
  one label point per COD-AB sub-district, so a village goes to the sub-district whose
  label point is nearest — but only among the sub-districts of the village's own
  governorate (Who's On First ``admin1_name``, mapped to COD in ``GOVERNORATES``) and,
  where Who's On First's district maps to a COD-AB 2019 district (``district_of``), of
  that district. Label points alone would put villages near a boundary into the
  neighbouring governorate; the source's names keep them in the right one. The result is
  approximate near sub-district boundaries (a resident still finds the village by name;
  the sub-district only ranks and labels it).
- **Duplicates merged.** Rows whose folded names meet (``bot.places.edits.name_key`` of
  the Arabic name, or of the English one without "Qaryat") and whose points are within
  ``SAME_PLACE_KM`` (2 km) are one village: GeoNames often has a village with and without
  "Qaryat" at almost the same point. The kept code is that of the row with the most
  names (then the smallest id); every other spelling becomes an alias.
- **Abandoned and destroyed villages kept** (GeoNames PPLQ, PPLW): displaced people come
  from them.
- **Every spelling kept as an alias** (``other_names``, the English name without
  "Qaryat"/diacritics), minus machine keys, short codes and non-Latin/Arabic scripts.
- **Kurdish by script.** ``name_ckb`` holds Kurdish in Arabic script (Sorani, or Badini in
  Duhok: the source tags almost all Kurdish as plain "ku"), put in standard Sorani letters
  (ی ک ە); ``name_ku`` holds Kurdish in Latin script (Kurmanji). This is how areas.csv
  holds towns.
- **Rows left out:** towns already in areas.csv (the same GeoNames id, or the same folded
  name within 2 km of a town), points outside Iraq's bounding box, rows without a name.
- **Codes**: ``GN<geonames id>`` (as towns), or ``WOF<id>`` for the few rows without one.
"""

from __future__ import annotations

import csv
import difflib
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.domain.languages import ENGLISH_FIRST  # noqa: E402
from bot.domain.records import AreaRecord, Texts  # noqa: E402
from bot.importing import export, parse  # noqa: E402
from bot.importing.values import LAT_RANGE, LON_RANGE  # noqa: E402
from bot.places.edits import name_key  # noqa: E402
from bot.places.geo import SAME_PLACE_KM, km_between  # noqa: E402
from bot.text.fold import clean  # noqa: E402

SOURCE = REPO.parent / "shared" / "data" / "iraq"
OUT = REPO / "bot" / "data" / "iraq" / "villages.csv"
LOCALITIES = "iraq_localities_wof_geonames.csv"

# Who's On First region name -> COD-AB governorate (Halabja is its own region there; in
# COD-AB 2019 it is a district of Sulaymaniyah).
GOVERNORATES: dict[str, str] = {
    "Al-Anbar": "IQG01", "Al-Basrah": "IQG02", "Al-Muthannia": "IQG03", "An-Najaf": "IQG04",
    "Al-Qadisiyah": "IQG05", "As-Sulaymaniyah": "IQG06", "Halabja": "IQG06", "Babil": "IQG07",
    "Baghdad": "IQG08", "Dihok": "IQG09", "Diyala": "IQG10", "Arbil": "IQG11",
    "Karbala'": "IQG12", "Kirkuk": "IQG13", "Maysan": "IQG14", "Ninawa": "IQG15",
    "Sala ad-Din": "IQG16", "Dhi-Qar": "IQG17", "Wasit": "IQG18",
}
# Who's On First county names the spelling match cannot find (checked by hand). Counties
# with no COD-AB 2019 district (Choman, Mergasur, Fares, Thethar, Tarmia, Abu Ghraib,
# Ru'ua, Azezia: the older OCHA districts) constrain by governorate only.
DISTRICTS: dict[str, str] = {
    "Amedi": "IQG09Q01", "Dahuk": "IQG09Q02", "Akre": "IQG15Q01", "Baiji": "IQG16Q03",
    "Tooz": "IQG16Q07", "Dabes": "IQG13Q03", "Fao": "IQG02Q03", "Soran": "IQG11Q05",
}
_NO_COD_DISTRICT = frozenset(
    {"Choman", "Mergasur", "Fares", "Thethar", "Tarmia", "Abu Ghraib", "Ru'ua", "Azezia"}
)
_OTHER_SCRIPTS = re.compile("[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0900-\u0dff\u3040-\u9fff]")
_SORANI = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ە", "ۀ": "ە", "ھ": "ه"})
_QARYAT = re.compile(r"^(qaryat|qaryah|qarya)\s+", re.IGNORECASE)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def tidy(text: str) -> str:
    """NFC, invisible characters dropped, spaces collapsed (as the importer cleans)."""
    return " ".join(clean(text).split())


def split(value: str) -> list[str]:
    return [tidy(part) for part in value.split("|") if part.strip()]


def plain(text: str) -> str:
    """Latin diacritics dropped ("Qaryat 'Awsajah" stays, "Aţ Ţa‘ān" -> "At Ta‘an")."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def sorani(text: str) -> str:
    return text.replace("ه\u200c", "ە").translate(_SORANI)


def _script(text: str, script: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(script in unicodedata.name(c, "") for c in letters)


def good_alias(name: str) -> bool:
    """Keep real names in Latin or Arabic script; drop codes, machine keys ("alflwjt"),
    other scripts and cells the import format would split or refuse."""
    letters = [c for c in name if c.isalpha()]
    if not letters or len(name) > 120 or any(c in name for c in ",;|؛،"):
        return False
    if _OTHER_SCRIPTS.search(name) or any(c.isdigit() for c in name):
        return False
    if _script(name, "ARABIC"):
        return True
    if not _script(name, "LATIN") or (name.isupper() and len(letters) <= 4):
        return False
    return letters[0].isupper()


@dataclass(frozen=True)
class SubDistrict:
    pcode: str
    district: str
    governorate: str
    lat: float
    lon: float


def subdistricts(rows: Iterable[Mapping[str, str]]) -> list[SubDistrict]:
    return [
        SubDistrict(
            r["adm3_pcode"], r["adm2_pcode"], r["adm1_pcode"],
            float(r["label_lat"]), float(r["label_lon"]),
        )
        for r in rows
    ]


def _key(name: str) -> str:
    name = plain(name).lower()
    name = re.sub(r"^(al|el|an|ar|as|ash|ad)[- ]", "", name)
    return re.sub(r"[^a-z]", "", name)


def district_of(
    governorate: str, county: str, districts: Sequence[Mapping[str, str]]
) -> str | None:
    """The COD-AB district of a Who's On First county, within its governorate, or None."""
    if county in DISTRICTS:
        return DISTRICTS[county]
    if not county or county in _NO_COD_DISTRICT:
        return None
    options = {_key(d["adm2_en"]): d["adm2_pcode"] for d in districts
               if d["adm1_pcode"] == governorate}
    close = difflib.get_close_matches(_key(county), list(options), n=1, cutoff=0.7)
    return options[close[0]] if close else None


def nearest(lat: float, lon: float, candidates: Sequence[SubDistrict]) -> SubDistrict:
    return min(candidates, key=lambda s: (km_between(lat, lon, s.lat, s.lon), s.pcode))


@dataclass
class Village:
    code: str
    rank: tuple[int, int]  # sort key of the representative: more names first, then id
    lat: float
    lon: float
    governorate: str | None
    district: str | None
    en: str
    ar: str
    ckb: str
    ku: str
    aliases: list[str] = field(default_factory=list)

    def name_keys(self) -> set[str]:
        found = {name_key(self.ar), name_key(_QARYAT.sub("", self.ar.replace("قرية ", "", 1)))}
        found |= {name_key(_QARYAT.sub("", plain(self.en)))}
        return {key for key in found if len(key) >= 3}


def _village(row: Mapping[str, str]) -> Village | None:
    lat, lon = float(row["lat"]), float(row["lon"])
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        return None
    en = tidy(row["name_en"])
    ar = tidy(row["name_ar"])
    if not (en or ar):
        return None
    ckb = sorani(tidy(row["name_ckb"]))
    ku = tidy(row["name_ku"])
    ckb = ckb if _script(ckb, "ARABIC") else ""
    ku = ku if _script(ku, "LATIN") else ""
    ar = ar if _script(ar, "ARABIC") else ""
    gid = row["geonames_id"].strip()
    code = f"GN{gid}" if gid else "WOF" + row["source_id"].removeprefix("wof:")
    filled = sum(1 for name in (en, ar, ckb, ku) if name)
    number = int(gid or row["source_id"].removeprefix("wof:"))
    aliases = [a for a in split(row["other_names"]) if good_alias(a)]
    short = _QARYAT.sub("", plain(en))
    aliases += [plain(en), short]
    return Village(code, (-filled, number), lat, lon, GOVERNORATES.get(row["admin1_name"]),
                   row["admin2_name"], en, ar, ckb, ku, aliases)


class _Groups:
    """Union-find over village indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge(villages: Sequence[Village]) -> tuple[list[Village], int]:
    """One village per group of same-name rows within SAME_PLACE_KM; (villages, merged)."""
    by_key: dict[str, list[int]] = {}
    for i, village in enumerate(villages):
        for key in village.name_keys():
            by_key.setdefault(key, []).append(i)
    groups = _Groups(len(villages))
    for members in by_key.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                a, b = villages[i], villages[j]
                if km_between(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM:
                    groups.join(i, j)
    grouped: dict[int, list[Village]] = {}
    for i, village in enumerate(villages):
        grouped.setdefault(groups.find(i), []).append(village)
    merged: list[Village] = []
    for members in grouped.values():
        members.sort(key=lambda v: v.rank)
        head = members[0]
        for other in members[1:]:
            for lang in ENGLISH_FIRST:
                mine, theirs = getattr(head, lang), getattr(other, lang)
                if not mine and theirs:
                    setattr(head, lang, theirs)
                elif theirs and theirs != mine:
                    head.aliases.append(theirs)
            head.aliases += other.aliases
        merged.append(head)
    return merged, len(villages) - len(merged)


def record(village: Village, parent: str) -> AreaRecord:
    names = Texts(en=village.en, ar=village.ar, ckb=village.ckb, ku=village.ku)
    seen = {name.casefold() for name in names.values()}
    aliases: list[str] = []
    for given in village.aliases:
        alias = tidy(given)
        if alias and alias.casefold() not in seen and good_alias(alias):
            seen.add(alias.casefold())
            aliases.append(alias)
    return AreaRecord(village.code, "village", parent, names, tuple(aliases),
                      round(village.lat, 5), round(village.lon, 5), False)


@dataclass
class Report:
    rows: int = 0
    outside: int = 0
    towns: int = 0
    merged: int = 0
    by_district: int = 0
    by_governorate: int = 0
    anywhere: int = 0

    def lines(self) -> list[str]:
        return [
            f"{self.rows} source rows; {self.outside} outside Iraq or nameless, "
            f"{self.towns} already towns, {self.merged} merged as duplicates",
            f"sub-district by nearest label point within the district: {self.by_district}, "
            f"within the governorate: {self.by_governorate}, anywhere: {self.anywhere}",
        ]


def derive(
    localities: Iterable[Mapping[str, str]],
    districts: Sequence[Mapping[str, str]],
    subdistrict_rows: Iterable[Mapping[str, str]],
    towns: Sequence[AreaRecord],
) -> tuple[list[AreaRecord], Report]:
    """The village records (sorted by code) and what was done to the rows."""
    subs = subdistricts(subdistrict_rows)
    town_codes = {town.pcode for town in towns}
    town_keys: dict[str, list[AreaRecord]] = {}
    for town in towns:
        for text in (*town.names.values(), *town.aliases):
            town_keys.setdefault(name_key(text), []).append(town)
    report = Report()
    villages: list[Village] = []
    for row in localities:
        report.rows += 1
        village = _village(row)
        if village is None:
            report.outside += 1
            continue
        if village.code in town_codes or any(
            t.lat is not None and t.lon is not None
            and km_between(village.lat, village.lon, t.lat, t.lon) <= SAME_PLACE_KM
            for key in village.name_keys() for t in town_keys.get(key, ())
        ):
            report.towns += 1
            continue
        villages.append(village)
    villages, report.merged = merge(villages)
    records = []
    for village in villages:
        within: list[SubDistrict] = []
        district = None
        if village.governorate is not None:
            district = district_of(village.governorate, village.district or "", districts)
            within = [s for s in subs if s.district == district] if district else []
            if within:
                report.by_district += 1
            else:
                within = [s for s in subs if s.governorate == village.governorate]
                report.by_governorate += bool(within)
        if not within:
            within = subs
            report.anywhere += 1
        records.append(record(village, nearest(village.lat, village.lon, within).pcode))
    records.sort(key=lambda r: (r.parent_pcode or "", r.pcode))
    return records, report


def main() -> None:
    areas = parse("areas", (REPO / "bot" / "data" / "iraq" / "areas.csv").read_bytes())
    towns = [a for a in areas.records if a.level == "town"]
    records, report = derive(
        read(SOURCE / LOCALITIES),
        read(SOURCE / "iraq_adm2_districts.csv"),
        read(SOURCE / "iraq_adm3_subdistricts.csv"),
        towns,
    )
    data = export("areas", records, bom=False)
    result = parse("areas", data)
    if result.errors or list(result.records) != records:
        raise SystemExit(f"villages: the output does not re-import cleanly: {result.errors[:5]}")
    OUT.write_bytes(data)
    names = sum(len(r.names) + len(r.aliases) for r in records)
    lines = [f"villages.csv: {len(records)} villages, {names} names and aliases, "
             f"{len(data) / 1e6:.1f} MB", *report.lines()]
    sys.stdout.write("\n  ".join(lines) + "\n")


if __name__ == "__main__":
    main()
