"""Telegram's MarkdownV2 (and legacy Markdown) parse modes.

MarkdownV2: *bold* _italic_ __underline__ ~strike~ ||spoiler|| `code` ```pre```
[text](url) ![emoji](tg://emoji?id=N) and '>' blockquote lines; every other
reserved character must be escaped with a backslash, as on Telegram. Legacy
Markdown knows only * _ ` and links, and passes other characters through.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from sandbox.text_units import Entity, EntityParseError, byte_offset, utf16_len

__all__ = ["parse_markdown"]

_V2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_LEGACY_RESERVED = frozenset("_*`[")
_V2_PLAIN = re.compile(r"[^_*\[\]()~`>#+\-=|{}.!\\\n]+")
_LEGACY_PLAIN = re.compile(r"[^_*`\[\]\\]+")
_NAMES = MappingProxyType({
    "bold": "Bold", "italic": "Italic", "underline": "Underline",
    "strikethrough": "Strikethrough", "spoiler": "Spoiler", "code": "Code", "pre": "Pre",
    "text_link": "TextUrl", "custom_emoji": "CustomEmoji", "blockquote": "Blockquote",
})  # fmt: skip
_EMOJI_URL = re.compile(r"tg://emoji\?id=([0-9]+)")


class _Parser:
    """One parse: the output text, open entities and finished ones."""

    def __init__(self, src: str, v2: bool) -> None:
        self.src = src
        self.v2 = v2
        self.out: list[str] = []
        self.u16 = 0
        self.stack: list[tuple[str, int, int]] = []  # (type, utf16 offset, src index)
        self.entities: list[Entity] = []
        self.pre_language = ""

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.u16 += utf16_len(text)

    def fail_open(self, type_: str, pos: int) -> EntityParseError:
        return EntityParseError(
            f"Can't find end of {_NAMES[type_]} entity at byte offset {byte_offset(self.src, pos)}"
        )

    def close_top(self, **extra: str) -> None:
        type_, offset, _ = self.stack.pop()
        if self.u16 > offset:
            self.entities.append(
                {"offset": offset, "length": self.u16 - offset, "type": type_, **extra}
            )

    def toggle(self, type_: str, pos: int) -> None:
        if self.stack and self.stack[-1][0] == type_:
            self.close_top()
            return
        for open_type, _, open_pos in self.stack:
            if open_type == type_:
                raise self.fail_open(type_, open_pos)
        self.stack.append((type_, self.u16, pos))

    def in_code(self, i: int) -> int:
        """Inside code or pre only escapes and the closing backticks are special."""
        src, type_ = self.src, self.stack[-1][0]
        c = src[i]
        if c == "\\" and i + 1 < len(src) and src[i + 1] in "`\\":
            self.emit(src[i + 1])
            return i + 2
        if c == "`":
            if type_ == "code":
                self.close_top()
                return i + 1
            if src.startswith("```", i):
                language = self.pre_language
                self.close_top(**({"language": language} if language else {}))
                return i + 3
        self.emit(c)
        return i + 1

    def open_pre(self, i: int) -> int:
        """```lang\\n opens a pre entity; the language line is not part of the text."""
        src = self.src
        start = i + 3
        newline = src.find("\n", start)
        first_line = src[start:newline] if newline >= 0 else ""
        self.pre_language = ""
        if newline >= 0 and first_line and not any(ch.isspace() for ch in first_line):
            self.pre_language = first_line
            start = newline + 1
        self.stack.append(("pre", self.u16, i))
        return start

    def close_link(self, i: int) -> int:
        """``](url)`` closes the link opened by '[' (or '![' for a custom emoji)."""
        src = self.src
        type_, _, pos = self.stack[-1]
        if not src.startswith("(", i + 1):
            raise self.fail_open(type_, pos)
        url: list[str] = []
        k = i + 2
        while k < len(src) and src[k] != ")":
            if src[k] == "\\" and k + 1 < len(src):
                k += 1
            url.append(src[k])
            k += 1
        if k >= len(src):
            raise self.fail_open(type_, pos)
        target = "".join(url)
        if type_ == "custom_emoji":
            m = _EMOJI_URL.fullmatch(target)
            if m is None:
                raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
            self.close_top(custom_emoji_id=m.group(1))
        else:
            self.close_top(url=target)
        return k + 1

    def reserved(self, c: str, i: int) -> int:
        """Handle reserved character ``c`` at ``i``; returns the next index."""
        src = self.src
        if c == "*":
            self.toggle("bold", i)
        elif c == "_":
            if self.v2 and src.startswith("__", i):
                self.toggle("underline", i)
                return i + 2
            self.toggle("italic", i)
        elif c == "`":
            if src.startswith("```", i):
                return self.open_pre(i)
            self.stack.append(("code", self.u16, i))
        elif c == "[":
            self.stack.append(("text_link", self.u16, i))
        elif c == "]" and self.stack and self.stack[-1][0] in ("text_link", "custom_emoji"):
            return self.close_link(i)
        elif not self.v2:
            self.emit(c)
        elif c == "~":
            self.toggle("strikethrough", i)
        elif c == "|" and src.startswith("||", i):
            self.toggle("spoiler", i)
            return i + 2
        elif c == "!" and src.startswith("![", i):
            self.stack.append(("custom_emoji", self.u16, i))
            return i + 2
        elif c == ">" and (i == 0 or src[i - 1] == "\n"):
            if not (self.stack and self.stack[-1][0] == "blockquote"):
                self.stack.append(("blockquote", self.u16, i))
        else:
            raise EntityParseError(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        return i + 1

    def run(self) -> tuple[str, list[Entity]]:
        src, n = self.src, len(self.src)
        plain = _V2_PLAIN if self.v2 else _LEGACY_PLAIN
        reserved = _V2_RESERVED if self.v2 else _LEGACY_RESERVED
        i = 0
        while i < n:
            if self.stack and self.stack[-1][0] in ("code", "pre"):
                i = self.in_code(i)
                continue
            m = plain.match(src, i)
            if m:
                self.emit(m.group())
                i = m.end()
                continue
            c = src[i]
            if c == "\\":
                nxt = src[i + 1] if i + 1 < n else ""
                if nxt and (0 < ord(nxt) <= 126 if self.v2 else nxt in reserved):
                    self.emit(nxt)
                    i += 2
                else:
                    self.emit(c)
                    i += 1
            elif c == "\n":
                # A blockquote ends with the last consecutive '>' line.
                if (
                    self.stack
                    and self.stack[-1][0] == "blockquote"
                    and not src.startswith(">", i + 1)
                ):
                    self.close_top()
                self.emit(c)
                i += 1
            elif c in reserved:
                i = self.reserved(c, i)
            else:
                self.emit(c)
                i += 1
        if self.stack and self.stack[-1][0] == "blockquote":
            self.close_top()
        if self.stack:
            type_, _, pos = self.stack[-1]
            raise self.fail_open(type_, pos)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities


def parse_markdown(src: str, *, v2: bool) -> tuple[str, list[Entity]]:
    """Plain text and entities of a Markdown(V2) message; raises EntityParseError."""
    return _Parser(src, v2).run()
