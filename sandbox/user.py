"""A simulated resident: one user's conversation with the bot, with a reading cursor."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sandbox.types import BotMessage, UserMessage

if TYPE_CHECKING:
    from sandbox.client import SandboxClient

__all__ = ["SimulatedUser"]


class SimulatedUser:
    """Sends, presses and reads replies; ``cursor`` is the seq up to which replies were read.

    Each action moves the cursor to "now", so ``reply()`` returns what the bot
    answered to the latest action.
    """

    def __init__(
        self,
        client: SandboxClient,
        user_id: int,
        *,
        first_name: str = "Resident",
        language_code: str | None = None,
    ) -> None:
        self.client = client
        self.user_id = user_id
        self.first_name = first_name
        self.language_code = language_code
        self.cursor = 0

    @property
    def chat_id(self) -> int:
        return self.user_id

    async def send(self, text: str) -> UserMessage:
        sent = await self.client.send_text(
            self.user_id, text, language_code=self.language_code, first_name=self.first_name
        )
        self.cursor = sent.seq
        return sent

    async def upload(
        self,
        file_name: str,
        content: bytes,
        mime_type: str = "text/csv",
        caption: str | None = None,
    ) -> UserMessage:
        sent = await self.client.upload(
            self.user_id, file_name, content, mime_type, caption, first_name=self.first_name
        )
        self.cursor = sent.seq
        return sent

    async def send_photo(self, caption: str | None = None, content: bytes = b"") -> UserMessage:
        sent = await self.client.send_photo(
            self.user_id, caption, content, first_name=self.first_name
        )
        self.cursor = sent.seq
        return sent

    async def press(self, button_text: str, *, message_id: int | None = None) -> str:
        """Press the button with this text on the newest bot message that has it."""
        if message_id is None:
            for message in reversed(await self.client.messages(self.chat_id)):
                if button_text in message.button_texts:
                    message_id = message.message_id
                    break
            else:
                raise LookupError(f"no message in chat {self.chat_id} has a {button_text!r} button")
        self.cursor = await self.client.last_seq()
        return await self.client.press_button(self.user_id, message_id, button_text)

    async def reply(
        self,
        after_seq: int | None = None,
        *,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - bounds the server-side wait
    ) -> BotMessage:
        """The next bot message or edit after the cursor (or ``after_seq``)."""
        mark = self.cursor if after_seq is None else after_seq
        message = await self.client.wait_for(
            self.chat_id, predicate, after_seq=mark, timeout=timeout
        )
        self.cursor = message.seq
        return message

    async def replies(
        self,
        *,
        quiet: float = 0.3,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[BotMessage]:
        """Everything the bot sent after the cursor, once it has gone quiet."""
        events = await self.client.wait_quiet(
            self.chat_id, after_seq=self.cursor, quiet=quiet, timeout=timeout
        )
        self.cursor = events[-1].seq
        return events

    async def messages(self) -> list[BotMessage]:
        return await self.client.messages(self.chat_id)

    async def block(self) -> None:
        await self.client.block(self.user_id)

    async def unblock(self) -> None:
        await self.client.unblock(self.user_id)
