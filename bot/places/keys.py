"""The keys a name or a query is compared by, computed once per word.

Names and queries meet on several keys of the same folded words (see ``bot.text.fold``):
the folded spelling, a compact form without spaces and articles, a lossy phonetic key and a
romanised key for comparisons across scripts. Both sides of a comparison must derive them
the same way, so they are built here only: ``Words`` computes each word's keys once and a
span's keys (a run of words in a sentence) are then cheap joins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from bot.text.fold import (
    article_flags,
    fold,
    is_arabic_script,
    word_phonetic_key,
    word_romanized_key,
    word_strip_article,
)

__all__ = ["Keys", "Words", "canon_clitic", "folded_set", "hard_sounds"]

_AR_PROCLITICS = ("وال", "بال", "فال", "كال")
_DOUBLED = re.compile(r"(.)\1+")
_HARD = re.compile(r"kh|th|dh|sh|ch|gh|zh|ph|x|h|t|d")
_SOFT_DIGRAPHS = frozenset({"sh", "ch", "gh", "zh", "ph"})


@dataclass(frozen=True, slots=True)
class Keys:
    """The keys of a name or of a span of words (``arabic``: written in Arabic script)."""

    fold: str
    compact: str
    phon: str
    rom: str
    arabic: bool


class Words:
    """Per-word keys of a folded word sequence; span keys are cheap joins."""

    __slots__ = ("art", "ph", "rm", "sw", "words")

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)
        self.art = article_flags(self.words)
        self.sw = [word_strip_article(w) for w in self.words]
        self.ph = [word_phonetic_key(w) for w in self.words]
        self.rm = [word_romanized_key(w) for w in self.words]

    def keys(self, i: int, j: int) -> Keys:
        """The keys of words ``i:j``; an article counts only as the span's last word."""
        last = j - 1
        idx = [k for k in range(i, j) if k == last or not self.art[k]]
        fold_key = " ".join(self.words[i:j])
        return Keys(
            fold=fold_key,
            compact="".join(self.sw[k] for k in idx),
            phon="".join(self.ph[k] for k in idx),
            rom="".join(self.rm[k] for k in idx),
            arabic=is_arabic_script(fold_key),
        )


def canon_clitic(word: str) -> str:
    """وال/بال/فال/كال + name → ال + name; لل + name → ال + name (query side only)."""
    if len(word) > 4 and word.startswith(_AR_PROCLITICS):
        return word[1:]
    if len(word) > 3 and word.startswith("لل"):
        return "ا" + word[1:]
    return word


@functools.lru_cache(maxsize=64)
def folded_set(words: AbstractSet[str]) -> frozenset[str]:
    """Every folded word of *words* (stop-word lists, folded once per distinct list)."""
    out: set[str] = set()
    for w in words:
        out.update(fold(w).split())
    return frozenset(out)


def hard_sounds(compact: str) -> tuple[str, ...]:
    """The h, kh (x), t, th, d and dh of a Latin *compact* key, in order; empty in Arabic
    script.

    The phonetic key merges them (kh/x → h, th → t, dh → d), which reads "Kharb" as "Harb"
    and "Fallujahx" as "Fallujah": in Arabic they are different letters (خ/ح, ث/ت, ذ/د) and
    often the only difference between two villages. Two spellings that sound the same are
    the same name only if these agree too; doubled letters and a final "-h" do not count
    ("Qayara" is "Qayyarah").
    """
    if is_arabic_script(compact):
        return ()
    s = _DOUBLED.sub(r"\1", compact)
    if s.endswith("h") and not s.endswith(("kh", "th", "dh", "sh", "ch", "gh", "zh", "ph")):
        s = s[:-1]
    return tuple(
        "x" if m == "kh" else m for m in _HARD.findall(s) if m not in _SOFT_DIGRAPHS
    )
