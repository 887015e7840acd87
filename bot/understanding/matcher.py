"""The keyword matcher of free-text understanding: every lexicon compiled into tables.

Why a module of its own: how a typed word meets a keyword (as written, after an Arabic
proclitic or a listed suffix, with one typo, or — for the few keywords that fold onto a
common word — only as written with their marks) is one job; how the hits become an intent
is another (:mod:`bot.understanding.intent`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.places.distance import osa_distance
from bot.text.fold import clean, fold, is_arabic_script, keyboard_loose, word_strip_article
from bot.understanding.lexicon import Lexicon

__all__ = ["MIN_TYPO_WORD", "Hit", "Keyword", "Matcher"]

MIN_TYPO_WORD = 5  # typed words shorter than this must match exactly
_MAX_TYPO_WORD = 30
_AR_PROCLITIC_LETTERS = "وبلفك"


@dataclass(frozen=True, slots=True)
class Keyword:
    tokens: tuple[str, ...]
    group: str  # intent | category | cue | stop | question
    label: str
    lang: str
    spelling: str = ""  # when set, the typed word must be spelt exactly so ("mîn")
    where: bool = False  # says where a need is ("tent"), not what it is


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    keyword: Keyword
    typo: bool


def _canon(token: str) -> str:
    """Keyword-matching form of a folded word."""
    if is_arabic_script(token):
        return keyboard_loose(word_strip_article(token))
    return token


def _variants(toks: tuple[str, ...], written: str) -> set[tuple[str, ...]]:
    """The ways a keyword's folded words *toks* (spelt *written*) may be typed."""
    variants = {toks}
    if not is_arabic_script(written) and any(c in written for c in "şç"):
        # Kurmanji on an English keyboard: "nexweşxane" typed "nexweshxane" (not in words
        # of three letters: "baş" as "bash" would swallow the start of "Basha")
        typed = [
            fold(piece.replace("ş", "sh").replace("ç", "ch") if len(piece) > 3 else piece)
            for piece in written.split()
        ]
        variants.add(tuple(" ".join(typed).split()))
    joined = "".join(toks)
    if len(toks) > 1 and len(joined) >= 4:
        variants.add((joined,))  # "ما استلمت" typed as "مااستلمت"
    return variants


