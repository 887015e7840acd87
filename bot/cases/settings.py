"""``[feedback]`` in the configuration (read and checked by :mod:`bot.config`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FeedbackSettings"]


@dataclass(frozen=True)
class FeedbackSettings:
    """Residents reaching a person (cases): how many days a case's words and photos are
    kept after its last activity, the answer time residents are told to expect (reminders
    use it too), and the Iraq Information Centre's hotline shown on every feedback screen
    (free, confidential; Arabic, Sorani, Badini and English)."""

    retention_days: int = 180
    answer_within_hours: int = 72
    hotline: str = "80069999"
