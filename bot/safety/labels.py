"""The one way an area is named to a reader: "Qayyarah (town) — Mosul".

Residents, operators and staff see the same label on answers, buttons, proposals,
previews and audiences: the area's name in the reader's language, its kind, and the
nearest ancestor whose name tells it apart (:func:`bot.safety.answers.place_of`). Every
screen builds it here, from an area id or from an area with its ancestors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from bot.i18n.catalogues import Translator
from bot.safety.answers import level_label, place_of
from bot.storage.areas import Area, area_ancestors, get_area
from bot.storage.db import Database

__all__ = ["area_label", "label_of"]


def label_of(tr: Translator, area: Area, ancestors: Sequence[Area]) -> str:
    """The label of ``area`` under ``ancestors`` (parent first), as HTML (values escaped).
    The area need not be stored yet: /addarea previews one under its chosen parent."""
    return level_label(tr, place_of(area, ancestors, tr.code))


@overload
async def area_label(db: Database, tr: Translator, area: Area) -> str: ...


@overload
async def area_label(db: Database, tr: Translator, area: int) -> str | None: ...


async def area_label(db: Database, tr: Translator, area: Area | int) -> str | None:
    """The label of a stored area (its ancestors read now), as HTML; for an id, None when
    no such area exists."""
    found = await get_area(db, area) if isinstance(area, int) else area
    if found is None:
        return None
    return label_of(tr, found, await area_ancestors(db, found.id))