def _deletes(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each word of 4+ letters under itself and its one-deletion variants (typo lookup)."""
    deletes: dict[str, list[str]] = {}
    for word in words:
        if len(word) >= MIN_TYPO_WORD - 1:
            for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
                deletes.setdefault(variant, []).append(word)
    return {k: tuple(v) for k, v in deletes.items()}


class Matcher:
    """All keywords of a set of lexicons, compiled for matching."""

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        first: dict[str, list[Keyword]] = {}
        vocab: set[str] = set()
        written_words: set[str] = set()  # keyword words as the lexicon has them (with ال)
        content: set[str] = set()  # words of intent, category and cue keywords
        suffixes: set[str] = set()
        generic: set[str] = set()
        for lex in lexicons:
            groups: list[tuple[str, str, tuple[str, ...]]] = []
            groups += [("intent", k, v) for k, v in lex.intents.items()]
            groups += [("category", k, v) for k, v in lex.categories.items()]
            groups.append(("cue", "left_off", lex.left_off_cues))
            groups.append(("cue", "lack", lex.lack_cues))
            groups.append(("cue", "handout", lex.handout_cues))
            groups.append(("stop", "stop", lex.stop_words))
            groups.append(("question", "question", lex.question_words))
            as_written = {clean(w).casefold() for w in lex.as_written}
            where = {fold(w) for w in lex.where}
            for group, label, phrases in groups:
                for phrase in phrases:
                    written_words.update(keyboard_loose(t) for t in fold(phrase).split())
                    toks = tuple(_canon(t) for t in fold(phrase).split())
                    if not toks:
                        continue
                    written = clean(phrase).casefold()
                    spelling = written if written in as_written and group != "stop" else ""
                    place = group == "category" and fold(phrase) in where
                    for v in _variants(toks, written):
                        kw = Keyword(v, group, label, lex.language, spelling, place)
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
        self.written = frozenset(written_words)
        self.content = frozenset(content)
        self.suffixes = tuple(sorted(suffixes, key=len, reverse=True))
        self.generic = frozenset(generic) | frozenset(_canon(g) for g in generic)
        # Typos of generic words ("vilage", "neighbourhod") are no place evidence either.
        self.generic_deletes = _deletes(self.generic)
        self.deletes = _deletes(self.content)
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
        if MIN_TYPO_WORD <= len(c) <= _MAX_TYPO_WORD:
            for variant in {c, *(c[:i] + c[i + 1 :] for i in range(len(c)))}:
                for word in self.deletes.get(variant, ()):
                    if osa_distance(c, word, 1) <= 1:
                        found.add(word)
        return frozenset(found), bool(found), False

    def is_generic(self, token: str) -> bool:
        """A generic place word ("village", "قرية", "gund", "hay"), as written or with a typo."""
        if token in self.generic:
            return True  # "الحي" is not "حي": Al-Hai is a district
        if not MIN_TYPO_WORD <= len(token) <= _MAX_TYPO_WORD:
            return False
        for variant in {token, *(token[:i] + token[i + 1 :] for i in range(len(token)))}:
            for word in self.generic_deletes.get(variant, ()):
                if osa_distance(token, word, 1) <= 1:
                    return True
        return False

    def hits(
        self, words: Sequence[str], spellings: Sequence[str]
    ) -> tuple[list[Hit], list[bool], list[bool]]:
        """Keyword hits (longest phrases win), which words may not start a place name
        (blocked) and which are surely no part of one (explained: stop, question and
        generic words, keywords as written)."""
        n = len(words)
        cands = [self.candidates(w) for w in words]
        found: list[Hit] = []
        for i in range(n):
            for v in cands[i][0]:
                for kw in self.first.get(v, ()):
                    end = i + len(kw.tokens)
                    if end > n or (kw.spelling and spellings[i] != kw.spelling):
                        continue
                    if all(kw.tokens[t] in cands[i + t][0] for t in range(1, len(kw.tokens))):
                        typo = any(cands[k][1] for k in range(i, end))
                        found.append(Hit(i, end, kw, typo))
        found.sort(key=lambda h: (h.start - h.end, h.typo))
        claimed = [0] * n
        kept: list[Hit] = []
        counted: set[tuple[int, int, str, str, str]] = set()
        for h in found:
            size = h.end - h.start
            # A word counts once per need: "بالخيمة" is "خيمة" and "خيم" + "ـة", one tent.
            once = (h.start, h.end, h.keyword.group, h.keyword.label, h.keyword.lang)
            if once in counted or any(claimed[k] > size for k in range(h.start, h.end)):
                continue
            counted.add(once)
            kept.append(h)
            for k in range(h.start, h.end):
                claimed[k] = max(claimed[k], size)
        # Words that are keywords as written, after an article/proclitic or with a suffix are
        # not place names; typo-matched words still may be. Only a keyword as written explains
        # a word next to it away: "الحجي", "البو", "العلي" are parts of names (Al-Hajji, the
        # tribal Albu, Al-Ali), not "حجي" (addressing a man), the Sorani "بۆ" or "على".
        generic = [self.is_generic(w) for w in words]
        blocked = [generic[i] or (bool(cands[i][0]) and not cands[i][1]) for i in range(n)]
        explained = [
            generic[i] or (cands[i][2] and self._as_written(words[i])) for i in range(n)
        ]
        return kept, blocked, explained

    def _as_written(self, token: str) -> bool:
        """*token* is a keyword without cutting an article (the lexicon's "الوضع" is)."""
        return word_strip_article(token) == token or keyboard_loose(token) in self.written
