"""Status feeds through the real bot, served by a local HTTP server on 127.0.0.1.

Good, changed, not modified, malformed, oversized, timing out and unknown areas: a feed
only ever brings proposals, a failure changes nothing and is reported once, and every
/feed command is refused (and audited) for residents and staff.
"""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import FeedSettings, Settings
from bot.feeds.outcome import PollOutcome
from bot.feeds.report import render_poll
from bot.storage import Database
from bot.storage.areas import area_ids_by_pcode, current_status
from bot.storage.audit import SYSTEM, AuditEntry, recent
from bot.storage.feeds import active_feeds, add_feed
from bot.storage.proposals import Proposal, pending_proposals
from bot.storage.roles import grant_role
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
from handlers.operators import feeds as feed_handlers
from sandbox import SandboxClient, SimulatedUser
from tests.e2e.conftest import ADMIN, DEMO_NOW, choose_language, eventually, plain, run_bot
from tests.e2e.feed_server import FeedServer, Response, Stream, Versioned, feed_server
from tests.e2e.staffing import STAFF, make_staff

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


async def test_good_then_changed_then_not_modified(
    client: SandboxClient, demo_bot: DaleelApp, server: FeedServer
) -> None:
    db = demo_bot.bot_data.db
    admin, operator = await people(client, db)
    before = await statuses(db)
    feed = Versioned(GOOD_CSV, *V1)
    server.route("/statuses.csv", feed)
    # The address operators were given redirects (same scheme: followed) to the file.
    server.route("/partner", Response(302, headers={"location": "/statuses.csv"}))

    await ask(admin, f"/feed add partner {server.url('/partner')}", "Feed partner added.")
    await ask(admin, "/feeds", "Not checked yet.")

    # A good feed: proposals only, the operator told in Arabic, residents told nothing new.
    reply = await ask(admin, "/feed check partner")
    assert reply == (
        "Feed partner: 3 changes waiting for review (2 urgent: toward danger). "
        "/pending to review."
    )
    notice = await operator.reply()
    assert plain(notice.text) == arabic(demo_bot, PollOutcome("ok", proposed=3, urgent=2), "partner")
    proposals = await pending(db)
    assert {code: (p.status, p.urgent, p.origin, p.proposed_by) for code, p in proposals.items()} == {
        "IQG15Q05N01": ("confirmed", True, "feed", None),
        "IQG15Q05N02": ("suspected", True, "feed", None),
        "GN99003": ("cleared", False, "feed", None),
    }
    assert proposals["IQG15Q05N01"].note == "IEDs found near the road."
    assert await statuses(db) == before
    assert "if-none-match" not in server.seen("/statuses.csv")[0].headers
    assert len(server.seen("/partner")) == 1
    listing = await ask(admin, "/feeds", "partner")
    assert "Last checked" in listing and "3 changes sent for review" in listing

    # Changed (new ETag, now JSON): only what changed is proposed.
    changed = await check_changed(
        admin, operator, db=db, server=server, feed=feed, proposals=proposals
    )

    # Not modified: the validators of version 2 are sent, a 304 changes nothing.
    told = len(await operator.messages())
    reply = await ask(admin, "/feed check partner")
    assert reply == "Feed partner: not modified since the last check."
    third = server.seen("/statuses.csv")[-1]
    assert third.headers["if-none-match"] == V2[0]
    assert third.headers["if-modified-since"] == V2[1]
    assert {c: p.id for c, p in (await pending(db)).items()} == {
        c: p.id for c, p in changed.items()
    }
    assert len(await operator.messages()) == told  # no message for "not modified"
    assert "not modified" in await ask(admin, "/feeds", "partner")

    # A server that ignores validators and sends the same body: nothing to do either.
    feed.conditional = False
    reply = await ask(admin, "/feed check partner")
    assert reply == "Feed partner: the same content as at the last check; nothing to do."
    assert len(await pending_proposals(db)) == 4
    assert await statuses(db) == before

    details = [e.detail for e in await polls(db)]
    feed_id = (await active_feeds(db))[0].id
    assert details == [
        f"feed {feed_id} ok rows 4 proposed 3 urgent 2 unchanged 1 pending 0",
        f"feed {feed_id} ok rows 4 proposed 2 urgent 2 unchanged 0 pending 2",
        f"feed {feed_id} not_modified",
        f"feed {feed_id} same_body",
    ]
    checks = [e for e in await recent(db, 200) if e.action == "feed.check"]
    assert {e.user_id for e in checks} == {ADMIN} and len(checks) == 4


