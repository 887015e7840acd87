"""In-memory place-name index: exact, transliteration-tolerant and fuzzy search.

Pure and Telegram-independent. Build once from every name of every area (Arabic, Sorani,
Kurmanji, English, aliases), then query many times; an index is immutable after ``build``.

This module is the face of place search: ``PlaceIndex`` reads a query or a sentence into
words and spans and asks the matcher about each; callers import the index and the types it
speaks (``PlaceName``, ``PlaceMatch``, ``PlaceSpan``, ``is_confident``, re-exported from
``bot.places.matches``) from here. Behind it, one module per job:

- ``bot.places.matches``: the result types and the confidence rule;
- ``bot.places.keys``: the keys a name or a query is compared by;
- ``bot.places.tables``: the lookup tables, built once from the names;
- ``bot.places.candidates``: the candidate indexes of fuzzy matching;
- ``bot.places.matching``: the matching tiers and their scores (the table of tiers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from bot.places.keys import Words, canon_clitic, folded_set
from bot.places.matches import (
    CONFIDENT_MARGIN,
    CONFIDENT_SCORE,
    PlaceMatch,
    PlaceName,
    PlaceSpan,
    is_confident,
)
from bot.places.matching import Hits, is_exact, match, ranked
from bot.places.tables import Tables
from bot.text.fold import fold, is_arabic_script

__all__ = [
    "CONFIDENT_MARGIN",
    "CONFIDENT_SCORE",
    "PlaceIndex",
    "PlaceMatch",
    "PlaceName",
    "PlaceSpan",
    "is_confident",
]

_MAX_QUERY_CHARS = 200
_MAX_QUERY_WORDS = 8
_MAX_TEXT_CHARS = 300
_MAX_TEXT_WORDS = 40
_MAX_SPAN = 12  # words; longer than any place name
_MAX_FUZZY_SPANS = 8
_MIN_FUZZY_IN_TEXT = 5


class PlaceIndex:
    """Immutable index of place names; build with ``PlaceIndex.build``."""

    __slots__ = ("_t",)

    _t: Tables

    def __init__(self) -> None:
        raise TypeError("use PlaceIndex.build(entries)")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"PlaceIndex is immutable (cannot set {name!r})")

    @classmethod
    def build(
        cls, entries: Iterable[PlaceName], *, generic_words: Iterable[str] = ()
    ) -> PlaceIndex:
        """Index every name. *generic_words* ("camp", "مخيم", "markaz", "village"…) never
        count as a partial match on their own and are ignored in queries when the rest of
        the query matches something."""
        self = object.__new__(cls)
        generic = frozenset(w for g in generic_words for w in fold(g).split())
        object.__setattr__(self, "_t", Tables.build(entries, generic))
        return self

    def __len__(self) -> int:
        return len(self._t.text)

    def search(self, query: str, *, limit: int = 5) -> list[PlaceMatch]:
        """Best areas for a place-name *query* (any script, typos, transliterations)."""
        words = fold(query[:_MAX_QUERY_CHARS]).split()[:_MAX_QUERY_WORDS]
        if not words or limit <= 0:
            return []
        t = self._t
        if all(w in t.generic for w in words):
            return []  # "village", "hay": no place at all
        hits: Hits = {}
        match(t, Words(words).keys(0, len(words)), hits, fuzzy=True, deep=True)
        variants: list[list[str]] = []
        canon = [canon_clitic(words[0]), *words[1:]]
        if canon[0] != words[0]:
            variants.append(canon)  # "بالموصل" → "الموصل"
        rest = [w for w in words if w not in t.generic]
        if rest and len(rest) < len(words):
            variants.append(rest)  # "Debaga camp" → "Debaga"
        for variant in variants:
            match(t, Words(variant).keys(0, len(variant)), hits, fuzzy=True, deep=True)
        first = words[0]
        if len(first) > 4 and first.startswith(("al", "el")) and not is_arabic_script(first):
            glued = [first[2:], *words[1:]]  # "alqayara" typed without a separator
            match(t, Words(glued).keys(0, len(glued)), hits, fuzzy=False)
        return ranked(t, hits, limit)

    def find_in_text(
        self,
        text: str,
        *,
        limit: int = 5,
        stop_words: AbstractSet[str] = frozenset(),
        min_score: float = 0.75,
    ) -> list[PlaceMatch]:
        """Places mentioned inside a sentence ("هل رجعوا أهل العوسجة", "is Qayara safe").

        Word n-grams as long as the longest name are tried, longest exact matches first; a
        word used by an exact match is not reused. Words in *stop_words* (any spelling;
        folded here) never match on their own and never start or end a fuzzy n-gram. Only
        the first ~300 characters / 40 words are examined.
        """
        words = fold(text[:_MAX_TEXT_CHARS]).split()[:_MAX_TEXT_WORDS]
        stops = folded_set(frozenset(stop_words)) if stop_words else frozenset()
        return self.find_in_words(
            words, [w in stops for w in words], limit=limit, min_score=min_score
        )

    def find_in_words(
        self,
        words: Sequence[str],
        blocked: Sequence[bool],
        *,
        limit: int = 5,
        min_score: float = 0.75,
        explained: Sequence[bool] | None = None,
    ) -> list[PlaceMatch]:
        """``find_in_text`` on already-folded *words*; ``blocked[i]`` marks stop/keyword words."""
        spans = self.locate_in_words(
            words, blocked, limit=limit, min_score=min_score, explained=explained
        )
        return [span.match for span in spans]

    def locate_in_words(
        self,
        words: Sequence[str],
        blocked: Sequence[bool],
        *,
        limit: int = 5,
        min_score: float = 0.75,
        explained: Sequence[bool] | None = None,
    ) -> list[PlaceSpan]:
        """Like ``find_in_words`` but also says which words (``start:end``) matched.

        ``explained[i]`` (default: ``blocked``) marks words that are surely not part of a
        place name: stop words, question words, generic place words, keywords as written.
        A blocked word that is not explained (a keyword only after cutting a suffix, "kari"
        from "kar") may still be part of a name: it may end a fuzzy span ("Kari Bassi"),
        and a name whose every word is blocked still matches when spelt exactly ("Kari
        Basi"). A match next to a word nothing explains is not ``sure``: the place typed
        may be a longer name the index does not have.
        """
        n = min(len(words), len(blocked), _MAX_TEXT_WORDS)
        if n == 0 or limit <= 0:
            return []
        known = list(explained[:n]) if explained is not None else list(blocked[:n])
        known += [True] * (n - len(known))
        t = self._t
        raw = Words(words[:n])
        canon = [canon_clitic(w) for w in words[:n]]
        ws = Words(canon) if canon != raw.words else raw
        consumed = [False] * n
        best: dict[int, tuple[tuple[int, int, float, int, int], PlaceSpan]] = {}

        def record(hits: Hits, i: int, j: int) -> None:
            for area, (score, neg_tier, neg_len, neg_e, sure) in hits.items():
                if score < min_score:
                    continue
                exact = is_exact(neg_tier)
                rank = (int(exact), j - i, score, neg_tier, neg_len)
                old = best.get(area)
                if old is None or rank > old[0]:
                    found = PlaceMatch(area, round(score, 3), t.text[-neg_e], exact, sure)
                    best[area] = (rank, PlaceSpan(found, i, j))

        # Exact pass: longest spans first (names of any length); words of an exact match
        # are consumed. A span that starts or ends with a stop/keyword word must match a
        # name's spelling ("حمام العليل", "الحاج علي" although "على" folds to "علي"), not
        # only its lossy phonetic key, so "a new" never meets "Ana"; a span of blocked
        # words only must match a name of several words exactly as spelt ("Kari Basi").
        for size in range(min(t.max_words, _MAX_SPAN, n), 0, -1):
            for i in range(n - size + 1):
                j = i + size
                if any(consumed[i:j]):
                    continue
                only_blocked = all(blocked[i:j])
                if only_blocked and (size == 1 or any(known[i:j])):
                    continue
                phonetic = not (blocked[i] or blocked[j - 1])
                hits: Hits = {}
                match(t, raw.keys(i, j), hits, fuzzy=False, phonetic=phonetic,
                      compact=not only_blocked)
                if not hits and ws is not raw:
                    match(t, ws.keys(i, j), hits, fuzzy=False, phonetic=phonetic,
                          compact=not only_blocked)
                if hits:
                    _add_without_leading_generic(t, ws, i, j, hits, phonetic=phonetic)
                    record(hits, i, j)
                    for k in range(i, j):
                        consumed[k] = True
        # Fuzzy pass on the remaining content words (two- then one-word spans); a blocked
        # word nothing explains may be one of two.
        budget = _MAX_FUZZY_SPANS
        for size in (2, 1):
            for i in range(n - size + 1):
                j = i + size
                if budget <= 0:
                    break
                if any(consumed[i:j]) or any(known[i:j]) or all(blocked[i:j]):
                    continue
                keys = ws.keys(i, j)
                if len(keys.compact) < _MIN_FUZZY_IN_TEXT:
                    continue  # a short word in a sentence is too weak a clue
                budget -= 1
                hits = {}
                match(t, keys, hits, fuzzy=True)
                record(hits, i, j)
        spans = sorted(best.values(), key=lambda item: item[0], reverse=True)
        explained_or_place = [k or c for k, c in zip(known, consumed, strict=True)]
        return [_unsure_if_loose(span, explained_or_place) for _, span in spans[:limit]]


def _add_without_leading_generic(
    t: Tables, ws: Words, i: int, j: int, hits: Hits, *, phonetic: bool
) -> None:
    """Add to *hits* the areas named by words ``i:j`` without their leading generic words.

    People drop the word for "village" (a name "قرية السعدية" is found as "السعدية"), so the
    generic word says nothing either way: "قرية السعدية" typed may be the village of that
    name or the village "السعدية", and both must be found for the bot to ask which.
    """
    k = i
    while k < j and ws.words[k] in t.generic:
        k += 1
    if i < k < j:
        match(t, ws.keys(k, j), hits, fuzzy=False, phonetic=phonetic)


def _unsure_if_loose(span: PlaceSpan, accounted: Sequence[bool]) -> PlaceSpan:
    """*span*, not ``sure`` if a word next to it is neither explained nor another place."""
    i, j = span.start, span.end
    loose = (i > 0 and not accounted[i - 1]) or (j < len(accounted) and not accounted[j])
    if loose and span.match.sure:
        return PlaceSpan(replace(span.match, sure=False), i, j)
    return span
