"""Message text as Telegram sees it: parse_mode parsing, trimming, length limits and the
bot commands Telegram marks in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sandbox.bot_commands import with_bot_commands
from sandbox.errors import bad_request
from sandbox.html_text import parse_html
from sandbox.markdown_text import parse_markdown
from sandbox.text_units import Entity, EntityParseError, utf16_len

__all__ = ["MAX_CAPTION", "MAX_TEXT", "FormattedText", "format_text"]

MAX_TEXT = 4096
MAX_CAPTION = 1024
_NO_ENTITIES: tuple[Entity, ...] = ()
_ENTITY_KEYS = ("type", "offset", "length", "url", "language", "custom_emoji_id", "user")


@dataclass(frozen=True, slots=True)
class FormattedText:
    """Plain text (tags stripped, entities unescaped) and its entities."""

    text: str
    entities: tuple[Entity, ...]


def _explicit_entities(value: Any) -> tuple[Entity, ...]:
    """Entities given as a list instead of a parse_mode, minimally validated."""
    if not isinstance(value, list):
        raise bad_request("can't parse entities JSON object")
    result: list[Entity] = []
    for item in value:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("type"), str)
            and isinstance(item.get("offset"), int)
            and isinstance(item.get("length"), int)
        ):
            raise bad_request('can\'t parse MessageEntity: field "type" must be of type String')
        result.append({k: item[k] for k in _ENTITY_KEYS if k in item})
    return tuple(result)


def _trim(text: str, entities: Sequence[Entity]) -> tuple[str, tuple[Entity, ...]]:
    """Strip surrounding whitespace as Telegram does, keeping entities in place."""
    stripped = text.strip()
    if len(stripped) == len(text):
        return text, tuple(entities)
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept: list[Entity] = []
    for ent in entities:
        start = max(0, ent["offset"] - shift)
        end = min(size, ent["offset"] + ent["length"] - shift)
        if end > start:
            kept.append({**ent, "offset": start, "length": end - start})
    return stripped, tuple(kept)


def format_text(
    raw: str,
    parse_mode: str | None,
    entities: Any = None,
    *,
    caption: bool = False,
) -> FormattedText:
    """Parse ``raw`` like Telegram; raises ApiError(400) with Telegram's wording."""
    mode = (parse_mode or "").lower()
    text: str
    parsed: Sequence[Entity]
    try:
        if entities is not None:
            text, parsed = raw, _explicit_entities(entities)
        elif mode == "html":
            text, parsed = parse_html(raw)
        elif mode == "markdownv2":
            text, parsed = parse_markdown(raw, v2=True)
        elif mode == "markdown":
            text, parsed = parse_markdown(raw, v2=False)
        elif mode == "":
            text, parsed = raw, _NO_ENTITIES
        else:
            raise bad_request("unsupported parse_mode")
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    text, final = _trim(text, parsed)
    if caption:
        if len(text) > MAX_CAPTION:
            raise bad_request("message caption is too long")
    elif not text:
        raise bad_request("message text is empty")
    elif len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    return FormattedText(text, with_bot_commands(text, final) or _NO_ENTITIES)
