"""Fetching a feed: answers a server may give that must not crash a poll or bypass a limit."""

from __future__ import annotations

import gzip

import httpx

from bot.feeds.fetch import Fetched, HttpError, TooLarge, Unreachable, fetch, is_public


async def _fetch(handler: httpx.MockTransport, *, max_bytes: int = 10_000) -> object:
    async with httpx.AsyncClient(transport=handler) as client:
        return await fetch(
            client, "http://feeds.example/statuses.csv", etag=None, last_modified=None,
            timeout_seconds=5, max_bytes=max_bytes,
        )


async def test_a_redirect_without_a_location_is_an_http_error() -> None:
    result = await _fetch(httpx.MockTransport(lambda request: httpx.Response(302)))
    assert result == HttpError(302)


async def test_the_body_is_asked_for_uncompressed_and_measured_as_sent() -> None:
    seen: list[str] = []
    bomb = gzip.compress(b"x" * 1_000_000)  # about 1 KiB on the wire

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("accept-encoding", ""))
        return httpx.Response(200, content=bomb, headers={"content-encoding": "gzip"})

    result = await _fetch(httpx.MockTransport(handler), max_bytes=50_000)
    assert seen == ["identity"]
    # A server that compresses anyway: what is kept is what arrived, never the inflated body.
    assert isinstance(result, (Fetched, TooLarge))
    if isinstance(result, Fetched):
        assert len(result.body) <= 50_000


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
