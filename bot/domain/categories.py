"""The categories of camp services, as the humanitarian clusters name them.

The one list: service files are checked against it, the lexicons give keywords for each,
and residents are shown the categories in this order.
"""

from __future__ import annotations

__all__ = ["CATEGORIES"]

CATEGORIES: tuple[str, ...] = (
    "health",
    "water_sanitation",
    "food",
    "shelter_items",
    "registration_documents",
    "legal_protection",
    "education",
    "psychosocial",
    "other",
)
