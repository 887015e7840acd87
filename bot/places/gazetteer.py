"""Read the shared Iraq place CSVs (``shared/data/iraq``) into areas and ``PlaceName`` rows.

Used by tests and the benchmark, and usable for seeding. Area ids are assigned in file order
(governorates, districts, sub-districts, GeoNames towns, camps), so they are stable for a
given data set but are *not* database ids. Attribution: "OCHA / Iraq CSO / ITOS, COD-AB
2019", "GeoNames" (CC BY 4.0), "REACH Initiative".
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.places.index import PlaceName
from bot.text.fold import is_arabic_script

__all__ = ["Area", "Gazetteer", "load_iraq_gazetteer"]


@dataclass(frozen=True, slots=True)
class Area:
    """An area from the shared data: ``code`` is a P-code, GeoNames id or camp code."""

    area_id: int
    kind: str  # governorate | district | subdistrict | town | camp
    code: str
    name_en: str
    name_ar: str
    parent_code: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    areas: tuple[Area, ...]
    names: tuple[PlaceName, ...]

    def by_code(self, code: str) -> Area:
        """The area with P-code / GeoNames id / camp code *code* (KeyError if absent)."""
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(code)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _is_latin_name(name: str) -> bool:
    """A usable Latin alternate name: Latin letters only, not an all-lowercase machine
    transliteration ("alqyart") nor an all-caps code ("RQW")."""
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or any(not ("A" <= ch <= "z" or "\u00c0" <= ch <= "\u024f") for ch in letters):
        return False
    if name == name.lower():
        return False
    return not (name.isupper() and len(letters) <= 4)


def _is_arabic_name(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(is_arabic_script(ch) for ch in letters)


def load_iraq_gazetteer(data_dir: Path) -> Gazetteer:
    """Load the five CSVs of ``shared/data/iraq`` (see its PROVENANCE.md)."""
    areas: list[Area] = []
    names: list[PlaceName] = []

    def add(kind: str, code: str, en: str, ar: str, parent: str) -> int:
        area_id = len(areas) + 1
        areas.append(Area(area_id, kind, code, en, ar, parent))
        if en:
            names.append(PlaceName(area_id, en, "name_en"))
        if ar:
            names.append(PlaceName(area_id, ar, "name_ar"))
        return area_id

    for row in _rows(data_dir / "iraq_adm1_governorates.csv"):
        add("governorate", row["adm1_pcode"], row["adm1_en"], row["adm1_ar"], "")
    for row in _rows(data_dir / "iraq_adm2_districts.csv"):
        add("district", row["adm2_pcode"], row["adm2_en"], row["adm2_ar"], row["adm1_pcode"])
    for row in _rows(data_dir / "iraq_adm3_subdistricts.csv"):
        add("subdistrict", row["adm3_pcode"], row["adm3_en"], row["adm3_ar"], row["adm2_pcode"])
    for row in _rows(data_dir / "iraq_places_geonames_cities500.csv"):
        ar_names = _split(row["names_ar"])
        area_id = add(
            "town", row["geonameid"], row["name"], ar_names[0] if ar_names else "",
            row["cod_adm3_pcode"],
        )
        seen = {row["name"], *ar_names[:1]}
        extra: list[tuple[str, str]] = [(n, "name_ar") for n in ar_names[1:]]
        extra += [(n, "name_ckb") for n in _split(row["names_ku_sorani"]) if _is_arabic_name(n)]
        extra += [
            (n, "alias") for n in _split(row["names_other_arabic_script"]) if _is_arabic_name(n)
        ]
        extra += [(n, "alias") for n in _split(row["other_latin_names"]) if _is_latin_name(n)]
        for text, kind in extra:
            if text not in seen:
                seen.add(text)
                names.append(PlaceName(area_id, text, kind))
    for row in _rows(data_dir / "iraq_idp_camps_reach_mcna.csv"):
        add("camp", row["code_mcna2020"], row["camp_name_en"], row["camp_name_ar"], "")
    return Gazetteer(tuple(areas), tuple(names))
