"""Bot commands in a message's text, found as Telegram finds them.

Telegram marks ``/command`` (and ``/command@botname``) with a ``bot_command`` entity in
what users send to a bot and in what a bot sends; that entity is what makes a command
clickable, and what PTB's CommandHandler looks for at offset 0. The rule is tdlib's
``match_bot_commands`` (``td/telegram/MessageEntity.cpp``, tdlib/td commit 022d602 of
2026-07-17; its comment gives the server's regexp
``(?<!\\b|[\\/<>])\\/([a-zA-Z0-9_]{1,64})(?:@([a-zA-Z0-9_]{3,32}))?(?!\\B|[\\/<>])``):

- the slash is not preceded by a "word character" (a letter, a digit or another number,
  or ``_``: tdlib's ``get_unicode_simple_category``), nor by ``/``, ``<`` or ``>``;
- 1 to 64 ASCII letters, digits or ``_`` follow it; then, optionally, ``@`` and a bot
  name of 3 to 32 of them — a longer or shorter name drops the whole command;
- the character after the end is none of those either.

So format characters such as the isolates U+2066–U+2069 and RLM (category Cf) neither
prevent a command nor become part of it. A bot's own text gets the found commands merged
like ``merge_new_entities``: a command that overlaps a code, pre, link, mention or custom
emoji entity, or crosses a blockquote's edge, is not added; bold and the other splittable
styles do not matter. Never more lenient than Telegram.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from sandbox.text_units import Entity, utf16_len

__all__ = ["find_bot_commands", "with_bot_commands"]

_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_SPLITTABLE = frozenset({"bold", "italic", "underline", "strikethrough", "spoiler"})
_BLOCKQUOTES = frozenset({"blockquote", "expandable_blockquote"})


def _is_word_character(char: str) -> bool:
    """tdlib's is_word_character: Unicode letters and numbers, and ``_``."""
    return char == "_" or unicodedata.category(char)[0] in ("L", "N")


def _blocks(char: str) -> bool:
    return _is_word_character(char) or char in "/<>"


def _name_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in _NAME_CHARS:
        end += 1
    return end


def find_bot_commands(text: str) -> list[Entity]:
    """The bot_command entities of a plain text, in order (UTF-16 offsets)."""
    found: list[Entity] = []
    slash = text.find("/")
    while slash != -1:
        nxt = slash + 1
        if slash == 0 or not _blocks(text[slash - 1]):
            end = _name_end(text, slash + 1)
            size = end - slash - 1
            valid = 1 <= size <= 64
            if valid and end < len(text) and text[end] == "@":
                bot_end = _name_end(text, end + 1)
                valid = 3 <= bot_end - end - 1 <= 32
                end = bot_end
            nxt = max(end, slash + 1)
            if valid and not (end < len(text) and _blocks(text[end])):
                found.append(
                    {
                        "offset": utf16_len(text[:slash]),
                        "length": utf16_len(text[slash:end]),
                        "type": "bot_command",
                    }
                )
        slash = text.find("/", nxt)
    return found


def _overlaps(a: Entity, b: Entity) -> bool:
    a_start, a_end = int(a["offset"]), int(a["offset"]) + int(a["length"])
    b_start, b_end = int(b["offset"]), int(b["offset"]) + int(b["length"])
    return a_start < b_end and b_start < a_end


def _crosses(command: Entity, quote: Entity) -> bool:
    inside = quote["offset"] <= command["offset"] and (
        command["offset"] + command["length"] <= quote["offset"] + quote["length"]
    )
    return _overlaps(command, quote) and not inside


def with_bot_commands(text: str, entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """The entities of a bot's message with the commands Telegram finds in its text."""
    kept = []
    for command in find_bot_commands(text):
        clash = any(
            _crosses(command, e) if e["type"] in _BLOCKQUOTES else _overlaps(command, e)
            for e in entities
            if e["type"] not in _SPLITTABLE
        )
        if not clash:
            kept.append(command)
    if not kept:
        return tuple(entities)
    return tuple(sorted([*entities, *kept], key=lambda e: (e["offset"], -e["length"])))
