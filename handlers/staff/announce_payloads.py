"""The buttons of the announcement conversation, one payload type per action.

Every payload names the draft it acts on first (``ann:v1:<action>:<draft id>[:<arg>]``):
the press is re-checked against that draft (its author, still a draft, at a step that
expects this action) before the action's handler runs, and the handler re-checks its own
argument against the database (a camp, a sector, an area that still exists).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.announcements.rules import Kind
from bot.domain.announcements import AudienceKind, Priority
from handlers.kit.payloads import Payload

__all__ = [
    "FEATURE",
    "AskWhen",
    "CampPage",
    "ChooseArea",
    "ChooseAudience",
    "ChooseCamp",
    "ChooseKind",
    "ChooseLanguage",
    "ChooseMode",
    "ChoosePriority",
    "ChooseSector",
    "DaysDone",
    "Discard",
    "DraftPayload",
    "SendNow",
    "SkipLanguage",
    "ToggleDay",
]

FEATURE = "ann"


@dataclass(frozen=True)
class DraftPayload:
    """What every announcement button carries first: the draft it acts on."""

    draft_id: int


@dataclass(frozen=True)
class ChooseMode(DraftPayload, Payload, feature=FEATURE, action="mode"):
    """One text for all languages, or one per language."""

    mode: Literal["all", "each"]


@dataclass(frozen=True)
class SkipLanguage(DraftPayload, Payload, feature=FEATURE, action="skip"):
    """No text in this language (the step must be asking for it)."""

    code: str


@dataclass(frozen=True)
class ChooseAudience(DraftPayload, Payload, feature=FEATURE, action="aud"):
    """Who receives it: the kind of audience."""

    kind: AudienceKind


@dataclass(frozen=True)
class CampPage(DraftPayload, Payload, feature=FEATURE, action="campp"):
    """Another page of the camps."""

    page: int


@dataclass(frozen=True)
class ChooseCamp(DraftPayload, Payload, feature=FEATURE, action="camp"):
    """This camp (its residents, or the camp whose sector comes next)."""

    camp_id: int


@dataclass(frozen=True)
class ChooseSector(DraftPayload, Payload, feature=FEATURE, action="sec"):
    """This sector of the camp the step names."""

    sector_id: int


@dataclass(frozen=True)
class ChooseArea(DraftPayload, Payload, feature=FEATURE, action="area"):
    """The followers of this area."""

    area_id: int


@dataclass(frozen=True)
class ChooseLanguage(DraftPayload, Payload, feature=FEATURE, action="lang"):
    """The readers of this language (a code of ``bot.domain.languages.CODES``)."""

    code: str


@dataclass(frozen=True)
class ChoosePriority(DraftPayload, Payload, feature=FEATURE, action="prio"):
    """Urgent or routine; the preview follows."""

    priority: Priority


@dataclass(frozen=True)
class SendNow(DraftPayload, Payload, feature=FEATURE, action="send"):
    """Send the previewed announcement now."""


@dataclass(frozen=True)
class AskWhen(DraftPayload, Payload, feature=FEATURE, action="when"):
    """Schedule it instead: ask when."""


@dataclass(frozen=True)
class ChooseKind(DraftPayload, Payload, feature=FEATURE, action="kind"):
    """Once, daily, weekly or monthly."""

    kind: Kind


@dataclass(frozen=True)
class ToggleDay(DraftPayload, Payload, feature=FEATURE, action="day"):
    """Add or remove a weekday (0 = the first of ``weekday_names``)."""

    day: int


@dataclass(frozen=True)
class DaysDone(DraftPayload, Payload, feature=FEATURE, action="days"):
    """The weekdays are chosen: ask the time."""


@dataclass(frozen=True)
class Discard(DraftPayload, Payload, feature=FEATURE, action="stop"):
    """Drop the draft; nothing is sent."""
