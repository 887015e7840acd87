"""A Telegram Bot API sandbox on loopback, for tests, the demo and benchmarks.

The real python-telegram-bot client talks to it over real HTTP:

    sandbox = Sandbox("123456:TEST")
    await sandbox.start()            # port 0: any free port
    app = Application.builder().token(sandbox.token).base_url(sandbox.base_url)
        .base_file_url(sandbox.base_file_url).build()
    async with SandboxClient(sandbox.url) as client:
        sent = await client.send_text(42, "/start")
        reply = await client.wait_for(42, after_seq=sent.seq)

Or as a process: ``python -m sandbox --port 8081 --token TOKEN``.
"""

from sandbox.client import SandboxClient
from sandbox.errors import SandboxError
from sandbox.faults import Fault, FaultKind
from sandbox.limits import Limits
from sandbox.server import Sandbox
from sandbox.types import (
    BotCommand,
    BotMessage,
    Button,
    CallbackAnswer,
    Document,
    Location,
    MessageVersion,
    MethodStats,
    Photo,
    Stats,
    TextEntity,
    UserMessage,
    Venue,
)
from sandbox.user import SimulatedUser

__all__ = [
    "BotCommand",
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "Document",
    "Fault",
    "FaultKind",
    "Limits",
    "Location",
    "MessageVersion",
    "MethodStats",
    "Photo",
    "Sandbox",
    "SandboxClient",
    "SandboxError",
    "SimulatedUser",
    "Stats",
    "TextEntity",
    "UserMessage",
    "Venue",
]
