"""A small HTTP/1.1 server on 127.0.0.1 serving status feeds to the bot under test.

Raw asyncio, so a test controls exactly what goes on the wire: conditional answers,
delays, a declared length, a body streamed until the client hangs up. Every request is
recorded (path and headers) so a test can assert what the bot sent.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

__all__ = ["FeedServer", "Request", "Response", "Stream", "Versioned", "feed_server"]

_REASONS = {200: "OK", 301: "Moved", 302: "Found", 304: "Not Modified", 404: "Not Found",
            500: "Internal Server Error", 503: "Service Unavailable"}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names


@dataclass
class Stream:
    """A body without Content-Length, written chunk after chunk until the client goes."""

    chunk: bytes
    chunks: int
    sent: int = 0
    finished: bool = False
    aborted: bool = False


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before anything is sent
    stream: Stream | None = None


@dataclass
class Versioned:
    """A feed with validators: answers 304 when the client already has this version."""

    body: bytes
    etag: str
    last_modified: str
    content_type: str = "text/csv; charset=utf-8"
    conditional: bool = True  # False: a server that ignores If-None-Match

    def update(self, body: bytes, etag: str, last_modified: str, content_type: str) -> None:
        self.body, self.etag, self.last_modified = body, etag, last_modified
        self.content_type = content_type

    def __call__(self, request: Request) -> Response:
        validators = {"etag": self.etag, "last-modified": self.last_modified}
        if self.conditional and request.headers.get("if-none-match") == self.etag:
            return Response(304, headers=validators)
        return Response(200, self.body, {**validators, "content-type": self.content_type})


Route = Callable[[Request], Response]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, answer: Route | Response) -> None:
        self.routes[path] = answer if callable(answer) else (lambda _request: answer)

    def seen(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._server is not None:
            await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        try:
            await self._serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        request_line, *lines = head.split("\r\n")
        method, path, _ = request_line.split(" ", 2)
        headers = {}
        for line in lines:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        request = Request(method, path, headers)
        self.requests.append(request)
        route = self.routes.get(path)
        response = route(request) if route else Response(404, b"not found")
        if response.delay:
            await asyncio.sleep(response.delay)
        reason = _REASONS.get(response.status, "Status")
        out = [f"HTTP/1.1 {response.status} {reason}", "Connection: close"]
        out += [f"{name}: {value}" for name, value in response.headers.items()]
        if response.stream is None and response.status != 304:
            out.append(f"Content-Length: {len(response.body)}")
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
        if response.stream is None:
            if response.status != 304:
                writer.write(response.body)
            await writer.drain()
            return
        stream = response.stream
        try:
            for _ in range(stream.chunks):
                writer.write(stream.chunk)
                await writer.drain()
                stream.sent += len(stream.chunk)
            stream.finished = True
        except ConnectionError:
            stream.aborted = True


@asynccontextmanager
async def feed_server() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
