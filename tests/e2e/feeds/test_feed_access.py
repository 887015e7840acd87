"""Status feeds through the real bot: every /feed command is refused (and audited) for
residents and staff, the job polls feeds by itself with validators, and private
addresses are refused unless allowed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Settings
from bot.storage import Database
from bot.storage.audit import recent
from bot.storage.feeds import active_feeds, add_feed
from bot.storage.proposals import pending_proposals
from bot.storage.roles import grant_role
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
from handlers.operators import feeds as feed_handlers
from sandbox import SandboxClient
from tests.e2e.conftest import ADMIN, DEMO_NOW, choose_language, eventually, plain, run_bot
from tests.e2e.feeds.conftest import GOOD_CSV, OPERATOR, V1, ask, people, polls
from tests.e2e.feeds.feed_server import FeedServer, Versioned
from tests.e2e.staffing import STAFF, make_staff

OPERATOR_COMMANDS = {
    "/feed add partner http://127.0.0.1:9/x.csv": "feed.add",
    "/feed remove partner": "feed.remove",
    "/feed check partner": "feed.check",
    "/feed": "feed",
    "/feeds": "feeds",
}
REFUSED = {
    "ar": "هذا الأمر مخصص لمسؤولي السلامة في «دليل».",
    "en": "This command is for Daleel safety operators.",
}


@pytest.mark.parametrize(("who", "code"), [("resident", "ar"), ("staff", "en")])
async def test_feed_commands_are_refused_to_residents_and_staff(
    client: SandboxClient, demo_bot: DaleelApp, server: FeedServer, who: str, code: str
) -> None:
    db = demo_bot.bot_data.db
    now = DEMO_NOW.isoformat()
    await add_feed(db, "partner", server.url("/statuses.csv"), ADMIN, now=now)
    user_id = STAFF if who == "staff" else 610
    user = client.user(user_id)
    await choose_language(user, code)
    if who == "staff":
        await make_staff(db)
    expected = plain(demo_bot.bot_data.catalogues.translator(code).gettext(
        "This command is for Daleel safety operators."
    ))
    if code == "ar":
        assert expected == REFUSED["ar"]
    for command in OPERATOR_COMMANDS:
        await user.send(command)
        assert plain((await user.reply()).text) == expected, command
    entries = [e for e in await recent(db, 100) if e.user_id == user_id]
    assert sorted(e.action for e in entries) == sorted(OPERATOR_COMMANDS.values())
    assert all(e.outcome == "refused" and e.detail == "needs operator" for e in entries)
    assert [f.name for f in await active_feeds(db)] == ["partner"]  # not removed
    assert server.requests == []  # never checked
    assert await polls(db) == []


async def test_the_job_polls_feeds_by_itself(
    client: SandboxClient,
    settings: Settings,
    server: FeedServer,
    demo_database: Path,
    prebuilt: Prebuilt,
) -> None:
    """A short poll interval: the job runs by itself, again and again, with validators."""
    fast = replace(settings, feeds=replace(settings.feeds, poll_minutes=0.005))  # 0.3 s
    assert fast.database == demo_database
    db = await Database.open(fast.database)
    try:
        await add_feed(db, "partner", server.url("/statuses.csv"), ADMIN, now=DEMO_NOW.isoformat())
        await grant_role(db, OPERATOR, "operator", ADMIN)
    finally:
        await db.close()
    operator = client.user(OPERATOR)
    async with run_bot(fast, prebuilt, clock=lambda: DEMO_NOW) as app:
        assert app.job_queue is not None
        [job] = app.job_queue.get_jobs_by_name(feed_handlers.JOB_NAME)
        await choose_language(operator, "en")
        # Until now the feed answered 404 (reported to nobody who could read it); now it is up.
        server.route("/statuses.csv", Versioned(GOOD_CSV, *V1))
        report = await operator.reply(
            predicate=lambda m: plain(m.text).startswith("Feed partner: 3"), timeout=10
        )
        assert plain(report.text) == (
            "Feed partner: 3 changes waiting for review (2 urgent: toward danger). "
            "/pending to review."
        )

        async def polled_again() -> bool:
            kinds = [(e.detail or "").split()[2] for e in await polls(app.bot_data.db)]
            return "not_modified" in kinds[kinds.index("ok") + 1 :] if "ok" in kinds else False

        await eventually(polled_again, within=10)
        seen = server.seen("/statuses.csv")
        assert any(r.headers.get("if-none-match") == V1[0] for r in seen)
        assert len(await pending_proposals(app.bot_data.db)) == 3
        assert not job.removed and job.next_t is not None  # it keeps running


async def test_private_addresses_are_refused_unless_allowed(
    client: SandboxClient, settings: Settings, server: FeedServer, prebuilt: Prebuilt
) -> None:
    """By default an operator cannot make Daleel read its own machine or network: not when
    adding a feed, and not when a configured feed's address turns out to be private."""
    strict = replace(settings, feeds=replace(settings.feeds, allow_private_addresses=False))
    async with run_bot(strict, prebuilt) as app:
        db = app.bot_data.db
        admin, _ = await people(client, db)
        for url in (server.url("/statuses.csv"), "http://10.0.0.7/x.csv",
                    "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/x.csv"):
            await ask(admin, f"/feed add partner {url}",
                      "Daleel reads feeds only from public addresses")
        assert await active_feeds(db) == []
        await add_feed(db, "partner", server.url("/statuses.csv"), ADMIN, now=DEMO_NOW.isoformat())
        await ask(admin, "/feed check partner", "the server could not be reached")
        assert server.requests == []
        assert [e.detail for e in await polls(db)][-1:] != []
