"""Status feeds through the real bot, served by a local HTTP server on 127.0.0.1.

Good, changed, not modified, malformed, oversized, timing out and unknown areas: a feed
only ever brings proposals, a failure changes nothing and is reported once; bad input
to /feed is answered and changes nothing.
"""

from __future__ import annotations

import socket

from bot.feeds.outcome import PollOutcome
from bot.storage.audit import SYSTEM, recent
from bot.storage.feeds import active_feeds
from bot.storage.proposals import pending_proposals
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import ADMIN, eventually, plain
from tests.e2e.feeds.conftest import (
    GOOD_CSV,
    MAX_BYTES,
    TIMEOUT,
    V1,
    V2,
    arabic,
    ask,
    check_changed,
    pending,
    people,
    polls,
    statuses,
)
from tests.e2e.feeds.feed_server import FeedServer, Response, Stream, Versioned


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
