"""How each folded word was spelt, marks included.

Why: folding drops every diacritic so that ``xwarinê`` and ``xwarine`` meet, but a few
keywords become a common word without their marks (Kurmanji ``mîn``, mines, folds to
``min``, my). Matching those only as written needs the spelling beside the folded word.
"""

from __future__ import annotations

import re

from bot.text.fold import clean, fold

__all__ = ["spelled_words"]

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# What separates words inside a piece ("mîn/mayîn"): not letters, digits, marks, tatweel or
# the apostrophes folding deletes ("Jad'ah" is one word).
_INNER = re.compile(
    "[^\\w'`´ʹʻʼʽʾʿˈ‘’‛′\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0640]+"
)


def spelled_words(text: str) -> list[tuple[str, str]]:
    """The folded words of *text* (``fold(text).split()``), each with how it was spelt.

    The spelling is the whitespace-separated piece of *text* the word came from, cleaned,
    casefolded and without punctuation at its ends, marks kept: ``Mîn?`` → ``("min",
    "mîn")``.
    """
    out: list[tuple[str, str]] = []
    for piece in text.split():
        spelling = _EDGES.sub("", clean(piece).casefold())
        words = fold(piece).split()
        parts = [p for p in _INNER.split(spelling) if p]
        if len(words) > 1 and len(parts) == len(words):
            out.extend(zip(words, parts, strict=True))
        else:
            out.extend((word, spelling) for word in words)
    return out
