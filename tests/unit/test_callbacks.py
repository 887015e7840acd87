"""Button payloads are untrusted: only well-formed, short, versioned ones parse."""

from __future__ import annotations

import pytest

from handlers.kit.payloads import Callback, CallbackTooLong, decode, encode


def test_round_trip() -> None:
    data = encode("lang", "set", "ckb")
    assert data == "lang:v1:set:ckb"
    assert decode(data) == Callback("lang", "set", ("ckb",))


@pytest.mark.parametrize(
    "data",
    [None, "", "lang", "lang:v2:set:ar", "lang:v1", "LANG:v1:set", "a:v1:b:<script>",
     "x" * 65, "lang:v1:set:ar:" + "9" * 60, "menu:v1:serv ices", "menu:v1:ü"],
)
def test_malformed_payloads_are_refused(data: str | None) -> None:
    assert decode(data) is None


def test_integer_arguments_are_checked() -> None:
    callback = decode("svc:v1:show:12:abc")
    assert callback is not None
    assert callback.arg_int(0) == 12
    assert callback.arg_int(1) is None
    assert callback.arg_int(5) is None


def test_encode_refuses_what_telegram_would() -> None:
    with pytest.raises(CallbackTooLong):
        encode("feature", "action", "a" * 40, "b" * 20)
    with pytest.raises(ValueError, match="plain"):
        encode("menu", "x", "has space")
