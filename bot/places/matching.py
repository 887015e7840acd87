"""Which names a set of keys matches, in which tier, and how well: the scoring rules.

Matching tiers (best first; one result per area, its best name wins):

====  ==========================================================  =========  =====
tier  what matched                                                score      exact
====  ==========================================================  =========  =====
0     ``fold`` keys equal                                         1.0        yes
1     equal without spaces, with or without articles              1.0        yes
2     equal ``latin_key`` / ``arabic_skeleton`` (transliteration) 1.0        yes
      and the same spelling but for what transliterations vary:
      within ``edit_bound``, with the same h, kh, t, th, d, dh
      (``bot.places.keys.hard_sounds``): Qayara / Qayyarah
3     equal ``latin_key`` / ``arabic_skeleton`` only: sounds      0.97       no
      alike, spelt apart (Logan / Lakan, Kharb / Harb, Fallujahx
      / Fallujah, whose "x" the phonetic key reads as "h")
4     the query is a run of words of a longer name ("Debaga" in   0.70–0.84  no
      "Debaga 1"); generic words such as "camp" never count
5     Damerau-Levenshtein within ``edit_bound`` on the article-   ≤ 0.95     no
      stripped folded key (1 − 0.6·d/len), or else on the
      phonetic key (same, minus 0.1). Candidates come from a
      one-deletion-variant index (symmetric delete) and, for
      ``search`` of long names with two typos, a padded-trigram
      index; no query scans all names
6     same romanised consonant skeleton across scripts (Arabic    0.55–0.75  no
      query, Latin-only name or the reverse) — a weak signal
====  ==========================================================  =========  =====

An operator acts only on an exact hit (``bot.places.matches.exact_place``), and another
area sounding alike (tier 3) keeps an exact one from being answered directly.

Results are sorted by score, then tier, then shorter name, then the name indexed first
(so list an area's main names before its aliases). A hit is ``sure`` (``PlaceMatch.sure``)
in tiers 0–2 and in tier 5 only on the spelling itself; tiers 3, 4 and 6 never are.
Hits accumulate per area in a dict the caller owns (``Hits``), so several variants of one
query can add to the same results.
"""

from __future__ import annotations

import heapq

from bot.places.candidates import MAX_FUZZY_KEY
from bot.places.distance import edit_bound, osa_distance
from bot.places.keys import Keys, hard_sounds
from bot.places.matches import SAME_SOUND_SCORE, PlaceMatch
from bot.places.tables import MIN_CROSS_SKELETON, Tables
from bot.text.fold import consonant_skeleton

__all__ = ["Hit", "Hits", "is_exact", "match", "ranked"]

# A hit: (score, -tier, -name_length, -entry, sure); larger is better (ties: the name indexed
# first; entries are unique, so ``sure`` never decides an order).
Hit = tuple[float, int, int, int, bool]
Hits = dict[int, Hit]

_T_FOLD, _T_COMPACT, _T_PHON, _T_SOUND, _T_PARTIAL, _T_FUZZY, _T_CROSS = range(7)

_MAX_CROSS_CANDIDATES = 24
_MAX_TRIGRAM_CANDIDATES = 32
_MIN_PHONETIC_EXACT = 3
_PHONETIC_ONLY_PENALTY = 0.1


def is_exact(neg_tier: int) -> bool:
    """True for the tiers of equal keys and close spellings (0–2), given a hit's ``-tier``."""
    return -neg_tier <= _T_PHON


def match(
    t: Tables,
    k: Keys,
    hits: Hits,
    *,
    fuzzy: bool,
    phonetic: bool = True,
    compact: bool = True,
    deep: bool = False,
) -> None:
    """Add to *hits* every area one of whose names *k* matches (exact tiers; with *fuzzy*
    all tiers; *phonetic* False skips the lossy phonetic key; *compact* False leaves only
    the folded spelling itself; *deep*: see ``_fuzzy``)."""
    for e in t.by_fold.get(k.fold, ()):
        _add(t, hits, e, 1.0, _T_FOLD)
    if not compact:
        return
    for e in t.by_compact.get(k.compact, ()):
        _add(t, hits, e, 1.0, _T_COMPACT)
    if phonetic and len(k.phon) >= _MIN_PHONETIC_EXACT:
        for e in t.by_phon.get(k.phon, ()):
            other = t.compact[e]
            bound = edit_bound(max(len(k.compact), len(other)))
            if osa_distance(k.compact, other, bound) <= bound and (
                hard_sounds(k.compact) == hard_sounds(other)
            ):
                _add(t, hits, e, 1.0, _T_PHON)
            else:
                _add(t, hits, e, SAME_SOUND_SCORE, _T_SOUND, sure=False)
    if not fuzzy:
        return
    qlen = len(k.phon)
    for e in t.by_run.get(k.phon, ()):
        ratio = qlen / max(len(t.phon[e]), 1)
        _add(t, hits, e, 0.70 + 0.14 * min(ratio, 1.0), _T_PARTIAL, sure=False)
    _fuzzy(t, k, hits, deep=deep)
    _cross(t, k, hits)


def ranked(t: Tables, hits: Hits, limit: int) -> list[PlaceMatch]:
    """The best *limit* areas of *hits*, best first."""
    top = heapq.nlargest(limit, hits.items(), key=lambda item: item[1])
    return [
        PlaceMatch(area, round(score, 3), t.text[-neg_e], is_exact(neg_tier), sure)
        for area, (score, neg_tier, _neg_len, neg_e, sure) in top
    ]


def _add(t: Tables, hits: Hits, e: int, score: float, tier: int, *, sure: bool = True) -> None:
    area = t.area[e]
    hit = (score, -tier, -len(t.text[e]), -e, sure)
    old = hits.get(area)
    if old is None or hit > old:
        hits[area] = hit


def _fuzzy_score(distance: int, len_a: int, len_b: int) -> float:
    return min(0.95, 1.0 - 0.6 * distance / max(len_a, len_b, 1))


def _fuzzy(t: Tables, k: Keys, hits: Hits, *, deep: bool) -> None:
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
    spelt: set[int] = set()  # entries within the bound on the spelling itself
    if bound_c and nc <= MAX_FUZZY_KEY:
        cdel = t.cdel
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
                    spelt.add(e)
        if deep and bound_c >= 2 and best > 1 and not hits:
            for u in t.ctri.candidates(compact, bound_c, _MAX_TRIGRAM_CANDIDATES):
                if u in cands:
                    continue
                other = cdel.keys[u]
                d = osa_distance(compact, other, bound_c)
                if 0 < d <= bound_c:
                    score = _fuzzy_score(d, nc, len(other))
                    for e in cdel.entries[u]:
                        scores[e] = score
                        spelt.add(e)
    if bound_p and n <= MAX_FUZZY_KEY:
        pdel = t.pdel
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
                        spelt.discard(e)
    for e, score in scores.items():
        _add(t, hits, e, score, _T_FUZZY, sure=e in spelt)


def _cross(t: Tables, k: Keys, hits: Hits) -> None:
    """Names in the other script with the query's romanised consonant skeleton (tier 5)."""
    xs = consonant_skeleton(k.rom)
    if len(xs) < MIN_CROSS_SKELETON:
        return
    table = t.xs_latin if k.arabic else t.xs_arabic
    cands = table.get(xs, ())
    for e in cands[:_MAX_CROSS_CANDIDATES]:
        other = t.rom[e]
        d = osa_distance(k.rom, other, 3)
        sim = max(0.0, 1.0 - d / max(len(k.rom), len(other), 1))
        _add(t, hits, e, 0.55 + 0.2 * sim, _T_CROSS, sure=False)
