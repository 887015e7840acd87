"""Unit-test fixtures: the place index the bot would build from the shipped place list,
plus the villages and aliases an operator would add, built once per session; the world
of the status-change tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.i18n.catalogues import Catalogues
from bot.places.gazetteer import Gazetteer
from bot.places.index import PlaceIndex, PlaceName
from bot.storage import Database
from bot.understanding.lexicon import Lexicon
from tests.unit.status_world import World, world

# Villages the shipped list lacks (operators add them).
AWSAJA = 900_001
HAJJ_ALI = 900_002


@pytest.fixture(scope="session")
def place_index(gazetteer: Gazetteer, lexicons: tuple[Lexicon, ...]) -> PlaceIndex:
    """Every shipped name and alias, two villages, and aliases as an operator would add
    them, with the lexicons' generic place words (as the bot builds its index)."""
    g = gazetteer
    extra = [
        PlaceName(AWSAJA, "Awsaja", "name_en"),
        PlaceName(AWSAJA, "العوسجة", "name_ar"),
        PlaceName(HAJJ_ALI, "Hajj Ali", "name_en"),
        PlaceName(HAJJ_ALI, "حاج علي", "name_ar"),
        PlaceName(g.by_code("GN99003").area_id, "قەیارە", "name_ckb"),  # Qayyarah town
        PlaceName(g.by_code("GN448149").area_id, "Şingal", "alias"),  # Sinjar town
        PlaceName(g.by_code("debaga-1").area_id, "دیبەگە ١", "name_ckb"),
    ]
    generic = [word for lexicon in lexicons for word in lexicon.place_generic]
    return PlaceIndex.build([*g.names, *extra], generic_words=generic)


@pytest.fixture
async def w(db: Database, catalogues: Catalogues) -> AsyncIterator[World]:
    """The status-change tests' world (tests/unit/status_world.py) on the test's database."""
    async with world(db, catalogues) as opened:
        yield opened
