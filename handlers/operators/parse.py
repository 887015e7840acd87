"""What an operator types after ``/setstatus``, and the sources they may name by a code.

``/setstatus <area> <status> [source] [| note]``: the area is the words before the first
status word, the source the words after it up to an optional ``|``, the note what follows.
Pure: no Telegram, no database. The known sources are data (``bot/data/safety/sources.toml``),
read when a command needs them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from bot.domain.statuses import STATUSES
from bot.safety.sources import MAX_SOURCE, Source, expand_source, load_sources

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

MAX_NOTE = 500
MAX_AREA = 200

STATUS_WORDS: Mapping[str, str] = MappingProxyType({
    **{status: status for status in STATUSES},
    "in-progress": "in_progress",
    "inprogress": "in_progress",
    "progress": "in_progress",
    "canceled": "cancelled",
})
_EDGE_PUNCTUATION = ".,;:!?"


@dataclass(frozen=True)
class StatusRequest:
    """An operator's ``/setstatus`` words, not yet checked against the places."""

    area: str  # "" when none was named
    status: str | None  # None: no status word; the operator chooses with buttons
    source: str  # "" when none was named
    note: str | None


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


def resolve_source(text: str, sources: Sequence[Source]) -> str:
    """A known code or name → the full name residents read; anything else as typed."""
    return expand_source(text, sources)
