"""Free-text understanding: what a resident wants, about which place, in which language.

Pure and fast (well under a millisecond for a typical message); never raises. Keywords come
from the lexicon data files (``data/lexicon/*.toml``), not from this module.

How a message is read:

1. Only the first ~300 characters / 40 words are looked at. The text is cleaned and folded
   (``bot.text.fold``), so spelling variants, diacritics and keyboard differences meet.
2. Each word is matched against every keyword (phrases of several words too): exactly, after
   stripping an Arabic article/proclitic (``بالمستوصف``) or a suffix listed in the lexicon
   (``xwarinê``, ``نەخۆشخانەکە``, ``clinics``), or with one typo for words of 5+ letters.
   Longer phrases win over the words inside them.
3. Places are looked for in the words that are not keywords, stop words or generic place
   words (``PlaceIndex.locate_in_words``). Keywords inside an exactly matched place name
   ("حمام" in "حمام العليل") and typo-only keyword matches on a word that is nearly a place
   name ("خانكي" is Khanke, not "تانكي") are dropped.
4. Scores per intent: 1 per keyword (+0.5 per extra phrase word, ×0.8 if typo-matched).
   A service category keyword adds to ``services``. Food + a left-off cue or phrase ("list",
   "card", "stopped", "انقطعت", "ما استلمت") → ``left_off_list``. A place (exact, or score
   ≥ 0.85) + safety words → ``safety``; a place alone → ``safety`` with lower confidence
   (residents often type only their village); a place with another intent only adds
   ``safety`` as an alternative; with ``alerts`` words, ``safety`` is halved. ``help`` is
   damped (×0.3) and ``greeting`` dropped when anything more specific is present.
5. ``confidence = (1 − 0.3^s1) · s1 / (s1 + s2)`` for the best and second scores: one clear
   keyword ≈ 0.7, two ≈ 0.9, a place alone ≈ 0.6, two competing intents ≈ 0.35.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.categories import CATEGORIES
from bot.places.distance import osa_distance
from bot.places.index import PlaceIndex, PlaceMatch, PlaceSpan
from bot.text.fold import clean, fold, is_arabic_script, keyboard_loose, word_strip_article
from bot.understanding.lexicon import (
    INTENTS,
    Lexicon,
)

__all__ = ["Understander", "Understanding", "understand"]

log = logging.getLogger(__name__)

_MAX_CHARS = 300
_MAX_WORDS = 40
_PHRASE_BONUS = 0.5
_TYPO_FACTOR = 0.8
_STOP_LANG_WEIGHT = 0.3
_CONF_BASE = 0.3
_HELP_DAMPING = 0.3
_PLACE_OVER_TYPO = 0.85
_MIN_TYPO_WORD = 5  # typed words shorter than this must match exactly
_MAX_TYPO_WORD = 30
# Tie-break between equal scores: the more specific need first.
_PRIORITY: dict[str, int] = {
    name: rank
    for rank, name in enumerate(
        ("left_off_list", "alerts", "safety", "food", "services", "language", "help", "greeting")
    )
}
_SPECIFIC = ("services", "food", "left_off_list", "alerts", "language")
_AR_PROCLITIC_LETTERS = "وبلفك"
_SORANI_STRONG = frozenset("ڕڵێۆەۀ")
_SORANI_WEAK = frozenset("پچژگڤکی")
_ARABIC_ONLY = frozenset("ةىـيكأإؤ")
_KURMANJI_LATIN = frozenset("êîûçşÊÎÛÇŞ")


@dataclass(frozen=True, slots=True)
class Understanding:
    """What a message seems to ask. ``intent`` is None when nothing was recognised."""

    intent: str | None
    confidence: float
    alternatives: tuple[str, ...]
    category: str | None
    place_matches: tuple[PlaceMatch, ...]
    language_guess: str | None
    place_spelling: str = ""  # the folded words of the first place found (no other text)


_NOTHING = Understanding(None, 0.0, (), None, (), None)


# ------------------------------------------------------------------------------------------
# Compiled keyword matcher


@dataclass(frozen=True, slots=True)
class _Keyword:
    tokens: tuple[str, ...]
    group: str  # intent | category | cue | stop | question
    label: str
    lang: str


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    keyword: _Keyword
    typo: bool


def _canon(token: str) -> str:
    """Keyword-matching form of a folded word."""
    if is_arabic_script(token):
        return keyboard_loose(word_strip_article(token))
    return token


class _Matcher:
    """All keywords of a set of lexicons, compiled for matching."""

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        first: dict[str, list[_Keyword]] = {}
        vocab, written = set[str](), set[str]()  # written: keyword words with their ال
        content: set[str] = set()  # words of intent, category and cue keywords
        suffixes: set[str] = set()
        generic: set[str] = set()
        for lex in lexicons:
            groups: list[tuple[str, str, tuple[str, ...]]] = []
            groups += [("intent", k, v) for k, v in lex.intents.items()]
            groups += [("category", k, v) for k, v in lex.categories.items()]
            groups.append(("cue", "left_off", lex.left_off_cues))
            groups.append(("stop", "stop", lex.stop_words))
            groups.append(("question", "question", lex.question_words))
            for group, label, phrases in groups:
                for phrase in phrases:
                    written.update(keyboard_loose(t) for t in fold(phrase).split())
                    toks = tuple(_canon(t) for t in fold(phrase).split())
                    if not toks:
                        continue
                    variants = {toks}
                    joined = "".join(toks)
                    if len(toks) > 1 and len(joined) >= 4:
                        variants.add((joined,))  # "ما استلمت" typed as "مااستلمت"
                    for v in variants:
                        kw = _Keyword(v, group, label, lex.language)
                        same = first.setdefault(v[0], [])
                        if kw not in same:  # "حصة تموينية" and "الحصة التموينية" are one
                            same.append(kw)
                        vocab.update(v)
                        if group not in ("stop", "question"):
                            content.update(v)
            suffixes.update(s for raw in lex.suffixes for s in fold(raw).split())
            generic.update(g for raw in lex.place_generic for g in fold(raw).split())
        self.first = {k: tuple(v) for k, v in first.items()}
        self.standalone = frozenset(
            k for k, kws in self.first.items() if any(len(kw.tokens) == 1 for kw in kws)
        )
        self.vocab = frozenset(vocab)
        self.written = frozenset(written)
        self.content = frozenset(content)
        self.suffixes = tuple(sorted(suffixes, key=len, reverse=True))
        self.generic = frozenset(generic) | frozenset(_canon(g) for g in generic)
        # Typos of generic words ("vilage", "neighbourhod") are no place evidence either.
        generic_deletes: dict[str, list[str]] = {}
        for word in self.generic:
            if len(word) >= _MIN_TYPO_WORD - 1:
                for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
                    generic_deletes.setdefault(variant, []).append(word)
        self.generic_deletes = {k: tuple(v) for k, v in generic_deletes.items()}
        deletes: dict[str, list[str]] = {}
        for word in self.content:
            if len(word) >= _MIN_TYPO_WORD - 1:
                for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
                    deletes.setdefault(variant, []).append(word)
        self.deletes = {k: tuple(v) for k, v in deletes.items()}
        self._cache: dict[str, tuple[frozenset[str], bool, bool]] = {}

    def candidates(self, token: str) -> tuple[frozenset[str], bool, bool]:
        """Vocabulary words *token* may stand for, whether only by a typo, and whether exact."""
        cached = self._cache.get(token)
        if cached is None:
            cached = self._candidates(token)
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[token] = cached
        return cached

    def _candidates(self, token: str) -> tuple[frozenset[str], bool, bool]:
        vocab = self.vocab
        c = _canon(token)
        exact = {w for w in (c, token) if w in vocab}
        if exact & self.standalone:
            return frozenset(exact), False, True
        # Not a keyword as written (at most a word inside a phrase): try its stems too. Stop
        # and question words must match as written ("ana" is not "an" + "-a").
        vocab = self.content
        arabic = is_arabic_script(token)
        bases = [c]
        if arabic and len(token) > 3 and token[0] in _AR_PROCLITIC_LETTERS:
            bases.append(_canon(token[1:]))
            if token.startswith("لل"):
                bases.append(_canon(token[2:]))
        found = {b for b in bases[1:] if b in vocab}
        for base in bases:
            for suf in self.suffixes:
                if base.endswith(suf) and len(base) - len(suf) >= 2:
                    stem = base[: -len(suf)]
                    if stem in vocab:
                        found.add(stem)
                    elif arabic and stem.endswith("ت") and stem[:-1] + "ه" in vocab:
                        found.add(stem[:-1] + "ه")  # حصتي → حصه
        if found or exact:
            return frozenset(found | exact), False, bool(exact)
        if _MIN_TYPO_WORD <= len(c) <= _MAX_TYPO_WORD:
            for variant in {c, *(c[:i] + c[i + 1 :] for i in range(len(c)))}:
                for word in self.deletes.get(variant, ()):
                    if osa_distance(c, word, 1) <= 1:
                        found.add(word)
        return frozenset(found), bool(found), False

    def is_generic(self, token: str) -> bool:
        """A generic place word ("village", "قرية", "gund", "hay"), as written or with a typo."""
        if token in self.generic:
            return True  # "الحي" is not "حي": Al-Hai is a district
        if not _MIN_TYPO_WORD <= len(token) <= _MAX_TYPO_WORD:
            return False
        for variant in {token, *(token[:i] + token[i + 1 :] for i in range(len(token)))}:
            for word in self.generic_deletes.get(variant, ()):
                if osa_distance(token, word, 1) <= 1:
                    return True
        return False

    def hits(self, words: Sequence[str]) -> tuple[list[_Hit], list[bool], list[bool]]:
        """Keyword hits (longest phrases win), which words may not start a place name
        (blocked) and which are surely no part of one (explained: stop, question and
        generic words, keywords as written)."""
        n = len(words)
        cands = [self.candidates(w) for w in words]
        found: list[_Hit] = []
        for i in range(n):
            for v in cands[i][0]:
                for kw in self.first.get(v, ()):
                    end = i + len(kw.tokens)
                    if end > n:
                        continue
                    if all(kw.tokens[t] in cands[i + t][0] for t in range(1, len(kw.tokens))):
                        typo = any(cands[k][1] for k in range(i, end))
                        found.append(_Hit(i, end, kw, typo))
        found.sort(key=lambda h: h.end - h.start, reverse=True)
        claimed = [0] * n
        kept: list[_Hit] = []
        for h in found:
            size = h.end - h.start
            if any(claimed[k] > size for k in range(h.start, h.end)):
                continue
            kept.append(h)
            for k in range(h.start, h.end):
                claimed[k] = max(claimed[k], size)
        # Keywords (with an article, proclitic or suffix too) are no place names; typo-matched
        # words may be. Only as written do they explain ("الحجي", "البو" are parts of names).
        generic = [self.is_generic(w) for w in words]
        blocked = [generic[i] or (bool(cands[i][0]) and not cands[i][1]) for i in range(n)]
        written = [word_strip_article(w) == w or keyboard_loose(w) in self.written for w in words]
        explained = [generic[i] or (cands[i][2] and written[i]) for i in range(n)]
        return kept, blocked, explained


# ------------------------------------------------------------------------------------------
# Understanding


def _weight(hit: _Hit) -> float:
    w = 1.0 + _PHRASE_BONUS * (hit.end - hit.start - 1)
    return w * _TYPO_FACTOR if hit.typo else w


def _language_guess(text: str, lang_hits: dict[str, float]) -> str | None:
    arabic = latin = 0
    sorani = arab_only = kurmanji = 0.0
    for ch in text:
        if ch.isalpha():
            if is_arabic_script(ch):
                arabic += 1
                if ch in _SORANI_STRONG:
                    sorani += 2.0
                elif ch in _SORANI_WEAK:
                    sorani += 0.3
                elif ch in _ARABIC_ONLY:
                    arab_only += 0.3 if ch in "يك" else 2.0
            elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
                latin += 1
                if ch in _KURMANJI_LATIN:
                    kurmanji += 2.0
    if arabic == 0 and latin == 0:
        return None
    if arabic >= latin:
        ckb = sorani + lang_hits.get("ckb", 0.0)
        ar = arab_only + lang_hits.get("ar", 0.0)
        return "ckb" if ckb > ar else "ar"
    ku = kurmanji + lang_hits.get("ku", 0.0)
    en = lang_hits.get("en", 0.0)
    if ku == 0.0 and en == 0.0:
        return None
    return "ku" if ku > en else "en"


def _place_strength(matches: Sequence[PlaceMatch]) -> float:
    if not matches:
        return 0.0
    top = matches[0]
    if top.exact:
        return 1.0
    return 0.8 if top.score >= 0.85 else 0.0


def _tally(
    hits: Sequence[_Hit],
) -> tuple[dict[str, float], dict[str, float], float, dict[str, float]]:
    """Keyword weights per intent, per category, for left-off cues and per language."""
    intent_scores: dict[str, float] = dict.fromkeys(INTENTS, 0.0)
    cat_scores: dict[str, float] = {}
    cue = 0.0
    lang_hits: dict[str, float] = {}
    for h in hits:
        kw = h.keyword
        w = _weight(h)
        lang_hits[kw.lang] = lang_hits.get(kw.lang, 0.0) + (
            _STOP_LANG_WEIGHT if kw.group == "stop" else w
        )
        if kw.group == "intent":
            intent_scores[kw.label] += w
        elif kw.group == "category":
            cat_scores[kw.label] = cat_scores.get(kw.label, 0.0) + w
        elif kw.group == "cue":
            cue += w
    return intent_scores, cat_scores, cue, lang_hits


def _apply_rules(
    intent_scores: dict[str, float], cat_scores: dict[str, float], cue: float, place: float
) -> str | None:
    """Combine keyword scores and the place signal (in place); return the best category."""
    category: str | None = None
    if cat_scores:
        category = max(cat_scores, key=lambda c: (cat_scores[c], -CATEGORIES.index(c)))
        if not (category == "food" and intent_scores["food"] > 0):
            intent_scores["services"] += cat_scores[category]
    food = intent_scores["food"]
    if food > 0 and (cue > 0 or intent_scores["left_off_list"] > 0):
        intent_scores["left_off_list"] += food + cue
        intent_scores["food"] = food * 0.5
    elif cue > 0:
        intent_scores["left_off_list"] += 0.4 * cue
    if place > 0:
        specific = any(intent_scores[i] > 0 for i in _SPECIFIC)
        if intent_scores["safety"] > 0:
            intent_scores["safety"] += place
        elif not specific:
            intent_scores["safety"] += 0.75 * place
        else:
            intent_scores["safety"] += 0.3 * place
    if intent_scores["alerts"] > 0:
        intent_scores["safety"] *= 0.5  # "notify me about my village" is a subscription
    if any(intent_scores[i] > 0 for i in (*_SPECIFIC, "safety")):
        intent_scores["help"] *= _HELP_DAMPING
    if any(s > 0 for i, s in intent_scores.items() if i != "greeting"):
        intent_scores["greeting"] = 0.0
    return category


def _understand(text: str, matcher: _Matcher, places: PlaceIndex | None) -> Understanding:
    head = clean(text[:_MAX_CHARS])
    words = fold(head).split()[:_MAX_WORDS]
    if not words:
        return _NOTHING
    hits, blocked, explained = matcher.hits(words)

    spans: list[PlaceSpan] = []
    if places is not None:
        spans = places.locate_in_words(words, blocked, limit=5, explained=explained)
        # A keyword inside an exactly matched place name is part of the name ("حمام العليل");
        # a typo-matched keyword that is (nearly) a place name is the place ("القياره" is not
        # "سيارة", "خانكي" is not "تانكي").
        exact = [(s.start, s.end) for s in spans if s.match.exact]
        close = [(s.start, s.end) for s in spans if s.match.score >= _PLACE_OVER_TYPO]
        hits = [
            h
            for h in hits
            if not any(a <= h.start and h.end <= b for a, b in exact)
            and not (h.typo and any(h.start < b and a < h.end for a, b in close))
        ]
    matches = tuple(s.match for s in spans)
    spelling = " ".join(words[spans[0].start : spans[0].end]) if spans else ""

    intent_scores, cat_scores, cue, lang_hits = _tally(hits)
    category = _apply_rules(intent_scores, cat_scores, cue, _place_strength(matches))

    ranked = sorted(
        (i for i in INTENTS if intent_scores[i] > 0),
        key=lambda i: (-intent_scores[i], _PRIORITY[i]),
    )
    language = _language_guess(head, lang_hits)
    if not ranked:
        return Understanding(None, 0.0, (), category, matches, language, spelling)
    s1 = intent_scores[ranked[0]]
    s2 = intent_scores[ranked[1]] if len(ranked) > 1 else 0.0
    confidence = round((1.0 - _CONF_BASE**s1) * s1 / (s1 + s2), 3)
    if ranked[0] in ("food", "left_off_list"):
        category = "food"
    return Understanding(
        ranked[0], confidence, tuple(ranked[1:4]), category, matches, language, spelling
    )


class Understander:
    """Keyword lexicons compiled for matching: build once at start-up, share, reuse.

    The application holds one (``AppState.understander``); a new one is built when the
    lexicon files change. Besides the compiled tables it keeps a bounded memo of how typed
    words matched, which belongs to this object and dies with it.
    """

    __slots__ = ("_matcher", "lexicons")

    def __init__(self, lexicons: tuple[Lexicon, ...], matcher: _Matcher) -> None:
        self.lexicons = lexicons
        self._matcher = matcher

    @classmethod
    def build(cls, lexicons: Sequence[Lexicon]) -> Understander:
        """Compile *lexicons* (a few milliseconds; do it once, not per message)."""
        frozen = tuple(lexicons)
        return cls(frozen, _Matcher(frozen))

    def understand(self, text: str, places: PlaceIndex | None = None) -> Understanding:
        """Read a resident's message; see the module docstring. Never raises.

        Only the first ~300 characters are examined. ``place_matches`` are ranked as in
        ``PlaceIndex.find_in_text``; use ``bot.places.index.is_confident`` on them.
        """
        try:
            return _understand(text, self._matcher, places)
        except Exception:  # the bot must answer something, whatever was typed
            log.exception("understand() failed; treating the message as not understood")
            return _NOTHING


def understand(
    text: str, understander: Understander, places: PlaceIndex | None = None
) -> Understanding:
    """``understander.understand(text, places)``, as a function."""
    return understander.understand(text, places)
