"""Bot API methods besides messages: getMe, updates, webhooks, callbacks, commands, files."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from sandbox.core import SandboxCore
from sandbox.errors import ApiError, bad_request, chat_not_found
from sandbox.params import Params
from sandbox.telegram_json import file_json

__all__ = [
    "answer_callback_query",
    "delete_my_commands",
    "delete_webhook",
    "get_file",
    "get_me",
    "get_my_commands",
    "get_updates",
    "get_webhook_info",
    "harmless",
    "scope_key",
    "send_chat_action",
    "set_my_commands",
    "set_webhook",
]

_LANGUAGE = re.compile(r"[a-z]{2}")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
_SIMPLE_SCOPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
)


def get_me(core: SandboxCore, p: Params) -> Any:
    return core.bot.me


async def get_updates(core: SandboxCore, p: Params, disconnected: asyncio.Future[None]) -> Any:
    if core.webhook.active:
        raise ApiError(409, _WEBHOOK_ACTIVE)
    core.updates.set_allowed(p.get("allowed_updates"))
    offset = p.opt_int("offset") or 0
    limit = p.opt_int("limit") or 100
    timeout = max(0.0, float(p.get("timeout") or 0.0))
    return await core.poll.get_updates(offset, limit, timeout, disconnected)


async def set_webhook(core: SandboxCore, p: Params, disconnected: asyncio.Future[None]) -> Any:
    url = p.opt_str("url") or ""
    if not url:
        return await delete_webhook(core, p, disconnected)
    # Real Telegram wants HTTPS on a public port; the sandbox delivers to loopback HTTP.
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.opt_str("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    core.updates.set_allowed(p.get("allowed_updates"))
    if p.flag("drop_pending_updates"):
        core.updates.clear()
    await core.webhook.set(url, secret, p.opt_int("max_connections") or 40)
    return True


async def delete_webhook(core: SandboxCore, p: Params, disconnected: asyncio.Future[None]) -> Any:
    await core.webhook.delete()
    if p.flag("drop_pending_updates"):
        core.updates.clear()
    return True


def get_webhook_info(core: SandboxCore, p: Params) -> Any:
    return core.webhook.info_json()


def answer_callback_query(core: SandboxCore, p: Params) -> Any:
    query_id = str(p.require("callback_query_id"))
    record = core.state.callbacks.get(query_id)
    if record is None or record.answered:
        raise bad_request(_QUERY_TOO_OLD)
    text = p.opt_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    record.answer = {
        "callback_query_id": query_id,
        "text": text,
        "show_alert": p.flag("show_alert"),
        "url": p.opt_str("url"),
        "cache_time": p.opt_int("cache_time") or 0,
    }
    core.state.notifier.notify(("callback", query_id))
    return True


def scope_key(core: SandboxCore, scope: Any) -> str:
    """A BotCommandScope as a dictionary key: "default", "chat:42", ..."""
    if scope is None or scope == "":
        return "default"
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise bad_request("can't parse BotCommandScope JSON object")
    kind: str = scope["type"]
    if kind in _SIMPLE_SCOPES:
        return kind
    if kind not in ("chat", "chat_administrators", "chat_member"):
        raise bad_request("wrong bot command scope type specified")
    chat_id = scope.get("chat_id")
    if not isinstance(chat_id, int) or chat_id not in core.state.chats:
        raise chat_not_found()
    if kind == "chat_member":
        user_id = scope.get("user_id")
        if not isinstance(user_id, int):
            raise bad_request("user not found")
        return f"{kind}:{chat_id}:{user_id}"
    return f"{kind}:{chat_id}"


def _language(p: Params) -> str:
    code = p.opt_str("language_code") or ""
    if code and not _LANGUAGE.fullmatch(code):
        raise bad_request("invalid language code specified")
    return code


def set_my_commands(core: SandboxCore, p: Params) -> Any:
    commands = p.get("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    cleaned: list[dict[str, str]] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND.fullmatch(command.removeprefix("/")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": command.removeprefix("/"), "description": description})
    key = (scope_key(core, p.get("scope")), _language(p))
    if cleaned:
        core.state.commands[key] = cleaned
    else:
        core.state.commands.pop(key, None)
    return True


def get_my_commands(core: SandboxCore, p: Params) -> Any:
    key = (scope_key(core, p.get("scope")), _language(p))
    return core.state.commands.get(key, [])


def delete_my_commands(core: SandboxCore, p: Params) -> Any:
    key = (scope_key(core, p.get("scope")), _language(p))
    core.state.commands.pop(key, None)
    return True


def get_file(core: SandboxCore, p: Params) -> Any:
    stored = core.state.files.get(str(p.require("file_id")))
    if stored is None:
        raise bad_request("invalid file_id")
    return file_json(stored)


def send_chat_action(core: SandboxCore, p: Params) -> Any:
    core.writable_chat(p.chat_id())
    p.require("action")
    return True


_ADMIN_RIGHTS = (
    "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
    "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
    "can_post_stories", "can_edit_stories", "can_delete_stories",
)  # fmt: skip


def harmless(core: SandboxCore, name: str) -> Any:
    """Results of methods PTB may call that the sandbox accepts without modelling them."""
    name = name.lower()
    if name == "getmydefaultadministratorrights":
        return dict.fromkeys(_ADMIN_RIGHTS, False)
    if name == "getmyname":
        return {"name": core.bot.sender["first_name"]}
    if name == "getmydescription":
        return {"description": ""}
    if name == "getmyshortdescription":
        return {"short_description": ""}
    if name == "getchatmenubutton":
        return {"type": "commands"}
    return True
