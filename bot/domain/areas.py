"""The levels of areas, from the largest to the smallest, as in Iraq's administrative
boundaries (COD-AB adm1..adm3) and below them the towns and villages."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["LEVELS", "LEVEL_RANK"]

LEVELS: tuple[str, ...] = ("governorate", "district", "subdistrict", "town", "village")

LEVEL_RANK: Mapping[str, int] = MappingProxyType(
    {level: rank for rank, level in enumerate(LEVELS, start=1)}
)
"""1 for a governorate .. 5 for a village; 1..3 are the COD-AB admN levels."""