MALFORMED = b"""\
#adm3+code,#status,#date,#org
IQG15Q05N01,confirmed,2026-11-20,Directorate of Mine Action
IQG15Q05N02,safe,2026-11-20,Directorate of Mine Action
IQG15Q05N03,confirmed,24/11/2026,Directorate of Mine Action
"""
UNKNOWN = b"""\
#adm3+code,#status,#date,#org
IQG15Q05N01,confirmed,2026-11-20,Directorate of Mine Action
IQG99Q99N98,confirmed,2026-11-20,Directorate of Mine Action
IQG15Q05N02,suspected,2026-11-20,Directorate of Mine Action
IQG99Q99N99,confirmed,2026-11-20,Directorate of Mine Action
"""


async def test_malformed_and_unknown_areas_change_nothing_and_are_reported_once(
    client: SandboxClient, demo_bot: DaleelApp, server: FeedServer
) -> None:
    db = demo_bot.bot_data.db
    admin, operator = await people(client, db)
    before = await statuses(db)
    server.route("/bad.csv", Response(200, MALFORMED, {"content-type": "text/csv"}))
    await ask(admin, f"/feed add bad {server.url('/bad.csv')}", "Feed bad added.")

    reply = await ask(admin, "/feed check bad")
    assert reply.splitlines() == [
        "Feed bad cannot be used: 2 problems were found. Nothing was changed.",
        "• row 3, column '#status': 'safe' is not a known status; use cancelled, cleared, "
        "confirmed, in_progress, suspected, unknown [bad_status]",
        "• row 4, column '#date': '24/11/2026' is not a date; write YYYY-MM-DD, e.g. "
        "2026-11-24 [bad_date]",
    ]
    report = plain((await operator.reply()).text)
    assert report.splitlines()[1:] == reply.splitlines()[1:]  # the rows, as the file says
    outcome = PollOutcome("malformed", error_count=2, errors=("x", "y"))
    assert report.splitlines()[0] == arabic(demo_bot, outcome, "bad").splitlines()[0]
    assert await pending_proposals(db) == [] and await statuses(db) == before

    # The same failure again: the one who asked is answered, nobody else is told again.
    told = len(await operator.messages())
    assert (await ask(admin, "/feed check bad")).startswith("Feed bad cannot be used")
    assert len(await operator.messages()) == told
    assert "rejected: 2 problems" in await ask(admin, "/feeds", "bad")

    # Another failure is news: unknown P-codes, named.
    server.route("/bad.csv", Response(200, UNKNOWN, {"content-type": "text/csv"}))
    reply = await ask(admin, "/feed check bad")
    assert reply == (
        "Feed bad names 2 areas Daleel does not know: IQG99Q99N98, IQG99Q99N99. "
        "Nothing was changed."
    )
    report = plain((await operator.reply()).text)
    assert "IQG99Q99N98" in report and "IQG99Q99N99" in report
    assert await pending_proposals(db) == [] and await statuses(db) == before
    assert "rejected: 2 unknown areas" in await ask(admin, "/feeds", "bad")

    outcomes = [(e.user_id, e.outcome, e.detail) for e in await polls(db)]
    feed_id = (await active_feeds(db))[0].id
    assert outcomes == [
        (SYSTEM, "rejected", f"feed {feed_id} malformed errors 2"),
        (SYSTEM, "rejected", f"feed {feed_id} malformed errors 2"),
        (SYSTEM, "rejected", f"feed {feed_id} unknown_areas unknown 2"),
    ]


