"""The lean HTTP/1.1 transport: keep-alive, framing, stale connections, timeouts, and
python-telegram-bot on top of it against the sandbox."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from telegram import Bot, InputFile
from telegram.error import Forbidden, NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.delivery.transport import LeanRequest
from sandbox import Sandbox, SandboxClient
from tests.delivery.conftest import TOKEN

OK = b'{"ok":true,"result":true}'
# What the server does with one request: the raw bytes to answer, or None to hang up.
Script = Callable[[bytes, bytes], bytes | None]


def answer(body: bytes = OK, headers: str = "") -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n{headers}\r\n").encode() + body  # fmt: skip


@dataclass
class Server:
    url: str
    connections: int = 0
    requests: list[tuple[bytes, bytes]] = field(default_factory=list)  # (head, body)
    writers: list[asyncio.StreamWriter] = field(default_factory=list)


@asynccontextmanager
async def server(script: Script, tls: ssl.SSLContext | None = None) -> AsyncIterator[Server]:
    state = Server("")

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        state.connections += 1
        state.writers.append(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                body = await reader.readexactly(length)
                state.requests.append((head, body))
                reply = script(head, body)
                if reply is None:
                    break
                writer.write(reply)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    listener = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=tls)
    port = listener.sockets[0].getsockname()[1]
    scheme = "https" if tls else "http"
    state.url = f"{scheme}://127.0.0.1:{port}/bot123:SECRET/getMe"
    try:
        yield state
    finally:
        for writer in state.writers:
            writer.close()
        listener.close()
        await listener.wait_closed()


def form(**values: str) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in values.items()])


async def test_keep_alive_reuses_one_connection_and_sends_a_proper_form() -> None:
    transport = LeanRequest(pool_size=2)
    async with server(lambda head, body: answer()) as srv:
        for _ in range(3):
            status, payload = await transport.do_request(
                srv.url, "POST", form(chat_id="5", text="a b&c")
            )
            assert (status, payload) == (200, OK)
        await transport.shutdown()
    assert srv.connections == 1
    head, body = srv.requests[0]
    assert head.startswith(b"POST /bot123:SECRET/getMe HTTP/1.1\r\n")
    assert b"\r\nHost: 127.0.0.1:" in head
    assert b"Content-Type: application/x-www-form-urlencoded" in head
    assert body == b"chat_id=5&text=a+b%26c"


async def test_chunked_answers_are_joined() -> None:
    chunked = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"5\r\n{\"ok\"\r\n14;ext=1\r\n:true,\"result\":true}\r\n0\r\n\r\n")  # fmt: skip
    transport = LeanRequest()
    async with server(lambda head, body: chunked) as srv:
        assert await transport.do_request(srv.url, "POST") == (200, OK)
        assert await transport.do_request(srv.url, "POST") == (200, OK)
        await transport.shutdown()
    assert srv.connections == 1


async def test_connection_close_is_honoured() -> None:
    transport = LeanRequest()
    async with server(lambda head, body: answer(headers="Connection: close\r\n")) as srv:
        await transport.do_request(srv.url, "POST")
        await transport.do_request(srv.url, "POST")
        await transport.shutdown()
    assert srv.connections == 2


async def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    transport = LeanRequest()
    async with server(lambda head, body: answer()) as srv:
        await transport.do_request(srv.url, "POST")
        srv.writers[0].close()  # the server's keep-alive timeout
        await srv.writers[0].wait_closed()
        await asyncio.sleep(0.05)  # let the loop see the EOF, as it would in between sends
        assert await transport.do_request(srv.url, "POST") == (200, OK)
        await transport.shutdown()
    assert srv.connections == 2


async def test_a_hang_up_mid_request_is_a_network_error_without_the_url() -> None:
    transport = LeanRequest()
    async with server(lambda head, body: None) as srv:
        with pytest.raises(NetworkError) as caught:
            await transport.do_request(srv.url, "POST")
        await transport.shutdown()
    assert "SECRET" not in str(caught.value)
    assert not isinstance(caught.value, TimedOut)


async def test_no_answer_within_the_read_timeout_is_timed_out() -> None:
    def hang(head: bytes, body: bytes) -> bytes | None:
        return b""  # writes nothing: the client waits for an answer

    transport = LeanRequest(read_timeout=0.2)
    async with server(hang) as srv:
        with pytest.raises(TimedOut):
            await transport.do_request(srv.url, "POST")
        # The connection that timed out is not reused.
        with pytest.raises(TimedOut):
            await transport.do_request(srv.url, "POST", read_timeout=0.1)
        await transport.shutdown()
    assert srv.connections == 2


async def test_files_are_refused_and_a_closed_transport_refuses_everything() -> None:
    transport = LeanRequest()
    upload = RequestData([RequestParameter.from_input("document", InputFile(b"a"))])
    with pytest.raises(NetworkError):
        await transport.do_request("http://127.0.0.1:9/x", "POST", upload)
    await transport.shutdown()
    with pytest.raises(RuntimeError):
        await transport.do_request("http://127.0.0.1:9/x", "POST")


async def test_python_telegram_bot_runs_on_it_against_the_sandbox(
    sandbox: Sandbox, client: SandboxClient
) -> None:
    await client.send_text(31, "/start")
    await client.block(32)
    request = LeanRequest(pool_size=2)
    bot = Bot(TOKEN, base_url=sandbox.base_url, request=request, get_updates_request=request)
    async with bot:
        assert (await bot.get_me()).username == "daleel_demo_bot"
        sent = await bot.send_message(31, "<b>Hi</b> &amp; bye", parse_mode="HTML")
        assert sent.chat.id == 31
        with pytest.raises(Forbidden):
            await bot.send_message(32, "blocked")
    assert [m.text for m in await client.messages(31)] == ["Hi & bye"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl, as on every Linux server)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


async def test_https_verifies_the_certificate(certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    trusting = ssl.create_default_context(cafile=str(cert))
    async with server(lambda head, body: answer(), served) as srv:
        assert srv.url.startswith("https://")
        transport = LeanRequest(ssl_context=trusting)
        assert await transport.do_request(srv.url, "POST") == (200, OK)
        assert await transport.do_request(srv.url, "POST") == (200, OK)
        await transport.shutdown()
        assert srv.connections == 1
        # The system's CAs do not know this certificate: refused, never sent.
        stranger = LeanRequest()
        with pytest.raises(NetworkError, match="SSLCertVerificationError"):
            await stranger.do_request(srv.url, "POST")
        await stranger.shutdown()
    assert len(srv.requests) == 2
