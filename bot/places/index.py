"""In-memory place-name index: exact, transliteration-tolerant and fuzzy search.

Pure and Telegram-independent. Build once from every name of every area (Arabic, Sorani,
Kurmanji, English, aliases), then query many times; an index is immutable after ``build``.

Matching tiers (best first; one result per area, its best name wins):

====  ==========================================================  =========  =====
tier  what matched                                                score      exact
====  ==========================================================  =========  =====
0     ``fold`` keys equal                                         1.0        yes
1     equal without spaces, with or without articles              1.0        yes
2     equal ``latin_key`` / ``arabic_skeleton`` (transliteration) 1.0        yes
3     the query is a run of words of a longer name ("Debaga" in   0.70–0.84  no
      "Debaga 1"); generic words such as "camp" never count
4     Damerau-Levenshtein within ``edit_bound`` on the article-   ≤ 0.95     no
      stripped folded key (1 − 0.6·d/len), or else on the
      phonetic key (same, minus 0.1). Candidates come from a
      one-deletion-variant index (symmetric delete) and, for
      ``search`` of long names with two typos, a padded-trigram
      index; no query scans all names
5     same romanised consonant skeleton across scripts (Arabic    0.55–0.75  no
      query, Latin-only name or the reverse) — a weak signal
====  ==========================================================  =========  =====

Results are sorted by score, then tier, then shorter name, then the name indexed first
(so list an area's main names before its aliases).

Confidence rule (``is_confident``), used downstream to decide between acting on the top
match and offering the top few as buttons: the top match is exact and no *other* area
matched exactly (the same village name in two districts is ambiguous), or the top score is
at least ``CONFIDENT_SCORE`` (0.85) and ahead of the second by at least ``CONFIDENT_MARGIN``
(0.08). A wrong "safe" is the worst error this bot can make, so ambiguity means asking.
"""

from __future__ import annotations

import functools
import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from bot.places.distance import edit_bound, osa_distance
from bot.text.fold import (
    article_flags,
    consonant_skeleton,
    fold,
    is_arabic_script,
    word_phonetic_key,
    word_romanized_key,
    word_strip_article,
)

__all__ = [
    "CONFIDENT_MARGIN",
    "CONFIDENT_SCORE",
    "PlaceIndex",
    "PlaceMatch",
    "PlaceName",
    "PlaceSpan",
    "is_confident",
]

CONFIDENT_SCORE = 0.85
CONFIDENT_MARGIN = 0.08

_MAX_QUERY_CHARS = 200
_MAX_QUERY_WORDS = 8
_MAX_TEXT_CHARS = 300
_MAX_TEXT_WORDS = 40
_MAX_SPAN = 4
_MAX_FUZZY_SPANS = 8
_MAX_CROSS_CANDIDATES = 24
_MIN_FUZZY_KEY = 3
_MIN_TWO_TYPO_KEY = 7
_MAX_TRIGRAM_CANDIDATES = 32
_MIN_FUZZY_IN_TEXT = 5
_MIN_PHONETIC_EXACT = 3
_MAX_FUZZY_KEY = 24
_MIN_CROSS_SKELETON = 3
_PHONETIC_ONLY_PENALTY = 0.1

_T_FOLD, _T_COMPACT, _T_PHON, _T_PARTIAL, _T_FUZZY, _T_CROSS = range(6)

