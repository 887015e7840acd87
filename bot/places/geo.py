"""Distance on the ground between two points, for telling one village from a namesake.

Villages of the same name lie in many districts; two records of one name are the same
village only when their points are close (about 2 km: GeoNames points are good to a few
hundred metres). Used by the village derivation and by the importer of partner lists.
"""

from __future__ import annotations

import math

__all__ = ["SAME_PLACE_KM", "km_between"]

SAME_PLACE_KM = 2.0
"""Two records with the same folded name this close (or closer) are one place."""

_EARTH_KM = 6371.0088


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine; WGS84 degrees in)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
