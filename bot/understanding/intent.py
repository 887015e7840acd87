"""Free-text understanding: what a resident wants, about which place, in which language.

Pure and fast (well under a millisecond for a typical message); never raises. Keywords come
from the lexicon data files (``data/lexicon/*.toml``), not from this module.

How a message is read:

1. Only the first ~300 characters / 40 words are looked at. The text is cleaned and folded
   (``bot.text.fold``), so spelling variants, diacritics and keyboard differences meet.
2. Each word is matched against every keyword (phrases of several words too;
   ``bot.understanding.matcher``): exactly, after stripping an Arabic article/proclitic
   (``بالمستوصف``) or a suffix listed in the lexicon (``xwarinê``, ``نەخۆشخانەکە``,
   ``clinics``), or with one typo for words of 5+ letters — never for a common (stop) word
   ("هواية", a lot, is not "هوية", ID). A keyword listed ``as_written`` matches only when
   typed with its marks ("mîn", mines; "min" is "my"). Longer phrases win over the words
   inside them, and a word counts once per need.
3. Places are looked for in the words that are not keywords, stop words or generic place
   words (``PlaceIndex.locate_in_words``). Keywords inside an exactly matched place name
   ("حمام" in "حمام العليل") and typo-only keyword matches on a word that is nearly a place
   name ("خانكي" is Khanke, not "تانكي") are dropped.
4. Scores per intent: 1 per keyword (+0.5 per extra phrase word, ×0.8 if typo-matched).
   A service category keyword adds to ``services``; one next to a lack cue ("ماكو ماي",
   "av tune") weighs 0.5 more, and a ``where`` word ("خيمة", "tent") weighs ×0.4 when a
   category is also named by what is needed, so "ماكو ماي بالخيمة" is water, not shelter.
   Food that is only a ``handout`` word ("توزيع") with another need named is that need's
   distribution ("توزيع بطانيات"). Food + a left-off cue or phrase ("list",
   "card", "stopped", "انقطعت", "ما استلمت") → ``left_off_list``. A place (exact, or score
   ≥ 0.85) + safety words → ``safety``; a place alone → ``safety`` with lower confidence
   (residents often type only their village) — alone meaning every other word is a stop,
   question or generic word or a keyword, no greeting or help word is there, the place is
   named (not a resemblance) and is not one ``common`` word of the lexicons (with ~22,000
   villages, "fever", "hello" and "Hit" are village names too); a place with another
   intent only adds ``safety`` as an alternative; with ``alerts`` words, ``safety`` is
   halved. ``help`` is damped (×0.3) and ``greeting`` dropped when anything more specific
   is present.
   Words of harm done to a person (``harm`` cues: "يضربني", "beats me") set ``harm``:
   the surface offers a person to talk to whatever else the message names.
5. ``confidence = (1 − 0.3^s1) · s1 / (s1 + s2)`` for the best and second scores: one clear
   keyword ≈ 0.7, two ≈ 0.9, a place alone ≈ 0.6, two competing intents ≈ 0.35.

How well this works per language is measured on typed questions
(``bench/data/understanding``, ``python -m bench.understanding_eval``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.categories import CATEGORIES
from bot.places.index import PlaceIndex, PlaceMatch, PlaceSpan
from bot.places.keys import canon_clitic
from bot.text.fold import clean, fold, is_arabic_script
from bot.text.spelling import spelled_words
from bot.understanding.lexicon import INTENTS, Lexicon
from bot.understanding.matcher import Hit, Matcher

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
_SHORT_WORD = 4  # letters: a word this short in a sentence is a place only as a whole name
_WHERE_FACTOR = 0.4  # "tent" in "no water in the tent" says where, not what
_LACK_BONUS = 0.5  # "ماكو ماي", "av tune": the need said to be missing
# Tie-break between equal scores: the more specific need first.
_PRIORITY: dict[str, int] = {
    name: rank
    for rank, name in enumerate(
        ("left_off_list", "alerts", "safety", "food", "services", "language", "help", "greeting")
    )
}
_SPECIFIC = ("services", "food", "left_off_list", "alerts", "language")
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
    harm: bool = False  # words of harm done to a person: offer a person, not an answer


_NOTHING = Understanding(None, 0.0, (), None, (), None)


# ------------------------------------------------------------------------------------------
# Understanding


def _weight(hit: Hit) -> float:
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


def _place_alone(
    words: Sequence[str],
    spans: Sequence[PlaceSpan],
    hits: Sequence[Hit],
    matcher: Matcher,
    flags: tuple[Sequence[bool], Sequence[bool]],
) -> bool:
    """The first place found is all the message says: each other word is a stop, question
    or generic word, a keyword, or part of an exactly matched place.

    With ~22,000 villages, ordinary words are village names too ("تا", fever, "Hit", "Kufa"):
    in "my son has a fever" the other words say what the message is about. Only a message
    that is the place and words that carry no meaning of their own is a place alone — and
    then only if the place is named, not resembled ("lot" sounds like "Layth"), is not one
    everyday word ("حرارة", fever, is a village's whole name too) and, if one short word,
    is a name's whole spelling (not "آلكينة" for "کینە", who).
    """
    if not spans:
        return False
    n = len(words)
    top = spans[0]
    if top.end - top.start < n and not top.match.sure:
        return False
    if n > 1 and top.end - top.start == 1:
        word = words[top.start]
        if matcher.is_common(word):
            return False
        if len(word) <= _SHORT_WORD and fold(top.match.matched).replace(" ", "") not in (
            word,
            canon_clitic(word),
        ):
            return False  # "کینە" is not "آلكينة": a short word is a whole name or none
    blocked, explained = flags
    accounted = [bool(b) or bool(e) for b, e in zip(blocked, explained, strict=False)]
    accounted += [False] * (n - len(accounted))
    for h in hits:
        for k in range(h.start, min(h.end, n)):
            accounted[k] = True
    for i, span in enumerate(spans):
        if i == 0 or span.match.exact:
            for k in range(span.start, min(span.end, n)):
                accounted[k] = True
    return all(accounted)


def _tally(
    hits: Sequence[Hit],
) -> tuple[dict[str, float], dict[str, float], tuple[float, float], dict[str, float]]:
    """Keyword weights per intent, per category, for left-off and handout cues and per
    language.

    A category keyword right before or after a lack cue ("ماكو ماي", "av tune") weighs
    more; one that only says where ("خيمة", "tent") weighs less when a category is also
    named by a word that says what.
    """
    intent_scores: dict[str, float] = dict.fromkeys(INTENTS, 0.0)
    cat_scores: dict[str, float] = {}
    where: dict[str, float] = {}
    cue = handout = 0.0
    lang_hits: dict[str, float] = {}
    lack_starts = {h.start for h in hits if h.keyword.label == "lack"}
    lack_ends = {h.end for h in hits if h.keyword.label == "lack"}
    for h in hits:
        kw = h.keyword
        w = _weight(h)
        lang_hits[kw.lang] = lang_hits.get(kw.lang, 0.0) + (
            _STOP_LANG_WEIGHT if kw.group == "stop" else w
        )
        if kw.group == "intent":
            intent_scores[kw.label] += w
        elif kw.group == "category":
            if h.start in lack_ends or h.end in lack_starts:
                w += _LACK_BONUS
            cat_scores[kw.label] = cat_scores.get(kw.label, 0.0) + w
            if kw.where:
                where[kw.label] = where.get(kw.label, 0.0) + w
        elif kw.label == "left_off":
            cue += w
        elif kw.label == "handout":
            handout += w
    what = {c for c in cat_scores if cat_scores[c] > where.get(c, 0.0)}
    for c, w in where.items():
        if what - {c}:  # another need is named by what it is
            cat_scores[c] -= (1.0 - _WHERE_FACTOR) * w
    return intent_scores, cat_scores, (cue, handout), lang_hits


def _apply_rules(
    intent_scores: dict[str, float],
    cat_scores: dict[str, float],
    cues: tuple[float, float],
    place: float,
    *,
    place_alone: bool = True,
) -> str | None:
    """Combine keyword scores and the place signal (in place); return the best category.

    *place_alone*: every word of the message outside the place is accounted for (a stop,
    question or generic word, a keyword), so a message without a safety word may still be
    a safety question about the place — the resident typed only their village."""
    cue, handout = cues
    category: str | None = None
    if cat_scores:
        category = max(cat_scores, key=lambda c: (cat_scores[c], -CATEGORIES.index(c)))
        if not (category == "food" and intent_scores["food"] > 0):
            intent_scores["services"] += cat_scores[category]
            if 0 < intent_scores["food"] <= handout and category != "food":
                # "توزيع بطانيات": only the distribution was food's; it is of blankets
                intent_scores["services"] += intent_scores["food"]
                intent_scores["food"] = 0.0
    food = intent_scores["food"]
    if food > 0 and (cue > 0 or intent_scores["left_off_list"] > 0):
        intent_scores["left_off_list"] += food + cue
        intent_scores["food"] = food * 0.5
    elif cue > 0:
        intent_scores["left_off_list"] += 0.4 * cue
    if place > 0:
        specific = any(intent_scores[i] > 0 for i in _SPECIFIC)
        chatter = intent_scores["greeting"] > 0 or intent_scores["help"] > 0
        if intent_scores["safety"] > 0:
            intent_scores["safety"] += place
        elif specific:
            intent_scores["safety"] += 0.3 * place
        elif place_alone and not chatter:
            intent_scores["safety"] += 0.75 * place
        # Else the place is a word of a sentence about something else ("منداڵم تای هەیە":
        # "تا" is fever, not a village): no question about it.
    if intent_scores["alerts"] > 0:
        intent_scores["safety"] *= 0.5  # "notify me about my village" is a subscription
    if any(intent_scores[i] > 0 for i in (*_SPECIFIC, "safety")):
        intent_scores["help"] *= _HELP_DAMPING
    if any(s > 0 for i, s in intent_scores.items() if i != "greeting"):
        intent_scores["greeting"] = 0.0
    return category


def _understand(text: str, matcher: Matcher, places: PlaceIndex | None) -> Understanding:
    head = clean(text[:_MAX_CHARS])
    spelled = spelled_words(head)[:_MAX_WORDS]
    words = [w for w, _ in spelled]
    if not words:
        return _NOTHING
    hits, blocked, explained = matcher.hits(words, [s for _, s in spelled])

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

    intent_scores, cat_scores, cues, lang_hits = _tally(hits)
    harm = any(h.keyword.label == "harm" for h in hits)
    # Harm done to a person is never a question about a village the words resemble.
    alone = not harm and _place_alone(words, spans, hits, matcher, (blocked, explained))
    category = _apply_rules(
        intent_scores, cat_scores, cues, _place_strength(matches), place_alone=alone
    )

    ranked = sorted(
        (i for i in INTENTS if intent_scores[i] > 0),
        key=lambda i: (-intent_scores[i], _PRIORITY[i]),
    )
    language = _language_guess(head, lang_hits)
    if not ranked:
        return Understanding(None, 0.0, (), category, matches, language, spelling, harm)
    s1 = intent_scores[ranked[0]]
    s2 = intent_scores[ranked[1]] if len(ranked) > 1 else 0.0
    confidence = round((1.0 - _CONF_BASE**s1) * s1 / (s1 + s2), 3)
    if ranked[0] in ("food", "left_off_list"):
        category = "food"
    return Understanding(
        ranked[0], confidence, tuple(ranked[1:4]), category, matches, language, spelling, harm
    )


class Understander:
    """Keyword lexicons compiled for matching: build once at start-up, share, reuse.

    The application holds one (``AppState.understander``); a new one is built when the
    lexicon files change. Besides the compiled tables it keeps a bounded memo of how typed
    words matched, which belongs to this object and dies with it.
    """

    __slots__ = ("_matcher", "lexicons")

    def __init__(self, lexicons: tuple[Lexicon, ...], matcher: Matcher) -> None:
        self.lexicons = lexicons
        self._matcher = matcher

    @classmethod
    def build(cls, lexicons: Sequence[Lexicon]) -> Understander:
        """Compile *lexicons* (a few milliseconds; do it once, not per message)."""
        frozen = tuple(lexicons)
        return cls(frozen, Matcher(frozen))

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
