"""Shared pieces of the entity parsers: UTF-16 lengths, byte offsets, the parse error."""

from __future__ import annotations

from typing import Any

__all__ = ["Entity", "EntityParseError", "byte_offset", "utf16_len"]

# A MessageEntity as Telegram's JSON: {"type", "offset", "length", ...}.
Entity = dict[str, Any]


class EntityParseError(ValueError):
    """The reason part of "Bad Request: can't parse entities: <reason>"."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of entity offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def byte_offset(src: str, index: int) -> int:
    """UTF-8 byte offset of ``src[index]``, the position Telegram reports in errors."""
    return len(src[:index].encode("utf-8"))
