"""The kinds and states of a distribution round, as camp staff publish them."""

from __future__ import annotations

__all__ = ["DISTRIBUTION_KINDS", "DISTRIBUTION_STATUSES", "NOT_HAPPENING"]

DISTRIBUTION_KINDS: tuple[str, ...] = ("food", "kerosene", "hygiene", "cash")
"""What a round gives out: each is named as what it is (a kerosene round is not "food")."""

DISTRIBUTION_STATUSES: tuple[str, ...] = ("planned", "postponed", "done", "cancelled")

NOT_HAPPENING: tuple[str, ...] = ("postponed", "cancelled")
"""A round that will not take place as planned: it needs a reason, and subscribers are told."""
