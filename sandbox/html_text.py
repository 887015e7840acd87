"""Telegram's HTML parse_mode, strictly.

Supported: b strong i em u ins s strike del span.tg-spoiler tg-spoiler a[href]
code[class=language-*] pre blockquote[expandable] tg-emoji[emoji-id], the entities
&lt; &gt; &amp; &quot; and numeric ones. Unknown tags, unclosed or mismatched tags
and a '<' that starts no tag are errors, as on Telegram. A '&' that starts no
entity is an error too: stricter than Telegram (which lets it through) so that
tests catch user text that was not escaped.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from sandbox.text_units import Entity, EntityParseError, byte_offset, utf16_len

__all__ = ["parse_html"]

_SIMPLE = MappingProxyType({
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler", "code": "code", "pre": "pre", "blockquote": "blockquote",
})  # fmt: skip
_SUPPORTED = frozenset({*_SIMPLE, "a", "span", "tg-emoji"})
_NAMED = MappingProxyType({"lt": "<", "gt": ">", "amp": "&", "quot": '"'})
_SPECIAL = re.compile(r"[<&]")
_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]{0,15}));")
_TAG_NAME = re.compile(r"[a-zA-Z0-9-]*")
_ATTR_NAME = re.compile(r"[a-zA-Z0-9_-]*")
_UNQUOTED = re.compile(r"[^\s>]*")


class _Open:
    """A start tag waiting for its end tag."""

    __slots__ = ("attrs", "offset", "pos", "tag", "type")

    def __init__(self, tag: str, type_: str, offset: int, pos: int, attrs: Entity) -> None:
        self.tag = tag
        self.type = type_
        self.offset = offset
        self.pos = pos
        self.attrs = attrs


def _decode_entity(src: str, i: int) -> tuple[str, int]:
    """The character for the HTML entity at ``src[i]`` ('&') and the index after it."""
    m = _ENTITY.match(src, i)
    if m is None:
        raise EntityParseError(
            f"Character '&' at byte offset {byte_offset(src, i)} must be escaped as \"&amp;\""
        )
    dec, hexa, name = m.groups()
    if name is not None:
        char = _NAMED.get(name)
        if char is None:
            raise EntityParseError(
                f'Unsupported HTML entity "&{name};" at byte offset {byte_offset(src, i)}'
            )
        return char, m.end()
    code = int(dec, 10) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise EntityParseError(f"Invalid HTML entity at byte offset {byte_offset(src, i)}")
    return chr(code), m.end()


def _unescape(value: str, src: str, pos: int) -> str:
    """Decode entities inside an attribute value."""
    if "&" not in value:
        return value
    out: list[str] = []
    i = 0
    while i < len(value):
        j = value.find("&", i)
        if j < 0:
            out.append(value[i:])
            break
        out.append(value[i:j])
        try:
            char, i = _decode_entity(value, j)
        except EntityParseError:
            raise EntityParseError(
                f"Invalid attribute value at byte offset {byte_offset(src, pos)}"
            ) from None
        out.append(char)
    return "".join(out)


def _attributes(src: str, k: int, tag: str, start: int) -> tuple[dict[str, str], int]:
    """Parse attributes from ``src[k]`` to the closing '>'; returns them and the index after."""
    attrs: dict[str, str] = {}
    n = len(src)
    while True:
        while k < n and src[k].isspace():
            k += 1
        if k >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(src, start)}")
        if src[k] == ">":
            return attrs, k + 1
        m = _ATTR_NAME.match(src, k)
        name = m.group() if m else ""
        if not name:
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {byte_offset(src, start)}"
            )
        k += len(name)
        while k < n and src[k].isspace():
            k += 1
        value = ""
        if k < n and src[k] == "=":
            k += 1
            while k < n and src[k].isspace():
                k += 1
            if k < n and src[k] in "\"'":
                end = src.find(src[k], k + 1)
                if end < 0:
                    raise EntityParseError(
                        f"Unclosed start tag at byte offset {byte_offset(src, start)}"
                    )
                value = src[k + 1 : end]
                k = end + 1
            else:
                um = _UNQUOTED.match(src, k)
                value = um.group() if um else ""
                k += len(value)
        attrs[name.lower()] = _unescape(value, src, start)


def _open_tag(tag: str, attrs: dict[str, str], offset: int, src: str, pos: int) -> _Open:
    """Entity type and attributes for a start tag; checks what Telegram checks."""
    extra: Entity = {}
    if tag == "a":
        type_ = "text_link"
        if "href" in attrs:
            extra["url"] = attrs["href"]
    elif tag == "span":
        if attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(src, pos)}'
            )
        type_ = "spoiler"
    elif tag == "tg-emoji":
        if not attrs.get("emoji-id", "").isdigit():
            raise EntityParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset '
                f"{byte_offset(src, pos)}"
            )
        type_ = "custom_emoji"
        extra["custom_emoji_id"] = attrs["emoji-id"]
    else:
        type_ = _SIMPLE[tag]
        if tag == "code" and attrs.get("class", "").startswith("language-"):
            extra["language"] = attrs["class"][len("language-") :]
        elif tag == "blockquote" and "expandable" in attrs:
            type_ = "expandable_blockquote"
    return _Open(tag, type_, offset, pos, extra)


def _close(top: _Open, end: int, stack: list[_Open], entities: list[Entity]) -> None:
    """Turn a closed tag into an entity; empty ones vanish, as on Telegram."""
    length = end - top.offset
    if length <= 0:
        return
    if top.type == "code" and "language" in top.attrs and stack and stack[-1].type == "pre":
        # <pre><code class="language-x"> is one pre entity with a language.
        stack[-1].attrs["language"] = top.attrs["language"]
        return
    if top.type == "text_link" and "url" not in top.attrs:
        return
    entities.append({"offset": top.offset, "length": length, "type": top.type, **top.attrs})


def parse_html(src: str) -> tuple[str, list[Entity]]:
    """Plain text and entities of an HTML-formatted message; raises EntityParseError."""
    out: list[str] = []
    entities: list[Entity] = []
    stack: list[_Open] = []
    u16 = 0
    i = 0
    n = len(src)
    while i < n:
        m = _SPECIAL.search(src, i)
        j = m.start() if m else n
        if j > i:
            piece = src[i:j]
            out.append(piece)
            u16 += utf16_len(piece)
            i = j
            continue
        if src[i] == "&":
            char, i = _decode_entity(src, i)
            out.append(char)
            u16 += utf16_len(char)
            continue
        if src.startswith("</", i):
            end = src.find(">", i + 2)
            if end < 0:
                raise EntityParseError(f"Unclosed end tag at byte offset {byte_offset(src, i)}")
            name = src[i + 2 : end].strip().lower()
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {byte_offset(src, i)}")
            top = stack.pop()
            if name != top.tag:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {byte_offset(src, i)}, "
                    f'expected "</{top.tag}>", found "</{name}>"'
                )
            _close(top, u16, stack, entities)
            i = end + 1
            continue
        tm = _TAG_NAME.match(src, i + 1)
        tag = (tm.group() if tm else "").lower()
        if tag not in _SUPPORTED:
            raise EntityParseError(
                f'Unsupported start tag "{tag}" at byte offset {byte_offset(src, i)}'
            )
        attrs, after = _attributes(src, i + 1 + len(tag), tag, i)
        stack.append(_open_tag(tag, attrs, u16, src, i))
        i = after
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities
