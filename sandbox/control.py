"""The control API under ``/_sandbox/``: act as users, inspect what the bot sent, steer.

Arguments come as a JSON object (POST) or query parameters (GET); answers are JSON.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sandbox.api_other import scope_key
from sandbox.bot_commands import find_bot_commands
from sandbox.core import SandboxCore
from sandbox.errors import ApiError, SandboxError
from sandbox.faults import Fault
from sandbox.limits import Limits
from sandbox.snapshots import message_event_json
from sandbox.state import ChatRecord, StoredMessage
from sandbox.telegram_json import (
    chat_json,
    document_json,
    message_json,
    photo_json,
    user_json,
)

__all__ = ["ControlApi"]

Args = dict[str, Any]
Handler = Callable[[Args], Any]
MAX_EVENTS = 500
# A photo a test sends without content: the smallest JPEG header (never decoded here).
_PHOTO_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\xff\xd9"


def _int(args: Args, name: str, default: int | None = None) -> int:
    value = args.get(name, default)
    if value is None:
        raise SandboxError(f"{name} is required")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SandboxError(f"{name} must be an integer") from None


def _float(args: Args, name: str, default: float) -> float:
    try:
        return float(args.get(name, default))
    except (TypeError, ValueError):
        raise SandboxError(f"{name} must be a number") from None


def _opt_str(args: Args, name: str) -> str | None:
    value = args.get(name)
    return None if value is None else str(value)


class ControlApi:
    """Each public coroutine or function here is one endpoint, named like the method."""

    def __init__(self, core: SandboxCore) -> None:
        self._core = core
        self._sync: dict[str, Handler] = {
            "send_text": self.send_text,
            "send_location": self.send_location,
            "upload": self.upload,
            "send_photo": self.send_photo,
            "raw_update": self.raw_update,
            "press": self.press,
            "block": self.block,
            "unblock": self.unblock,
            "deactivate": self.deactivate,
            "messages": self.messages,
            "callback_answers": self.callback_answers,
            "last_seq": lambda args: {"seq": self._core.state.seq},
            "add_fault": self.add_fault,
            "clear_faults": self.clear_faults,
            "limits": self.limits,
            "stats": lambda args: core.stats.to_json(len(core.updates)),
            "commands": self.commands,
            "visible_commands": self.visible_commands,
            "webhook": lambda args: core.webhook.info_json(),
            "reset": self.reset,
        }
        self._async: dict[str, Callable[[Args], Awaitable[Any]]] = {
            "wait": self.wait,
            "wait_quiet": self.wait_quiet,
            "wait_callback_answer": self.wait_callback_answer,
        }

    def has(self, name: str) -> bool:
        return name in self._sync or name in self._async

    async def call(self, name: str, args: Args) -> Any:
        """Run endpoint ``name`` (see ``has``); raises SandboxError for bad calls."""
        try:
            handler = self._sync.get(name)
            if handler is not None:
                return handler(args)
            return await self._async[name](args)
        except ValueError as exc:
            raise SandboxError(str(exc)) from None

    # --- acting as users -------------------------------------------------------------

    def _user_message(self, args: Args, body: dict[str, Any]) -> dict[str, Any]:
        """Post a message from user ``user_id`` (the chat becomes known)."""
        core = self._core
        user_id = _int(args, "user_id")
        chat = core.user_acts(
            user_id, _opt_str(args, "first_name"), _opt_str(args, "language_code")
        )
        if chat.user.deactivated:
            raise SandboxError(f"user {user_id} is deactivated")
        if chat.user.blocked:
            # Writing to a blocked bot means pressing "Restart": Telegram unblocks it.
            core.set_blocked(chat.user, False)
        message_id = chat.next_message_id()
        date = int(time.time())
        message = {
            "message_id": message_id,
            "from": user_json(chat.user),
            "chat": chat_json(chat),
            "date": date,
            **body,
        }
        update_id = core.updates.push("message", message)
        return {
            "chat_id": chat.id,
            "message_id": message_id,
            "update_id": update_id,
            "date": date,
            "seq": core.state.seq,
        }

    def send_text(self, args: Args) -> Any:
        text = str(args.get("text") or "")
        if not text:
            raise SandboxError("text is required")
        body: dict[str, Any] = {"text": text}
        commands = find_bot_commands(text)
        if commands:
            # Real clients mark every command so PTB's CommandHandler matches one at offset 0.
            body["entities"] = commands
        return self._user_message(args, body)

    def raw_update(self, args: Args) -> Any:
        """Queue an update exactly as given (a server or API version the bot may not parse)."""
        kind = str(args.get("kind") or "")
        body = args.get("body")
        if not kind or not isinstance(body, dict):
            raise SandboxError("kind and a JSON object body are required")
        update_id = self._core.updates.push(kind, body)
        return {"update_id": update_id, "seq": self._core.state.seq}

    def send_location(self, args: Args) -> Any:
        location = {
            "latitude": _float(args, "latitude", 0.0),
            "longitude": _float(args, "longitude", 0.0),
        }
        return self._user_message(args, {"location": location})

    def upload(self, args: Args) -> Any:
        try:
            data = base64.b64decode(str(args.get("content_b64", "")), validate=True)
        except ValueError:
            raise SandboxError("content_b64 must be base64") from None
        stored = self._core.state.add_file(
            data, _opt_str(args, "file_name"), _opt_str(args, "mime_type") or "text/csv"
        )
        body: dict[str, Any] = {"document": document_json(stored)}
        caption = _opt_str(args, "caption")
        if caption:
            body["caption"] = caption
        return self._user_message(args, body)

    def send_photo(self, args: Args) -> Any:
        """A photo from the user, in two sizes (each a file the bot can getFile or send)."""
        try:
            data = base64.b64decode(str(args.get("content_b64", "")), validate=True)
        except ValueError:
            raise SandboxError("content_b64 must be base64") from None
        data = data or _PHOTO_BYTES
        sizes = tuple(
            self._core.state.add_file(data, None, "image/jpeg", folder="photos")
            for _ in range(2)
        )
        body: dict[str, Any] = {"photo": photo_json(sizes)}
        caption = _opt_str(args, "caption")
        if caption:
            body["caption"] = caption
        return self._user_message(args, body)

    def _bot_message(self, chat: ChatRecord, message_id: int) -> StoredMessage:
        message = chat.messages.get(message_id)
        if message is None or message.deleted:
            raise SandboxError(f"chat {chat.id} has no bot message {message_id}")
        return message

    def press(self, args: Args) -> Any:
        """A callback_query for a bot message: forged data, or a button of its markup."""
        core = self._core
        user_id = _int(args, "user_id")
        chat = core.state.chats.get(user_id)
        if chat is None:
            raise SandboxError(f"user {user_id} has no chat with the bot")
        if chat.user.blocked or chat.user.deactivated:
            raise SandboxError(f"user {user_id} blocked the bot or is deactivated")
        message = self._bot_message(chat, _int(args, "message_id"))
        data = _opt_str(args, "callback_data")
        if data is None:
            data = self._button_data(message, args)
        record = core.state.add_callback(user_id, chat.id, message.message_id, data)
        query = {
            "id": record.id,
            "from": user_json(chat.user),
            "message": message_json(message, chat, core.bot),
            "chat_instance": str(7_000_000_000_000_000_000 + chat.id),
            "data": data,
        }
        update_id = core.updates.push("callback_query", query)
        return {"callback_query_id": record.id, "update_id": update_id, "seq": core.state.seq}

    def _button_data(self, message: StoredMessage, args: Args) -> str:
        """callback_data of a button on the message's current inline keyboard."""
        keyboard = message.markup.inline if message.markup else None
        buttons = [b for row in keyboard or () for b in row]
        text = _opt_str(args, "button_text")
        if text is not None:
            found = [b for b in buttons if b.text == text]
        else:
            index = _int(args, "button_index")
            found = buttons[index : index + 1] if 0 <= index < len(buttons) else []
        if not found:
            texts = [b.text for b in buttons]
            raise SandboxError(f"message {message.message_id} has no such button; it has {texts}")
        if found[0].callback_data is None:
            raise SandboxError(f"button {found[0].text!r} has no callback_data")
        return found[0].callback_data

    def block(self, args: Args) -> Any:
        user = self._core.state.user(_int(args, "user_id"))
        return {"update_id": self._core.set_blocked(user, True)}

    def unblock(self, args: Args) -> Any:
        user = self._core.state.user(_int(args, "user_id"))
        return {"update_id": self._core.set_blocked(user, False)}

    def deactivate(self, args: Args) -> Any:
        user = self._core.state.user(_int(args, "user_id"))
        user.deactivated = True
        return {}

    # --- inspecting ------------------------------------------------------------------

    def messages(self, args: Args) -> Any:
        chat = self._core.state.chats.get(_int(args, "chat_id"))
        if chat is None:
            return []
        # Insertion order is message id order.
        return [message_event_json(m, m.seq) for m in chat.messages.values()]

    def callback_answers(self, args: Args) -> Any:
        query_id = _opt_str(args, "callback_query_id")
        records = self._core.state.callbacks
        if query_id is None:
            return [r.answer for r in records.values() if r.answer is not None]
        record = records.get(query_id)
        return [record.answer] if record is not None and record.answer is not None else []

    def _events(self, chat_id: int, after_seq: int) -> list[dict[str, Any]]:
        chat = self._core.state.chats.get(chat_id)
        events = chat.events_after(after_seq)[:MAX_EVENTS] if chat else []
        return [message_event_json(m, seq) for seq, m in events]

    async def wait(self, args: Args) -> Any:
        """Bot events in a chat after ``after_seq``: at once if any, else the first ones
        to come within ``timeout`` (an empty list when none do)."""
        chat_id, after = _int(args, "chat_id"), _int(args, "after_seq", 0)
        deadline = time.monotonic() + _float(args, "timeout", 5.0)
        while True:
            events = self._events(chat_id, after)
            remaining = deadline - time.monotonic()
            if events or remaining <= 0:
                return {"events": events}
            if not await self._core.state.notifier.wait(chat_id, remaining):
                return {"events": self._events(chat_id, after)}

    async def wait_quiet(self, args: Args) -> Any:
        """All events after ``after_seq`` once there was one and then none for ``quiet``."""
        chat_id, after = _int(args, "chat_id"), _int(args, "after_seq", 0)
        timeout, quiet = _float(args, "timeout", 5.0), _float(args, "quiet", 0.3)
        deadline = time.monotonic() + timeout
        first = await self.wait({"chat_id": chat_id, "after_seq": after, "timeout": timeout})
        if not first["events"]:
            return first
        while True:
            pause = min(quiet, deadline - time.monotonic())
            if pause <= 0 or not await self._core.state.notifier.wait(chat_id, pause):
                return {"events": self._events(chat_id, after)}

    async def wait_callback_answer(self, args: Args) -> Any:
        query_id = str(args.get("callback_query_id"))
        deadline = time.monotonic() + _float(args, "timeout", 5.0)
        notifier = self._core.state.notifier
        while True:
            record = self._core.state.callbacks.get(query_id)
            if record is None:
                raise SandboxError(f"unknown callback_query_id {query_id}")
            remaining = deadline - time.monotonic()
            if record.answer is not None or remaining <= 0:
                return record.answer
            if not await notifier.wait(("callback", query_id), remaining):
                return record.answer

    def commands(self, args: Args) -> Any:
        scope = args.get("scope")
        try:
            key = scope_key(self._core, scope)
        except ApiError as err:
            raise SandboxError(err.description) from None
        return self._core.state.commands.get((key, str(args.get("language_code") or "")), [])

    def visible_commands(self, args: Args) -> Any:
        """The menu a user would see, by Telegram's fallback order for private chats."""
        chat_id = _int(args, "chat_id")
        lang = str(args.get("language_code") or "")
        table = self._core.state.commands
        for scope in (f"chat:{chat_id}", "all_private_chats", "default"):
            for code in (lang, "") if lang else ("",):
                if (scope, code) in table:
                    return table[(scope, code)]
        return []

    # --- steering --------------------------------------------------------------------

    def add_fault(self, args: Args) -> Any:
        try:
            self._core.faults.add(Fault.from_json(args))
        except (KeyError, TypeError, ValueError) as exc:
            raise SandboxError(f"bad fault: {exc}") from None
        return {}

    def clear_faults(self, args: Args) -> Any:
        self._core.faults.clear()
        return {}

    def limits(self, args: Args) -> Any:
        if args:
            try:
                self._core.limiter.limits = Limits.from_json(args)
            except (TypeError, ValueError) as exc:
                raise SandboxError(f"bad limits: {exc}") from None
        return self._core.limiter.limits.to_json()

    def reset(self, args: Args) -> Any:
        self._core.reset()
        return {}
