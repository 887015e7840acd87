"""One data row of a table: typed access to its cells that notes errors instead of
raising, so that every problem in a row is reported."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from functools import cache, partial
from typing import TypeVar

from bot.domain.languages import DATA_CODES
from bot.domain.records import Texts
from bot.importing.hxl import Table
from bot.importing.results import ParentRef, RowError
from bot.importing.values import (
    TEXT_MAX,
    BadValue,
    clean_line,
    clean_text,
    read_bool,
    read_coordinate,
    read_time,
)

__all__ = ["Row", "read_text"]

V = TypeVar("V")
_QUOTED_FORMULA = re.compile(r"'+[=+\-@\t\r]")


class Row:
    """One data row: typed access to its cells that records errors instead of raising."""

    def __init__(self, table: Table, line: int, cells: list[str]) -> None:
        self.table = table
        self.line = line
        self.cells = cells
        self.errors: list[RowError] = []
        self.ref: ParentRef | None = None  # areas without a P-code: where the place is

    def raw(self, name: str) -> str:
        index = self.table.columns.get(name)
        if index is None or index >= len(self.cells):
            return ""
        cell = self.cells[index]
        # Undo the apostrophe an export puts before a formula-looking cell.
        return cell[1:] if cell[:1] == "'" and _QUOTED_FORMULA.match(cell) else cell

    def label(self, name: str) -> str:
        return self.table.labels.get(name, name)

    def error(self, name: str, code: str, message: str) -> None:
        self.errors.append(RowError(self.line, self.label(name), code, message))

    def get(self, name: str, reader: Callable[[str], V]) -> V | None:
        """The value read from the cell; None if the cell is empty or bad (then noted)."""
        raw = self.raw(name)
        if not raw or raw.isspace():
            return None
        try:
            return reader(raw)
        except BadValue as bad:
            self.error(name, bad.code, bad.message)
            return None

    def need(self, name: str, reader: Callable[[str], V], what: str = "") -> V | None:
        if not clean_text(self.raw(name)):
            self.error(name, "missing", f"{what or name} is required")
            return None
        return self.get(name, reader)

    def texts(self, prefix: str, limit: int = TEXT_MAX, multiline: bool = True) -> Texts:
        found: dict[str, str] = {}
        for lang in DATA_CODES:
            name = f"{prefix}_{lang}"
            text = self.get(name, _text_reader(limit, multiline, lang))
            if text:
                found[lang] = text
        return Texts(found)

    def filled(self, prefix: str, langs: tuple[str, ...] = DATA_CODES) -> bool:
        """Whether any of the per-language cells has visible text (valid or not)."""
        return any(clean_text(self.raw(f"{prefix}_{lang}")) for lang in langs)

    def point(self) -> tuple[float | None, float | None]:
        lat = self.get("lat", lambda raw: read_coordinate(raw, "lat"))
        lon = self.get("lon", lambda raw: read_coordinate(raw, "lon"))
        for name, value, other in (("lat", lat, "lon"), ("lon", lon, "lat")):
            if value is None and self.raw(other).strip() and not self.raw(name).strip():
                self.error(name, "missing", "give both lat and lon, or neither")
        return (lat, lon) if lat is not None and lon is not None else (None, None)

    def hours(
        self, start: str, end: str, required: bool
    ) -> tuple[datetime.time | None, datetime.time | None]:
        get = self.need if required else self.get
        starts, ends = get(start, read_time), get(end, read_time)
        blank = [name for name in (start, end) if not self.raw(name).strip()]
        if not required and len(blank) == 1:
            self.error(blank[0], "missing", f"give both {start} and {end}, or neither")
        if starts is not None and ends is not None and ends <= starts:
            self.error(
                end, "bad_time", f"{end} {ends:%H:%M} must be later than {start} {starts:%H:%M}"
            )
        return starts, ends

    def demo(self) -> bool:
        return bool(self.get("demo", read_bool))


@cache
def _text_reader(limit: int, multiline: bool, lang: str) -> Callable[[str], str]:
    return partial(read_text, limit=limit, multiline=multiline, lang=lang)


def read_text(raw: str, limit: int, multiline: bool, lang: str | None = None) -> str:
    if not multiline:
        return clean_line(raw, limit, lang)
    text = clean_text(raw, multiline=True, lang=lang)
    if len(text) > limit:
        raise BadValue("too_long", f"{len(text)} characters; at most {limit} allowed")
    return text
