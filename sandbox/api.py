"""The Bot API front: token check, method lookup, faults, accounting, Telegram's envelope."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from sandbox import api_messages as msg
from sandbox import api_other as other
from sandbox.core import SandboxCore
from sandbox.errors import (
    ApiError,
    bad_request,
    blocked,
    chat_not_found,
    deactivated,
    too_many_requests,
)
from sandbox.faults import Fault
from sandbox.params import Upload, parse_params

__all__ = ["DROP", "BotApi", "Reply"]

log = logging.getLogger(__name__)

SyncMethod = Callable[[SandboxCore, Any], Any]
AsyncMethod = Callable[[SandboxCore, Any, "asyncio.Future[None]"], Awaitable[Any]]

_SERVER_ERRORS = MappingProxyType(
    {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
)
# Methods PTB may call that the sandbox answers without modelling them.
_HARMLESS = (
    "close", "logOut", "getMyDefaultAdministratorRights", "setMyDefaultAdministratorRights",
    "getMyName", "setMyName", "getMyDescription", "setMyDescription",
    "getMyShortDescription", "setMyShortDescription", "getChatMenuButton",
    "setChatMenuButton",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP answer: status and JSON body."""

    status: int
    body: bytes


# Close the connection without answering (fault "drop_connection").
DROP: Final = Reply(0, b"")


@dataclass(frozen=True, slots=True)
class _Method:
    name: str
    run: SyncMethod | None = None
    run_async: AsyncMethod | None = None


def _harmless(name: str, core: SandboxCore, p: object) -> Any:
    return other.harmless(core, name)


def _encode(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _error(err: ApiError) -> Reply:
    return Reply(err.code, _encode(err.payload()))


class BotApi:
    """Answers ``/bot<token>/<method>`` calls."""

    def __init__(self, core: SandboxCore) -> None:
        self._core = core
        self._encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
        sync: dict[str, SyncMethod] = {
            "getMe": other.get_me,
            "getWebhookInfo": other.get_webhook_info,
            "sendMessage": msg.send_message,
            "sendLocation": msg.send_location,
            "sendVenue": msg.send_venue,
            "sendDocument": msg.send_document,
            "sendPhoto": msg.send_photo,
            "sendChatAction": other.send_chat_action,
            "editMessageText": msg.edit_message_text,
            "editMessageReplyMarkup": msg.edit_message_reply_markup,
            "deleteMessage": msg.delete_message,
            "answerCallbackQuery": other.answer_callback_query,
            "setMyCommands": other.set_my_commands,
            "getMyCommands": other.get_my_commands,
            "deleteMyCommands": other.delete_my_commands,
            "getFile": other.get_file,
        }
        for name in _HARMLESS:
            sync[name] = functools.partial(_harmless, name)
        asynchronous: dict[str, AsyncMethod] = {
            "getUpdates": other.get_updates,
            "setWebhook": other.set_webhook,
            "deleteWebhook": other.delete_webhook,
        }
        # Telegram's method names are case-insensitive.
        self._methods = {name.lower(): _Method(name, run=fn) for name, fn in sync.items()}
        for name, afn in asynchronous.items():
            self._methods[name.lower()] = _Method(name, run_async=afn)

    def _lookup(self, token: str, method: str) -> _Method | Reply:
        """The method, or the 401/404 answer (counted here)."""
        if token != self._core.token:
            self._core.stats.record(method, "401")
            return _error(ApiError(401, "Unauthorized"))
        entry = self._methods.get(method.lower())
        if entry is None:
            self._core.stats.record(method, "404")
            return _error(ApiError(404, "Not Found: method not found"))
        return entry

    def call_at_once(
        self, token: str, method: str, raw: Mapping[str, Any], uploads: dict[str, Upload]
    ) -> Reply | None:
        """Answer a call that needs no waiting (the hot path); None: use ``call``."""
        entry = self._lookup(token, method)
        if isinstance(entry, Reply):
            return entry
        if entry.run is None or self._core.faults:
            return None
        self._core.stats.begin(entry.name)
        try:
            result = entry.run(self._core, parse_params(raw, uploads))
        except Exception as exc:
            return self._failed(entry.name, exc)
        return self._succeeded(entry.name, result)

    async def call(
        self,
        token: str,
        method: str,
        raw: Mapping[str, Any],
        uploads: dict[str, Upload],
        disconnected: asyncio.Future[None],
    ) -> Reply:
        """Run one Bot API call, faults and long polls included, and count it."""
        entry = self._lookup(token, method)
        if isinstance(entry, Reply):
            return entry
        core = self._core
        core.stats.begin(entry.name)
        try:
            params = parse_params(raw, uploads)
            if core.faults:
                chat_id = params.get("chat_id")
                fault = core.faults.take(
                    entry.name.lower(), chat_id if isinstance(chat_id, int) else None
                )
                if fault is not None and await self._fault(fault):
                    core.stats.end(entry.name, "dropped")
                    return DROP
            if entry.run is not None:
                result = entry.run(core, params)
            else:
                assert entry.run_async is not None
                result = await entry.run_async(core, params, disconnected)
        except Exception as exc:
            return self._failed(entry.name, exc)
        return self._succeeded(entry.name, result)

    def _succeeded(self, name: str, result: Any) -> Reply:
        self._core.stats.end(name, "ok")
        return Reply(200, self._encoder.encode({"ok": True, "result": result}).encode())

    def _failed(self, name: str, exc: Exception) -> Reply:
        if not isinstance(exc, ApiError):
            log.error("sandbox failed on %s", name, exc_info=exc)
            exc = ApiError(500, "Internal Server Error")
        self._core.stats.end(name, str(exc.code))
        return _error(exc)

    async def _fault(self, fault: Fault) -> bool:
        """Apply ``fault``: raise its error, sleep, or return True to drop the connection."""
        kind = fault.kind
        if kind == "delay":
            await asyncio.sleep(fault.delay_seconds)
            return False
        if kind == "drop_connection":
            return True
        if kind == "retry_after":
            raise too_many_requests(fault.retry_after)
        if kind == "blocked":
            raise blocked()
        if kind == "deactivated":
            raise deactivated()
        if kind == "chat_not_found":
            raise chat_not_found()
        if kind == "server_error":
            phrase = _SERVER_ERRORS.get(fault.status, "Internal Server Error")
            raise ApiError(fault.status, fault.description or phrase)
        description = fault.description or "Bad Request: injected fault"
        if not description.startswith("Bad Request"):
            raise bad_request(description)
        raise ApiError(400, description)
