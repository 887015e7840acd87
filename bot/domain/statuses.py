"""The safety statuses of an area, as mine action authorities assess them.

The one list: importers, feeds, operators' commands and residents' answers all check a
status against ``STATUSES``, and only ``RETURN_STATUSES`` may ever tell people they can go
back.

The one order of warning (``WARNING_RANK``): how strongly what residents are told keeps
them away. Every place that decides a change's direction asks :func:`needs_second_operator`:
a change that lowers the warning (or tells people they may return) waits for a second,
different operator; one that raises or keeps it takes effect at once, because a warning
that waits can kill and a warning removed by one person's slip can too.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, get_args

__all__ = [
    "DANGER_STATUSES",
    "NO_INFORMATION",
    "ORIGINS",
    "RETURN_STATUSES",
    "STATUSES",
    "WARNING_RANK",
    "Origin",
    "lowers_warning",
    "needs_second_operator",
    "warning_rank",
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
"""Every other status: the area is not released (not all of them warn of danger: see
``WARNING_RANK``)."""

NO_INFORMATION = "none"
"""The effective status of an area without a (usable) status row."""

WARNING_RANK: Mapping[str, int] = MappingProxyType({
    "cleared": 0,
    "cancelled": 0,
    NO_INFORMATION: 1,
    "unknown": 1,
    "suspected": 2,
    "in_progress": 3,
    "confirmed": 4,
})
"""How strong a warning each status is, from release (0) to confirmed danger (4).

- ``cleared`` and ``cancelled`` (0): an authority released the land; the only statuses
  that tell people they may go back.
- ``unknown`` and no information (1): not a warning of danger, but not safety either:
  residents are told not to go back until the area has been checked. Equal to each other:
  both say "nobody knows", so recording "unknown" where nothing was known changes nothing
  residents do; but lowering any danger to "unknown" removes a warning.
- ``suspected`` (2): hazards suspected from evidence, not confirmed.
- ``in_progress`` (3): clearance only happens where hazards are known; teams are removing
  them and the area is not cleared. Above a mere suspicion, below a confirmed hazard: on
  the way to release, so confirmed → in progress is a softening a second operator checks
  (a slip there reads as "almost done"), while in progress → confirmed (work stopped,
  devices found) warns at once.
- ``confirmed`` (4): a survey confirmed explosive hazards.
"""


def warning_rank(status: str) -> int:
    """The rank of a status; anything unrecognised counts as no information (residents are
    told "no information" about it, never anything better)."""
    return WARNING_RANK.get(status, WARNING_RANK[NO_INFORMATION])


def lowers_warning(before: str, after: str) -> bool:
    """Whether residents told ``before`` would be warned less by ``after``."""
    return warning_rank(after) < warning_rank(before)


def needs_second_operator(before: str, after: str) -> bool:
    """A change from what residents are told (``before``, their effective status) to
    ``after`` waits for a second operator when it lowers the warning or tells people they
    may return (even the same release again: each release is a claim two people check)."""
    return after in RETURN_STATUSES or lowers_warning(before, after)

Origin = Literal["import", "operator", "feed"]
"""Where a status or a proposal came from: an imported file, an operator, a status feed."""

ORIGINS: tuple[Origin, ...] = get_args(Origin)
