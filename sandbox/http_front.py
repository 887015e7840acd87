"""HTTP routing on tornado's low-level server interface.

tornado.web's RequestHandler machinery costs more per request than the Bot API
work itself, and the benchmarks push 1000 requests/s through here, so requests
are parsed and answered directly on tornado's HTTP/1.1 connections.

Routes:
    /bot<token>/<method>          the Bot API (GET or POST; JSON, form or multipart)
    /file/bot<token>/<file_path>  file downloads
    /_sandbox/<endpoint>          the control API (see control.py)
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote

from tornado import httputil
from tornado.escape import parse_qs_bytes
from tornado.http1connection import HTTP1Connection

from sandbox.api import DROP, BotApi, Reply
from sandbox.control import ControlApi
from sandbox.core import SandboxCore
from sandbox.errors import ApiError, SandboxError
from sandbox.params import Upload, decode_json_body

__all__ = ["Router"]

log = logging.getLogger(__name__)

_JSON = "application/json"
_UNAUTHORIZED = b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
_NOT_FOUND = b'{"ok":false,"error_code":404,"description":"Not Found"}'
_INTERNAL = b'{"ok":false,"error_code":500,"description":"Internal Server Error"}'


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class _Exchange(httputil.HTTPMessageDelegate):
    """One request on a connection: collects it, then hands it to the router."""

    def __init__(self, router: Router, conn: HTTP1Connection) -> None:
        self.router = router
        self.conn = conn
        self.start: httputil.RequestStartLine | None = None
        self.headers = httputil.HTTPHeaders()
        self.chunks: list[bytes] = []

    def headers_received(
        self,
        start_line: httputil.RequestStartLine | httputil.ResponseStartLine,
        headers: httputil.HTTPHeaders,
    ) -> None:
        assert isinstance(start_line, httputil.RequestStartLine)
        self.start = start_line
        self.headers = headers

    def data_received(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    def finish(self) -> None:
        self.router.dispatch(self)

    def reply(self, status: int, body: bytes, content_type: str = _JSON) -> None:
        headers = httputil.HTTPHeaders()
        headers["Content-Type"] = content_type
        headers["Content-Length"] = str(len(body))
        start = httputil.ResponseStartLine("HTTP/1.1", status, _reason(status))
        self.conn.write_headers(start, headers, body)
        self.conn.finish()

    def fail(self, status: int, message: str) -> None:
        self.reply(status, json.dumps({"ok": False, "error": message}).encode())


def _form(exchange: _Exchange, query: str) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Query and body parameters (last value wins) and multipart files."""
    raw: dict[str, Any] = {
        k: v[-1].decode("utf-8", "replace")
        for k, v in parse_qs_bytes(query, keep_blank_values=True).items()
    }
    uploads: dict[str, Upload] = {}
    body = b"".join(exchange.chunks)
    if not body:
        return raw, uploads
    content_type = exchange.headers.get("Content-Type", "")
    if content_type.startswith(_JSON):
        raw.update(decode_json_body(body))
        return raw, uploads
    arguments: dict[str, list[bytes]] = {}
    files: dict[str, list[httputil.HTTPFile]] = {}
    httputil.parse_body_arguments(content_type, body, arguments, files, exchange.headers)
    for key, values in arguments.items():
        raw[key] = values[-1].decode("utf-8", "replace")
    for key, parts in files.items():
        uploads[key] = Upload(parts[0].filename, parts[0].content_type, parts[0].body)
    return raw, uploads


