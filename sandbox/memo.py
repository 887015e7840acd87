"""A bounded memo for parse results that repeat (a broadcast sends one text to many)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["Memo"]

V = TypeVar("V")


class Memo(Generic[V]):
    """Remembers up to ``size`` results; when full it starts over (cheap, good enough:
    the point is a broadcast's repeated text and keyboard). Shared results also make
    stored messages share their entity and keyboard objects."""

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._data: dict[Hashable, V] = {}

    def get(self, key: Hashable) -> V | None:
        return self._data.get(key)

    def put(self, key: Hashable, value: V) -> V:
        if len(self._data) >= self._size:
            self._data.clear()
        self._data[key] = value
        return value

    def clear(self) -> None:
        self._data.clear()
