"""The lookup tables of a place index, built once from every name and never changed.

Each table answers one kind of question in a dictionary lookup, so a query never scans the
names: equal folded spelling, equal compact or phonetic key, a run of words of a longer
name, the same consonant skeleton in the other script, and the candidate indexes of fuzzy
matching (``bot.places.candidates``). Entries are numbered in the order the names were
given; an entry's number indexes ``text``, ``area``, ``phon`` and ``rom``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.places.candidates import DeletionIndex, TrigramIndex, freeze
from bot.places.keys import Words
from bot.places.matches import PlaceName
from bot.text.fold import consonant_skeleton, fold

__all__ = ["MIN_CROSS_SKELETON", "Tables"]

MIN_CROSS_SKELETON = 3
_MIN_TWO_TYPO_KEY = 7


@dataclass(frozen=True, slots=True)
class Tables:
    """Every table of an index; ``generic`` holds the folded generic words ("camp")."""

    text: tuple[str, ...]
    area: tuple[int, ...]
    compact: tuple[str, ...]
    phon: tuple[str, ...]
    rom: tuple[str, ...]
    by_fold: dict[str, tuple[int, ...]]
    by_compact: dict[str, tuple[int, ...]]
    by_phon: dict[str, tuple[int, ...]]
    by_run: dict[str, tuple[int, ...]]
    xs_latin: dict[str, tuple[int, ...]]
    xs_arabic: dict[str, tuple[int, ...]]
    pdel: DeletionIndex
    cdel: DeletionIndex
    ctri: TrigramIndex
    generic: frozenset[str]
    max_words: int  # words of the longest name

    @classmethod
    def build(cls, entries: Iterable[PlaceName], generic: frozenset[str]) -> Tables:
        """Index every name of *entries*; names that fold to nothing are left out."""
        b = _Builder(generic)
        for entry in entries:
            b.add(entry)
        # Deletion neighbourhoods of the distinct phonetic and compact keys (symmetric-delete
        # candidate generation: two strings within one edit share a one-deletion variant).
        cdel = DeletionIndex.build(b.fuzzy_compacts)
        return cls(
            text=tuple(b.texts),
            area=tuple(b.areas),
            compact=tuple(b.compacts),
            phon=tuple(b.phons),
            rom=tuple(b.roms),
            by_fold=freeze(b.by_fold),
            by_compact=freeze(b.by_compact),
            by_phon=freeze(b.by_phon),
            by_run=freeze(b.by_run),
            xs_latin=freeze(b.xs_latin),
            xs_arabic=freeze(b.xs_arabic),
            pdel=DeletionIndex.build((p, e) for e, p in enumerate(b.phons)),
            cdel=cdel,
            # Two typos in a long name rarely share a one-deletion variant: explicit
            # searches fall back to trigram candidates for those.
            ctri=TrigramIndex.build(cdel.keys, _MIN_TWO_TYPO_KEY - 2),
            generic=generic,
            max_words=b.max_words,
        )


class _Builder:
    """Accumulates the tables while the names are read."""

    def __init__(self, generic: frozenset[str]) -> None:
        self.generic = generic
        self.texts: list[str] = []
        self.areas: list[int] = []
        self.compacts: list[str] = []
        self.max_words = 0
        self.phons: list[str] = []
        self.roms: list[str] = []
        self.by_fold: dict[str, list[int]] = {}
        self.by_compact: dict[str, list[int]] = {}
        self.by_phon: dict[str, list[int]] = {}
        self.by_run: dict[str, list[int]] = {}
        self.fuzzy_compacts: list[tuple[str, int]] = []
        self.xs_latin: dict[str, list[int]] = {}
        self.xs_arabic: dict[str, list[int]] = {}

    def add(self, entry: PlaceName) -> None:
        words = fold(entry.text).split()
        if not words:
            return
        e = len(self.texts)
        w = Words(words)
        k = w.keys(0, len(words))
        self.texts.append(entry.text)
        self.areas.append(entry.area_id)
        self.compacts.append(k.compact)
        self.max_words = max(self.max_words, len(words))
        self.phons.append(k.phon)
        self.roms.append(k.rom)
        self.by_fold.setdefault(k.fold, []).append(e)
        self.by_compact.setdefault(k.compact, []).append(e)
        self.fuzzy_compacts.append((k.compact, e))
        # With its articles but without spaces: "Al-Qayarra" is also "alqayarra", so glued
        # articles and typos inside the article ("Adl-Wanas", "اجلاخا") still meet.
        nospace = k.fold.replace(" ", "")
        if nospace != k.compact:
            self.by_compact.setdefault(nospace, []).append(e)
            self.fuzzy_compacts.append((nospace, e))
        self.by_phon.setdefault(k.phon, []).append(e)
        self._add_without_generic(words, e)
        xs = consonant_skeleton(k.rom)
        if len(xs) >= MIN_CROSS_SKELETON:
            (self.xs_arabic if k.arabic else self.xs_latin).setdefault(xs, []).append(e)
        self._add_runs(w, k.phon, e)

    def _add_without_generic(self, words: list[str], e: int) -> None:
        """"Qaryat Awsajah Sharqi" / "قرية الدور" are also found as "Awsajah Sharqi" /
        "الدور": people drop the word for "village". (Only leading generic words, and only
        when a real name of three letters or more remains.)"""
        cut = 0
        while cut < len(words) and words[cut] in self.generic:
            cut += 1
        rest = words[cut:]
        if not cut or not rest:
            return
        w = Words(rest)
        if not any(not w.art[i] and len(w.sw[i]) >= 3 for i in range(len(rest))):
            return
        k = w.keys(0, len(rest))
        self.by_fold.setdefault(k.fold, []).append(e)
        self.by_compact.setdefault(k.compact, []).append(e)
        self.by_phon.setdefault(k.phon, []).append(e)

    def _add_runs(self, w: Words, full_phon: str, e: int) -> None:
        """Index runs of up to three words of a multi-word name (for partial matches)."""
        pos = [k for k in range(len(w.words)) if not w.art[k]]
        if len(pos) < 2:
            return
        seen: set[str] = set()
        for a in range(len(pos)):
            for b in range(a + 1, min(a + 3, len(pos)) + 1):
                if b - a == len(pos):
                    continue
                run = pos[a:b]
                if all(w.words[k] in self.generic or w.words[k].isdigit() for k in run):
                    continue
                key = "".join(w.ph[k] for k in run)
                if len(key) >= 3 and key != full_phon and key not in seen:
                    seen.add(key)
                    self.by_run.setdefault(key, []).append(e)
