"""Candidate generation for fuzzy matching: which names are worth an edit distance.

Computing the edit distance from a query to every one of ~26,000 names would take tens of
milliseconds; these two indexes narrow the field to a handful first, so no query scans all
names. ``DeletionIndex`` (symmetric delete) finds every key within one edit of a query and
some within two: two strings within one edit share a one-deletion variant. ``TrigramIndex``
is the fallback for two typos in a long name, which rarely share such a variant. Both only
propose: the caller verifies each candidate with ``bot.places.distance.osa_distance``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["MAX_FUZZY_KEY", "MIN_FUZZY_KEY", "DeletionIndex", "TrigramIndex", "freeze"]

MIN_FUZZY_KEY = 3
MAX_FUZZY_KEY = 24
_ID_BYTES = 8  # what a key number costs in a tuple


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
    """Padded trigrams of long keys, as bit sets over the keys of each length (two typos).

    Keys of one length are numbered ``0..n-1`` (``members[length][i]`` is the key id) and
    ``bits[gram + chr(length)]`` has bit ``i`` set when that key has the gram (a rare gram
    keeps the numbers instead, smaller than a bit set of the whole length). A query adds
    the bit sets of its grams in a bit-sliced counter (one big integer per binary digit of
    the count), so counting the shared trigrams of every key costs a few dozen integer
    operations per length instead of a walk over long posting lists.
    """

    members: dict[int, tuple[int, ...]]
    bits: dict[str, int | tuple[int, ...]]

    @classmethod
    def build(cls, keys: Sequence[str], min_length: int) -> TrigramIndex:
        """Index the keys of at least *min_length* characters (``keys[u]`` has id ``u``)."""
        members: dict[int, list[int]] = {}
        where: dict[str, list[int]] = {}
        for u, key in enumerate(keys):
            if len(key) >= min_length:
                ids = members.setdefault(len(key), [])
                suffix = chr(len(key))
                for g in _grams(key):
                    where.setdefault(g + suffix, []).append(len(ids))
                ids.append(u)
        bits: dict[str, int | tuple[int, ...]] = {}
        for gram, locs in where.items():
            size = (len(members[ord(gram[-1])]) + 7) // 8
            if len(locs) * _ID_BYTES * 4 < size:
                bits[gram] = tuple(locs)  # a rare gram: its key numbers take less room
                continue
            raw = bytearray(size)
            for i in locs:
                raw[i >> 3] |= 1 << (i & 7)
            bits[gram] = int.from_bytes(raw, "little")
        return cls({n: tuple(ids) for n, ids in members.items()}, bits)

    def candidates(self, query: str, bound: int, limit: int) -> list[int]:
        """Ids of keys within ``bound`` in length sharing the most trigrams with *query*:
        every key sharing enough of them, or the *limit* sharing the most."""
        grams = _grams(query)
        n = len(query)
        # An edit changes at most 3 trigrams, a transposition 4.
        need = max(3, len(grams) - 3 * bound - 1)
        slices: list[tuple[tuple[int, ...], list[int]]] = []
        top = 0
        for length in range(max(1, n - bound), n + bound + 1):
            ids = self.members.get(length)
            if ids is not None:
                digits = _count(self.bits, grams, chr(length))
                slices.append((ids, digits))
                top = max(top, (1 << len(digits)) - 1)
        found: list[int] = []
        for at_least in range(min(top, len(grams)), need - 1, -1):
            for ids, digits in slices:
                mask = _exactly(digits, at_least, len(ids))
                while mask and len(found) < limit:
                    low = mask & -mask
                    found.append(ids[low.bit_length() - 1])
                    mask ^= low
            if len(found) >= limit:
                break
        return found


def _count(
    bits: dict[str, int | tuple[int, ...]], grams: set[str], suffix: str
) -> list[int]:
    """Bit-sliced count of *grams* per key: ``digits[j]`` holds binary digit ``j``."""
    digits: list[int] = []
    get = bits.get
    for g in grams:
        found = get(g + suffix)
        if not found:
            continue
        if isinstance(found, int):
            carry = found
        else:
            carry = 0
            for i in found:
                carry |= 1 << i
        for j, d in enumerate(digits):
            digits[j] = d ^ carry
            carry &= d
            if not carry:
                break
        if carry:
            digits.append(carry)
    return digits


def _exactly(digits: list[int], count: int, size: int) -> int:
    """The keys (bits) whose sliced count in *digits* equals *count*."""
    if count >> len(digits):
        return 0
    eq = (1 << size) - 1
    for j, d in enumerate(digits):
        eq &= d if count >> j & 1 else ~d
    return eq
