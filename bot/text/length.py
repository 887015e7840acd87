"""How long Telegram finds a message, the one measure every "does it fit" check uses.

Telegram refuses a message over 4096 characters after parsing, and counts them in UTF-16
code units: an emoji outside the Basic Multilingual Plane (📢) counts two. Counting code
points instead lets a message with emoji pass our check and fail at Telegram.
"""

from __future__ import annotations

import html
import re

__all__ = ["MESSAGE_LIMIT", "telegram_length"]

MESSAGE_LIMIT = 4096
_TAGS = re.compile(r"<[^>]*>")


def telegram_length(text: str) -> int:
    """How long Telegram finds an HTML message: tags removed, entities decoded, outer
    whitespace trimmed, counted in UTF-16 code units (never less than characters)."""
    visible = html.unescape(_TAGS.sub("", text)).strip()
    return len(visible.encode("utf-16-le")) // 2
