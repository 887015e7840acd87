"""The states of a food distribution round, as camp staff publish them."""

from __future__ import annotations

__all__ = ["DISTRIBUTION_STATUSES", "NOT_HAPPENING"]

DISTRIBUTION_STATUSES: tuple[str, ...] = ("planned", "postponed", "done", "cancelled")

NOT_HAPPENING: tuple[str, ...] = ("postponed", "cancelled")
"""A round that will not take place as planned: it needs a reason, and subscribers are told."""
