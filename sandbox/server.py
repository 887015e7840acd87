"""The sandbox: a Bot API server on the running asyncio loop (tornado, no threads)."""

from __future__ import annotations

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from sandbox.core import SandboxCore
from sandbox.http_front import Router
from sandbox.limits import Limits

__all__ = ["Sandbox"]


class Sandbox:
    """A Telegram Bot API server for one bot token, plus the control API.

    ``retain_messages=False`` keeps no message bodies (benchmarks): ids, stats and
    limits still work, but messages(), wait_for() and edits of old messages do not.
    """

    def __init__(
        self,
        token: str,
        *,
        limits: Limits | None = None,
        bot_username: str = "daleel_demo_bot",
        bot_first_name: str = "Daleel",
        retain_messages: bool = True,
    ) -> None:
        self._core = SandboxCore(
            token,
            limits=limits or Limits(),
            bot_username=bot_username,
            bot_first_name=bot_first_name,
            retain_messages=retain_messages,
        )
        self._server: HTTPServer | None = None
        self._router: Router | None = None
        self._host = "127.0.0.1"
        self._port = 0

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on ``host:port`` (0: any free port) on the running event loop."""
        if self._server is not None:
            raise RuntimeError("the sandbox is already running")
        sockets = bind_sockets(port, address=host)
        self._host = "127.0.0.1" if host in ("", "0.0.0.0") else host
        self._port = sockets[0].getsockname()[1]
        self._core.state.notifier.reopen()
        self._router = Router(self._core)
        self._server = HTTPServer(self._router)
        # No idle timeout for keep-alive connections: tornado would wrap every request
        # read in a timer (a measurable share of the per-request cost); stop() closes them.
        self._server.conn_params.header_timeout = None
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        """Stop listening, end pending long polls and close every connection."""
        server, self._server = self._server, None
        if server is None:
            return
        server.stop()
        # Pending answers (long polls, waits, delays) are cancelled, not answered: to
        # the clients the server goes away, as a real one would.
        if self._router is not None:
            await self._router.close()
        core = self._core
        core.poll.close()
        core.state.notifier.close()
        await core.webhook.close()
        await server.close_all_connections()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def token(self) -> str:
        return self._core.token

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self._port}"

    @property
    def base_url(self) -> str:
        """For PTB's ``base_url``: it calls ``<base_url><token>/<method>``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    @property
    def limits(self) -> Limits:
        return self._core.limiter.limits

    @limits.setter
    def limits(self, limits: Limits) -> None:
        self._core.limiter.limits = limits
