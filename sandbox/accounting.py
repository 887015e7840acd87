"""Call accounting: calls per method and outcome, first/last call times, totals."""

from __future__ import annotations

import time
from typing import Any

__all__ = ["CallStats"]


class _MethodCounter:
    __slots__ = ("calls", "first", "in_flight", "last", "outcomes")

    def __init__(self, now: float) -> None:
        self.calls = 0
        self.in_flight = 0
        self.outcomes: dict[str, int] = {}
        self.first = now
        self.last = now


class CallStats:
    """Counters since start or the last reset. Times are unix seconds (comparable across
    processes, which the benchmarks need); a call's time is when it arrived."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._methods: dict[str, _MethodCounter] = {}
        self.too_many_requests = 0
        self.delivered = 0
        self.edits = 0

    def begin(self, method: str) -> None:
        """A call of ``method`` arrived (it may wait, e.g. a long poll)."""
        now = time.time()
        counter = self._methods.get(method)
        if counter is None:
            counter = self._methods[method] = _MethodCounter(now)
        counter.in_flight += 1
        counter.last = now

    def end(self, method: str, outcome: str) -> None:
        """The call finished with ``outcome``: "ok", an error code or "dropped"."""
        counter = self._methods[method]
        counter.in_flight -= 1
        counter.calls += 1
        counter.outcomes[outcome] = counter.outcomes.get(outcome, 0) + 1
        if outcome == "429":
            self.too_many_requests += 1

    def record(self, method: str, outcome: str) -> None:
        """A call answered at once."""
        self.begin(method)
        self.end(method, outcome)

    def to_json(self, pending_updates: int) -> dict[str, Any]:
        return {
            "methods": {
                name: {
                    "calls": c.calls,
                    "in_flight": c.in_flight,
                    "outcomes": dict(c.outcomes),
                    "first_call": c.first,
                    "last_call": c.last,
                }
                for name, c in self._methods.items()
            },
            "too_many_requests": self.too_many_requests,
            "delivered": self.delivered,
            "edits": self.edits,
            "pending_updates": pending_updates,
        }
