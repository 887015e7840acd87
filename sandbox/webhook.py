"""Webhook delivery: POST each update in order, one at a time, retrying with backoff."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

import httpx

from sandbox.updates import UpdateQueue

__all__ = ["Webhook"]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class Webhook:
    """The webhook setting and its delivery task."""

    # Bounded retries: after this many failed attempts an update is dropped, as
    # Telegram eventually gives up too.
    max_attempts = 5
    backoff_first = 0.05
    backoff_cap = 2.0
    request_timeout = 10.0

    def __init__(self, queue: UpdateQueue) -> None:
        self._queue = queue
        self._task: asyncio.Task[None] | None = None
        self.http: httpx.AsyncClient | None = None
        self.url = ""
        self.secret: str | None = None
        self.max_connections = 40
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self.delivered = 0

    @property
    def active(self) -> bool:
        return bool(self.url)

    async def set(self, url: str, secret: str | None, max_connections: int) -> None:
        await self.delete()
        if self.http is None:
            # Created on first use: building an HTTPS-capable client costs ~70 ms.
            self.http = httpx.AsyncClient()
        self.url = url
        self.secret = secret
        self.max_connections = max_connections
        self._task = asyncio.get_running_loop().create_task(self._deliver_forever())

    async def delete(self) -> None:
        """Stop delivering; undelivered updates stay queued for getUpdates."""
        self.url = ""
        self.secret = None
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def close(self) -> None:
        """Stop delivering and close the HTTP client."""
        await self.delete()
        http, self.http = self.http, None
        if http is not None:
            await http.aclose()

    def info_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if self.url:
            data["max_connections"] = self.max_connections
            data["ip_address"] = "127.0.0.1"
            if self._queue.allowed_list is not None:
                data["allowed_updates"] = self._queue.allowed_list
        if self.last_error_date is not None:
            data["last_error_date"] = self.last_error_date
            data["last_error_message"] = self.last_error_message
        return data

    async def _wait_for_update(self) -> None:
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._queue.add_waiter(future)
        try:
            await future
        finally:
            self._queue.remove_waiter(future)

    async def _post(self, update: dict[str, Any]) -> str | None:
        """Deliver one update; the error message, or None on success."""
        assert self.http is not None, "the sandbox owns the HTTP client while running"
        headers = {"Content-Type": "application/json"}
        if self.secret:
            headers[SECRET_HEADER] = self.secret
        try:
            response = await self.http.post(
                self.url,
                content=json.dumps(update, ensure_ascii=False).encode(),
                headers=headers,
                timeout=self.request_timeout,
            )
        except httpx.HTTPError as exc:
            return f"Connection failed: {exc.__class__.__name__}"
        if 200 <= response.status_code < 300:
            return None
        return f"Wrong response from the webhook: {response.status_code} {response.reason_phrase}"

    async def _deliver_forever(self) -> None:
        attempts = 0
        while True:
            update = self._queue.first()
            if update is None:
                await self._wait_for_update()
                continue
            error = await self._post(update)
            if error is None:
                self._queue.drop(update["update_id"])
                self.delivered += 1
                attempts = 0
                continue
            self.last_error_date = int(time.time())
            self.last_error_message = error
            attempts += 1
            if attempts >= self.max_attempts:
                self._queue.drop(update["update_id"])
                attempts = 0
                continue
            await asyncio.sleep(min(self.backoff_cap, self.backoff_first * 2 ** (attempts - 1)))
