"""Case numbers: short, random, not guessable, easy to read aloud and to type on a phone.

A number is a fixed prefix and six characters from an alphabet without look-alikes (no
0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, nor G beside 6; D is the prefix's alone, so "D7KX4R"
cannot be a number missing a character): ``D-7KX4RM``. 22⁶ ≈ 113 million numbers, drawn with
:mod:`secrets`, so a number cannot be guessed from another. A number alone is never
enough to reach a case: storage looks it up only together with the resident's chat.

What a resident types back is read tolerantly: any case, spaces or dashes, with or without
the prefix, Arabic-Indic or Persian digits, and invisible direction marks.
"""

from __future__ import annotations

import secrets
import unicodedata

__all__ = ["ALPHABET", "LENGTH", "PREFIX", "new_number", "parse_number"]

ALPHABET = "ACEFHJKMNPRTUVWXY34679"
LENGTH = 6
PREFIX = "D-"
_PREFIX_LETTER = PREFIX.rstrip("-")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DROPPED = frozenset(" -_.#\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\ufeff")


def new_number() -> str:
    """A fresh random number (storage retries on the rare collision)."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def parse_number(text: str) -> str | None:
    """The number a resident typed, in its canonical form, or None when it cannot be one."""
    folded = unicodedata.normalize("NFKC", text).translate(_DIGITS).upper()
    chars = "".join(char for char in folded if char not in _DROPPED)
    if len(chars) == LENGTH + len(_PREFIX_LETTER) and chars.startswith(_PREFIX_LETTER):
        chars = chars[len(_PREFIX_LETTER) :]
    if len(chars) != LENGTH or any(char not in ALPHABET for char in chars):
        return None
    return PREFIX + chars
