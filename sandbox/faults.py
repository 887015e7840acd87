"""Fault injection: rules that make the next matching Bot API calls fail."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal, cast, get_args

__all__ = ["Fault", "FaultKind", "FaultQueue"]

FaultKind = Literal[
    "retry_after",
    "blocked",
    "deactivated",
    "chat_not_found",
    "bad_request",
    "server_error",
    "delay",
    "drop_connection",
]
_KINDS: frozenset[str] = frozenset(get_args(FaultKind))


@dataclass(frozen=True, slots=True)
class Fault:
    """Fail the next ``times`` calls matching ``method`` (any case) and ``chat_id``.

    ``method=None`` matches every method except getUpdates: a polling bot would
    otherwise swallow the rule with its next long poll. Name getUpdates to fault it.
    """

    kind: FaultKind
    method: str | None = None
    chat_id: int | None = None
    times: int = 1
    retry_after: int = 5
    delay_seconds: float = 1.0
    status: int = 502
    description: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}")
        if self.times < 1:
            raise ValueError("times must be at least 1")
        if self.kind == "server_error" and not 500 <= self.status <= 599:
            raise ValueError("server_error status must be 5xx")
        if self.retry_after < 1 or self.delay_seconds < 0:
            raise ValueError("retry_after must be >= 1 and delay_seconds >= 0")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fault:
        """Missing fields keep their defaults; ValueError for bad ones."""
        types = {"method": str, "chat_id": int, "times": int, "retry_after": int,
                 "delay_seconds": float, "status": int, "description": str}  # fmt: skip
        kwargs = {k: conv(data[k]) for k, conv in types.items() if data.get(k) is not None}
        return cls(kind=cast(FaultKind, str(data.get("kind"))), **kwargs)


class _Rule:
    __slots__ = ("fault", "method", "remaining")

    def __init__(self, fault: Fault) -> None:
        self.fault = fault
        self.method = fault.method.lower() if fault.method else None
        self.remaining = fault.times


class FaultQueue:
    """Rules in the order they were added; the first matching rule fires."""

    def __init__(self) -> None:
        self._rules: list[_Rule] = []

    def __bool__(self) -> bool:
        return bool(self._rules)

    def add(self, fault: Fault) -> None:
        self._rules.append(_Rule(fault))

    def clear(self) -> None:
        self._rules.clear()

    def take(self, method: str, chat_id: int | None) -> Fault | None:
        """The fault for this call (``method`` lower-cased), consuming one use of its rule."""
        for rule in self._rules:
            if rule.method is None:
                if method == "getupdates":
                    continue
            elif rule.method != method:
                continue
            if rule.fault.chat_id is not None and rule.fault.chat_id != chat_id:
                continue
            rule.remaining -= 1
            if rule.remaining == 0:
                self._rules.remove(rule)
            return rule.fault
        return None
