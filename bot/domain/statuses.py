"""The safety statuses of an area, as mine action authorities assess them.

The one list: importers, feeds, operators' commands and residents' answers all check a
status against ``STATUSES``, and only ``RETURN_STATUSES`` may ever tell people they can go
back (so a change toward them waits for a second operator).
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "DANGER_STATUSES",
    "NO_INFORMATION",
    "ORIGINS",
    "RETURN_STATUSES",
    "STATUSES",
    "Origin",
]

STATUSES: tuple[str, ...] = (
    "unknown",
    "suspected",
    "confirmed",
    "in_progress",
    "cleared",
    "cancelled",
)
"""Every status, from no assessment through danger and clearance to release: the order
operators are offered them in."""

RETURN_STATUSES: frozenset[str] = frozenset({"cleared", "cancelled"})
"""The only statuses under which an authority has released the land."""

DANGER_STATUSES: frozenset[str] = frozenset(STATUSES) - RETURN_STATUSES
"""Every other status: the area is not released."""

NO_INFORMATION = "none"
"""The effective status of an area without a (usable) status row."""

Origin = Literal["import", "operator", "feed"]
"""Where a status or a proposal came from: an imported file, an operator, a status feed."""

ORIGINS: tuple[Origin, ...] = get_args(Origin)
