"""Place lists as partners send them: rows without P-codes, parents by name, repeats.

A partner's village list (REACH, IOM, a mine-action partner) names each village and its
governorate/district/sub-district, seldom a P-code. For each such row (a record without
a P-code and its :class:`~bot.importing.results.ParentRef`):

- the **parent** is found by P-code or by name at any admin level, in any language, with
  the folding of search (:func:`bot.places.edits.name_key`); the names a row gives at
  several levels must agree. No match, or several, is an error naming the row — a place
  under the wrong parent would mislead residents. When one name fits areas that contain
  one another (district Sinjar and its centre sub-district), the larger one is taken:
  less precise, never wrong.
- a row that names a **place already held** (the same folded name under the parent; or,
  when both have coordinates, within :data:`~bot.places.geo.SAME_PLACE_KM` of it with the
  same name up to transliteration, as search compares Latin and Arabic spellings) adds
  its spellings to that place as aliases instead of making a duplicate. The same holds
  between rows of one file. Two held places that fit equally is an error: a spelling
  added to the wrong village would send residents to it.
- a new place gets a stable local code, as ``/addarea`` gives: ``DL-<parent>-<n>``.

Pure: the held places come in as :class:`~bot.storage.area_lookup.KnownArea` rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from bot.domain.areas import LEVEL_RANK
from bot.domain.records import AreaRecord
from bot.importing.results import ParentRef, RowError
from bot.places.edits import name_key, next_pcode
from bot.places.geo import SAME_PLACE_KM, km_between
from bot.storage.area_lookup import KnownArea
from bot.text.fold import arabic_skeleton, is_arabic_script, latin_key

__all__ = ["Resolved", "resolve"]

_ADMIN = {"governorate": 1, "district": 2, "subdistrict": 3}
_LEVEL_NAMES = {0: "parent", 1: "governorate", 2: "district", 3: "sub-district"}
_SHOWN = 4


@dataclass
class Resolved:
    """The records with codes and parents, the spellings to add to places already held
    (P-code, alias), the errors found, and how many rows were merged into another place."""

    records: list[AreaRecord] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    merged: int = 0


class _Places:
    """The held places (and those the file adds as it is read), indexed for lookups."""

    def __init__(self, known: Iterable[KnownArea]) -> None:
        self.by_pcode: dict[str, KnownArea] = {}
        self.admin: dict[str, list[str]] = {}  # name key -> admin-level P-codes
        self.places: dict[str, list[str]] = {}  # name key -> town/village P-codes
        self.loose: dict[str, list[str]] = {}  # transliteration key -> town/village P-codes
        for area in known:
            self.add(area)

    def add(self, area: KnownArea) -> None:
        self.by_pcode[area.pcode] = area
        table = self.admin if area.level in _ADMIN else self.places
        for key in {name_key(name) for name in area.names}:
            if key:
                table.setdefault(key, []).append(area.pcode)
        if table is self.places:
            for key in {_loose_key(name) for name in area.names}:
                if key:
                    self.loose.setdefault(key, []).append(area.pcode)

    def ancestors(self, pcode: str) -> list[str]:
        chain: list[str] = []
        area = self.by_pcode.get(pcode)
        while area is not None and area.parent_pcode and len(chain) < 8:
            chain.append(area.parent_pcode)
            area = self.by_pcode.get(area.parent_pcode)
        return chain

    def within(self, pcode: str, parent: str) -> bool:
        return pcode == parent or parent in self.ancestors(pcode)

    def label(self, pcode: str) -> str:
        area = self.by_pcode[pcode]
        name = area.names[0] if area.names else pcode
        above = [self.by_pcode[p].names[0] for p in self.ancestors(pcode)[:2]
                 if p in self.by_pcode and self.by_pcode[p].names]
        return f"{name} ({area.level} {pcode}" + "".join(f", {a}" for a in above) + ")"


def _loose_key(name: str) -> str:
    """Spellings of one name in one script meet here (Awsaja / 'Awsajah, الشرقية / شرقي
    do not): used only for places within SAME_PLACE_KM of each other."""
    return arabic_skeleton(name) if is_arabic_script(name) else latin_key(name)


def _error(line: int, column: str, code: str, message: str) -> RowError:
    return RowError(line, column, code, message)


def _choices(places: _Places, pcodes: Sequence[str]) -> str:
    shown = "; ".join(places.label(p) for p in pcodes[:_SHOWN])
    more = f"; and {len(pcodes) - _SHOWN} more" if len(pcodes) > _SHOWN else ""
    return shown + more


def _parent(places: _Places, ref: ParentRef, line: int) -> str | RowError:
    """The one area the row's codes and names point to, or the error saying why not."""
    chosen: list[str] = []  # P-codes fixed so far, from the largest level down
    for level, code in sorted(ref.codes):
        if code not in places.by_pcode:
            return _error(line, f"adm{level}", "unknown_parent", f"no area {code}")
        chosen.append(code)
    for level, text in sorted(ref.names, key=lambda item: item[0] or 9):
        if level == 0 and text.upper() in places.by_pcode:
            chosen.append(text.upper())
            continue
        found = [
            p for p in places.admin.get(name_key(text), ())
            if (level == 0 or _ADMIN[places.by_pcode[p].level] == level)
            and all(places.within(p, c) or places.within(c, p) for c in chosen)
        ]
        column = _LEVEL_NAMES[level]
        if not found:
            where = f" in {places.label(chosen[-1])}" if chosen else ""
            what = "area" if level == 0 else column
            return _error(line, column, "unknown_parent", f"no {what} named {text!r}{where}")
        # Names that fit areas inside one another: the largest of them is never wrong.
        found.sort(key=lambda p: LEVEL_RANK[places.by_pcode[p].level])
        if all(places.within(p, found[0]) for p in found):
            found = found[:1]
        if len(found) > 1:
            return _error(
                line, column, "ambiguous_parent",
                f"{text!r} could be {_choices(places, found)}: give the P-code, or the "
                "district and governorate too",
            )
        chosen.append(found[0])
    if not chosen:
        return _error(line, "parent", "missing", "say where the place is")
    deepest = max(chosen, key=lambda p: LEVEL_RANK[places.by_pcode[p].level])
    if not all(places.within(deepest, c) for c in chosen):
        return _error(
            line, "parent", "bad_parent",
            "the governorate, district and sub-district given do not contain one another: "
            + _choices(places, chosen),
        )
    return deepest


