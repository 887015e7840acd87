"""How staff announcements are addressed: their priority and the kinds of audience."""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["AUDIENCE_KINDS", "PRIORITIES", "AudienceKind", "Priority"]

Priority = Literal["urgent", "routine"]
AudienceKind = Literal["everyone", "camp", "sector", "area", "language"]

PRIORITIES: tuple[Priority, ...] = get_args(Priority)
AUDIENCE_KINDS: tuple[AudienceKind, ...] = get_args(AudienceKind)
