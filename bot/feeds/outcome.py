"""How a poll of a status feed ended: kept on the feed, shown by ``/feeds``, reported."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast, get_args

__all__ = [
    "FAILURES",
    "MAX_ERRORS_SHOWN",
    "MAX_UNKNOWN_SHOWN",
    "REJECTIONS",
    "OutcomeKind",
    "PollOutcome",
]

OutcomeKind = Literal[
    "ok",
    "not_modified",
    "same_body",
    "unreachable",
    "timeout",
    "http_error",
    "redirect",
    "too_large",
    "malformed",
    "unknown_areas",
]
FAILURES: frozenset[str] = frozenset(
    {"unreachable", "timeout", "http_error", "redirect", "too_large", "malformed", "unknown_areas"}
)
REJECTIONS = frozenset({"malformed", "unknown_areas"})  # it answered, but it is unusable
MAX_ERRORS_SHOWN = 5
MAX_UNKNOWN_SHOWN = 10


@dataclass(frozen=True)
class PollOutcome:
    """How one poll ended; what ``/feeds`` and the reports show."""

    kind: OutcomeKind
    proposed: int = 0
    urgent: int = 0
    unchanged: int = 0
    already_pending: int = 0
    rows: int = 0
    status: int | None = None  # the HTTP status of an error answer
    seconds: float | None = None  # the timeout that ran out
    limit: int | None = None  # the size limit that was passed
    location: str | None = None  # a refused redirect's target ("" when too many)
    error_count: int = 0
    errors: tuple[str, ...] = ()  # the first few, as "row 3, column '#status': …"
    unknown_count: int = 0
    unknown: tuple[str, ...] = ()  # the first few unknown P-codes
    body_sha256: str | None = field(default=None, compare=False)

    @property
    def failed(self) -> bool:
        return self.kind in FAILURES

    def failure_key(self) -> str:
        """Two polls failing with the same key are the same news: operators are told once.
        A rejected body is identified by its hash: a different bad body is news again."""
        return f"{self.kind}:{self.status or ''}:{self.body_sha256 or ''}"

    def detail(self) -> dict[str, Any]:
        """What is stored for ``/feeds`` (no error texts: they may quote the feed)."""
        kept = asdict(self)
        for name in ("kind", "errors", "unknown", "body_sha256"):
            kept.pop(name)
        return {key: value for key, value in kept.items() if value not in (None, 0)}

    @classmethod
    def stored(cls, kind: str | None, detail: dict[str, Any]) -> PollOutcome | None:
        """The last outcome kept on a feed; None if never polled (or not understood)."""
        if kind not in get_args(OutcomeKind):
            return None
        fields: dict[str, Any] = {
            name: value for name, value in detail.items()
            if name in cls.__dataclass_fields__ and isinstance(value, int | float | str)
        }
        return cls(cast("OutcomeKind", kind), **fields)

    def audit_text(self, feed_id: int) -> str:
        parts = [f"feed {feed_id} {self.kind}"]
        if self.kind == "ok":
            parts.append(
                f"rows {self.rows} proposed {self.proposed} urgent {self.urgent}"
                f" unchanged {self.unchanged} pending {self.already_pending}"
            )
        elif self.status is not None:
            parts.append(f"status {self.status}")
        elif self.kind == "malformed":
            parts.append(f"errors {self.error_count}")
        elif self.kind == "unknown_areas":
            parts.append(f"unknown {self.unknown_count}")
        return " ".join(parts)
