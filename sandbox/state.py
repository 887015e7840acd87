"""The sandbox's world: users, their private chats, messages, files, button presses.

Messages are stored per chat (dict by message id plus an event list ordered by
seq), so nothing on the hot path scans all messages. Every bot event (a send or
an edit) gets the next global ``seq``.
"""

from __future__ import annotations

import bisect
import sys
import time
from typing import Any

from sandbox.formatting import FormattedText
from sandbox.markup import ReplyMarkup
from sandbox.text_units import Entity
from sandbox.waiting import Notifier

__all__ = [
    "CallbackRecord",
    "ChatRecord",
    "SandboxState",
    "StoredFile",
    "StoredMessage",
    "UserRecord",
    "Version",
]


class UserRecord:
    __slots__ = (
        "blocked",
        "deactivated",
        "first_name",
        "id",
        "language_code",
        "last_name",
        "username",
    )

    def __init__(self, user_id: int, first_name: str) -> None:
        self.id = user_id
        self.first_name = first_name
        self.last_name: str | None = None
        self.username: str | None = None
        self.language_code: str | None = None
        self.blocked = False
        self.deactivated = False


class StoredFile:
    __slots__ = ("data", "file_id", "file_name", "file_path", "file_unique_id", "mime_type")

    def __init__(
        self,
        file_id: str,
        unique_id: str,
        path: str,
        *,
        name: str | None,
        mime_type: str | None,
        data: bytes,
    ) -> None:
        self.file_id = file_id
        self.file_unique_id = unique_id
        self.file_path = path
        self.file_name = name
        self.mime_type = mime_type
        self.data = data


class Version:
    """The editable part of a message at one seq (kept in the history of edits)."""

    __slots__ = ("edit_date", "entities", "markup", "parse_mode", "raw_text", "seq", "text")

    def __init__(
        self,
        seq: int,
        text: str,
        *,
        raw_text: str | None,
        parse_mode: str | None,
        entities: tuple[Entity, ...],
        markup: ReplyMarkup | None,
        edit_date: int | None,
    ) -> None:
        self.seq = seq
        self.text = text
        # None when identical to text: most messages are sent without parse_mode.
        self.raw_text = raw_text
        self.parse_mode = parse_mode
        self.entities = entities
        self.markup = markup
        self.edit_date = edit_date


# payload: (lat, lon) for locations, (lat, lon, title, address) for venues, the file for documents.
Payload = tuple[float, float] | tuple[float, float, str, str] | StoredFile | None


class StoredMessage(Version):
    """A bot message: its current version plus identity, payload and earlier versions."""

    __slots__ = ("chat_id", "date", "deleted", "history", "kind", "message_id", "payload")

    def __init__(
        self,
        chat_id: int,
        message_id: int,
        kind: str,
        *,
        content: FormattedText,
        raw_text: str,
        parse_mode: str | None,
        markup: ReplyMarkup | None,
        payload: Payload = None,
    ) -> None:
        # Broadcasts send one text to many chats: intern it to store it once.
        text = sys.intern(content.text)
        raw = None if raw_text == content.text else sys.intern(raw_text)
        super().__init__(
            0,
            text,
            raw_text=raw,
            parse_mode=parse_mode,
            entities=content.entities,
            markup=markup,
            edit_date=None,
        )
        self.chat_id = chat_id
        self.message_id = message_id
        self.date = int(time.time())
        self.kind = kind
        self.payload = payload
        self.history: list[Version] | None = None
        self.deleted = False

    def version_at(self, seq: int) -> Version:
        """The version that event ``seq`` produced."""
        if seq >= self.seq or not self.history:
            return self
        for version in self.history:
            if version.seq == seq:
                return version
        return self


