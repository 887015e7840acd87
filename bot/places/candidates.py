"""Candidate generation for fuzzy matching: which names are worth an edit distance.

Computing the edit distance from a query to every one of ~26,000 names would take tens of
milliseconds; these two indexes narrow the field to a handful first, so no query scans all
names. ``DeletionIndex`` (symmetric delete) finds every key within one edit of a query and
some within two: two strings within one edit share a one-deletion variant. ``TrigramIndex``
is the fallback for two typos in a long name, which rarely share such a variant. Both only
propose: the caller verifies each candidate with ``bot.places.distance.osa_distance``.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["MAX_FUZZY_KEY", "MIN_FUZZY_KEY", "DeletionIndex", "TrigramIndex", "freeze"]

MIN_FUZZY_KEY = 3
MAX_FUZZY_KEY = 24


def freeze(d: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
    """*d* with tuples for lists (the tables of a built index never change)."""
    return {key: tuple(v) for key, v in d.items()}


def _deletions(key: str) -> set[str]:
    """*key* and every string obtained by deleting one character of it."""
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


def _grams(key: str) -> set[str]:
    padded = f"^^{key}$$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True, slots=True)
class DeletionIndex:
    """Distinct keys, their entries, and one-deletion variant → distinct key ids.

    To keep memory down, a variant maps to a key id ``>= 0`` when it belongs to one key,
    or to ``~i`` (negative) where ``overflow[i]`` lists the key ids.
    """

    keys: tuple[str, ...]
    entries: tuple[tuple[int, ...], ...]
    variants: dict[str, int]
    overflow: tuple[tuple[int, ...], ...]

    @classmethod
    def build(cls, keyed: Iterable[tuple[str, int]]) -> DeletionIndex:
        """Index (key, entry) pairs; keys shorter than ``MIN_FUZZY_KEY`` or longer than
        ``MAX_FUZZY_KEY`` are left out."""
        ids: dict[str, int] = {}
        entries: list[list[int]] = []
        for key, e in keyed:
            if MIN_FUZZY_KEY <= len(key) <= MAX_FUZZY_KEY:
                u = ids.setdefault(key, len(ids))
                if u == len(entries):
                    entries.append([])
                entries[u].append(e)
        variants: dict[str, int] = {}
        overflow: list[list[int]] = []
        for key, u in ids.items():
            for v in _deletions(key):
                old = variants.get(v)
                if old is None:
                    variants[v] = u
                elif old >= 0:
                    variants[v] = ~len(overflow)
                    overflow.append([old, u])
                else:
                    overflow[~old].append(u)
        return cls(
            tuple(ids),
            tuple(tuple(v) for v in entries),
            variants,
            tuple(tuple(v) for v in overflow),
        )

    def candidates(self, query: str) -> set[int]:
        """Ids of the keys sharing a one-deletion variant with *query*."""
        found: set[int] = set()
        get = self.variants.get
        for v in _deletions(query):
            u = get(v)
            if u is None:
                continue
            if u >= 0:
                found.add(u)
            else:
                found.update(self.overflow[~u])
        return found


@dataclass(frozen=True, slots=True)
class TrigramIndex:
    """Padded trigrams of long keys → key ids, bucketed by key length (two-typo fallback)."""

    postings: dict[str, tuple[int, ...]]

    @classmethod
    def build(cls, keys: Sequence[str], min_length: int) -> TrigramIndex:
        """Index the keys of at least *min_length* characters (``keys[u]`` has id ``u``)."""
        post: dict[str, list[int]] = {}
        for u, key in enumerate(keys):
            if len(key) >= min_length:
                suffix = chr(len(key))
                for g in _grams(key):
                    post.setdefault(g + suffix, []).append(u)
        return cls(freeze(post))

    def candidates(self, query: str, bound: int, limit: int) -> list[int]:
        """Ids of keys within ``bound`` in length sharing the most trigrams with *query*."""
        grams = _grams(query)
        counts: Counter[int] = Counter()
        n = len(query)
        for length in range(max(1, n - bound), n + bound + 1):
            suffix = chr(length)
            for g in grams:
                lst = self.postings.get(g + suffix)
                if lst is not None:
                    counts.update(lst)
        # An edit changes at most 3 trigrams, a transposition 4.
        need = max(3, len(grams) - 3 * bound - 1)
        found = [u for u, c in counts.items() if c >= need]
        if len(found) > limit:
            found = heapq.nlargest(limit, found, key=counts.__getitem__)
        return found