async def test_oversized_timing_out_unreachable_and_http_errors_change_nothing(
    client: SandboxClient, demo_bot: DaleelApp, server: FeedServer
) -> None:
    db = demo_bot.bot_data.db
    admin, operator = await people(client, db)
    before = await statuses(db)

    # Declared too large: refused before reading the body.
    server.route("/big.csv", Response(200, b"#adm3+code\n" + b"x" * (MAX_BYTES * 2)))
    await ask(admin, f"/feed add big {server.url('/big.csv')}", "Feed big added.")
    reply = await ask(admin, "/feed check big")
    assert reply == "Feed big is larger than the limit of 10,000 bytes. Nothing was changed."

    # Streamed without a length: the client stops reading once over the limit.
    stream = Stream(chunk=b"#adm3+code," * 6000, chunks=1000)  # 66 MB if read to the end
    server.route("/endless.csv", Response(200, stream=stream))
    await ask(admin, f"/feed add endless {server.url('/endless.csv')}", "Feed endless added.")
    reply = await ask(admin, "/feed check endless")
    assert reply == "Feed endless is larger than the limit of 10,000 bytes. Nothing was changed."

    async def hung_up() -> bool:
        return stream.aborted

    await eventually(hung_up, within=10)
    assert not stream.finished and stream.sent < stream.chunks * len(stream.chunk) // 4

    # Slower than the timeout.
    server.route("/slow.csv", Response(200, GOOD_CSV, delay=TIMEOUT * 6))
    await ask(admin, f"/feed add slow {server.url('/slow.csv')}", "Feed slow added.")
    reply = await ask(admin, "/feed check slow")
    assert reply == (
        "Feed slow: the server did not answer within 0.5 seconds. Nothing was changed."
    )

    # Nobody listening (a port bound but not listening refuses), a server error, and a
    # redirect from http to https.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        gone = f"http://127.0.0.1:{closed.getsockname()[1]}/gone.csv"
        await ask(admin, f"/feed add gone {gone}", "Feed gone added.")
        assert await ask(admin, "/feed check gone") == (
            "Feed gone: the server could not be reached. Nothing was changed."
        )
    server.route("/error.csv", Response(503, b"down"))
    await ask(admin, f"/feed add error {server.url('/error.csv')}", "Feed error added.")
    assert await ask(admin, "/feed check error") == (
        "Feed error: the server answered with an error (HTTP 503). Nothing was changed."
    )
    server.route("/moved.csv", Response(301, headers={"location": "https://127.0.0.1/x.csv"}))
    await ask(admin, f"/feed add moved {server.url('/moved.csv')}", "Feed moved added.")
    assert (await ask(admin, "/feed check moved")).startswith(
        "Feed moved: the server redirected to https://127.0.0.1/x.csv, which does not use"
    )

    assert await pending_proposals(db) == [] and await statuses(db) == before
    kinds = [(e.outcome, (e.detail or "").split()[2]) for e in await polls(db)]
    assert kinds == [
        ("failed", "too_large"), ("failed", "too_large"), ("failed", "timeout"),
        ("failed", "unreachable"), ("failed", "http_error"), ("failed", "redirect"),
    ]
    # Each failing feed was reported to the other operator once.
    reports = [plain(m.text) for m in await operator.messages()][-6:]
    for name in ("big", "endless", "slow", "gone", "error", "moved"):
        assert sum(name in text for text in reports) == 1, (name, reports)
    listing = await ask(admin, "/feeds", "big")
    for short in ("too large", "timed out", "could not be reached", "server error (HTTP 503)",
                  "redirect refused"):
        assert short in listing


async def test_bad_input_is_answered_and_changes_nothing(
    client: SandboxClient, demo_bot: DaleelApp, server: FeedServer
) -> None:
    db = demo_bot.bot_data.db
    admin, _ = await people(client, db)
    url = server.url("/statuses.csv")
    usage = "Write it like this: /feed add partner https://example.org/statuses.csv"
    for command, answer in (
        ("/feed", usage),
        ("/feed delete partner", usage),
        ("/feed add partner", usage),
        (f"/feed add partner {url} extra", usage),
        (f"/feed add Bad!Name {url}", "A feed name is 1 to 32 characters"),
        (f"/feed add {'x' * 33} {url}", "A feed name is 1 to 32 characters"),
        ("/feed add partner ftp://127.0.0.1/statuses.csv", "must start with http:// or https://"),
        ("/feed add partner http:///statuses.csv", "must start with http:// or https://"),
        ("/feed add partner http://127.0.0.1:port/x", "must start with http:// or https://"),
        ("/feed add partner https://me:secret@example.org/x.csv", "user name or password"),
        (f"/feed add partner https://example.org/{'x' * 500}", "too long"),
        ("/feed remove nothere", "There is no feed called nothere."),
        ("/feed check nothere", "There is no feed called nothere."),
        ("/feed check", usage),
    ):
        await ask(admin, command, answer)
    assert await active_feeds(db) == []
    await ask(admin, "/feeds", "No status feeds yet.")

    await ask(admin, f"/feed add Partner {url}", "Feed partner added.")
    await ask(admin, f"/feed add partner {url}", "A feed called partner already exists.")
    await ask(admin, "/feed remove partner", "Feed partner removed")
    await ask(admin, "/feeds", "No status feeds yet.")
    await ask(admin, f"/feed add partner {url}", "Feed partner added.")
    assert [f.name for f in await active_feeds(db)] == ["partner"]
    rejected = [(e.action, e.detail) for e in await recent(db, 100) if e.outcome == "rejected"]
    assert ("feed.add", "bad name") in rejected and ("feed.add", "bad url") in rejected
    assert ("feed.add", "name taken") in rejected and ("feed.check", "no such feed") in rejected


OPERATOR_COMMANDS = {
    "/feed add partner http://127.0.0.1:9/x.csv": "feed.add",
    "/feed remove partner": "feed.remove",
    "/feed check partner": "feed.check",
    "/feed": "feed",
    "/feeds": "feeds",
}
REFUSED = {
    "ar": "هذا الأمر مخصص لمسؤولي السلامة في دليل.",
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
