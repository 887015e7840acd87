"""What a case text may be: something (not empty), and not a book.

Telegram already caps a message at 4,096 characters and a caption at 1,024; the limit here
is what staff can read and answer in one go, generous for a resident's own words.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = ["MAX_CHARS", "Problem", "clean", "problem"]

MAX_CHARS = 3000
Problem = Literal["empty", "too_long"]
# Control characters other than newline and tab (which people do type).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_INVISIBLE = re.compile("[\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")


def clean(text: str | None) -> str:
    """A case text as stored: NFC, no control characters, no surrounding space."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", _CONTROLS.sub("", text.replace("\r\n", "\n")))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def problem(text: str, *, photo: bool = False) -> Problem | None:
    """Why a (cleaned) text cannot be a case message; a photo needs no text beside it."""
    if len(text) > MAX_CHARS:
        return "too_long"
    if not photo and not _INVISIBLE.sub("", text).strip():
        return "empty"
    return None