def _same_place(
    places: _Places, record: AreaRecord, parent: str
) -> list[str] | None:
    """Held places this row names (None: the coordinates say it is none of them)."""
    spellings = (*record.names.values(), *record.aliases)
    keys = {name_key(name) for name in spellings} - {""}
    named = sorted({p for key in keys for p in places.places.get(key, ())})
    if record.lat is not None and record.lon is not None:
        loose = {_loose_key(name) for name in spellings} - {""}
        alike = sorted({*named, *(p for key in loose for p in places.loose.get(key, ()))})
        near = [
            p for p in alike
            if (area := places.by_pcode[p]).lat is not None and area.lon is not None
            and km_between(record.lat, record.lon, area.lat, area.lon) <= SAME_PLACE_KM
        ]
        placed = [p for p in named if places.by_pcode[p].lat is None]
        return near or [p for p in placed if places.within(p, parent)]
    return [p for p in named if places.within(p, parent)]


def _spellings(record: AreaRecord, area: KnownArea) -> list[str]:
    held = {name.casefold() for name in area.names}
    new: list[str] = []
    for text in (*record.names.values(), *record.aliases):
        if text.casefold() not in held:
            held.add(text.casefold())
            new.append(text)
    return new


def resolve(
    records: Sequence[AreaRecord],
    lines: Sequence[int],
    refs: Sequence[ParentRef | None],
    known: Iterable[KnownArea],
) -> Resolved:
    """Codes, parents and merges for the rows without a P-code; other rows pass as they are."""
    places = _Places(known)
    for record in records:
        if record.pcode:
            places.add(KnownArea(record.pcode, record.level, record.parent_pcode,
                                 (*record.names.values(), *record.aliases),
                                 record.lat, record.lon))
    out = Resolved()
    added: dict[str, int] = {}  # P-code given in this file -> index in out.records
    for record, line, ref in zip(records, lines, refs or [None] * len(records), strict=True):
        if record.pcode or ref is None:
            out.records.append(record)
            out.lines.append(line)
            continue
        parent = _parent(places, ref, line)
        if isinstance(parent, RowError):
            out.errors.append(parent)
            continue
        same = _same_place(places, record, parent)
        if same and len(same) > 1:
            out.errors.append(_error(
                line, "name", "ambiguous_place",
                f"this could be {_choices(places, same)}: give its sub-district or its "
                "coordinates",
            ))
            continue
        if same:
            pcode = same[0]
            area = places.by_pcode[pcode]
            spellings = _spellings(record, area)
            places.add(replace(area, names=(*area.names, *spellings)))
            if pcode in added:
                index = added[pcode]
                held = out.records[index]
                out.records[index] = replace(held, aliases=(*held.aliases, *spellings))
            else:
                out.aliases += [(pcode, text) for text in spellings]
            out.merged += 1
            continue
        prefix, _ = next_pcode(parent, [])
        _, pcode = next_pcode(parent, [p for p in places.by_pcode if p.startswith(prefix)])
        final = replace(record, pcode=pcode, parent_pcode=parent)
        places.add(KnownArea(pcode, final.level, parent,
                             (*final.names.values(), *final.aliases), final.lat, final.lon))
        added[pcode] = len(out.records)
        out.records.append(final)
        out.lines.append(line)
    return out
