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


def spelled_words(text: str) -> list[tuple[str, str]]:
    """The folded words of *text* (``fold(text).split()``), each with how it was spelt.

    The spelling is the whitespace-separated piece of *text* the word came from, cleaned,
    casefolded and without punctuation at its ends, marks kept: ``Mîn?`` → ``("min",
    "mîn")``.
    """
    out: list[tuple[str, str]] = []
    for piece in text.split():
        spelling = _EDGES.sub("", clean(piece).casefold())
        out.extend((word, spelling) for word in fold(piece).split())
    return out
