"""The places and camps the product ships (``bot/data/iraq/areas.csv``, ``camps.csv``) as
areas and ``PlaceName`` rows, without a database.

Why: the place-index tests and the benchmark need the real names, and should search them
exactly as the bot does after importing the same files. So the files are read with the
product's own import code (:mod:`bot.importing`), and every name, translation and alias
becomes a ``PlaceName`` as :func:`bot.storage.areas.place_names` makes them from the
database. Camps are added as areas of kind ``camp`` so their names can be searched too.

Area ids are assigned in file order (areas, then camps): stable for a given data set, but
*not* database ids. Attribution: see ``data/ATTRIBUTION.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from bot import resources
from bot.domain.records import Texts
from bot.importing import parse_areas, parse_camps
from bot.places.index import PlaceName

__all__ = ["Area", "Gazetteer", "gazetteer_from_csv", "load_iraq_gazetteer"]


@dataclass(frozen=True, slots=True)
class Area:
    """A shipped area or camp: ``code`` is its P-code (``GN<geonameid>`` for towns) or
    camp code; ``kind`` is its level (governorate … town) or ``camp``."""

    area_id: int
    kind: str
    code: str
    name_en: str
    name_ar: str
    parent_code: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    areas: tuple[Area, ...]
    names: tuple[PlaceName, ...]

    def by_code(self, code: str) -> Area:
        """The area with P-code / camp code *code* (KeyError if absent)."""
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(code)


def gazetteer_from_csv(areas_csv: bytes, camps_csv: bytes) -> Gazetteer:
    """The areas and camps of two import files; ValueError if either has an error."""
    area_result, camp_result = parse_areas(areas_csv), parse_camps(camps_csv)
    for kind, errors in (("areas", area_result.errors), ("camps", camp_result.errors)):
        if errors:
            raise ValueError(f"the {kind} file does not import cleanly: {errors[:3]}")
    areas: list[Area] = []
    names: list[PlaceName] = []

    def add(kind: str, code: str, texts: Texts, aliases: Iterable[str], parent: str) -> None:
        area_id = len(areas) + 1
        areas.append(Area(area_id, kind, code, texts.get("en", ""), texts.get("ar", ""), parent))
        names.extend(PlaceName(area_id, text, f"name_{lang}") for lang, text in texts.items())
        names.extend(PlaceName(area_id, alias, "alias") for alias in aliases)

    for area in area_result.records:
        add(area.level, area.pcode, area.names, area.aliases, area.parent_pcode or "")
    for camp in camp_result.records:
        add("camp", camp.code, camp.names, camp.aliases, camp.district_pcode or "")
    return Gazetteer(tuple(areas), tuple(names))


def load_iraq_gazetteer(data_dir: Traversable | None = None) -> Gazetteer:
    """Read ``areas.csv`` and ``camps.csv`` from *data_dir*, by default the shipped
    ``bot/data/iraq`` (found as package data, see :mod:`bot.resources`)."""
    where = data_dir if data_dir is not None else resources.data_file("iraq")
    return gazetteer_from_csv(
        where.joinpath("areas.csv").read_bytes(), where.joinpath("camps.csv").read_bytes()
    )
