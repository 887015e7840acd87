"""Builders for Telegram's JSON objects: User, Chat, Message, Document, File, ..."""

from __future__ import annotations

from typing import Any

from sandbox.markup import inline_keyboard_json
from sandbox.state import ChatRecord, StoredFile, StoredMessage, UserRecord

__all__ = [
    "BotIdentity",
    "chat_json",
    "chat_member_updated_json",
    "document_json",
    "file_json",
    "message_json",
    "photo_json",
    "user_json",
]


class BotIdentity:
    """The bot's own User objects, built once."""

    __slots__ = ("id", "me", "sender")

    def __init__(self, bot_id: int, first_name: str, username: str) -> None:
        self.id = bot_id
        # "from" of the bot's messages.
        self.sender: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
        }
        # getMe.
        self.me: dict[str, Any] = {
            **self.sender,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }


def user_json(user: UserRecord) -> dict[str, Any]:
    data: dict[str, Any] = {"id": user.id, "is_bot": False, "first_name": user.first_name}
    if user.last_name:
        data["last_name"] = user.last_name
    if user.username:
        data["username"] = user.username
    if user.language_code:
        data["language_code"] = user.language_code
    return data


def chat_json(chat: ChatRecord) -> dict[str, Any]:
    user = chat.user
    data: dict[str, Any] = {"id": chat.id, "first_name": user.first_name, "type": "private"}
    if user.last_name:
        data["last_name"] = user.last_name
    if user.username:
        data["username"] = user.username
    return data


def document_json(stored: StoredFile) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
    }
    if stored.file_name:
        data["file_name"] = stored.file_name
    if stored.mime_type:
        data["mime_type"] = stored.mime_type
    return data


def photo_json(sizes: tuple[StoredFile, ...]) -> list[dict[str, Any]]:
    """A photo as Telegram sends it: its sizes, smallest first (each its own file)."""
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "width": 90 * 2**index,
            "height": 60 * 2**index,
        }
        for index, stored in enumerate(sizes)
    ]


def file_json(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }


def message_json(msg: StoredMessage, chat: ChatRecord, bot: BotIdentity) -> dict[str, Any]:
    """The Message object for a bot message, in its current state."""
    data: dict[str, Any] = {
        "message_id": msg.message_id,
        "from": bot.sender,
        "chat": chat_json(chat),
        "date": msg.date,
    }
    if msg.edit_date is not None:
        data["edit_date"] = msg.edit_date
    text_key, entities_key = "text", "entities"
    payload = msg.payload
    if msg.kind == "location" and isinstance(payload, tuple):
        data["location"] = {"latitude": payload[0], "longitude": payload[1]}
    elif msg.kind == "venue" and isinstance(payload, tuple) and len(payload) == 4:
        location = {"latitude": payload[0], "longitude": payload[1]}
        data["location"] = location
        data["venue"] = {"location": location, "title": payload[2], "address": payload[3]}
    elif msg.kind == "document" and isinstance(payload, StoredFile):
        data["document"] = document_json(payload)
        text_key, entities_key = "caption", "caption_entities"
    elif msg.kind == "photo" and isinstance(payload, StoredFile):
        data["photo"] = photo_json((payload,))
        text_key, entities_key = "caption", "caption_entities"
    if msg.text:
        data[text_key] = msg.text
        if msg.entities:
            data[entities_key] = list(msg.entities)
    if msg.markup is not None and msg.markup.inline is not None:
        data["reply_markup"] = inline_keyboard_json(msg.markup.inline)
    return data


def chat_member_updated_json(
    chat: ChatRecord, bot: BotIdentity, date: int, old: str, new: str
) -> dict[str, Any]:
    """my_chat_member for a private chat: the user blocked (kicked) or unblocked the bot."""

    def member(status: str) -> dict[str, Any]:
        data: dict[str, Any] = {"user": bot.sender, "status": status}
        if status == "kicked":
            data["until_date"] = 0
        return data

    return {
        "chat": chat_json(chat),
        "from": user_json(chat.user),
        "date": date,
        "old_chat_member": member(old),
        "new_chat_member": member(new),
    }
