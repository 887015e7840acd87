"""What every screen about reaching a person shows beside it, and how long an answer takes.

Daleel is not an emergency service. Iraq's unified emergency number is 911 (Ministry of
Interior, launched across every governorate in January 2025; police 104 and ambulance
122 still answer): 112 is Europe's, not Iraq's. The Iraq Information Centre hotline is
configured (``[feedback] hotline``) since it is an external service that may change.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["EMERGENCY_NUMBER", "Wait", "usual_wait"]

EMERGENCY_NUMBER = "911"

Wait = tuple[Literal["hours", "days"], int]


def usual_wait(hours: int) -> Wait:
    """``answer_within_hours`` as residents hear it: whole days from two days up (rounded
    up, never promising sooner than staff answer), hours below."""
    if hours < 48:
        return "hours", hours
    return "days", -(-hours // 24)