class Router(httputil.HTTPServerConnectionDelegate):
    """Routes each request to the Bot API, file downloads or the control API."""

    def __init__(self, core: SandboxCore) -> None:
        self._core = core
        self._api = BotApi(core)
        self._control = ControlApi(core)
        # Running responses, referenced so the event loop does not drop them.
        self._tasks: set[asyncio.Task[None]] = set()

    def start_request(
        self, server_conn: object, request_conn: httputil.HTTPConnection
    ) -> httputil.HTTPMessageDelegate:
        assert isinstance(request_conn, HTTP1Connection)
        return _Exchange(self, request_conn)

    def dispatch(self, exchange: _Exchange) -> None:
        """Answer at once when possible; otherwise in a task (long polls, faults, waits)."""
        assert exchange.start is not None
        path, _, query = exchange.start.path.partition("?")
        try:
            if path.startswith("/bot"):
                self._bot_api(exchange, unquote(path[4:]), query)
            elif path.startswith("/_sandbox/"):
                name = path[len("/_sandbox/") :]
                self._spawn(exchange, lambda: self._control_api(exchange, name, query))
            elif path.startswith("/file/bot"):
                self._file(exchange, unquote(path[len("/file/bot") :]))
            else:
                exchange.reply(404, _NOT_FOUND)
        except Exception:
            log.exception("sandbox failed on %s", path)
            exchange.reply(500, _INTERNAL)

    async def close(self) -> None:
        """Cancel responses still running (a delay fault, a wait): the server is stopping."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _spawn(self, exchange: _Exchange, work: Callable[[], Awaitable[None]]) -> None:
        """Answer in a task; ``work`` builds the coroutine inside it, so a task cancelled
        before it ran leaves no never-awaited coroutine behind."""

        async def guarded() -> None:
            try:
                await work()
            except Exception:
                log.exception("sandbox failed on %s", exchange.start)
                exchange.reply(500, _INTERNAL)

        task = asyncio.get_running_loop().create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _bot_api(self, exchange: _Exchange, rest: str, query: str) -> None:
        token, _, method = rest.partition("/")
        method = method.rstrip("/")
        try:
            raw, uploads = _form(exchange, query)
        except ApiError as err:
            exchange.reply(err.code, json.dumps(err.payload()).encode())
            return
        reply = self._api.call_at_once(token, method, raw, uploads)
        if reply is not None:
            exchange.reply(reply.status, reply.body)
            return
        disconnected: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def on_close() -> None:
            if not disconnected.done():
                disconnected.set_result(None)

        exchange.conn.set_close_callback(on_close)
        call = functools.partial(self._api.call, token, method, raw, uploads, disconnected)
        self._spawn(exchange, lambda: self._bot_api_later(exchange, call))

    async def _bot_api_later(
        self, exchange: _Exchange, call: Callable[[], Awaitable[Reply]]
    ) -> None:
        reply = await call()
        if reply is DROP:
            # A network error on the client: no status line, no body.
            exchange.conn.detach().close()
            return
        exchange.reply(reply.status, reply.body)

    def _file(self, exchange: _Exchange, rest: str) -> None:
        token, _, path = rest.partition("/")
        if token != self._core.token:
            exchange.reply(401, _UNAUTHORIZED)
            return
        stored = self._core.state.files_by_path.get(path)
        if stored is None:
            exchange.reply(404, _NOT_FOUND)
            return
        exchange.reply(200, stored.data, stored.mime_type or "application/octet-stream")

    async def _control_api(self, exchange: _Exchange, name: str, query: str) -> None:
        args: dict[str, Any] = {
            k: v[-1].decode("utf-8", "replace")
            for k, v in parse_qs_bytes(query, keep_blank_values=True).items()
        }
        body = b"".join(exchange.chunks)
        if body:
            try:
                args.update(json.loads(body))
            except (ValueError, TypeError):
                exchange.fail(400, "the body must be a JSON object")
                return
        if name == "file":
            stored = self._core.state.files.get(str(args.get("file_id")))
            if stored is None:
                exchange.fail(404, "unknown file_id")
            else:
                exchange.reply(200, stored.data, "application/octet-stream")
            return
        if not self._control.has(name):
            exchange.fail(404, f"unknown control endpoint {name!r}")
            return
        try:
            result = await self._control.call(name, args)
        except SandboxError as err:
            exchange.fail(400, str(err))
            return
        exchange.reply(200, json.dumps({"ok": True, "result": result}, ensure_ascii=False).encode())
