"""Who answers which need: features say what they answer; others look it up.

A resident's need ("food", "services", "safety", …) reaches its feature from more than one
place: typed words (``handlers.residents.understand``), a "Did you mean" button, the camp
picker once a camp is chosen. Those places do not import the features; each feature adds
its answers here when it is registered (``register(app)``), and the asker looks the need
up. The routes live on the application (``bot_data``), so nothing is shared between
applications and nothing is built at import time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from telegram import Update

from bot.places.index import PlaceMatch

if TYPE_CHECKING:
    from handlers.kit.context import DaleelContext

__all__ = ["Answer", "Asked", "Need", "Routes"]

Need = Literal["help", "services", "food", "left_off_list", "safety", "alerts"]
"""The needs a feature can answer for others (the menu and language are the kit's)."""


@dataclass(frozen=True)
class Asked:
    """What a resident asked for, however they asked: typed words or a button."""

    update: Update
    chat_id: int
    category: str | None = None  # services: a known category, or None for all
    places: tuple[PlaceMatch, ...] = ()  # safety: the places a message named
    area_id: int | None = None  # safety: one area (a checked button payload)
    spelling: str = ""  # safety: the folded words of the first place named (no other text)


Answer = Callable[[Asked, "DaleelContext"], Awaitable[None]]


class Routes:
    """Each need answered by exactly one feature."""

    def __init__(self) -> None:
        self._answers: dict[Need, Answer] = {}

    def add(self, need: Need, answer: Answer) -> None:
        """A feature answers ``need``; a second feature claiming it is a wiring mistake."""
        if need in self._answers:
            raise ValueError(f"{need!r} is answered twice")
        self._answers[need] = answer

    async def answer(self, need: Need, asked: Asked, context: DaleelContext) -> bool:
        """Answer through the feature that registered ``need``; False when none did."""
        answer = self._answers.get(need)
        if answer is None:
            return False
        await answer(asked, context)
        return True
