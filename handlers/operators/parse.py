"""What an operator types after ``/setstatus``, and the sources they may name by a code.

``/setstatus <area> <status> [source] [| note]``: the area is the words before the first
status word, the source the words after it up to an optional ``|``, the note what follows.
Pure: no Telegram, no database. The known sources are data (``bot/data/safety/sources.toml``),
read when a command needs them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from types import MappingProxyType

from bot import resources
from bot.domain.statuses import STATUSES

__all__ = [
    "MAX_NOTE",
    "MAX_SOURCE",
    "STATUS_WORDS",
    "Source",
    "StatusRequest",
    "load_sources",
    "parse_setstatus",
    "resolve_source",
]

MAX_SOURCE = 120  # what residents read as "by whom": a name, not a paragraph
MAX_NOTE = 500
MAX_AREA = 200

STATUS_WORDS: Mapping[str, str] = MappingProxyType({
    **{status: status for status in STATUSES},
    "in-progress": "in_progress",
    "inprogress": "in_progress",
    "progress": "in_progress",
    "canceled": "cancelled",
})
_CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")
_EDGE_PUNCTUATION = ".,;:!?"


@dataclass(frozen=True)
class StatusRequest:
    """An operator's ``/setstatus`` words, not yet checked against the places."""

    area: str  # "" when none was named
    status: str | None  # None: no status word; the operator chooses with buttons
    source: str  # "" when none was named
    note: str | None


@dataclass(frozen=True)
class Source:
    code: str
    name: str


def _clean(text: str) -> str:
    return " ".join(text.split())


def _status_word(word: str) -> str | None:
    return STATUS_WORDS.get(word.casefold().strip(_EDGE_PUNCTUATION))


def parse_setstatus(text: str) -> StatusRequest:
    """Split what follows the command (never raises; missing parts are empty)."""
    head, bar, tail = text.partition("|")
    note = _clean(tail) if bar else ""
    words = head.split()
    at = next((i for i, word in enumerate(words) if _status_word(word) is not None), None)
    if at is None:
        return StatusRequest(_clean(head), None, "", note or None)
    status = _status_word(words[at])
    area_words = words[:at]
    if status == "in_progress" and area_words and area_words[-1].casefold() == "in":
        area_words = area_words[:-1]  # "Awsaja in progress"
    return StatusRequest(" ".join(area_words), status, " ".join(words[at + 1 :]), note or None)


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
        sources.append(Source(code, _clean(name)))
    return tuple(sources)


def resolve_source(text: str, sources: Sequence[Source]) -> str:
    """A known code or name → the full name residents read; anything else as typed."""
    typed = _clean(text)
    wanted = typed.casefold()
    for source in sources:
        if wanted in (source.code.casefold(), source.name.casefold()):
            return source.name
    return typed
