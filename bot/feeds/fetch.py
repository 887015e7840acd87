"""Fetching a feed over HTTP: conditional, bounded in time and size, redirects checked.

Every request goes through the application's one shared ``httpx.AsyncClient`` with a
per-request timeout; the whole fetch (redirects and body included) is bounded too, so a
server that trickles bytes cannot hold a poll forever. The body is read as a stream and
reading stops as soon as it passes the size limit (a declared ``Content-Length`` over
the limit is refused before reading anything). Redirects are followed by hand, at most
:data:`MAX_REDIRECTS`, and only when they keep the scheme of the feed's URL.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass

import httpx

__all__ = [
    "MAX_REDIRECTS",
    "BadRedirect",
    "Fetched",
    "HttpError",
    "NotModified",
    "TimedOut",
    "TooLarge",
    "Unreachable",
    "fetch",
    "is_public",
]

MAX_REDIRECTS = 3
# The whole fetch may take this many times the per-request timeout.
_WHOLE_FETCH_FACTOR = 3
_ACCEPT = "text/csv, application/json;q=0.9, */*;q=0.1"
_USER_AGENT = "Daleel status feed reader"


@dataclass(frozen=True)
class Fetched:
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class NotModified:
    pass


@dataclass(frozen=True)
class HttpError:
    status: int


@dataclass(frozen=True)
class TooLarge:
    limit: int
    declared: int | None  # the Content-Length, when the server gave one over the limit


@dataclass(frozen=True)
class TimedOut:
    seconds: float


@dataclass(frozen=True)
class Unreachable:
    reason: str  # the exception's class name: for the audit log, never shown as is


@dataclass(frozen=True)
class BadRedirect:
    location: str  # where the server wanted to send us ("" when there were too many)


FetchResult = Fetched | NotModified | HttpError | TooLarge | TimedOut | Unreachable | BadRedirect


async def is_public(url: str) -> bool:
    """Whether every address the URL's host has is a public one. Operators name feeds: a
    feed must not make Daleel read its own machine or network (loopback, private,
    link-local and cloud metadata addresses), nor be redirected there. A host that does
    not resolve is left to fail as unreachable."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return False
    host = parsed.host
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, port, type=socket.SOCK_STREAM
        )
    except OSError:
        return True
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


def _declared_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length", "").strip()
    return int(value) if value.isdecimal() else None


async def _get(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    limits: httpx.Timeout,
    max_bytes: int,
) -> FetchResult | httpx.URL:
    """One request; the URL to go to next when the answer is an acceptable redirect."""
    async with client.stream(
        "GET", url, headers=headers, timeout=limits, follow_redirects=False
    ) as response:
        if response.status_code == 304:
            return NotModified()
        if response.is_redirect:
            if not response.has_redirect_location:
                return HttpError(response.status_code)
            target = response.url.join(response.headers["location"])
            if target.scheme != httpx.URL(url).scheme:
                return BadRedirect(str(target))
            return target
        if response.status_code != 200:
            return HttpError(response.status_code)
        declared = _declared_length(response)
        if declared is not None and declared > max_bytes:
            return TooLarge(max_bytes, declared)
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > max_bytes:  # leaving the block closes the connection unread
                return TooLarge(max_bytes, None)
        return Fetched(
            bytes(body),
            response.headers.get("content-type"),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
        )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    timeout_seconds: float,
    max_bytes: int,
    allow_private: bool = False,
) -> FetchResult:
    """GET the feed, conditionally on the validators of the last body processed."""
    # identity: a compressed body would be inflated before its size could be checked.
    headers = {"Accept": _ACCEPT, "Accept-Encoding": "identity", "User-Agent": _USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(timeout_seconds)
    current = url
    try:
        async with asyncio.timeout(timeout_seconds * _WHOLE_FETCH_FACTOR):
            for _ in range(MAX_REDIRECTS + 1):
                if not allow_private and not await is_public(current):
                    return Unreachable("not a public address")
                result = await _get(client, current, headers, timeout, max_bytes)
                if not isinstance(result, httpx.URL):
                    return result
                current = str(result)
    except (httpx.TimeoutException, TimeoutError):
        return TimedOut(timeout_seconds)
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        return Unreachable(type(error).__name__)
    return BadRedirect("")
