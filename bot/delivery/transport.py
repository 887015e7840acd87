"""A lean HTTP/1.1 transport for python-telegram-bot, for the broadcast dispatcher.

PTB lets a bot use any :class:`telegram.request.BaseRequest`; everything above it (the
parameters, the JSON, Telegram's errors as ``RetryAfter``/``Forbidden``/…) stays PTB's.
Why not PTB's httpx transport here: on this project's 2-core machines httpx (httpcore +
anyio) spends about 1.5 ms of CPU per call — some twenty system calls: a poll of every
pooled connection, ``getpeername`` per request, … — which caps a paid broadcast near
400 messages/s. This client does one write and the reads of the answer (~0.2 ms).

Scope, on purpose: POST/GET with URL-encoded parameters (no file uploads), ``http`` and
``https`` (certificates verified), answers framed by Content-Length or chunked, keep-alive
connections (at most ``pool_size``). A connection the server has closed is noticed (EOF
seen by the event loop) and not reused. A request is never retried here: a failure is a
``NetworkError``/``TimedOut`` for the dispatcher's own retry, so nothing is sent twice
behind its back. Error messages never contain the URL (it holds the bot token).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

__all__ = ["LeanRequest"]

_MAX_HEADERS: Final = 100
_FORM: Final = "application/x-www-form-urlencoded"
_Timeout = float | None


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: bytes  # path and query, as sent on the request line
    host_header: str


@dataclass(slots=True)
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    used_at: float

    def reusable(self, now: float, idle_timeout: float) -> bool:
        return (
            not self.reader.at_eof()
            and not self.writer.is_closing()
            and now - self.used_at < idle_timeout
        )

    def close(self) -> None:
        self.writer.close()


class LeanRequest(BaseRequest):
    """Keep-alive HTTP/1.1 for Bot API calls; see the module docstring for its scope."""

    def __init__(
        self,
        *,
        pool_size: int = 8,
        read_timeout: _Timeout = 15.0,
        write_timeout: _Timeout = 15.0,
        connect_timeout: _Timeout = 10.0,
        pool_timeout: _Timeout = 10.0,
        idle_timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if pool_size < 1:
            raise ValueError("pool_size must be at least 1")
        self._timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._idle_timeout = idle_timeout
        self._slots = asyncio.Semaphore(pool_size)
        self._idle: dict[tuple[str, str, int], deque[_Connection]] = {}
        self._targets: dict[str, _Target] = {}
        self._ssl = ssl_context  # None: the system's trusted CAs, loaded on first use
        self._open = True

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts[0]

    async def initialize(self) -> None:
        self._open = True

    async def shutdown(self) -> None:
        """Close idle connections; busy ones close when their request ends."""
        self._open = False
        for idle in self._idle.values():
            while idle:
                idle.pop().close()
        self._idle.clear()

    async def do_request(  # noqa: PLR0917 - PTB's interface
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if not self._open:
            raise RuntimeError("this LeanRequest is shut down")
        if request_data is not None and request_data.contains_files:
            raise NetworkError("the broadcast transport does not upload files")
        read_t, write_t, connect_t, pool_t = (
            _timeout(given, default)
            for given, default in zip(
                (read_timeout, write_timeout, connect_timeout, pool_timeout),
                self._timeouts,
                strict=True,
            )
        )
        target = self._target(url)
        body = request_data.url_encoded_parameters().encode() if request_data else b""
        head = (
            f"{method} {target.path.decode()} HTTP/1.1\r\nHost: {target.host_header}\r\n"
            f"User-Agent: {self.USER_AGENT}\r\nAccept: application/json\r\n"
            f"Content-Type: {_FORM}\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        try:
            async with asyncio.timeout(pool_t):
                await self._slots.acquire()
        except TimeoutError:
            raise TimedOut("Pool timeout: the request was not sent") from None
        try:
            connection = await self._connection(target, connect_t)
            try:
                status, payload, keep = await self._exchange(
                    connection, head + body, write_t, read_t
                )
            except BaseException:
                connection.close()
                raise
            if keep and self._open:
                connection.used_at = time.monotonic()
                key = (target.scheme, target.host, target.port)
                self._idle.setdefault(key, deque()).append(connection)
            else:
                connection.close()
            return status, payload
        finally:
            self._slots.release()

    def _target(self, url: str) -> _Target:
        target = self._targets.get(url)
        if target is None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise NetworkError("the broadcast transport needs an http(s) URL")
            default = 443 if parts.scheme == "https" else 80
            port = parts.port or default
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            host_header = parts.hostname if port == default else f"{parts.hostname}:{port}"
            target = _Target(parts.scheme, parts.hostname, port, path.encode(), host_header)
            if len(self._targets) > 64:  # a handful of endpoints; never grows unbounded
                self._targets.clear()
            self._targets[url] = target
        return target

    async def _connection(self, target: _Target, connect_t: _Timeout) -> _Connection:
        idle = self._idle.get((target.scheme, target.host, target.port))
        now = time.monotonic()
        while idle:
            connection = idle.pop()  # the most recently used is the least likely stale
            if connection.reusable(now, self._idle_timeout):
                return connection
            connection.close()
        context = None
        if target.scheme == "https":
            if self._ssl is None:
                self._ssl = ssl.create_default_context()
            context = self._ssl
        try:
            async with asyncio.timeout(connect_t):
                reader, writer = await asyncio.open_connection(
                    target.host, target.port, ssl=context,
                    server_hostname=target.host if context else None,
                )  # fmt: skip
        except TimeoutError:
            raise TimedOut("Connect timeout") from None
        except OSError as exc:  # ssl.SSLError is an OSError
            raise NetworkError(f"connect failed: {type(exc).__name__}") from None
        return _Connection(reader, writer, now)

    async def _exchange(
        self, connection: _Connection, request: bytes, write_t: _Timeout, read_t: _Timeout
    ) -> tuple[int, bytes, bool]:
        try:
            connection.writer.write(request)
            if connection.writer.transport.get_write_buffer_size():
                async with asyncio.timeout(write_t):
                    await connection.writer.drain()
            async with asyncio.timeout(read_t):
                return await _read_response(connection.reader)
        except TimeoutError:
            raise TimedOut("Timed out") from None
        except (OSError, EOFError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                ValueError) as exc:
            raise NetworkError(f"connection failed: {type(exc).__name__}") from None


def _timeout(given: object, default: _Timeout) -> _Timeout:
    """PTB passes a number, None (no limit) or its DEFAULT_NONE sentinel (ours)."""
    if given is None or (isinstance(given, int | float) and not isinstance(given, bool)):
        return given
    return default


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Status, body and whether the connection may carry another request."""
    status_line = await reader.readuntil(b"\r\n")
    version, _, rest = status_line.partition(b" ")
    status = int(rest[:3])
    length: int | None = None
    chunked = False
    keep = version == b"HTTP/1.1"
    for _ in range(_MAX_HEADERS):
        line = await reader.readuntil(b"\r\n")
        if line == b"\r\n":
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            token = value.strip().lower()
            keep = token == b"keep-alive" or (keep and token != b"close")
    else:
        raise ValueError("too many response headers")
    if chunked:
        body = await _read_chunked(reader)
    elif length is not None:
        body = await reader.readexactly(length)
    else:
        body, keep = await reader.read(), False
    return status, body, keep


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0].strip(), 16)
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                pass
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
