"""Webhook delivery to a local receiver, and files in both directions."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import telegram
import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from sandbox import SandboxClient
from tests.sandbox.conftest import USER, start_chat


@dataclass
class Receiver:
    """A tiny webhook endpoint: records (secret header, update) and can fail on purpose."""

    url: str = ""
    received: asyncio.Queue[tuple[str | None, dict[str, Any]]] = field(
        default_factory=asyncio.Queue
    )
    failures_left: int = 0

    async def next(self) -> tuple[str | None, dict[str, Any]]:
        return await asyncio.wait_for(self.received.get(), 5)


class _Hook(tornado.web.RequestHandler):
    def initialize(self, receiver: Receiver) -> None:
        self.receiver = receiver

    def post(self) -> None:
        secret = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        self.receiver.received.put_nowait((secret, json.loads(self.request.body)))
        if self.receiver.failures_left > 0:
            self.receiver.failures_left -= 1
            self.set_status(500)
        self.finish()


def _quiet(handler: tornado.web.RequestHandler) -> None:
    """No access log lines in the test output."""


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    sockets = bind_sockets(0, "127.0.0.1")
    app = tornado.web.Application([("/hook", _Hook, {"receiver": rec})], log_function=_quiet)
    server = HTTPServer(app)
    server.add_sockets(sockets)
    rec.url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}/hook"
    yield rec
    server.stop()
    await server.close_all_connections()


async def test_webhook_delivery_with_secret(
    bot: telegram.Bot, client: SandboxClient, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token="s3cret-Token_1")
    info = await bot.get_webhook_info()
    assert info.url == receiver.url
    await client.send_text(USER, "/start")
    await client.send_text(USER, "second")
    secret, update = await receiver.next()
    assert secret == "s3cret-Token_1"
    assert update["message"]["text"] == "/start"
    _, update2 = await receiver.next()
    assert update2["message"]["text"] == "second"
    assert update2["update_id"] == update["update_id"] + 1
    with pytest.raises(telegram.error.Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_webhook_retries_failed_deliveries(
    bot: telegram.Bot, client: SandboxClient, receiver: Receiver
) -> None:
    receiver.failures_left = 2
    await bot.set_webhook(receiver.url)
    await client.send_text(USER, "hello")
    attempts = [await receiver.next() for _ in range(3)]
    assert {u["update_id"] for _, u in attempts} == {attempts[0][1]["update_id"]}
    assert attempts[0][0] is None, "no secret header without a secret"
    info = await bot.get_webhook_info()
    assert info.last_error_message is not None and "500" in info.last_error_message


async def test_drop_pending_updates(bot: telegram.Bot, client: SandboxClient) -> None:
    await client.send_text(USER, "stale")
    assert (await client.stats()).pending_updates == 1
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_user_upload_then_get_file_and_download(
    bot: telegram.Bot, client: SandboxClient
) -> None:
    content = b"#loc+name,#status\nKhazer,cleared\n"
    await client.upload(USER, "villages.csv", content, caption="import")
    (update,) = await bot.get_updates(timeout=5)
    document = update.message.document if update.message else None
    assert document is not None
    assert (document.file_name, document.mime_type, document.file_size) == (
        "villages.csv", "text/csv", len(content),
    )  # fmt: skip
    assert update.message is not None and update.message.caption == "import"
    file = await bot.get_file(document.file_id)
    assert file.file_path is not None and file.file_path.endswith(".csv")
    assert bytes(await file.download_as_bytearray()) == content
    with pytest.raises(telegram.error.BadRequest, match="Invalid file_id"):
        await bot.get_file("nope")


async def test_bot_sends_a_document(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    sent = await bot.send_document(
        USER, b"a,b\n1,2\n", filename="report.csv", caption="<b>Report</b>", parse_mode="HTML"
    )
    assert sent.document is not None and sent.caption == "Report"
    (message,) = await client.messages(USER)
    assert message.kind == "document" and message.text == "Report"
    assert message.document is not None and message.document.file_name == "report.csv"
    assert await client.download(message.document.file_id) == b"a,b\n1,2\n"
    again = await bot.send_document(USER, sent.document.file_id)
    assert again.document is not None and again.document.file_id == sent.document.file_id
    with pytest.raises(telegram.error.BadRequest, match="Message caption is too long"):
        await bot.send_document(USER, b"x", filename="x.txt", caption="c" * 1025)


async def test_a_user_sends_a_photo_and_the_bot_sends_it_back_by_file_id(
    bot: telegram.Bot, client: SandboxClient
) -> None:
    offset = await start_chat(client, bot)
    await client.send_photo(USER, "the broken tank", b"\xff\xd8photo")
    (update,) = await bot.get_updates(offset=offset, timeout=5)
    message = update.message
    assert message is not None and message.caption == "the broken tank"
    small, large = message.photo  # smallest first, as Telegram sends them
    assert large.width > small.width and large.file_id.startswith("AgAC")
    file = await bot.get_file(large.file_id)
    assert bytes(await file.download_as_bytearray()) == b"\xff\xd8photo"

    sent = await bot.send_photo(USER, large.file_id, caption="<b>Case</b>", parse_mode="HTML")
    assert sent.photo and sent.photo[-1].file_id == large.file_id and sent.caption == "Case"
    shown = (await client.messages(USER))[-1]
    assert shown.kind == "photo" and shown.photo is not None and shown.text == "Case"
    assert shown.photo.file_id == large.file_id
    uploaded = await bot.send_photo(USER, b"\xff\xd8new")
    assert uploaded.photo and uploaded.photo[-1].file_id != large.file_id
    # Telegram's own answer to a file_id it never issued.
    with pytest.raises(
        telegram.error.BadRequest, match=r"(?i)^wrong file identifier/http url specified$"
    ):
        await bot.send_photo(USER, "AgACAgIAAxkBAAI-not-issued")
    with pytest.raises(telegram.error.BadRequest, match="Message caption is too long"):
        await bot.send_photo(USER, large.file_id, caption="c" * 1025)
