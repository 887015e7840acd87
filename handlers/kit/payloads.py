"""Button payloads: ``feature:v1:action[:arg...]``, parsed and validated in one place.

Payloads come back from the client and are untrusted: anything that does not parse is
treated as a stale button, and handlers re-check every argument against the database.
Each action has its own :class:`Payload` type, so a handler receives named, typed
arguments and never splits strings itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields, is_dataclass
from types import UnionType
from typing import Any, ClassVar, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

__all__ = [
    "VERSION",
    "Callback",
    "CallbackTooLong",
    "P",
    "Payload",
    "decode",
    "encode",
    "parser",
]

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


# --- typed payloads: one frozen dataclass per feature and action ----------------------------


class Payload:
    """A button's payload for one action: subclass as a frozen dataclass whose fields are
    the arguments, in order (``int``, ``str``, a ``Literal`` of short codes, or ``X | None``)::

        @dataclass(frozen=True)
        class SetLanguage(Payload, feature="lang", action="set"):
            code: Language

    Fields with a default may be left off the end of the wire form, and are when they hold
    their default. :func:`parser` reads the wire form back, checking every argument."""

    FEATURE: ClassVar[str]
    ACTION: ClassVar[str]

    def __init_subclass__(cls, *, feature: str, action: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not (_PART.match(feature) and _PART.match(action)):
            raise ValueError(f"bad callback name {feature}:{action}")
        cls.FEATURE, cls.ACTION = feature, action

    def encode(self) -> str:
        """The ``callback_data`` of a button that sends this payload."""
        assert is_dataclass(self)
        values: list[str | int] = []
        trailing_defaults = 0
        for spec in fields(self):
            value = getattr(self, spec.name)
            values.append("" if value is None else value)
            at_default = spec.default is not MISSING and value == spec.default
            trailing_defaults = trailing_defaults + 1 if at_default else 0
        return encode(self.FEATURE, self.ACTION, *values[: len(values) - trailing_defaults])

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        """What a ``CallbackQueryHandler`` matches: this feature and action, any arguments."""
        return re.compile(rf"^{cls.FEATURE}:{VERSION}:{cls.ACTION}(?::|$)")


P = TypeVar("P", bound=Payload)
_Convert = Callable[[str], object]
_INVALID = object()


def _int(raw: str) -> object:
    return int(raw) if raw.isdigit() and len(raw) <= 18 else _INVALID


def _text(raw: str) -> object:
    return raw or _INVALID


def _converter(hint: Any) -> tuple[_Convert, bool]:
    """How to read one argument of this type, and whether the field may be None."""
    if get_origin(hint) in (Union, UnionType):
        members = [member for member in get_args(hint) if member is not type(None)]
        if len(members) == 1:
            return _converter(members[0])[0], True
    if get_origin(hint) is Literal:
        choices = frozenset(get_args(hint))
        return (lambda raw: raw if raw in choices else _INVALID), False
    if hint is int:
        return _int, False
    if hint is str:
        return _text, False
    raise TypeError(f"a payload argument must be int, str or a Literal, not {hint!r}")


def parser(kind: type[P]) -> Callable[[str | None], P | None]:
    """A reader of ``kind``'s wire form: the payload, or None when anything is off (another
    action, arguments missing, extra, malformed or out of their set)."""
    assert is_dataclass(kind)
    hints = get_type_hints(kind)
    specs = [(spec, *_converter(hints[spec.name])) for spec in fields(kind) if spec.init]
    required = sum(1 for spec, _, _ in specs if spec.default is MISSING)

    def parse(data: str | None) -> P | None:
        callback = decode(data)
        if callback is None or (callback.feature, callback.action) != (kind.FEATURE, kind.ACTION):
            return None
        if not required <= len(callback.args) <= len(specs):
            return None
        values: dict[str, object] = {}
        for (spec, convert, optional), raw in zip(specs, callback.args, strict=False):
            value = None if optional and raw == "" else convert(raw)
            if value is _INVALID:
                return None
            values[spec.name] = value
        return kind(**values)

    return parse
