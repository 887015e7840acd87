"""Food reminders the evening before, once, and a notice when a distribution is postponed —
to exactly the food subscribers of that camp and sector, in their languages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.storage.camps import camp_ids_by_code, sector_ids
from handlers.camp.reminders import REMINDER_JOB, WATCH_JOB
from handlers.kit.app import Prebuilt
from handlers.kit.context import DaleelApp
from sandbox import SandboxClient
from tests.e2e.conftest import plain, run_bot
from tests.e2e.staffing import MovingClock, resident

CAMP = ZoneInfo("Asia/Baghdad")
# The demo data (as of 24 November): Debaga 1 sector C and Khanke sector C on the 26th.
EVENING_BEFORE = datetime(2026, 11, 25, 17, 59, 58, tzinfo=CAMP)
TITLE = {
    "ar": "🍞 توزيع الغذاء غدًا",
    "ku": "🍞 Sibê belavkirina xwarinê heye",
    "en": "🍞 Food distribution tomorrow",
}
POSTPONED = {
    "ar": "⚠️ تأجيل توزيع الغذاء",
    "ku": "⚠️ Belavkirina xwarinê hate paşxistin",
}


async def population(client: SandboxClient, app: DaleelApp) -> None:
    db = app.bot_data.db
    camps, sectors = await camp_ids_by_code(db), await sector_ids(db)
    debaga, khanke = camps["debaga-1"], camps["khanke"]
    c, b = sectors[(debaga, "C")], sectors[(debaga, "B")]
    await resident(client, db, 601, "ar", camp=debaga, sector=c, food=True)
    await resident(client, db, 602, "ckb", camp=debaga, sector=b, food=True)  # not sector C
    await resident(client, db, 603, "ku", camp=debaga, sector=None, food=True)  # sector unknown
    await resident(client, db, 604, "en", camp=debaga, sector=c, food=False)  # reminders off
    await resident(client, db, 605, "en", camp=khanke, sector=sectors[(khanke, "C")], food=True)
    await resident(client, db, 606, "ar", camp=debaga, sector=c, food=True, paused=True)


async def food_messages(client: SandboxClient, chat_id: int) -> list[str]:
    texts = [plain(m.text) for m in await client.messages(chat_id)]
    return [t for t in texts if t.startswith(("🍞", "⚠️", "❌", "📅"))]


async def test_reminder_the_evening_before_once_then_a_postponement_notice(
    client: SandboxClient, demo_settings: Settings, prebuilt: Prebuilt
) -> None:
    clock = MovingClock(EVENING_BEFORE)
    mark = await client.last_seq()
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        await population(client, app)
        # 18:00 camp time: the reminder job fires (two seconds after start).
        reminder = await client.wait_for(
            601, lambda m: plain(m.text).startswith(TITLE["ar"]), after_seq=mark, timeout=15
        )
        text = plain(reminder.text)
        assert "👥 القطاع C" in text and "🧺" in text and "/alerts" in text
        for chat_id, lang in ((603, "ku"), (605, "en")):
            await client.wait_for(
                chat_id, lambda m, t=TITLE[lang]: plain(m.text).startswith(t), after_seq=mark,
                timeout=10,
            )
        khanke = plain((await client.messages(605))[-1].text)
        assert "Sector C" in khanke
        assert len(app.job_queue.get_jobs_by_name(REMINDER_JOB)) == 1  # type: ignore[union-attr]

    # Restarted the same evening: the reminders are not sent again.
    clock.set(datetime(2026, 11, 25, 18, 0, 30, tzinfo=CAMP))
    async with run_bot(demo_settings, prebuilt, clock=clock) as app:
        db = app.bot_data.db
        # Another process (an import) postpones Debaga's distribution of the 26th.
        await db.execute(
            "UPDATE distributions SET status = 'postponed', reason_ar = 'تأخرت الشاحنات.',"
            " reason_en = 'The trucks are late.' WHERE code = '2026-11-26-c-food'"
            " AND camp_id = (SELECT id FROM camps WHERE code = 'debaga-1')"
        )
        mark = await client.last_seq()
        watch = app.job_queue.get_jobs_by_name(WATCH_JOB)  # type: ignore[union-attr]
        assert len(watch) == 1
        await watch[0].run(app)
        notice = await client.wait_for(
            601, lambda m: plain(m.text).startswith(POSTPONED["ar"]), after_seq=mark, timeout=10
        )
        assert "السبب: تأخرت الشاحنات." in plain(notice.text)
        await client.wait_for(
            603, lambda m: plain(m.text).startswith(POSTPONED["ku"]), after_seq=mark, timeout=10
        )
        # Looking again finds nothing new.
        await watch[0].run(app)

    assert [t.split("\n")[0] for t in await food_messages(client, 601)] == [
        TITLE["ar"], POSTPONED["ar"]
    ]
    assert [t.split("\n")[0] for t in await food_messages(client, 603)] == [
        TITLE["ku"], POSTPONED["ku"]
    ]
    assert [t.split("\n")[0] for t in await food_messages(client, 605)] == [TITLE["en"]]
    for chat_id in (602, 604, 606):
        assert await food_messages(client, chat_id) == []
