"""Keep right-to-left lines readable when they contain Latin names, commands and digits.

Telegram sets each paragraph's direction from its first strong character, so an Arabic
line that starts with a Latin name or a digit would be laid out left-to-right; and inside
a right-to-left sentence a command's slash is a neutral character, so ``/help`` is shown
as ``help/``. :class:`bot.i18n.catalogues.Translator` does this, in one place, for every
text of a right-to-left language:

1. :func:`isolate_latin` wraps each Latin run written in the translation itself (a
   command such as ``/help``, "SMS", a code such as "K-7F3Q2", a web address) in LRI…PDI.
   It runs on the msgstr *before* the placeholders are filled: inserted values are
   isolated on their own (FSI…PDI, :func:`isolate`), so nothing is wrapped twice, and
   ``{placeholders}``, HTML tags and character references are never touched. A
   ``<code>``/``<pre>`` element is isolated from outside, so copying it copies no marks.
2. :func:`rtl_lines` starts with RLM every line whose first strong character (an
   isolate counts as one) is not right-to-left.

``tests/unit/test_rtl_render.py`` renders every message of every right-to-left catalogue
through this step and fails on a Latin letter outside an isolate.

Commands stay clickable. Telegram finds bot commands in a message's text on the server,
for the bot's own messages too (tdlib ``td/telegram/MessageEntity.cpp``:
``get_formatted_text`` → ``fix_formatted_text`` → ``find_entities`` →
``match_bot_commands``, tdlib/td commit 022d602 of 2026-07-17; the same regexp, the
comment there says, as the server's:
``(?<!\\b|[\\/<>])\\/([a-zA-Z0-9_]{1,64})(?:@([a-zA-Z0-9_]{3,32}))?(?!\\B|[\\/<>])``).
A slash starts a command unless the character before it is a letter, a digit, ``_``,
``/``, ``<`` or ``>``; the command is the ASCII letters, digits and ``_`` that follow, and
it is dropped if the next character is one of those. "Letter" and "digit" are tdlib's
``get_unicode_simple_category``: U+2066 LRI, U+2068 FSI, U+2069 PDI and U+200F RLM are
format characters (category Cf), neither letters nor digits, so ``LRI/helpPDI`` is
detected as the command ``/help``, ending right before the PDI. Telegram's input cleaning
(``clean_input_string`` in ``td/telegram/misc.cpp``) deletes U+2028–U+202E, the old
embedding controls (LRE, RLE, PDF, LRO, RLO), but keeps the isolates: never use the
embeddings. The sandbox detects commands by the same rule (``sandbox/bot_commands.py``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "FSI",
    "LRI",
    "PDI",
    "RLI",
    "RLM",
    "isolate",
    "isolate_latin",
    "isolate_ltr",
    "rtl_lines",
]

RLM = "\u200f"
FSI = "\u2068"
LRI = "\u2066"
RLI = "\u2067"
PDI = "\u2069"
_OPENERS = (FSI, LRI, RLI)

# What isolate_latin never changes: a <code> or <pre> element (isolated whole), any other
# tag, a character reference, an escaped brace, a {placeholder}, an existing isolate mark.
_SKIP = re.compile(
    r"(?P<verbatim><(?P<tag>code|pre)\b[^>]*>.*?</(?P=tag)>)"
    r"|<[^>]*>|&#?\w+;|\{\{|\}\}|\{[^{}]*\}|[\u2066-\u2069]",
    re.DOTALL,
)
# One Latin word: an optional command slash, then ASCII letters, digits and _ (at least one
# letter), with joiners inside (K-7F3Q2, a-z, daleel.org, user@host, km/h).
_WORD = r"/?[0-9_]*[A-Za-z][A-Za-z0-9_]*(?:[-.@:+'/][A-Za-z0-9_]+)*"
# A web address, whole (marks inside would cut Telegram's link short).
_URL = r"https?://[^\s<>{}\"'\u2066-\u2069]*[^\s<>{}\"'\u2066-\u2069.,:;!?)]"
# A Latin run: an address, or words separated by single spaces read as one phrase.
_LATIN_RUN = re.compile(rf"{_URL}|{_WORD}(?: {_WORD})*")
_HAS_LATIN = re.compile(r"[A-Za-z]")


def isolate(value: str) -> str:
    """Wrap an inserted value (a name, a code) so it cannot reorder its surroundings."""
    return f"{FSI}{value}{PDI}"


def isolate_ltr(value: str) -> str:
    """Wrap an always left-to-right value, such as a phone number."""
    return f"{LRI}{value}{PDI}"


def _isolate_runs(text: str) -> str:
    return _LATIN_RUN.sub(lambda m: isolate_ltr(m.group()), text)


def isolate_latin(template: str) -> str:
    """Wrap each Latin run of a right-to-left text (commands included) in LRI…PDI.

    Runs inside an isolate already in the text are left alone; so are tags, character
    references and ``{placeholders}``. Idempotent.
    """
    if not _HAS_LATIN.search(template):
        return template
    out: list[str] = []
    depth = 0
    pos = 0
    for skip in _SKIP.finditer(template):
        before = template[pos : skip.start()]
        out.append(_isolate_runs(before) if depth == 0 else before)
        piece = skip.group()
        if skip.group("verbatim") and depth == 0 and _HAS_LATIN.search(piece):
            piece = isolate_ltr(piece)
        elif piece in _OPENERS:
            depth += 1
        elif piece == PDI:
            depth = max(0, depth - 1)
        out.append(piece)
        pos = skip.end()
    rest = template[pos:]
    out.append(_isolate_runs(rest) if depth == 0 else rest)
    return "".join(out)


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
