"""A feed that names its source by a code ("DMA") is read as that source's full name, as
a typed or imported code is (issue 14, item 7): stored in full, read in Arabic."""

from __future__ import annotations

from bot.storage import Database
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import plain
from tests.e2e.feeds.conftest import ask, pending, people
from tests.e2e.feeds.feed_server import FeedServer, Versioned

CODED_CSV = b"""\
P-code,Status,Date,Source
#adm3+code,#status,#date,#org
IQG15Q05N01,confirmed,2026-11-20,DMA
"""


async def test_a_feed_source_code_is_the_sources_name(
    client: SandboxClient, demo_bot: DaleelApp, server: FeedServer
) -> None:
    db: Database = demo_bot.bot_data.db
    admin, operator = await people(client, db)
    server.route("/coded.csv", Versioned(CODED_CSV, '"c1"', "Mon, 23 Nov 2026 08:00:00 GMT"))
    await ask(admin, f"/feed add coded {server.url('/coded.csv')}", "Feed coded added.")
    await ask(admin, "/feed check coded", "1 change waiting for review")
    proposals = await pending(db)
    assert proposals["IQG15Q05N01"].source == "Directorate of Mine Action"
    await operator.reply(predicate=lambda m: "coded" in plain(m.text))
    await operator.send("/pending")
    listing = plain((await operator.reply(predicate=lambda m: "#" in plain(m.text))).text)
    assert "دائرة شؤون الألغام" in listing and "Directorate" not in listing
