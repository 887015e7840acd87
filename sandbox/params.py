"""Bot API parameters: typed by name, whatever encoding the request used.

PTB 22 sends form-urlencoded or multipart bodies in which every non-string value
(reply_markup, entities, booleans, numbers) is a JSON-encoded string; other
clients send a JSON body. Types come from the parameter's name, so a text "123"
stays a string while chat_id "123" becomes an int.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sandbox.errors import ApiError, bad_request, chat_not_found

__all__ = ["Params", "Upload", "decode_json_body", "parse_params"]

_INTS = frozenset(
    {
        "chat_id", "message_id", "offset", "limit", "user_id", "max_connections",
        "cache_time", "message_thread_id", "from_chat_id", "reply_to_message_id",
        "live_period", "heading", "proximity_alert_radius", "until_date",
    }
)  # fmt: skip
# timeout: Telegram wants whole seconds; fractions are accepted to keep tests fast.
_FLOATS = frozenset({"latitude", "longitude", "horizontal_accuracy", "timeout"})
_BOOLS = frozenset(
    {
        "disable_notification", "protect_content", "allow_paid_broadcast", "show_alert",
        "drop_pending_updates", "disable_web_page_preview", "allow_sending_without_reply",
        "disable_content_type_detection", "has_spoiler", "revoke_messages",
        "show_caption_above_media",
    }
)  # fmt: skip
_JSON = frozenset(
    {
        "reply_markup", "entities", "caption_entities", "commands", "scope",
        "allowed_updates", "link_preview_options", "reply_parameters", "media",
    }
)  # fmt: skip
_TRUE = frozenset({"true", "True", "1", "TRUE"})
_JSON_ERRORS = MappingProxyType(
    {
        "reply_markup": "can't parse reply keyboard markup JSON object",
        "entities": "can't parse entities JSON object",
        "caption_entities": "can't parse caption entities JSON object",
    }
)


@dataclass(frozen=True, slots=True)
class Upload:
    """A file sent in a multipart body."""

    filename: str
    content_type: str
    data: bytes


@dataclass(slots=True)
class Params:
    """Typed parameters of one call, with typed accessors that raise Telegram's errors."""

    values: dict[str, Any]
    uploads: dict[str, Upload] = field(default_factory=dict)
    # JSON-typed parameters as sent (strings), to memoise their parsing.
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def require(self, name: str) -> Any:
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        return value

    def chat_id(self) -> int:
        """The chat_id; usernames ("@name") are never known here, so they are not found."""
        value = self.values.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if not isinstance(value, int):
            raise chat_not_found()
        return value

    def opt_int(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name, default)
        if value is not None and not isinstance(value, int):
            raise bad_request(f"invalid {name} specified")
        return value

    def opt_str(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name, default)
        return None if value is None else str(value)

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name, False))


def _convert(name: str, value: Any) -> Any:
    """Convert one raw value; strings from forms are decoded by the name's type."""
    if name in _JSON:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(
                    _JSON_ERRORS.get(name, f"can't parse {name} JSON object")
                ) from None
        return value
    if name in _INTS:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return int(str(value).strip())
        except ValueError:
            # A non-numeric chat_id is a channel username: handled by Params.chat_id.
            return value
    if name in _FLOATS:
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None
    if name in _BOOLS:
        return value in _TRUE if isinstance(value, str) else bool(value)
    if isinstance(value, str):
        return value
    # A JSON body may carry a number where a string is expected (e.g. callback_query_id).
    return value if isinstance(value, dict | list) else str(value)


def parse_params(raw: Mapping[str, Any], uploads: dict[str, Upload] | None = None) -> Params:
    """Type the raw parameters; raises ApiError(400) for unparsable JSON values."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name, value in raw.items():
        if value is None:
            continue
        if name in _JSON and isinstance(value, str):
            sources[name] = value
        values[name] = _convert(name, value)
    return Params(values, uploads or {}, sources)


def decode_json_body(body: bytes) -> dict[str, Any]:
    """A JSON request body, which must be an object."""
    try:
        data = json.loads(body)
    except ValueError:
        raise ApiError(400, "Bad Request: can't parse JSON object") from None
    if not isinstance(data, dict):
        raise ApiError(400, "Bad Request: JSON object expected")
    return data