_AR_PROCLITICS = ("وال", "بال", "فال", "كال")


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One name of an area (``kind`` e.g. ``name_ar``, ``name_en``, ``name_ckb``, ``alias``)."""

    area_id: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A matched area: ``matched`` is the original text of the name that matched best."""

    area_id: int
    score: float
    matched: str
    exact: bool


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place found in a text: words ``start:end`` (folded-word positions) matched."""

    match: PlaceMatch
    start: int
    end: int


def is_confident(matches: Sequence[PlaceMatch]) -> bool:
    """True if the bot may act on ``matches[0]`` without asking (see module docstring)."""
    if not matches:
        return False
    top = matches[0]
    rest = matches[1:]
    if top.exact:
        return not any(m.exact for m in rest)
    if top.score < CONFIDENT_SCORE:
        return False
    return not rest or top.score - rest[0].score >= CONFIDENT_MARGIN - 1e-9


# ------------------------------------------------------------------------------------------
# Key helpers shared by names and queries


def _canon_clitic(word: str) -> str:
    """وال/بال/فال/كال + name → ال + name; لل + name → ال + name (query side only)."""
    if len(word) > 4 and word.startswith(_AR_PROCLITICS):
        return word[1:]
    if len(word) > 3 and word.startswith("لل"):
        return "ا" + word[1:]
    return word


def _deletions(key: str) -> set[str]:
    """*key* and every string obtained by deleting one character of it."""
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


@dataclass(frozen=True, slots=True)
class _DeletionIndex:
    """Distinct keys, their entries, and one-deletion variant → distinct key ids.

    To keep memory down, a variant maps to a key id ``>= 0`` when it belongs to one key,
    or to ``~i`` (negative) where ``overflow[i]`` lists the key ids.
    """

    keys: tuple[str, ...]
    entries: tuple[tuple[int, ...], ...]
    variants: dict[str, int]
    overflow: tuple[tuple[int, ...], ...]

    @classmethod
    def build(cls, keyed: Iterable[tuple[str, int]]) -> _DeletionIndex:
        """Index (key, entry) pairs."""
        ids: dict[str, int] = {}
        entries: list[list[int]] = []
        for key, e in keyed:
            if _MIN_FUZZY_KEY <= len(key) <= _MAX_FUZZY_KEY:
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
class _TrigramIndex:
    """Padded trigrams of long keys → key ids, bucketed by key length (two-typo fallback)."""

    postings: dict[str, tuple[int, ...]]

    @classmethod
    def build(cls, keys: Sequence[str], min_length: int) -> _TrigramIndex:
        post: dict[str, list[int]] = {}
        for u, key in enumerate(keys):
            if len(key) >= min_length:
                suffix = chr(len(key))
                for g in _grams(key):
                    post.setdefault(g + suffix, []).append(u)
        return cls(_freeze(post))

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


def _grams(key: str) -> set[str]:
    padded = f"^^{key}$$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _fuzzy_score(distance: int, len_a: int, len_b: int) -> float:
    return min(0.95, 1.0 - 0.6 * distance / max(len_a, len_b, 1))


@functools.lru_cache(maxsize=64)
def _folded_set(words: AbstractSet[str]) -> frozenset[str]:
    out: set[str] = set()
    for w in words:
        out.update(fold(w).split())
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class _Keys:
    fold: str
    compact: str
    phon: str
    rom: str
    arabic: bool


class _Words:
    """Per-word keys of a folded word sequence; span keys are cheap joins."""

    __slots__ = ("art", "ph", "rm", "sw", "words")

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)
        self.art = article_flags(self.words)
        self.sw = [word_strip_article(w) for w in self.words]
        self.ph = [word_phonetic_key(w) for w in self.words]
        self.rm = [word_romanized_key(w) for w in self.words]

    def keys(self, i: int, j: int) -> _Keys:
        last = j - 1
        idx = [k for k in range(i, j) if k == last or not self.art[k]]
        fold_key = " ".join(self.words[i:j])
        return _Keys(
            fold=fold_key,
            compact="".join(self.sw[k] for k in idx),
            phon="".join(self.ph[k] for k in idx),
            rom="".join(self.rm[k] for k in idx),
            arabic=is_arabic_script(fold_key),
        )


def _freeze(d: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
    return {key: tuple(v) for key, v in d.items()}


class _Builder:
    """Accumulates the tables of a ``PlaceIndex``."""

    def __init__(self, generic: frozenset[str]) -> None:
        self.generic = generic
        self.texts: list[str] = []
        self.areas: list[int] = []
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
        w = _Words(words)
        k = w.keys(0, len(words))
        self.texts.append(entry.text)
        self.areas.append(entry.area_id)
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
        xs = consonant_skeleton(k.rom)
        if len(xs) >= _MIN_CROSS_SKELETON:
            (self.xs_arabic if k.arabic else self.xs_latin).setdefault(xs, []).append(e)
        self._add_runs(w, k.phon, e)

    def _add_runs(self, w: _Words, full_phon: str, e: int) -> None:
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


# A hit: (score, -tier, -name_length, -entry); larger is better (ties: the name indexed first).
_Hit = tuple[float, int, int, int]


class PlaceIndex:
    """Immutable index of place names; build with ``PlaceIndex.build``."""

    __slots__ = (
        "_area",
        "_by_compact",
        "_by_fold",
        "_by_phon",
        "_by_run",
        "_cdel",
        "_ctri",
        "_generic",
        "_pdel",
        "_phon",
        "_rom",
        "_text",
        "_xs_arabic",
        "_xs_latin",
    )

    _text: tuple[str, ...]
    _area: tuple[int, ...]
    _phon: tuple[str, ...]
    _rom: tuple[str, ...]
    _by_fold: dict[str, tuple[int, ...]]
    _by_compact: dict[str, tuple[int, ...]]
    _by_phon: dict[str, tuple[int, ...]]
    _by_run: dict[str, tuple[int, ...]]
    _xs_latin: dict[str, tuple[int, ...]]
    _xs_arabic: dict[str, tuple[int, ...]]
    _pdel: _DeletionIndex
    _cdel: _DeletionIndex
    _ctri: _TrigramIndex
    _generic: frozenset[str]

    def __init__(self) -> None:
        raise TypeError("use PlaceIndex.build(entries)")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"PlaceIndex is immutable (cannot set {name!r})")

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def build(
        cls, entries: Iterable[PlaceName], *, generic_words: Iterable[str] = ()
    ) -> PlaceIndex:
        """Index every name. *generic_words* ("camp", "مخيم", "markaz", "village"…) never
        count as a partial match on their own and are ignored in queries when the rest of
        the query matches something."""
        self = object.__new__(cls)

        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        generic = frozenset(w for g in generic_words for w in fold(g).split())
        b = _Builder(generic)
        for entry in entries:
            b.add(entry)
        put("_text", tuple(b.texts))
        put("_area", tuple(b.areas))
        put("_phon", tuple(b.phons))
        put("_rom", tuple(b.roms))
        put("_by_fold", _freeze(b.by_fold))
        put("_by_compact", _freeze(b.by_compact))
        put("_by_phon", _freeze(b.by_phon))
        put("_by_run", _freeze(b.by_run))
        put("_xs_latin", _freeze(b.xs_latin))
        put("_xs_arabic", _freeze(b.xs_arabic))
        # Deletion neighbourhoods of the distinct phonetic and compact keys (symmetric-delete
        # candidate generation: two strings within one edit share a one-deletion variant).
        put("_pdel", _DeletionIndex.build((p, e) for e, p in enumerate(b.phons)))
        cdel = _DeletionIndex.build(b.fuzzy_compacts)
        put("_cdel", cdel)
        # Two typos in a long name rarely share a one-deletion variant: explicit searches
        # fall back to trigram candidates for those.
        put("_ctri", _TrigramIndex.build(cdel.keys, _MIN_TWO_TYPO_KEY - 2))
        put("_generic", generic)
        return self

    def __len__(self) -> int:
        return len(self._text)

    # -- queries --------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 5) -> list[PlaceMatch]:
        """Best areas for a place-name *query* (any script, typos, transliterations)."""
        words = fold(query[:_MAX_QUERY_CHARS]).split()[:_MAX_QUERY_WORDS]
        if not words or limit <= 0:
            return []
        hits: dict[int, _Hit] = {}
        self._match(_Words(words).keys(0, len(words)), hits, fuzzy=True, deep=True)
        variants: list[list[str]] = []
        canon = [_canon_clitic(words[0]), *words[1:]]
        if canon[0] != words[0]:
            variants.append(canon)  # "بالموصل" → "الموصل"
        rest = [w for w in words if w not in self._generic]
        if rest and len(rest) < len(words):
            variants.append(rest)  # "Debaga camp" → "Debaga"
        for variant in variants:
            self._match(_Words(variant).keys(0, len(variant)), hits, fuzzy=True, deep=True)
        first = words[0]
        if len(first) > 4 and first.startswith(("al", "el")) and not is_arabic_script(first):
            glued = [first[2:], *words[1:]]  # "alqayara" typed without a separator
            self._match(_Words(glued).keys(0, len(glued)), hits, fuzzy=False)
        return self._ranked(hits, limit)

    def find_in_text(
        self,
        text: str,
        *,
        limit: int = 5,
        stop_words: AbstractSet[str] = frozenset(),
        min_score: float = 0.75,
    ) -> list[PlaceMatch]:
        """Places mentioned inside a sentence ("هل رجعوا أهل العوسجة", "is Qayara safe").

        Word n-grams of 1–4 words are tried, longest exact matches first; a word used by an
        exact match is not reused. Words in *stop_words* (any spelling; folded here) never
        match on their own and never start or end a fuzzy n-gram. Only the first ~300
        characters / 40 words are examined.
        """
        words = fold(text[:_MAX_TEXT_CHARS]).split()[:_MAX_TEXT_WORDS]
        stops = _folded_set(frozenset(stop_words)) if stop_words else frozenset()
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
    ) -> list[PlaceMatch]:
        """``find_in_text`` on already-folded *words*; ``blocked[i]`` marks stop/keyword words."""
        spans = self.locate_in_words(words, blocked, limit=limit, min_score=min_score)
        return [span.match for span in spans]

    def locate_in_words(
        self,
        words: Sequence[str],
        blocked: Sequence[bool],
        *,
        limit: int = 5,
        min_score: float = 0.75,
    ) -> list[PlaceSpan]:
        """Like ``find_in_words`` but also says which words (``start:end``) matched."""
        n = min(len(words), len(blocked), _MAX_TEXT_WORDS)
        if n == 0 or limit <= 0:
            return []
        raw = _Words(words[:n])
        canon = [_canon_clitic(w) for w in words[:n]]
        ws = _Words(canon) if canon != raw.words else raw
        consumed = [False] * n
        best: dict[int, tuple[tuple[int, int, float, int, int], PlaceSpan]] = {}

        def record(hits: dict[int, _Hit], i: int, j: int) -> None:
            for area, (score, neg_tier, neg_len, neg_e) in hits.items():
                if score < min_score:
                    continue
                exact = -neg_tier <= _T_PHON
                rank = (int(exact), j - i, score, neg_tier, neg_len)
                old = best.get(area)
                if old is None or rank > old[0]:
                    match = PlaceMatch(area, round(score, 3), self._text[-neg_e], exact)
                    best[area] = (rank, PlaceSpan(match, i, j))

        # Exact pass: longest spans first; words of an exact match are consumed. A span that
        # starts or ends with a stop/keyword word must match a name's spelling ("حمام العليل",
        # "الحاج علي" although "على" folds to "علي"), not only its lossy phonetic key, so
        # "a new" never meets "Ana".
        for size in range(min(_MAX_SPAN, n), 0, -1):
            for i in range(n - size + 1):
                j = i + size
                if any(consumed[i:j]) or all(blocked[i:j]):
                    continue
                phonetic = not (blocked[i] or blocked[j - 1])
                hits: dict[int, _Hit] = {}
                self._match(raw.keys(i, j), hits, fuzzy=False, phonetic=phonetic)
                if not hits and ws is not raw:
                    self._match(ws.keys(i, j), hits, fuzzy=False, phonetic=phonetic)
                if hits:
                    record(hits, i, j)
                    for k in range(i, j):
                        consumed[k] = True
        # Fuzzy pass on the remaining content words (two- then one-word spans).
        budget = _MAX_FUZZY_SPANS
        for size in (2, 1):
            for i in range(n - size + 1):
                j = i + size
                if budget <= 0:
                    break
                if any(consumed[i:j]) or any(blocked[i:j]):
                    continue
                keys = ws.keys(i, j)
                if len(keys.compact) < _MIN_FUZZY_IN_TEXT:
                    continue  # a short word in a sentence is too weak a clue
                budget -= 1
                hits = {}
                self._match(keys, hits, fuzzy=True)
                record(hits, i, j)
        ranked = sorted(best.values(), key=lambda item: item[0], reverse=True)
        return [span for _, span in ranked[:limit]]

    # -- internals ------------------------------------------------------------------------

    def _add(self, hits: dict[int, _Hit], e: int, score: float, tier: int) -> None:
        area = self._area[e]
        hit = (score, -tier, -len(self._text[e]), -e)
        old = hits.get(area)
        if old is None or hit > old:
            hits[area] = hit

    def _match(
        self,
        k: _Keys,
        hits: dict[int, _Hit],
        *,
        fuzzy: bool,
        phonetic: bool = True,
        deep: bool = False,
    ) -> None:
        for e in self._by_fold.get(k.fold, ()):
            self._add(hits, e, 1.0, _T_FOLD)
        for e in self._by_compact.get(k.compact, ()):
            self._add(hits, e, 1.0, _T_COMPACT)
        if phonetic and len(k.phon) >= _MIN_PHONETIC_EXACT:
            for e in self._by_phon.get(k.phon, ()):
                self._add(hits, e, 1.0, _T_PHON)
        if not fuzzy:
            return
        qlen = len(k.phon)
        for e in self._by_run.get(k.phon, ()):
            ratio = qlen / max(len(self._phon[e]), 1)
            self._add(hits, e, 0.70 + 0.14 * min(ratio, 1.0), _T_PARTIAL)
        self._fuzzy(k, hits, deep=deep)
        self._cross(k, hits)

    def _fuzzy(self, k: _Keys, hits: dict[int, _Hit], *, deep: bool) -> None:
        """Names within ``edit_bound`` of the query, on the compact or the phonetic key.

        Candidates share a one-deletion variant with the query (symmetric delete), which
        finds every key within one edit and some within two; with *deep*, a long query that
        found nothing closer than that also gets trigram candidates (two typos). Each
        candidate is verified with the bounded Damerau-Levenshtein distance.
        """
        phon, compact = k.phon, k.compact
        n, nc = len(phon), len(compact)
        bound_p, bound_c = edit_bound(n), edit_bound(nc)
        scores: dict[int, float] = {}
        if bound_c and nc <= _MAX_FUZZY_KEY:
            cdel = self._cdel
            cands = cdel.candidates(compact)
            best = bound_c + 1
            for u in cands:
                other = cdel.keys[u]
                d = osa_distance(compact, other, bound_c)
                if 0 < d <= bound_c:
                    best = min(best, d)
                    score = _fuzzy_score(d, nc, len(other))
                    for e in cdel.entries[u]:
                        scores[e] = score
            if deep and bound_c >= 2 and best > 1 and not hits:
                for u in self._ctri.candidates(compact, bound_c, _MAX_TRIGRAM_CANDIDATES):
                    if u in cands:
                        continue
                    other = cdel.keys[u]
                    d = osa_distance(compact, other, bound_c)
                    if 0 < d <= bound_c:
                        score = _fuzzy_score(d, nc, len(other))
                        for e in cdel.entries[u]:
                            scores[e] = score
        if bound_p and n <= _MAX_FUZZY_KEY:
            pdel = self._pdel
            for u in pdel.candidates(phon):
                other = pdel.keys[u]
                d = osa_distance(phon, other, bound_p)
                if 0 < d <= bound_p:
                    # The phonetic key is lossy: a match on it alone is worth less than a
                    # match on the spelling itself.
                    score = _fuzzy_score(d, n, len(other)) - _PHONETIC_ONLY_PENALTY
                    for e in pdel.entries[u]:
                        if score > scores.get(e, 0.0):
                            scores[e] = score
        for e, score in scores.items():
            self._add(hits, e, score, _T_FUZZY)

    def _cross(self, k: _Keys, hits: dict[int, _Hit]) -> None:
        xs = consonant_skeleton(k.rom)
        if len(xs) < _MIN_CROSS_SKELETON:
            return
        table = self._xs_latin if k.arabic else self._xs_arabic
        cands = table.get(xs, ())
        for e in cands[:_MAX_CROSS_CANDIDATES]:
            other = self._rom[e]
            d = osa_distance(k.rom, other, 3)
            sim = max(0.0, 1.0 - d / max(len(k.rom), len(other), 1))
            self._add(hits, e, 0.55 + 0.2 * sim, _T_CROSS)

    def _ranked(self, hits: dict[int, _Hit], limit: int) -> list[PlaceMatch]:
        top = heapq.nlargest(limit, hits.items(), key=lambda item: item[1])
        return [
            PlaceMatch(area, round(score, 3), self._text[-neg_e], -neg_tier <= _T_PHON)
            for area, (score, neg_tier, _neg_len, neg_e) in top
        ]
