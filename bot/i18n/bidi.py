"""Keep right-to-left lines readable when they contain Latin names and digits.

Telegram sets each paragraph's direction from its first strong character, so an Arabic
line that starts with a Latin name or a digit would be laid out left-to-right.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FSI", "LRI", "PDI", "RLM", "isolate", "isolate_ltr", "rtl_lines"]

RLM = "\u200f"
FSI = "\u2068"
LRI = "\u2066"
PDI = "\u2069"


def isolate(value: str) -> str:
    """Wrap an inserted value (a name, a code) so it cannot reorder its surroundings."""
    return f"{FSI}{value}{PDI}"


def isolate_ltr(value: str) -> str:
    """Wrap an always left-to-right value, such as a phone number."""
    return f"{LRI}{value}{PDI}"


def _starts_rtl(line: str) -> bool:
    inside_tag = False
    for char in line:
        # Telegram strips our HTML tags before layout, so they do not count.
        if char == "<":
            inside_tag = True
        elif char == ">" and inside_tag:
            inside_tag = False
        elif not inside_tag:
            direction = unicodedata.bidirectional(char)
            if direction in ("R", "AL"):
                return True
            if direction in ("L", "FSI", "LRI", "RLI"):
                return False
    return True  # no strong character at all: nothing to fix


def rtl_lines(text: str) -> str:
    """Prefix RLM to each line that would otherwise start left-to-right."""
    return "\n".join(
        line if not line or _starts_rtl(line) else RLM + line for line in text.split("\n")
    )
