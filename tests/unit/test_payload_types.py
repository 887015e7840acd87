"""Typed button payloads: what encodes reads back the same; anything else reads as None."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pytest

from handlers.kit.payloads import Payload, parser

Then = Literal["menu", "svc", "food"]


@dataclass(frozen=True)
class PickSector(Payload, feature="camp", action="sec"):
    camp_id: int
    sector_id: int
    then: Then = "menu"


@dataclass(frozen=True)
class Ask(Payload, feature="txt", action="svc"):
    category: str | None = None


def test_round_trip_leaves_trailing_defaults_off() -> None:
    assert PickSector(7, 0, "food").encode() == "camp:v1:sec:7:0:food"
    assert PickSector(7, 3).encode() == "camp:v1:sec:7:3"
    parse = parser(PickSector)
    assert parse("camp:v1:sec:7:0:food") == PickSector(7, 0, "food")
    assert parse("camp:v1:sec:7:3") == PickSector(7, 3, "menu")
    assert Ask().encode() == "txt:v1:svc"
    assert parser(Ask)("txt:v1:svc") == Ask(None)
    assert parser(Ask)("txt:v1:svc:health") == Ask("health")


@pytest.mark.parametrize(
    "data",
    [
        None, "", "camp:v1:sec", "camp:v1:sec:7", "camp:v1:sec:7:3:evil", "camp:v1:sec:7:3:menu:1",
        "camp:v1:sec:abc:3", "camp:v1:sec:-7:3", "camp:v1:sec:7:" + "9" * 19, "camp:v1:set:7:3",
        "svc:v1:sec:7:3", "camp:v2:sec:7:3", "camp:v1:sec::3",
    ],
)
def test_anything_off_reads_as_none(data: str | None) -> None:
    assert parser(PickSector)(data) is None


def test_the_pattern_matches_one_action_only() -> None:
    pattern = PickSector.pattern()
    assert pattern.match("camp:v1:sec:7:3") and pattern.match("camp:v1:sec")
    assert not pattern.match("camp:v1:secret:1") and not pattern.match("camp:v1:set:7")


def test_unsupported_argument_types_fail_at_registration() -> None:
    @dataclass(frozen=True)
    class Odd(Payload, feature="odd", action="x"):
        ratio: float

    with pytest.raises(TypeError):
        parser(Odd)
