"""A console chat with the bot through the sandbox: type as a resident, read the replies.

Inline buttons are shown as numbered choices; typing the number presses it. Each input
line waits (bounded) for the bot's whole answer before the next is read, so the console
can be scripted from standard input.

``!as <name>`` switches to another of the demo's people in the same session (the demo has
two operators, so one can propose a change and the other confirm it: the two-person
rule); what reached that person meanwhile is shown on switching. ``!as`` lists them.
``!photo [caption]`` sends a photo (with that caption), as a resident attaching one.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Mapping
from typing import TextIO

from sandbox import BotMessage, SandboxClient, SimulatedUser

__all__ = ["Console"]

# Terminals do not lay out bidi controls; the text keeps its logical order without them.
_INVISIBLE = re.compile("[\u200e\u200f\u2066-\u2069]")
_INDENT = "      "


def _display(text: str) -> str:
    return _INVISIBLE.sub("", text)


class Console:
    def __init__(
        self,
        client: SandboxClient,
        user: SimulatedUser,
        out: TextIO,
        *,
        wait: float,
        echo: bool,
        people: Mapping[str, SimulatedUser] | None = None,
    ) -> None:
        self._client = client
        self._user = user
        self._out = out
        self._wait = wait
        self._echo = echo
        self._people = dict(people or {})
        # The newest message with buttons, per person (each has their own chat).
        self._keyboards: dict[int, BotMessage] = {}

    @property
    def _keyboard(self) -> BotMessage | None:
        return self._keyboards.get(self._user.user_id)

    @_keyboard.setter
    def _keyboard(self, message: BotMessage | None) -> None:
        if message is None:
            self._keyboards.pop(self._user.user_id, None)
        else:
            self._keyboards[self._user.user_id] = message

    def _print(self, text: str = "") -> None:
        self._out.write(text + "\n")
        self._out.flush()

    async def run(self, lines: AsyncIterator[str]) -> None:
        async for raw in lines:
            line = raw.strip()
            if not line:
                continue
            if self._echo:
                self._print(f"you › {line}")
            if line == "!as" or line.startswith("!as "):
                await self._switch(line[3:].strip())
            elif line == "!photo" or line.startswith("!photo "):
                await self._user.send_photo(line[6:].strip() or None)
                await self._show_answer(self._wait)
            elif line.isdigit() and self._keyboard is not None:
                await self._press(int(line))
            else:
                await self._user.send(line)
                await self._show_answer(self._wait)

    async def _switch(self, name: str) -> None:
        """Act as another person; show what reached them since they last looked."""
        person = self._people.get(name)
        if person is None:
            names = ", ".join(self._people) or "nobody else"
            self._print(f"{_INDENT}(!as <name>, one of: {names})")
            return
        self._user = person
        self._print(f"{_INDENT}(you are now {name}, Telegram user {person.user_id})")
        await self._show_answer(1.0, required=False)

    async def _press(self, number: int) -> None:
        assert self._keyboard is not None
        buttons = self._keyboard.buttons
        if not 1 <= number <= len(buttons):
            self._print(f"{_INDENT}(choose a number from 1 to {len(buttons)})")
            return
        mark = await self._client.last_seq()
        self._user.cursor = mark
        query_id = await self._client.press_button(
            self._user.user_id, self._keyboard.message_id, number - 1
        )
        try:
            answer = await self._client.wait_callback_answer(query_id, timeout=self._wait)
        except TimeoutError:
            self._print(f"{_INDENT}(the bot did not answer the button)")
            return
        if answer.text:
            self._print(f"bot ! {_display(answer.text)}")
        # A button answered with a notice usually ends there; otherwise messages follow.
        await self._show_answer(1.0 if answer.text else self._wait, required=not answer.text)

    async def _show_answer(self, timeout: float, *, required: bool = True) -> None:  # noqa: ASYNC109
        floods = (await self._client.stats()).too_many_requests
        try:
            events = await self._user.replies(quiet=0.4, timeout=timeout)
        except TimeoutError:
            if required:
                self._print(f"{_INDENT}(no answer within {timeout:g} s)")
            return
        if (await self._client.stats()).too_many_requests > floods:
            # Telegram's flood control delayed part of the answer: wait for the rest.
            with contextlib.suppress(TimeoutError):
                events += await self._user.replies(quiet=1.5, timeout=1.5 + timeout)
        for event in events:
            self._show(event)

    def _show(self, message: BotMessage) -> None:
        label = "bot (edited) ›" if message.event == "edited" else "bot ›"
        if message.kind == "location" and message.location:
            body = f"📍 {message.location.latitude}, {message.location.longitude}"
        elif message.kind == "venue" and message.venue:
            venue = message.venue
            body = f"📍 {venue.title} — {venue.address} ({venue.latitude}, {venue.longitude})"
        elif message.kind == "photo" and message.photo:
            body = f"🖼 photo {message.photo.file_id}"
            if message.text:
                body += "\n" + message.text
        elif message.kind == "document" and message.document:
            body = f"📄 {message.document.file_name} ({message.document.file_size} bytes)"
            if message.text:
                body += "\n" + message.text
        else:
            body = message.text
        lines = _display(body).split("\n")
        self._print(f"{label} {lines[0]}")
        for line in lines[1:]:
            self._print(f"{_INDENT}{line}" if line else "")
        if message.buttons:
            self._keyboard = message
            number = 1
            for row in message.reply_markup:
                cells = []
                for button in row:
                    cells.append(f"[{number}] {_display(button.text)}")
                    number += 1
                self._print(_INDENT + "   ".join(cells))
        elif self._keyboard is not None and message.message_id == self._keyboard.message_id:
            self._keyboard = None  # its buttons were removed by an edit
