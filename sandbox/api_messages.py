"""Bot API methods that send, edit and delete messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sandbox.core import SandboxCore
from sandbox.errors import bad_request, chat_not_found
from sandbox.formatting import FormattedText, format_text
from sandbox.markup import ReplyMarkup, parse_reply_markup
from sandbox.params import Params, Upload
from sandbox.state import ChatRecord, Payload, StoredFile, StoredMessage
from sandbox.telegram_json import message_json

__all__ = [
    "delete_message",
    "edit_message_reply_markup",
    "edit_message_text",
    "send_document",
    "send_location",
    "send_message",
    "send_venue",
]

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_NO_CAPTION = FormattedText("", ())


def _formatted(
    core: SandboxCore, raw: str, parse_mode: str | None, entities: Any, *, caption: bool = False
) -> FormattedText:
    """format_text, memoised: broadcasts send the same text to many chats."""
    if entities is not None:
        return format_text(raw, parse_mode, entities, caption=caption)
    key = (raw, parse_mode, caption)
    hit = core.texts.get(key)
    if hit is None:
        hit = core.texts.put(key, format_text(raw, parse_mode, caption=caption))
    return hit


def _markup(core: SandboxCore, p: Params, *, inline_only: bool = False) -> ReplyMarkup | None:
    """parse_reply_markup, memoised by the JSON the bot sent."""
    source = p.sources.get("reply_markup")
    if source is None:
        return parse_reply_markup(p.get("reply_markup"), inline_only=inline_only)
    key = (source, inline_only)
    hit = core.markups.get(key)
    if hit is None:
        parsed = parse_reply_markup(p.get("reply_markup"), inline_only=inline_only)
        if parsed is None:
            return None
        hit = core.markups.put(key, parsed)
    return hit


def _check_reply(chat: ChatRecord, p: Params) -> None:
    """reply_parameters must name a message of this chat unless sending without reply."""
    reply = p.get("reply_parameters")
    if isinstance(reply, dict):
        target, lenient = reply.get("message_id"), bool(reply.get("allow_sending_without_reply"))
    else:
        target, lenient = p.get("reply_to_message_id"), p.flag("allow_sending_without_reply")
    if target is None or lenient:
        return
    stored = chat.messages.get(target) if isinstance(target, int) else None
    exists = isinstance(target, int) and 0 < target <= chat.last_message_id
    if not exists or (stored is not None and stored.deleted):
        raise bad_request("message to be replied not found")


def _deliver(
    core: SandboxCore,
    chat: ChatRecord,
    p: Params,
    *,
    kind: str,
    content: FormattedText,
    raw: str,
    markup: ReplyMarkup | None,
    payload: Payload = None,
) -> Any:
    """Common tail of every send: flood limits, then store and answer the Message."""
    _check_reply(chat, p)
    core.limiter.admit(chat.id, paid=p.flag("allow_paid_broadcast"))
    message = StoredMessage(
        chat.id,
        chat.next_message_id(),
        kind,
        content=content,
        raw_text=raw,
        parse_mode=p.opt_str("parse_mode"),
        markup=markup,
        payload=payload,
    )
    core.state.add_bot_message(chat, message)
    core.stats.delivered += 1
    return message_json(message, chat, core.bot)


def send_message(core: SandboxCore, p: Params) -> Any:
    chat = core.writable_chat(p.chat_id())
    raw = p.opt_str("text") or ""
    if not raw:
        raise bad_request("message text is empty")
    content = _formatted(core, raw, p.opt_str("parse_mode"), p.get("entities"))
    markup = _markup(core, p)
    return _deliver(core, chat, p, kind="text", content=content, raw=raw, markup=markup)


def _coordinate(p: Params, name: str, bound: float) -> float:
    value = p.get(name)
    if value is None:
        raise bad_request(f"{name} is empty")
    if not -bound <= value <= bound:
        raise bad_request(f"wrong {name} specified")
    return float(value)


def send_location(core: SandboxCore, p: Params) -> Any:
    chat = core.writable_chat(p.chat_id())
    point = (_coordinate(p, "latitude", 90.0), _coordinate(p, "longitude", 180.0))
    markup = _markup(core, p)
    return _deliver(
        core, chat, p, kind="location", content=_NO_CAPTION, raw="", markup=markup, payload=point
    )


def send_venue(core: SandboxCore, p: Params) -> Any:
    chat = core.writable_chat(p.chat_id())
    lat, lon = _coordinate(p, "latitude", 90.0), _coordinate(p, "longitude", 180.0)
    title, address = str(p.require("title")), str(p.require("address"))
    markup = _markup(core, p)
    venue = (lat, lon, title, address)
    return _deliver(
        core, chat, p, kind="venue", content=_NO_CAPTION, raw="", markup=markup, payload=venue
    )


def _document(core: SandboxCore, p: Params) -> StoredFile:
    """The uploaded file (multipart, maybe via attach://) or an existing file_id."""
    value = p.get("document")
    upload: Upload | None = p.uploads.get("document")
    if isinstance(value, str) and value.startswith("attach://"):
        upload = p.uploads.get(value[len("attach://") :])
    if upload is not None:
        return core.state.add_file(upload.data, upload.filename, upload.content_type)
    if not value:
        raise bad_request("there is no document in the request")
    stored = core.state.files.get(str(value))
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return stored


def _send_file(
    core: SandboxCore, p: Params, kind: str, file: Callable[[SandboxCore, Params], StoredFile]
) -> Any:
    """sendDocument and sendPhoto: a file with an optional caption, checked in Telegram's
    order (the chat, the caption, the keyboard, then the file)."""
    chat = core.writable_chat(p.chat_id())
    raw = p.opt_str("caption") or ""
    content = (
        _formatted(core, raw, p.opt_str("parse_mode"), p.get("caption_entities"), caption=True)
        if raw
        else _NO_CAPTION
    )
    markup = _markup(core, p)
    stored = file(core, p)
    return _deliver(
        core, chat, p, kind=kind, content=content, raw=raw, markup=markup, payload=stored
    )


def send_document(core: SandboxCore, p: Params) -> Any:
    return _send_file(core, p, "document", _document)


def _photo(core: SandboxCore, p: Params) -> StoredFile:
    """The uploaded photo, or a file_id the sandbox issued (else Telegram's 400)."""
    value = p.get("photo")
    upload: Upload | None = p.uploads.get("photo")
    if isinstance(value, str) and value.startswith("attach://"):
        upload = p.uploads.get(value[len("attach://") :])
    if upload is not None:
        return core.state.add_file(upload.data, None, "image/jpeg", folder="photos")
    stored = core.state.files.get(str(value)) if value else None
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return stored


def send_photo(core: SandboxCore, p: Params) -> Any:
    return _send_file(core, p, "photo", _photo)


def _message_to_edit(core: SandboxCore, p: Params) -> tuple[ChatRecord, StoredMessage]:
    if p.get("inline_message_id") is not None:
        raise bad_request("MESSAGE_ID_INVALID")
    chat = core.writable_chat(p.chat_id())
    message_id = p.opt_int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request("message to edit not found")
    return chat, message


def _edit(
    core: SandboxCore,
    chat: ChatRecord,
    message: StoredMessage,
    *,
    content: FormattedText,
    raw: str | None,
    parse_mode: str | None,
    markup: ReplyMarkup | None,
) -> Any:
    new_inline = markup.inline if markup else None
    old_inline = message.markup.inline if message.markup else None
    if (
        content.text == message.text
        and content.entities == message.entities
        and (new_inline == old_inline)
    ):
        raise bad_request(_NOT_MODIFIED)
    if markup is None and old_inline is None:
        # An edit cannot touch a reply keyboard: keep it on record.
        markup = message.markup
    core.limiter.admit(chat.id)
    core.state.edit_message(
        chat, message, content=content, raw_text=raw, parse_mode=parse_mode, markup=markup
    )
    core.stats.edits += 1
    return message_json(message, chat, core.bot)


def edit_message_text(core: SandboxCore, p: Params) -> Any:
    chat, message = _message_to_edit(core, p)
    if message.kind != "text":
        raise bad_request("there is no text in the message to edit")
    raw = p.opt_str("text") or ""
    if not raw:
        raise bad_request("message text is empty")
    parse_mode = p.opt_str("parse_mode")
    content = _formatted(core, raw, parse_mode, p.get("entities"))
    markup = _markup(core, p, inline_only=True)
    return _edit(
        core, chat, message, content=content, raw=raw, parse_mode=parse_mode, markup=markup
    )


def edit_message_reply_markup(core: SandboxCore, p: Params) -> Any:
    chat, message = _message_to_edit(core, p)
    markup = _markup(core, p, inline_only=True)
    content = FormattedText(message.text, message.entities)
    return _edit(
        core,
        chat,
        message,
        content=content,
        raw=message.raw_text,
        parse_mode=message.parse_mode,
        markup=markup,
    )


def delete_message(core: SandboxCore, p: Params) -> Any:
    chat = core.state.chats.get(p.chat_id())
    if chat is None:
        raise chat_not_found()
    message_id = p.opt_int("message_id")
    if message_id is None or not 0 < message_id <= chat.last_message_id:
        raise bad_request("message to delete not found")
    message = chat.messages.get(message_id)
    if message is not None:
        if message.deleted:
            raise bad_request("message to delete not found")
        message.deleted = True
    return True
