"""Scheduled announcements through the real bot, across restarts, on a clock that moves:
a recurring schedule fires at the right camp time once, missed runs are caught up or
reported, a time in the past is refused, /schedules and /cancel."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.storage.audit import recent
from bot.storage.camps import camp_ids_by_code
from bot.storage.roles import revoke_role
from bot.storage.schedules import get_schedule, run_outcome
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
from handlers.staff import scheduling
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import DEMO_NOW, choose_language, eventually, plain, run_bot
from tests.e2e.staffing import (
    HEADERS,
    STAFF,
    Aud,
    MovingClock,
    announcements,
    compose,
    make_staff,
    resident,
)

CAMP = ZoneInfo("Asia/Baghdad")
TEXT = "Distribution of blankets at the warehouse."
DEBAGA = Aud("camp", typed="debaga", pick="Debaga 1")


def txt(message: BotMessage) -> str:
    """What the reader sees; Babel puts a narrow no-break space before AM/PM."""
    return plain(message.text).replace("\u202f", " ")


def camp_time(day: int, hour: int, minute: int = 0, second: float = 0) -> datetime:
    whole = int(second)
    return datetime(2026, 11, day, hour, minute, whole, int((second - whole) * 1e6), tzinfo=CAMP)


async def people(client: SandboxClient, app: DaleelApp) -> None:
    """Staff (English) and two Debaga residents with camp announcements on."""
    db = app.bot_data.db
    debaga = (await camp_ids_by_code(db))["debaga-1"]
    await make_staff(db)
    await choose_language(client.user(STAFF), "en")
    await resident(client, db, 601, "ar", camp=debaga, camp_news=True)
    await resident(client, db, 604, "en", camp=debaga, camp_news=True)


_KINDS = {
    "once": "Once, at a date and time",
    "daily": "Every day",
    "weekly": "Every week",
    "monthly": "Every month",
}


async def schedule(
    staff: SimulatedUser, kind: str, typed: str, days: tuple[str, ...] = ()
) -> BotMessage:
    """From the "Ready to go" summary: Schedule → kind (→ days) → the typed time."""
    await staff.press("🕒 Schedule")
    await staff.reply(predicate=lambda m: "When should it go out?" in plain(m.text))
    await staff.press(_KINDS[kind])
    if kind == "weekly":
        for day in days:
            await staff.reply(predicate=lambda m, d=day: d in m.button_texts)
            await staff.press(day)
        await staff.reply(predicate=lambda m: f"✅ {days[-1]}" in m.button_texts)
        await staff.press("Done")
    await staff.reply(predicate=lambda m: plain(m.text).startswith("Send the"))
    await staff.send(typed)
    return await staff.reply()


def fired_announcement(chat_id: int, language: str):  # type: ignore[no-untyped-def]
    header = HEADERS[("routine", language)]
    return lambda m: plain(m.text) == f"{header}\n\n{TEXT}"


async def test_daily_schedule_fires_at_camp_time_across_a_restart_once(
    client: SandboxClient, demo_settings: Settings, prebuilt: Prebuilt
) -> None:
    clock = MovingClock(camp_time(24, 8, 55))
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await people(client, app)
        staff = client.user(STAFF)
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        confirmation = await schedule(staff, "daily", "09:00")
        text = txt(confirmation)
        assert text.startswith("✅ Scheduled as #1: Every day at 9:00")
        assert "First: Nov 24, 2026, 9:00:00" in text
        assert len(app.job_queue.get_jobs_by_name("schedule:1")) == 1  # type: ignore[union-attr]
    assert await announcements(client, 601) == []

    # Down at 09:00? No: back up two seconds before, and the JobQueue fires it on time.
    clock.set(camp_time(24, 8, 59, 58.5))
    mark = await client.last_seq()
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        arrived = await client.wait_for(601, fired_announcement(601, "ar"), after_seq=mark,
                                        timeout=15)
        assert arrived is not None
        fired_at = clock()
        assert camp_time(24, 9) <= fired_at < camp_time(24, 9, 0, 10)
        await client.wait_for(604, fired_announcement(604, "en"), after_seq=mark, timeout=10)
        notice = await client.wait_for(
            STAFF, lambda m: "Scheduled announcement #1 went out to 2 recipients" in plain(m.text),
            after_seq=mark, timeout=10,
        )
        assert "/report" in notice.text
        db = app.bot_data.db
        due = camp_time(24, 9)
        assert await run_outcome(db, 1, due) == ("sent", 1)
        stored = await get_schedule(db, 1)
        assert stored is not None and stored.next_run == camp_time(25, 9).astimezone(UTC)
        # One job, waiting for tomorrow; registering again does not add another.
        await scheduling.start(app)
        jobs = app.job_queue.get_jobs_by_name("schedule:1")  # type: ignore[union-attr]
        assert len(jobs) == 1
        assert jobs[0].next_t is not None

    # A restart after the run: nothing is sent again.
    clock.set(camp_time(24, 9, 0, 30))
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        user = client.user(601)
        await user.send("/help")
        await user.reply()
        jobs = app.job_queue.get_jobs_by_name("schedule:1")  # type: ignore[union-attr]
        assert len(jobs) == 1
    assert len(await announcements(client, 601)) == 1
    assert len(await announcements(client, 604)) == 1


async def test_missed_within_the_grace_period_fires_once_late(
    client: SandboxClient, demo_settings: Settings, prebuilt: Prebuilt
) -> None:
    clock = MovingClock(DEMO_NOW)
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await people(client, app)
        staff = client.user(STAFF)
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        confirmation = await schedule(staff, "once", "2026-11-24 10:30")
        assert "Once, on November 24, 2026 at 10:30 AM" in txt(confirmation)

    clock.set(camp_time(24, 10, 45))  # down at 10:30, back 15 minutes later
    mark = await client.last_seq()
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await client.wait_for(601, fired_announcement(601, "ar"), after_seq=mark, timeout=10)
        late = await client.wait_for(
            STAFF, lambda m: "was due at" in plain(m.text), after_seq=mark, timeout=10
        )
        assert "It went out now, late: broadcast #1." in txt(late)
        stored = await get_schedule(app.bot_data.db, 1)
        assert stored is not None and stored.state == "done" and stored.next_run is None
        user = client.user(604)
        await client.wait_for(604, fired_announcement(604, "en"), after_seq=mark, timeout=10)
        await user.send("/help")
        await user.reply()
    # And only once, through another restart.
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await client.user(601).send("/help")
        await client.user(601).reply()
    assert len(await announcements(client, 601)) == 1


async def test_missed_beyond_the_grace_period_is_marked_and_the_author_told(
    client: SandboxClient, demo_settings: Settings, prebuilt: Prebuilt
) -> None:
    clock = MovingClock(DEMO_NOW)
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await people(client, app)
        staff = client.user(STAFF)
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        await schedule(staff, "once", "2026-11-24 10:30")
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        await schedule(staff, "daily", "10:30")

    clock.set(camp_time(24, 12))  # 90 minutes late: more than the 60 allowed
    mark = await client.last_seq()
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        told = await client.wait_for(
            STAFF, lambda m: "goes on" in plain(m.text), after_seq=mark, timeout=10
        )
        assert txt(told) == "Schedule #2 goes on: its next run is Nov 25, 2026, 10:30:00 AM."
        events = [txt(m) for m in await client.events(STAFF, after_seq=mark)]
        missed = [t for t in events if "was not sent at" in t]
        assert missed == [
            f"Scheduled announcement #{n} was not sent at Nov 24, 2026, 10:30:00 AM: Daleel was "
            "not running, and it is now more than 60 minutes late."
            for n in (1, 2)
        ]
        db = app.bot_data.db
        once, daily = await get_schedule(db, 1), await get_schedule(db, 2)
        assert once is not None and once.state == "missed"
        assert daily is not None and daily.state == "active"
        assert daily.next_run == camp_time(25, 10, 30).astimezone(UTC)
        assert await run_outcome(db, 1, camp_time(24, 10, 30)) == ("missed", None)
        assert [j.name for j in app.job_queue.jobs() if j.name.startswith("schedule:")] == [  # type: ignore[union-attr]
            "schedule:2"
        ]
    assert await announcements(client, 601) == []
    assert await announcements(client, 604) == []


async def test_times_in_the_past_are_refused_and_schedules_listed_and_cancelled(
    client: SandboxClient, demo_settings: Settings, prebuilt: Prebuilt
) -> None:
    clock = MovingClock(DEMO_NOW)
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await people(client, app)
        staff = client.user(STAFF)
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="urgent")
        refused = await schedule(staff, "once", "2026-11-24 09:00")
        assert txt(refused).startswith("That time has already passed: it is now Nov 24, 2026, 10:00")
        await staff.send("2026-02-30 10:00")
        assert txt(await staff.reply()).startswith("I could not read that.")
        await staff.send("25/11/2026 08:00")
        assert "✅ Scheduled as #1: Once, on November 25, 2026 at 8:00 AM" in txt(await staff.reply())

        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        weekly = await schedule(staff, "weekly", "07:15", days=("Monday", "Thursday"))
        assert "Every week on Monday, Thursday at 7:15" in txt(weekly)
        assert "First: Nov 26, 2026, 7:15:00" in txt(weekly)  # a Thursday
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        monthly = await schedule(staff, "monthly", "31 08:00")
        assert "First: Nov 30, 2026, 8:00:00" in txt(monthly)  # November has 30 days

        await staff.send("/schedules")
        listing = await staff.reply()
        text = plain(listing.text)
        assert [line.split(" · ")[0] for line in text.split("\n") if line.startswith("#")] == [
            "#1", "#2", "#3"
        ]
        assert "Audience: the residents of Debaga 1" in text
        assert "By 700002: “Distribution of blankets at the warehouse.”" in text
        assert listing.button_texts == ("✖️ Cancel #1", "✖️ Cancel #2", "✖️ Cancel #3")

        await staff.send("/cancel 2")
        assert txt(await staff.reply()) == "Schedule #2 is cancelled: it will not go out again."
        assert app.job_queue.get_jobs_by_name("schedule:2") == ()  # type: ignore[union-attr]
        await staff.press("✖️ Cancel #3", message_id=listing.message_id)
        assert txt(await staff.reply()) == "Schedule #3 is cancelled: it will not go out again."
        await staff.send("/cancel 3")
        assert txt(await staff.reply()) == "There is no active schedule #3."
        await staff.send("/schedules")
        assert txt(await staff.reply()).count("\n#") == 1
        actions = [(e.action, e.outcome) for e in await recent(app.bot_data.db, 30)
                   if e.user_id == STAFF]
        assert actions.count(("announce.schedule", "ok")) == 3
        assert ("announce.schedule", "rejected") in actions  # the time in the past
        assert actions.count(("schedule.cancel", "ok")) == 2
        assert ("schedule.cancel", "rejected") in actions
    assert await announcements(client, 601) == []


async def test_a_schedule_whose_author_lost_the_role_does_not_go_out(
    client: SandboxClient, demo_settings: Settings, prebuilt: Prebuilt
) -> None:
    clock = MovingClock(DEMO_NOW)
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await people(client, app)
        staff = client.user(STAFF)
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        await schedule(staff, "once", "2026-11-24 10:05")
        await revoke_role(app.bot_data.db, STAFF)

    clock.set(camp_time(24, 10, 4, 59.5))
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        db = app.bot_data.db

        async def refused() -> bool:
            return await run_outcome(db, 1, camp_time(24, 10, 5)) == ("refused", None)

        await eventually(refused, within=10)
        stored = await get_schedule(db, 1)
        assert stored is not None and stored.state == "cancelled"
        entry = next(e for e in await recent(db, 10) if e.action == "schedule.run")
        assert (entry.user_id, entry.outcome) == (STAFF, "refused")
    assert await announcements(client, 601) == []


async def test_times_are_read_as_staff_type_them(
    client: SandboxClient, demo_settings: Settings, prebuilt: Prebuilt
) -> None:
    """8pm, tomorrow 9am, Arabic and Kurdish day words, Arabic-Indic digits; a refusal
    shows examples. (Now: Tuesday 24 November 2026, 10:00 camp time.)"""
    clock = MovingClock(DEMO_NOW)
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await people(client, app)
        staff = client.user(STAFF)
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        refused = await schedule(staff, "once", "sometime soon")
        assert txt(refused).startswith("I could not read that. Write it like this:")
        assert "or tomorrow 09:00" in txt(refused)
        await staff.send("tomorrow 9am")
        assert "Once, on November 25, 2026 at 9:00 AM" in txt(await staff.reply())
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        thursday = await schedule(staff, "once", "الخميس ٨ مساءً")
        assert "Once, on November 26, 2026 at 8:00 PM" in txt(thursday)
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        sorani = await schedule(staff, "once", "سبەی ٩:٣٠")
        assert "Once, on November 25, 2026 at 9:30 AM" in txt(sorani)
        await compose(staff, texts=TEXT, audience=DEBAGA, priority="routine")
        daily = await schedule(staff, "daily", "8pm")
        assert "Every day at 8:00 PM" in txt(daily)
