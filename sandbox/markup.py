"""reply_markup: validated like Telegram, stored compactly, echoed back as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sandbox.errors import bad_request
from sandbox.types import Button

__all__ = ["InlineKeyboard", "ReplyMarkup", "inline_keyboard_json", "parse_reply_markup"]

InlineKeyboard = tuple[tuple[Button, ...], ...]
MAX_CALLBACK_DATA_BYTES = 64
_OTHER_KINDS = (
    "login_url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "callback_game", "pay", "web_app", "copy_text",
)  # fmt: skip
_BUTTON_ERROR = "can't parse inline keyboard button: "


@dataclass(frozen=True, slots=True)
class ReplyMarkup:
    """One of: an inline keyboard, a reply keyboard, remove_keyboard or force_reply."""

    inline: InlineKeyboard | None = None
    keyboard: tuple[tuple[str, ...], ...] | None = None
    remove_keyboard: bool = False
    force_reply: bool = False


def _inline_button(item: Any) -> Button:
    if not isinstance(item, dict):
        raise bad_request(_BUTTON_ERROR + "InlineKeyboardButton must be an Object")
    text = item.get("text")
    if not isinstance(text, str):
        raise bad_request(_BUTTON_ERROR + 'Field "text" must be of type String')
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    kinds = [k for k in ("callback_data", "url", *_OTHER_KINDS) if item.get(k) is not None]
    if not kinds:
        raise bad_request(_BUTTON_ERROR + "Text buttons are unallowed in the inline keyboard")
    if len(kinds) > 1:
        raise bad_request(_BUTTON_ERROR + "only one of the optional fields must be used")
    kind = kinds[0]
    value = item[kind]
    if kind == "callback_data":
        if not isinstance(value, str) or not (
            1 <= len(value.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
        ):
            raise bad_request("BUTTON_DATA_INVALID")
        return Button(text, callback_data=value)
    if kind == "url":
        if not isinstance(value, str) or not value or any(ch.isspace() for ch in value):
            raise bad_request(f"inline keyboard button URL '{value}' is invalid: Wrong HTTP URL")
        return Button(text, url=value)
    return Button(text, extra=json.dumps({kind: value}, ensure_ascii=False))


def _rows(value: Any, field: str) -> list[list[Any]]:
    if not isinstance(value, list) or not all(isinstance(row, list) for row in value):
        raise bad_request(f'field "{field}" of the markup must be an Array of Arrays')
    return value


def _keyboard_text(item: Any) -> str:
    text = item.get("text") if isinstance(item, dict) else item
    if not isinstance(text, str) or not text:
        raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
    return text


def parse_reply_markup(value: Any, *, inline_only: bool = False) -> ReplyMarkup | None:
    """Validate reply_markup (already JSON-decoded); None when absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, dict):
        raise bad_request("object expected as reply markup")
    if "inline_keyboard" in value:
        rows = _rows(value["inline_keyboard"], "inline_keyboard")
        keyboard = tuple(tuple(_inline_button(b) for b in row) for row in rows)
        return ReplyMarkup(inline=keyboard)
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in value:
        rows = _rows(value["keyboard"], "keyboard")
        return ReplyMarkup(keyboard=tuple(tuple(_keyboard_text(b) for b in row) for row in rows))
    if value.get("remove_keyboard"):
        return ReplyMarkup(remove_keyboard=True)
    if value.get("force_reply"):
        return ReplyMarkup(force_reply=True)
    raise bad_request('can\'t find field "inline_keyboard"')


def inline_keyboard_json(keyboard: InlineKeyboard) -> dict[str, Any]:
    """The InlineKeyboardMarkup Telegram echoes in a Message."""
    return {"inline_keyboard": [[button.to_json() for button in row] for row in keyboard]}
