"""Button payloads: ``feature:v1:action[:arg...]``, parsed and validated in one place.

Payloads come back from the client and are untrusted: anything that does not parse is
treated as a stale button, and handlers re-check every argument against the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["VERSION", "Callback", "CallbackTooLong", "decode", "encode"]

VERSION = "v1"
_PART = re.compile(r"^[a-z0-9_-]{1,24}$")
_ARG = re.compile(r"^[A-Za-z0-9_.-]{0,40}$")
_MAX_BYTES = 64


class CallbackTooLong(ValueError):
    """Telegram refuses callback_data over 64 bytes."""


@dataclass(frozen=True)
class Callback:
    feature: str
    action: str
    args: tuple[str, ...] = ()

    def arg_int(self, index: int) -> int | None:
        """An integer argument, or None when missing or malformed."""
        try:
            raw = self.args[index]
        except IndexError:
            return None
        return int(raw) if raw.isdecimal() and len(raw) <= 18 else None


def encode(feature: str, action: str, *args: str | int) -> str:
    texts = [str(arg) for arg in args]
    if not (_PART.match(feature) and _PART.match(action)):
        raise ValueError(f"bad callback name {feature}:{action}")
    if not all(_ARG.match(text) for text in texts):
        raise ValueError("callback arguments must be short and plain")
    data = ":".join([feature, VERSION, action, *texts])
    if len(data.encode()) > _MAX_BYTES:
        raise CallbackTooLong(data)
    return data


def decode(data: str | None) -> Callback | None:
    if not data or len(data.encode()) > _MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 3 or parts[1] != VERSION:
        return None
    feature, _, action, *args = parts
    if not (_PART.match(feature) and _PART.match(action)):
        return None
    if not all(_ARG.match(arg) for arg in args):
        return None
    return Callback(feature, action, tuple(args))
