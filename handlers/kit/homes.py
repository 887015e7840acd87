"""The buttons that lead from one feature to another: each feature's home screen.

A feature's own steps are its own payload types; the ones other features (and the main
menu) put on their screens live here, so no feature imports another for a button. The
camp picker's buttons are with the picker, in :mod:`handlers.kit.camps`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from handlers.kit.cases import CASE_FEATURE
from handlers.kit.payloads import Payload

__all__ = [
    "AlertsHome",
    "CampAlerts",
    "CasesHome",
    "FollowArea",
    "FoodHome",
    "MenuHome",
    "MenuLanguage",
    "SafetyHome",
    "ServicesHome",
    "SetLanguage",
]


@dataclass(frozen=True)
class MenuHome(Payload, feature="menu", action="home"):
    """The main menu, as a new message."""


@dataclass(frozen=True)
class MenuLanguage(Payload, feature="menu", action="language"):
    """The language choice."""


@dataclass(frozen=True)
class ServicesHome(Payload, feature="svc", action="home"):
    """The service categories of the resident's camp."""


@dataclass(frozen=True)
class FoodHome(Payload, feature="food", action="home"):
    """The next food distributions of the resident's camp."""


@dataclass(frozen=True)
class SafetyHome(Payload, feature="safe", action="home"):
    """"Is my area safe?": type a place's name, or browse."""


@dataclass(frozen=True)
class AlertsHome(Payload, feature="alert", action="home"):
    """The resident's alerts."""


@dataclass(frozen=True)
class CasesHome(Payload, feature=CASE_FEATURE, action="home"):
    """"Talk to a person": choose what it is about, then write."""


@dataclass(frozen=True)
class CampAlerts(Payload, feature="alert", action="camp"):
    """Camp announcements on or off (also on the message that confirms a chosen camp)."""

    want: Literal["on", "off"]


@dataclass(frozen=True)
class FollowArea(Payload, feature="alert", action="sub_area"):
    """Alert me when this area's safety status changes."""

    area_id: int


@dataclass(frozen=True)
class SetLanguage(Payload, feature="lang", action="set"):
    """Read Daleel in this language (a code of ``bot.domain.languages.CODES``)."""

    code: str
