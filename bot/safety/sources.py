"""The mine action authorities residents read as "by whom", named in the reader's language.

A status row keeps the source as an operator typed it or as a file imported it: a code
("DMA"), the full name, or any other organisation's name. Residents must never read a
code or a name in a language they did not choose, so the answer asks here: a known code
or name (in any language) becomes that source's name in the reader's language; anything
else is shown as written. The list is data (``bot/data/safety/sources.toml``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from types import MappingProxyType

from bot import resources
from bot.domain.languages import CODES
from bot.i18n.catalogues import pick

__all__ = ["MAX_SOURCE", "Source", "expand_source", "load_sources", "source_name"]

MAX_SOURCE = 120  # what residents read as "by whom": a name, not a paragraph
_CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")


@dataclass(frozen=True)
class Source:
    """One known source: the code operators type, its English name, its other names."""

    code: str
    name: str  # English: what operators see and what is stored when they type the code
    names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    def name_in(self, language: str) -> str:
        """The name in this language, else in the next language the reader likely reads."""
        return pick({"en": self.name, **self.names}, language) or self.name

    def known_as(self, text: str) -> bool:
        wanted = " ".join(text.split()).casefold()
        return wanted in {self.code.casefold(), self.name.casefold()} | {
            n.casefold() for n in self.names.values()
        }


def _clean(text: str) -> str:
    return " ".join(text.split())


def _names(path: object, number: int, raw: object) -> Mapping[str, str]:
    if raw is None:
        return MappingProxyType({})
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: source {number}: names must be a table of languages")
    names: dict[str, str] = {}
    for language, text in raw.items():
        if language not in CODES:
            raise ValueError(f"{path}: source {number}: unknown language {language!r}")
        if not isinstance(text, str) or not 0 < len(_clean(text)) <= MAX_SOURCE:
            raise ValueError(
                f"{path}: source {number}: {language} name must be 1-{MAX_SOURCE} characters"
            )
        names[language] = _clean(text)
    return MappingProxyType(names)


def load_sources(path: Traversable | None = None) -> tuple[Source, ...]:
    """The known sources (the shipped file by default), in file order; ValueError if wrong."""
    if path is None:
        path = resources.data_file("safety/sources.toml")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    rows = data.get("source", [])
    if not isinstance(rows, list):
        raise ValueError(f"{path}: [[source]] tables expected")
    sources: list[Source] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        code = row.get("code") if isinstance(row, dict) else None
        name = row.get("name") if isinstance(row, dict) else None
        if not isinstance(code, str) or not _CODE.match(code):
            raise ValueError(f"{path}: source {number}: code must be 1-16 letters or digits")
        if not isinstance(name, str) or not 0 < len(_clean(name)) <= MAX_SOURCE:
            raise ValueError(f"{path}: source {number}: name must be 1-{MAX_SOURCE} characters")
        if code.casefold() in seen:
            raise ValueError(f"{path}: source {number}: code {code} is listed twice")
        seen.add(code.casefold())
        sources.append(Source(code, _clean(name), _names(path, number, row.get("names"))))
    return tuple(sources)


def expand_source(text: str, sources: Sequence[Source]) -> str:
    """What is stored for a source typed or imported: a known code or name (in any
    language) becomes that source's full name, so "DMA" from a file is stored as
    "Directorate of Mine Action" like "DMA" typed after /setstatus; anything else as
    written (spaces cleaned)."""
    typed = _clean(text)
    for source in sources:
        if source.known_as(typed):
            return source.name
    return typed


def source_name(stored: str, language: str, sources: Sequence[Source]) -> str:
    """What the reader sees for a stored source: a known one in their language."""
    for source in sources:
        if source.known_as(stored):
            return source.name_in(language)
    return _clean(stored)
