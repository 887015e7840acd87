"""Fetching a feed: answers a server may give that must not crash a poll or bypass a limit."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib

import httpx

from bot.feeds.fetch import Fetched, HttpError, TooLarge, Unreachable, fetch, is_public

PUBLIC = "93.184.216.34"


class Streamed(httpx.AsyncByteStream):
    """A body that arrives in chunks, as from a socket (httpx reads a bytes body whole)."""

    def __init__(self, body: bytes, chunk: int = 1024) -> None:
        self._body, self._chunk = body, chunk

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for start in range(0, len(self._body), self._chunk):
            yield self._body[start : start + self._chunk]


def answer(body: bytes, **headers: str) -> httpx.Response:
    return httpx.Response(200, stream=Streamed(body), headers=headers)


async def public_dns(host: str, port: int) -> list[str]:
    """feeds.example is a public host; nothing else resolves."""
    if host == "feeds.example":
        return [PUBLIC]
    raise OSError("no such host")


async def _fetch(handler: httpx.MockTransport, *, max_bytes: int = 10_000) -> object:
    async with httpx.AsyncClient(transport=handler) as client:
        return await fetch(
            client, "http://feeds.example/statuses.csv", etag=None, last_modified=None,
            timeout_seconds=5, max_bytes=max_bytes, resolve=public_dns,
        )


async def test_a_redirect_without_a_location_is_an_http_error() -> None:
    result = await _fetch(httpx.MockTransport(lambda request: httpx.Response(302)))
    assert result == HttpError(302)


async def test_the_body_is_asked_for_uncompressed_and_measured_as_sent() -> None:
    seen: list[str] = []
    bomb = gzip.compress(b"x" * 1_000_000)  # about 1 KiB on the wire

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("accept-encoding", ""))
        return answer(bomb, **{"content-encoding": "gzip"})

    result = await _fetch(httpx.MockTransport(handler), max_bytes=50_000)
    assert seen == ["identity"]
    # A server that compresses anyway: inflated here, and stopped at the limit.
    assert result == TooLarge(50_000, None)


async def test_a_compression_bomb_never_swells_in_memory() -> None:
    """1.8 KB that inflate to 2 GB (gzip inside gzip) used to take the bot to 2.1 GB."""
    inner = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    layered = gzip.compress(inner, compresslevel=9)
    bombs = {
        "gzip": gzip.compress(b"\0" * 200_000_000, compresslevel=9),
        "gzip, gzip": layered,
        "deflate": zlib.compress(b"\0" * 200_000_000, 9),
        "br": b"\x00" * 100,
    }
    for encoding, body in bombs.items():
        def handler(request: httpx.Request, body: bytes = body, encoding: str = encoding) -> (
            httpx.Response
        ):
            return answer(body, **{"content-encoding": encoding})

        tracemalloc.start()
        result = await _fetch(httpx.MockTransport(handler), max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert isinstance(result, (TooLarge, Unreachable)), encoding
        assert peak < 20_000_000, (encoding, peak)


async def test_a_small_compressed_feed_is_read_whole() -> None:
    csv = b"pcode,status,date,source\nIQG15Q05N01,confirmed,2026-11-20,DMA\n"

    def handler(request: httpx.Request) -> httpx.Response:
        return answer(gzip.compress(csv), **{"content-encoding": "gzip"})

    result = await _fetch(httpx.MockTransport(handler))
    assert isinstance(result, Fetched) and result.body == csv


async def test_the_connection_goes_to_the_address_that_was_checked() -> None:
    """DNS rebinding: the name is resolved once per hop, and the request goes to that IP
    with the name in the Host header, whatever the name resolves to a moment later."""
    answers = [[PUBLIC], ["127.0.0.1"]]
    lookups: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return answers[min(len(lookups) - 1, 1)]

    seen: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers["host"]))
        return answer(b"pcode,status\n")

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        result = await fetch(client, "https://feeds.example:8443/s.csv", etag=None,
                             last_modified=None, timeout_seconds=5, max_bytes=1000,
                             resolve=rebinding)
    assert isinstance(result, Fetched)
    assert lookups == ["feeds.example"] and seen == [(PUBLIC, "feeds.example:8443")]


async def test_a_redirect_is_checked_and_pinned_again() -> None:
    async def dns(host: str, port: int) -> list[str]:
        return {"feeds.example": [PUBLIC], "evil.example": ["10.0.0.5"]}[host]

    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["host"])
        return httpx.Response(302, headers={"location": "http://evil.example/x.csv"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        result = await fetch(client, "http://feeds.example/s.csv", etag=None, last_modified=None,
                             timeout_seconds=5, max_bytes=1000, resolve=dns)
    assert isinstance(result, Unreachable) and seen == ["feeds.example"]


async def test_a_name_that_does_not_resolve_is_not_taken_for_public() -> None:
    assert not await is_public("http://nowhere.invalid/x.csv", resolve=public_dns)
    async with httpx.AsyncClient(transport=httpx.MockTransport(
        lambda request: httpx.Response(200, content=b"x")
    )) as client:
        result = await fetch(client, "http://nowhere.invalid/x.csv", etag=None,
                             last_modified=None, timeout_seconds=5, max_bytes=1000,
                             resolve=public_dns)
    assert isinstance(result, Unreachable)


async def test_private_addresses_are_not_fetched_unless_allowed() -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://127.0.0.1:8080/admin"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        for url in ("http://127.0.0.1/x.csv", "http://192.168.1.10/x.csv", "http://[::1]/x"):
            result = await fetch(client, url, etag=None, last_modified=None,
                                 timeout_seconds=5, max_bytes=1000)
            assert isinstance(result, Unreachable)
        # A public address that redirects to a private one: the redirect is not followed.
        result = await fetch(client, "http://8.8.8.8/feed.csv", etag=None, last_modified=None,
                             timeout_seconds=5, max_bytes=1000)
        assert isinstance(result, Unreachable)
    assert asked == ["http://8.8.8.8/feed.csv"]
    assert await is_public("https://8.8.8.8/x") and not await is_public("http://10.1.2.3/")
