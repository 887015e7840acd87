"""Bounded Damerau-Levenshtein (optimal string alignment) distance."""

from __future__ import annotations

__all__ = ["edit_bound", "osa_distance"]


def edit_bound(length: int) -> int:
    """Edits tolerated for a key of *length* characters: 0 below 4, 1 for 4–6, 2 for 7+."""
    if length < 4:
        return 0
    return 1 if length <= 6 else 2


def osa_distance(a: str, b: str, bound: int) -> int:
    """Optimal-string-alignment distance of *a* and *b*, or ``bound + 1`` if it exceeds *bound*.

    Insertions, deletions, substitutions and transpositions of adjacent characters cost 1.
    Only a diagonal band of width ``2 * bound + 1`` is computed, after trimming the common
    prefix and suffix, so it is cheap for short keys and small bounds.
    """
    if a == b:
        return 0
    la, lb = len(a), len(b)
    over = bound + 1
    if abs(la - lb) > bound:
        return over
    # Trim common prefix and suffix.
    start = 0
    shortest = min(la, lb)
    while start < shortest and a[start] == b[start]:
        start += 1
    end_a, end_b = la, lb
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a = a[start:end_a]
    b = b[start:end_b]
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        d = la or lb
        return d if d <= bound else over
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [over] * (lb + 1)
        cur[0] = i
        lo = max(1, i - bound)
        hi = min(lb, i + bound)
        ca = a[i - 1]
        row_min = i if lo == 1 else over
        for j in range(lo, hi + 1):
            cb = b[j - 1]
            v = prev[j - 1] + (ca != cb)
            # Conditional expressions rather than min(): this is the hot loop.
            t = prev[j] + 1
            v = t if t < v else v
            t = cur[j - 1] + 1
            v = t if t < v else v
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                t = prev2[j - 2] + 1
                v = t if t < v else v
            cur[j] = v
            row_min = v if v < row_min else row_min
        if row_min > bound:
            return over
        prev2, prev = prev, cur
    d = prev[lb]
    return d if d <= bound else over
