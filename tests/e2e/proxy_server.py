"""A forwarding HTTP proxy on loopback that notes every request it carries.

httpx sends an ``http://`` request through an HTTP proxy in absolute form
(``POST http://127.0.0.1:port/bot.../sendMessage``); this forwards it as is.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from tornado.httpserver import HTTPServer
from tornado.httputil import HTTPServerRequest
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

__all__ = ["ForwardingProxy", "forwarding_proxy"]


class ForwardingProxy:
    def __init__(self) -> None:
        self.carried: list[str] = []  # "METHOD path" of each request
        self.client = httpx.AsyncClient(timeout=60)
        self.url = ""


class _Forward(RequestHandler):
    def initialize(self, proxy: ForwardingProxy) -> None:
        self.proxy = proxy

    async def _forward(self) -> None:
        request: HTTPServerRequest = self.request
        target = httpx.URL(request.uri or "")
        self.proxy.carried.append(f"{request.method} {target.path}")
        headers = {k: v for k, v in request.headers.get_all()
                   if k.lower() not in ("proxy-connection", "connection", "host")}
        answer = await self.proxy.client.request(
            request.method or "GET", target, headers=headers, content=request.body or None
        )
        self.set_status(answer.status_code)
        for name in ("content-type",):
            if name in answer.headers:
                self.set_header(name, answer.headers[name])
        self.finish(answer.content)

    async def get(self, *args: str) -> None:
        await self._forward()

    async def post(self, *args: str) -> None:
        await self._forward()


@asynccontextmanager
async def forwarding_proxy() -> AsyncIterator[ForwardingProxy]:
    proxy = ForwardingProxy()
    app = Application([(r".*", _Forward, {"proxy": proxy})])
    sockets = bind_sockets(0, address="127.0.0.1")
    server = HTTPServer(app)
    server.add_sockets(sockets)
    proxy.url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
    try:
        yield proxy
    finally:
        server.stop()
        await server.close_all_connections()
        await proxy.client.aclose()
