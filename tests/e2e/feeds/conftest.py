"""Fixtures and helpers of the feed tests: feeds allowed on loopback with small limits, a
local HTTP server serving them, the demo areas a feed names, and what operators read."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from bot.config import FeedSettings, Settings
from bot.feeds.outcome import PollOutcome
from bot.feeds.report import render_poll
from bot.storage import Database
from bot.storage.areas import area_ids_by_pcode, current_status
from bot.storage.audit import AuditEntry, recent
from bot.storage.proposals import Proposal, pending_proposals
from bot.storage.roles import grant_role
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient, SimulatedUser
from tests.e2e.conftest import ADMIN, choose_language, plain
from tests.e2e.feeds.feed_server import FeedServer, Versioned, feed_server

OPERATOR = 700003
TIMEOUT = 0.5
MAX_BYTES = 10_000
AREAS = ("IQG15Q05N01", "IQG15Q05N02", "IQG15Q05N03", "GN99003", "DEMO-AWSAJA")

# Against the demo data: N01 and N02 have no status (→ urgent proposals), Qayyarah town
# (GN99003) is "in progress" by the UNMAS partner (→ cleared: a return-ward proposal),
# Awsaja says what residents are already told (→ unchanged).
GOOD_CSV = b"""\
Area,P-code,Status,Date,Source,Note
#loc+name,#adm3+code,#status,#date,#org,#meta+note
Al-Qayarra,IQG15Q05N01,CHA,2026-11-20,Directorate of Mine Action,IEDs found near the road.
Hammam Al-Alil,IQG15Q05N02,suspected,2026-11-19,Directorate of Mine Action,
Qayyarah,GN99003,Cleared and released,2026-11-22,UNMAS partner,Oil field cleared.
Awsaja,DEMO-AWSAJA,in progress,2026-11-18,UNMAS partner,
"""
# Version 2, as HXL JSON: N02 is now confirmed, Bashiqa (N03) is new, the rest as before.
CHANGED_JSON = json.dumps([
    ["#adm3+code", "#status", "#date", "#org", "#meta+note"],
    ["IQG15Q05N01", "confirmed", "2026-11-20", "Directorate of Mine Action",
     "IEDs found near the road."],
    ["IQG15Q05N02", "confirmed", "2026-11-23", "Directorate of Mine Action", None],
    ["GN99003", "cleared", "2026-11-22", "UNMAS partner", "Oil field cleared."],
    ["IQG15Q05N03", "in progress", "2026-11-23", "UNMAS partner", None],
]).encode()
V1 = ('"v1"', "Mon, 23 Nov 2026 08:00:00 GMT")
V2 = ('"v2"', "Tue, 24 Nov 2026 06:00:00 GMT")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # The test server is on loopback: allowed here, refused by default (tested below).
    return replace(settings, feeds=FeedSettings(
        timeout_seconds=TIMEOUT, max_bytes=MAX_BYTES, allow_private_addresses=True,
    ))


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with feed_server() as running_server:
        yield running_server


async def people(client: SandboxClient, db: Database) -> tuple[SimulatedUser, SimulatedUser]:
    """The admin (acting as an operator, in English) and an operator reading Arabic."""
    admin, operator = client.user(ADMIN), client.user(OPERATOR)
    await choose_language(admin, "en")
    await choose_language(operator, "ar")
    await grant_role(db, OPERATOR, "operator", ADMIN)
    return admin, operator


async def ask(user: SimulatedUser, command: str, fragment: str = "") -> str:
    await user.send(command)
    text = plain((await user.reply(timeout=10)).text)
    assert fragment in text, text
    return text


async def statuses(db: Database) -> dict[str, tuple[str, str] | None]:
    ids = await area_ids_by_pcode(db, list(AREAS))
    found: dict[str, tuple[str, str] | None] = {}
    for code in AREAS:
        current = await current_status(db, ids[code])
        found[code] = None if current is None else (current.status, current.source)
    return found


async def pending(db: Database) -> dict[str, Proposal]:
    ids = {v: k for k, v in (await area_ids_by_pcode(db, list(AREAS))).items()}
    return {ids[p.area_id]: p for p in await pending_proposals(db)}


async def polls(db: Database) -> list[AuditEntry]:
    return [e for e in reversed(await recent(db, 200)) if e.action == "feed.poll"]


def arabic(app: DaleelApp, outcome: PollOutcome, name: str) -> str:
    text = plain(render_poll(app.bot_data.catalogues.translator("ar"), name, outcome))
    english = plain(render_poll(app.bot_data.catalogues.translator("en"), name, outcome))
    assert text != english  # translated for real
    return text


async def check_changed(
    admin: SimulatedUser,
    operator: SimulatedUser,
    *,
    db: Database,
    server: FeedServer,
    feed: Versioned,
    proposals: dict[str, Proposal],
) -> dict[str, Proposal]:
    feed.update(CHANGED_JSON, *V2, content_type="application/json")
    reply = await ask(admin, "/feed check partner")
    assert reply == (
        "Feed partner: 2 changes waiting for review (2 urgent: toward danger). "
        "/pending to review."
    )
    second = server.seen("/statuses.csv")[-1]
    assert second.headers["if-none-match"] == V1[0]
    assert second.headers["if-modified-since"] == V1[1]
    changed = await pending(db)
    assert changed["IQG15Q05N02"].status == "confirmed"
    assert changed["IQG15Q05N02"].id != proposals["IQG15Q05N02"].id  # the old one superseded
    assert changed["IQG15Q05N03"].status == "in_progress" and changed["IQG15Q05N03"].urgent
    assert changed["IQG15Q05N01"].id == proposals["IQG15Q05N01"].id
    assert changed["GN99003"].id == proposals["GN99003"].id
    assert len(await pending_proposals(db)) == 4
    await operator.reply(predicate=lambda m: "partner" in plain(m.text))
    return changed