class ChatRecord:
    """A private chat (chat id == user id)."""

    __slots__ = ("events", "id", "last_message_id", "messages", "user")

    def __init__(self, user: UserRecord) -> None:
        self.id = user.id
        self.user = user
        self.last_message_id = 0
        self.messages: dict[int, StoredMessage] = {}
        self.events: list[tuple[int, StoredMessage]] = []

    def next_message_id(self) -> int:
        """Message ids are per chat and shared by the user's and the bot's messages."""
        self.last_message_id += 1
        return self.last_message_id

    def events_after(self, seq: int) -> list[tuple[int, StoredMessage]]:
        start = bisect.bisect_right(self.events, seq, key=lambda e: e[0])
        return self.events[start:]


class CallbackRecord:
    __slots__ = ("answer", "answered", "chat_id", "data", "id", "message_id", "user_id")

    def __init__(
        self, query_id: str, user_id: int, chat_id: int, message_id: int, data: str
    ) -> None:
        self.id = query_id
        self.user_id = user_id
        self.chat_id = chat_id
        self.message_id = message_id
        self.data = data
        self.answered = False
        self.answer: dict[str, Any] | None = None


class SandboxState:
    """Everything the sandbox remembers; ``reset`` forgets it but keeps the counters
    (seq, ids) increasing so a running bot never sees an id twice."""

    def __init__(self, *, retain_messages: bool = True) -> None:
        self.retain_messages = retain_messages
        self.notifier = Notifier()
        self.seq = 0
        self._file_counter = 0
        self._callback_counter = 0
        self.reset()

    def reset(self) -> None:
        self.users: dict[int, UserRecord] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.callbacks: dict[str, CallbackRecord] = {}
        # (scope key, language_code) -> commands as Telegram JSON
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}

    def user(self, user_id: int, first_name: str = "Resident") -> UserRecord:
        user = self.users.get(user_id)
        if user is None:
            user = self.users[user_id] = UserRecord(user_id, first_name)
        return user

    def chat_of(self, user: UserRecord) -> ChatRecord:
        """The user's private chat; creating it is what makes the chat "known"."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = self.chats[user.id] = ChatRecord(user)
        return chat

    def add_bot_message(self, chat: ChatRecord, message: StoredMessage) -> int:
        self.seq += 1
        message.seq = self.seq
        if self.retain_messages:
            chat.messages[message.message_id] = message
            chat.events.append((self.seq, message))
        self.notifier.notify(chat.id)
        return self.seq

    def edit_message(
        self,
        chat: ChatRecord,
        message: StoredMessage,
        *,
        content: FormattedText,
        raw_text: str | None,
        parse_mode: str | None,
        markup: ReplyMarkup | None,
    ) -> int:
        """Record an edit: the current version moves to the history."""
        old = Version(
            message.seq,
            message.text,
            raw_text=message.raw_text,
            parse_mode=message.parse_mode,
            entities=message.entities,
            markup=message.markup,
            edit_date=message.edit_date,
        )
        if message.history is None:
            message.history = []
        message.history.append(old)
        self.seq += 1
        message.seq = self.seq
        message.text = sys.intern(content.text)
        message.raw_text = None if raw_text is None or raw_text == content.text else raw_text
        message.parse_mode = parse_mode
        message.entities = content.entities
        message.markup = markup
        message.edit_date = int(time.time())
        chat.events.append((self.seq, message))
        self.notifier.notify(chat.id)
        return self.seq

    def add_file(
        self, data: bytes, name: str | None, mime_type: str | None, folder: str = "documents"
    ) -> StoredFile:
        self._file_counter += 1
        n = self._file_counter
        ext = name.rsplit(".", 1)[1] if name and "." in name else "bin"
        prefix = "AgACAgIAAxkBAAI" if folder == "photos" else "BQACAgIAAxkBAAI"
        stored = StoredFile(
            f"{prefix}{n:08d}",
            f"AgAD{n:06d}",
            f"{folder}/file_{n}.{ext}",
            name=name,
            mime_type=mime_type,
            data=data,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    def add_callback(
        self, user_id: int, chat_id: int, message_id: int, data: str
    ) -> CallbackRecord:
        self._callback_counter += 1
        query_id = str(4_382_000_000_000_000_000 + self._callback_counter)
        record = CallbackRecord(query_id, user_id, chat_id, message_id, data)
        self.callbacks[query_id] = record
        return record
