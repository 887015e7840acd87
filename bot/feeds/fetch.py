"""Fetching a feed over HTTP: conditional, bounded in time and size, redirects checked.

Every request goes through the application's one shared ``httpx.AsyncClient`` with a
per-request timeout; the whole fetch (redirects and body included) is bounded too, so a
server that trickles bytes cannot hold a poll forever. The body is read as a stream and
reading stops as soon as it passes the size limit (a declared ``Content-Length`` over
the limit is refused before reading anything). Redirects are followed by hand, at most
:data:`MAX_REDIRECTS`, and only when they keep the scheme of the feed's URL.

Addresses: each hop's host is resolved once, every address must be public (unless private
ones are allowed), and the request connects to the address that was checked — the URL
carries the IP, the ``Host`` header and the TLS server name (``sni_hostname``, which also
names the certificate checked) carry the host — so a name that resolves differently a
moment later (DNS rebinding) cannot lead the connection elsewhere. A name that does not
resolve is unreachable, never assumed public.

Compression: the body is asked for uncompressed. A server that compresses anyway is read
raw and inflated here, one layer of gzip or deflate at most, counting the inflated bytes
as they are produced and stopping at the limit — so a small compressed body cannot swell
in memory (httpx would inflate each chunk whole before anything could be counted).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import httpx

__all__ = [
    "MAX_REDIRECTS",
    "BadRedirect",
    "Fetched",
    "HttpError",
    "NotModified",
    "Resolver",
    "TimedOut",
    "TooLarge",
    "Unreachable",
    "fetch",
    "is_public",
    "system_resolver",
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


Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Host and port to the addresses it resolves to (raises OSError when it does not)."""


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _port(url: httpx.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


async def _addresses(url: httpx.URL, resolve: Resolver) -> list[str]:
    """The host's addresses: itself when it is an IP literal; [] when it does not resolve."""
    try:
        return [str(ipaddress.ip_address(url.host))]
    except ValueError:
        pass
    try:
        return await resolve(url.host, _port(url))
    except OSError:
        return []


def _all_public(addresses: list[str]) -> bool:
    return bool(addresses) and all(ipaddress.ip_address(a).is_global for a in addresses)


async def is_public(url: str, resolve: Resolver = system_resolver) -> bool:
    """Whether every address the URL's host has is a public one. Operators name feeds: a
    feed must not make Daleel read its own machine or network (loopback, private,
    link-local and cloud metadata addresses), nor be redirected there. A host that does
    not resolve is not known to be public."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return False
    return _all_public(await _addresses(parsed, resolve))


def _pinned(url: httpx.URL, address: str) -> tuple[httpx.URL, dict[str, str], dict[str, str]]:
    """The request URL pointing at ``address``, with the host kept for HTTP and TLS."""
    target = url.copy_with(host=address)
    host = url.netloc.decode("ascii")
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    return target, {"Host": host}, extensions


class _Inflater:
    """Inflates at most one gzip or deflate layer, never more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        # 47: a gzip or zlib header, detected; -15: raw deflate as some servers send it.
        self._inflate = zlib.decompressobj(47 if encoding in ("gzip", "x-gzip") else 15)
        self._limit = limit
        self.size = 0

    def feed(self, data: bytes) -> bytes | None:
        """The inflated bytes of ``data``; None once they pass the limit."""
        out = self._inflate.decompress(data, self._limit + 1 - self.size)
        self.size += len(out)
        if self.size > self._limit or self._inflate.unconsumed_tail:
            return None
        return out


async def _read(response: httpx.Response, max_bytes: int) -> bytes | TooLarge | Unreachable:
    encoding = response.headers.get("content-encoding", "").strip().lower()
    inflater: _Inflater | None = None
    if encoding and encoding != "identity":
        if encoding not in ("gzip", "x-gzip", "deflate"):  # several layers, br, zstd…
            return Unreachable(f"unsupported content encoding {encoding[:20]}")
        inflater = _Inflater(encoding, max_bytes)
    body = bytearray()
    raw: AsyncIterator[bytes] = response.aiter_raw()
    async for chunk in raw:
        piece = inflater.feed(chunk) if inflater else chunk
        if piece is None:
            return TooLarge(max_bytes, None)
        body += piece
        if len(body) > max_bytes:  # leaving the block closes the connection unread
            return TooLarge(max_bytes, None)
    return bytes(body)


def _declared_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length", "").strip()
    return int(value) if value.isdecimal() else None


async def _get(
    client: httpx.AsyncClient,
    url: httpx.URL,
    address: str,
    *,
    headers: dict[str, str],
    limits: httpx.Timeout,
    max_bytes: int,
) -> FetchResult | httpx.URL:
    """One request to ``address``; the URL to go to next for an acceptable redirect."""
    target, host, extensions = _pinned(url, address)
    request = client.build_request(
        "GET", target, headers={**headers, **host}, timeout=limits, extensions=extensions
    )
    response = await client.send(request, stream=True, follow_redirects=False)
    try:
        if response.status_code == 304:
            return NotModified()
        if response.is_redirect:
            if not response.has_redirect_location:
                return HttpError(response.status_code)
            # Relative to the URL as named (the request itself went to an IP).
            target = url.join(response.headers["location"])
            if target.scheme != url.scheme:
                return BadRedirect(str(target))
            return target
        if response.status_code != 200:
            return HttpError(response.status_code)
        declared = _declared_length(response)
        if declared is not None and declared > max_bytes:
            return TooLarge(max_bytes, declared)
        body = await _read(response, max_bytes)
        if not isinstance(body, bytes):
            return body
        return Fetched(
            body,
            response.headers.get("content-type"),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
        )
    finally:
        await response.aclose()


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    timeout_seconds: float,
    max_bytes: int,
    allow_private: bool = False,
    resolve: Resolver = system_resolver,
) -> FetchResult:
    """GET the feed, conditionally on the validators of the last body processed."""
    headers = {"Accept": _ACCEPT, "Accept-Encoding": "identity", "User-Agent": _USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(timeout_seconds)
    try:
        current = httpx.URL(url)
        async with asyncio.timeout(timeout_seconds * _WHOLE_FETCH_FACTOR):
            for _ in range(MAX_REDIRECTS + 1):
                addresses = await _addresses(current, resolve)
                if not addresses:
                    return Unreachable("the name does not resolve")
                if not allow_private and not _all_public(addresses):
                    return Unreachable("not a public address")
                result = await _get(
                    client, current, addresses[0],
                    headers=headers, limits=timeout, max_bytes=max_bytes,
                )
                if not isinstance(result, httpx.URL):
                    return result
                current = result
    except (httpx.TimeoutException, TimeoutError):
        return TimedOut(timeout_seconds)
    except (httpx.HTTPError, httpx.InvalidURL, zlib.error) as error:
        return Unreachable(type(error).__name__)
    return BadRedirect("")
