"""What the sandbox reports: small frozen records built from control-API JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BotCommand",
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "Document",
    "Location",
    "MessageVersion",
    "MethodStats",
    "Stats",
    "TextEntity",
    "UserMessage",
    "Venue",
]


@dataclass(frozen=True, slots=True)
class Button:
    """An inline keyboard button; ``extra`` is the JSON of any other kind (web_app, ...)."""

    text: str
    callback_data: str | None = None
    url: str | None = None
    extra: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The InlineKeyboardButton JSON Telegram echoes."""
        if self.callback_data is not None:
            return {"text": self.text, "callback_data": self.callback_data}
        if self.url is not None:
            return {"text": self.text, "url": self.url}
        other: dict[str, Any] = json.loads(self.extra) if self.extra else {}
        return {"text": self.text, **other}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Button:
        return cls(data["text"], data.get("callback_data"), data.get("url"), data.get("extra"))


@dataclass(frozen=True, slots=True)
class TextEntity:
    """A MessageEntity (offsets in UTF-16 code units, as on Telegram)."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TextEntity:
        return cls(
            data["type"],
            data["offset"],
            data["length"],
            data.get("url"),
            data.get("language"),
            data.get("custom_emoji_id"),
        )


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Venue:
    latitude: float
    longitude: float
    title: str
    address: str


@dataclass(frozen=True, slots=True)
class Document:
    """A document the bot sent; fetch the bytes with ``SandboxClient.download``."""

    file_id: str
    file_name: str | None
    mime_type: str | None
    file_size: int


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo the bot sent (its file_id: one the sandbox issued)."""

    file_id: str
    file_size: int


def _rows(data: Any) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(Button.from_json(b) for b in row) for row in data or ())


def _entities(data: Any) -> tuple[TextEntity, ...]:
    return tuple(TextEntity.from_json(e) for e in data or ())


@dataclass(frozen=True, slots=True)
class MessageVersion:
    """An earlier state of an edited message."""

    seq: int
    text: str
    raw_text: str | None
    parse_mode: str | None
    entities: tuple[TextEntity, ...]
    reply_markup: tuple[tuple[Button, ...], ...]
    edit_date: int | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MessageVersion:
        return cls(
            data["seq"],
            data["text"],
            data.get("raw_text"),
            data.get("parse_mode"),
            _entities(data.get("entities")),
            _rows(data.get("reply_markup")),
            data.get("edit_date"),
        )


@dataclass(frozen=True, slots=True)
class BotMessage:
    """A message the bot sent, as of event ``seq`` (``event`` "sent" or "edited").

    ``text`` is the plain text (caption for documents and photos), ``raw_text`` what the bot
    sent, ``reply_markup`` the inline keyboard rows, ``keyboard`` a reply keyboard.
    """

    seq: int
    event: str
    chat_id: int
    message_id: int
    date: int
    kind: str
    text: str
    raw_text: str | None
    parse_mode: str | None
    entities: tuple[TextEntity, ...]
    reply_markup: tuple[tuple[Button, ...], ...]
    keyboard: tuple[tuple[str, ...], ...] | None
    remove_keyboard: bool
    location: Location | None
    venue: Venue | None
    document: Document | None
    edit_date: int | None
    history: tuple[MessageVersion, ...]
    deleted: bool
    photo: Photo | None = None

    @property
    def buttons(self) -> tuple[Button, ...]:
        """Inline buttons, row by row."""
        return tuple(b for row in self.reply_markup for b in row)

    @property
    def button_texts(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.buttons)

    def button(self, text: str) -> Button:
        """The inline button with this exact text; KeyError if there is none."""
        for b in self.buttons:
            if b.text == text:
                return b
        raise KeyError(f"no button {text!r} in message {self.message_id}: {self.button_texts}")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BotMessage:
        loc, venue, doc = data.get("location"), data.get("venue"), data.get("document")
        keyboard = data.get("keyboard")
        return cls(
            seq=data["seq"],
            event=data["event"],
            chat_id=data["chat_id"],
            message_id=data["message_id"],
            date=data["date"],
            kind=data["kind"],
            text=data["text"],
            raw_text=data.get("raw_text"),
            parse_mode=data.get("parse_mode"),
            entities=_entities(data.get("entities")),
            reply_markup=_rows(data.get("reply_markup")),
            keyboard=None if keyboard is None else tuple(tuple(r) for r in keyboard),
            remove_keyboard=bool(data.get("remove_keyboard")),
            location=Location(**loc) if loc else None,
            venue=Venue(**venue) if venue else None,
            document=Document(**doc) if doc else None,
            edit_date=data.get("edit_date"),
            history=tuple(MessageVersion.from_json(v) for v in data.get("history", ())),
            deleted=bool(data.get("deleted")),
            photo=Photo(**data["photo"]) if data.get("photo") else None,
        )


@dataclass(frozen=True, slots=True)
class UserMessage:
    """A message a simulated user sent; ``seq`` is the bot-event mark at that moment."""

    chat_id: int
    message_id: int
    update_id: int | None
    date: int
    seq: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> UserMessage:
        return cls(
            data["chat_id"], data["message_id"], data.get("update_id"), data["date"], data["seq"]
        )


@dataclass(frozen=True, slots=True)
class CallbackAnswer:
    """The bot's answerCallbackQuery for one button press."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CallbackAnswer:
        return cls(
            data["callback_query_id"],
            data.get("text"),
            bool(data.get("show_alert")),
            data.get("url"),
            int(data.get("cache_time", 0)),
        )


@dataclass(frozen=True, slots=True)
class BotCommand:
    command: str
    description: str


@dataclass(frozen=True, slots=True)
class MethodStats:
    """Calls of one method: outcomes are "ok", the error code ("429", "403", ...) or
    "dropped"; ``in_flight`` counts calls still running (e.g. a parked long poll)."""

    calls: int
    in_flight: int
    outcomes: Mapping[str, int]
    first_call: float | None
    last_call: float | None


@dataclass(frozen=True, slots=True)
class Stats:
    """Call accounting since start (or the last reset); times are unix seconds."""

    methods: Mapping[str, MethodStats]
    too_many_requests: int
    delivered: int
    edits: int
    pending_updates: int

    def calls(self, method: str) -> int:
        entry = self.methods.get(method)
        return entry.calls if entry else 0

    def outcome(self, method: str, outcome: str | int) -> int:
        entry = self.methods.get(method)
        return entry.outcomes.get(str(outcome), 0) if entry else 0

    def first_call(self, method: str) -> float | None:
        entry = self.methods.get(method)
        return entry.first_call if entry else None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Stats:
        methods = {
            name: MethodStats(
                m["calls"], m["in_flight"], dict(m["outcomes"]), m["first_call"], m["last_call"]
            )
            for name, m in data["methods"].items()
        }
        return cls(
            methods,
            data["too_many_requests"],
            data["delivered"],
            data["edits"],
            data["pending_updates"],
        )
