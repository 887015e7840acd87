"""Bot messages as the control API reports them (the client's BotMessage)."""

from __future__ import annotations

from typing import Any

from sandbox.markup import ReplyMarkup
from sandbox.state import StoredFile, StoredMessage, Version

__all__ = ["message_event_json"]


def _buttons(markup: ReplyMarkup | None) -> list[list[dict[str, Any]]]:
    if markup is None or markup.inline is None:
        return []
    return [
        [
            {"text": b.text, "callback_data": b.callback_data, "url": b.url, "extra": b.extra}
            for b in row
        ]
        for row in markup.inline
    ]


def _version_json(version: Version) -> dict[str, Any]:
    return {
        "seq": version.seq,
        "text": version.text,
        "raw_text": version.raw_text if version.raw_text is not None else version.text,
        "parse_mode": version.parse_mode,
        "entities": list(version.entities),
        "reply_markup": _buttons(version.markup),
        "edit_date": version.edit_date,
    }


def message_event_json(message: StoredMessage, seq: int) -> dict[str, Any]:
    """The message as event ``seq`` left it, with the versions before that."""
    version = message.version_at(seq)
    history = [v for v in message.history or () if v.seq < version.seq]
    data = _version_json(version)
    markup = version.markup
    payload = message.payload
    data.update(
        event="edited" if history else "sent",
        chat_id=message.chat_id,
        message_id=message.message_id,
        date=message.date,
        kind=message.kind,
        keyboard=[list(row) for row in markup.keyboard] if markup and markup.keyboard else None,
        remove_keyboard=bool(markup and markup.remove_keyboard),
        history=[_version_json(v) for v in history],
        deleted=message.deleted,
        location=None,
        venue=None,
        document=None,
        photo=None,
    )
    if isinstance(payload, StoredFile) and message.kind == "photo":
        data["photo"] = {"file_id": payload.file_id, "file_size": len(payload.data)}
    elif isinstance(payload, StoredFile):
        data["document"] = {
            "file_id": payload.file_id,
            "file_name": payload.file_name,
            "mime_type": payload.mime_type,
            "file_size": len(payload.data),
        }
    elif payload is not None:
        data["location"] = {"latitude": payload[0], "longitude": payload[1]}
        if len(payload) == 4:
            data["venue"] = {
                "latitude": payload[0],
                "longitude": payload[1],
                "title": payload[2],
                "address": payload[3],
            }
    return data
