"""The user side of the sandbox: a typed client for the control API (``/_sandbox/``)."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from typing import Any

import httpx

from sandbox.errors import SandboxError
from sandbox.faults import Fault
from sandbox.limits import Limits
from sandbox.types import BotCommand, BotMessage, CallbackAnswer, Stats, UserMessage
from sandbox.user import SimulatedUser

__all__ = ["SandboxClient"]

Predicate = Callable[[BotMessage], bool]
# Extra seconds on top of a server-side wait before the HTTP request itself gives up.
_HTTP_SLACK = 5.0


def _summary(messages: list[BotMessage]) -> str:
    """What a chat received, for timeout errors."""
    if not messages:
        return "nothing"
    lines = []
    for m in messages:
        buttons = f" buttons={list(m.button_texts)}" if m.reply_markup else ""
        lines.append(f"  seq {m.seq} {m.event} #{m.message_id} {m.kind}: {m.text[:200]!r}{buttons}")
    return "\n" + "\n".join(lines)


def _update_id(result: dict[str, Any]) -> int | None:
    value = result.get("update_id")
    return None if value is None else int(value)


class SandboxClient:
    """Drive a running sandbox: act as users, inspect what the bot sent, inject faults.

    Use as an async context manager, or call ``aclose``. A given ``http`` client is
    borrowed and left open.
    """

    def __init__(self, url: str, *, http: httpx.AsyncClient | None = None) -> None:
        self._base = url.rstrip("/") + "/_sandbox/"
        self._owns_http = http is None
        self._http = http if http is not None else httpx.AsyncClient(timeout=10.0)

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def _call(
        self,
        name: str,
        body: dict[str, Any] | None = None,
        *,
        params: dict[str, Any] | None = None,
        http_timeout: float = 10.0,
    ) -> Any:
        if body is None:
            response = await self._http.get(self._base + name, params=params, timeout=http_timeout)
        else:
            response = await self._http.post(self._base + name, json=body, timeout=http_timeout)
        data = response.json()
        if not data.get("ok"):
            raise SandboxError(data.get("error", f"HTTP {response.status_code}"))
        return data["result"]

    # --- acting as users -------------------------------------------------------------

    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        language_code: str | None = None,
        first_name: str = "Resident",
    ) -> UserMessage:
        """A text message from the user; "/cmd" gets a bot_command entity like real clients."""
        body = {
            "user_id": user_id,
            "text": text,
            "language_code": language_code,
            "first_name": first_name,
        }
        return UserMessage.from_json(await self._call("send_text", body))

    async def raw_update(self, kind: str, body: dict[str, Any]) -> int | None:
        """Queue an update verbatim (malformed on purpose in tests); its update_id."""
        result = await self._call("raw_update", {"kind": kind, "body": body})
        update_id = result["update_id"]
        return int(update_id) if update_id is not None else None

    async def send_location(
        self, user_id: int, latitude: float, longitude: float, *, first_name: str = "Resident"
    ) -> UserMessage:
        body = {
            "user_id": user_id,
            "latitude": latitude,
            "longitude": longitude,
            "first_name": first_name,
        }
        return UserMessage.from_json(await self._call("send_location", body))

    async def upload(
        self,
        user_id: int,
        file_name: str,
        content: bytes,
        mime_type: str = "text/csv",
        caption: str | None = None,
        *,
        first_name: str = "Resident",
    ) -> UserMessage:
        """A document message from the user; the bot can getFile and download it."""
        body = {
            "user_id": user_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "caption": caption,
            "first_name": first_name,
            "content_b64": base64.b64encode(content).decode(),
        }
        return UserMessage.from_json(await self._call("upload", body))

    async def send_photo(
        self,
        user_id: int,
        caption: str | None = None,
        content: bytes = b"",
        *,
        first_name: str = "Resident",
    ) -> UserMessage:
        """A photo from the user (two sizes, each a file_id the bot may send back)."""
        body = {
            "user_id": user_id,
            "caption": caption,
            "first_name": first_name,
            "content_b64": base64.b64encode(content).decode(),
        }
        return UserMessage.from_json(await self._call("send_photo", body))

    async def press(self, user_id: int, message_id: int, callback_data: str) -> str:
        """A callback_query with any data (forged payloads too); returns its id."""
        body = {"user_id": user_id, "message_id": message_id, "callback_data": callback_data}
        result = await self._call("press", body)
        return str(result["callback_query_id"])

    async def press_button(self, user_id: int, message_id: int, button: int | str) -> str:
        """Press a button of the message's current keyboard, by flat index or exact text."""
        body: dict[str, Any] = {"user_id": user_id, "message_id": message_id}
        body["button_index" if isinstance(button, int) else "button_text"] = button
        result = await self._call("press", body)
        return str(result["callback_query_id"])

    async def block(self, user_id: int) -> int | None:
        """The user blocks the bot: a my_chat_member update; sends then fail with 403."""
        return _update_id(await self._call("block", {"user_id": user_id}))

    async def unblock(self, user_id: int) -> int | None:
        return _update_id(await self._call("unblock", {"user_id": user_id}))

    async def deactivate(self, user_id: int) -> None:
        """The account is deleted: sends fail with "user is deactivated"."""
        await self._call("deactivate", {"user_id": user_id})

    def user(
        self, user_id: int, *, first_name: str = "Resident", language_code: str | None = None
    ) -> SimulatedUser:
        return SimulatedUser(self, user_id, first_name=first_name, language_code=language_code)

    # --- inspecting ------------------------------------------------------------------

    async def messages(self, chat_id: int) -> list[BotMessage]:
        """Everything the bot sent to the chat, in order, in its current state."""
        data = await self._call("messages", params={"chat_id": chat_id})
        return [BotMessage.from_json(m) for m in data]

    async def last_seq(self) -> int:
        """The current bot-event mark: pass it as ``after_seq`` before acting."""
        return int((await self._call("last_seq", params={}))["seq"])

    async def events(self, chat_id: int, *, after_seq: int = 0) -> list[BotMessage]:
        """Bot events (sends and edits) in the chat after ``after_seq``, without waiting."""
        params = {"chat_id": chat_id, "after_seq": after_seq, "timeout": 0}
        data = await self._call("wait", params=params)
        return [BotMessage.from_json(m) for m in data["events"]]

    async def wait_for(
        self,
        chat_id: int,
        predicate: Predicate | None = None,
        *,
        after_seq: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109 - bounds the server-side wait
    ) -> BotMessage:
        """The first bot event after ``after_seq`` that matches; TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        cursor = after_seq
        while (remaining := deadline - time.monotonic()) > 0:
            params = {"chat_id": chat_id, "after_seq": cursor, "timeout": remaining}
            data = await self._call("wait", params=params, http_timeout=remaining + _HTTP_SLACK)
            for raw in data["events"]:
                message = BotMessage.from_json(raw)
                if predicate is None or predicate(message):
                    return message
                cursor = message.seq
        seen = await self.events(chat_id, after_seq=after_seq)
        raise TimeoutError(
            f"chat {chat_id}: no matching bot message within {timeout}s after seq {after_seq}; "
            f"the chat received: {_summary(seen)}"
        )

    async def wait_quiet(
        self,
        chat_id: int,
        *,
        after_seq: int,
        quiet: float = 0.3,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[BotMessage]:
        """All bot events after ``after_seq``, once there was one and then none for
        ``quiet`` seconds (a multi-message answer); TimeoutError if none came."""
        params = {"chat_id": chat_id, "after_seq": after_seq, "quiet": quiet, "timeout": timeout}
        data = await self._call("wait_quiet", params=params, http_timeout=timeout + _HTTP_SLACK)
        events = [BotMessage.from_json(m) for m in data["events"]]
        if not events:
            raise TimeoutError(f"chat {chat_id}: no bot message within {timeout}s")
        return events

    async def callback_answers(self, callback_query_id: str | None = None) -> list[CallbackAnswer]:
        """The bot's answers to button presses (all, or for one query)."""
        params = {} if callback_query_id is None else {"callback_query_id": callback_query_id}
        data = await self._call("callback_answers", params=params)
        return [CallbackAnswer.from_json(a) for a in data]

    async def wait_callback_answer(
        self,
        callback_query_id: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        params = {"callback_query_id": callback_query_id, "timeout": timeout}
        data = await self._call(
            "wait_callback_answer", params=params, http_timeout=timeout + _HTTP_SLACK
        )
        if data is None:
            raise TimeoutError(f"callback query {callback_query_id} not answered in {timeout}s")
        return CallbackAnswer.from_json(data)

    async def commands(
        self, *, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[BotCommand]:
        """The commands set for exactly this scope and language (like getMyCommands)."""
        body = {"scope": scope, "language_code": language_code}
        data = await self._call("commands", body)
        return [BotCommand(c["command"], c["description"]) for c in data]

    async def visible_commands(self, chat_id: int, language_code: str = "") -> list[BotCommand]:
        """The command menu a user of that language would see (Telegram's fallback order)."""
        body = {"chat_id": chat_id, "language_code": language_code}
        data = await self._call("visible_commands", body)
        return [BotCommand(c["command"], c["description"]) for c in data]

    async def download(self, file_id: str) -> bytes:
        """The bytes of a file (e.g. ``message.document.file_id``)."""
        response = await self._http.get(self._base + "file", params={"file_id": file_id})
        if response.status_code != 200:
            raise SandboxError(f"unknown file_id {file_id}")
        return response.content

    async def stats(self) -> Stats:
        return Stats.from_json(await self._call("stats", params={}))

    async def webhook_info(self) -> dict[str, Any]:
        return dict(await self._call("webhook", params={}))

    # --- steering --------------------------------------------------------------------

    async def inject(self, fault: Fault) -> None:
        """Make the next matching Bot API call(s) fail (see Fault)."""
        await self._call("add_fault", fault.to_json())

    async def clear_faults(self) -> None:
        await self._call("clear_faults", {})

    async def set_limits(self, limits: Limits) -> None:
        await self._call("limits", limits.to_json())

    async def limits(self) -> Limits:
        return Limits.from_json(await self._call("limits", params={}))

    async def reset(self) -> None:
        """Forget chats, messages, files, commands, faults and stats (not the token)."""
        await self._call("reset", {})
