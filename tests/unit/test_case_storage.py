"""Cases in the database: opened whole, found only with their resident's chat, never
showing a note, erased with /forget and after the retention period; [feedback] settings;
``daleel export cases``."""

from __future__ import annotations

import asyncio
import csv
import io
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import cli
from bot.cases import numbers
from bot.cases.retention import stamp
from bot.config import ConfigError, load_settings, load_storage_settings
from bot.helpdesk.timing import answer_within
from bot.storage import Database
from bot.storage import cases as store
from bot.storage.case_queue import close_case
from bot.storage.residents import delete_resident, set_language
from tests.unit.test_config import MINIMAL, write

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
CHAT, OTHER = 5001, 5002


async def _open(db: Database, chat: int = CHAT, body: str = "the tap is broken",
                **extra: object) -> store.OpenedCase:
    values: dict[str, object] = {
        "chat_id": chat, "topic": "complaint", "camp_id": None, "language": "ar",
        "gender_wanted": None, "body": body, "photo": None, "now": NOW,
    }
    values.update(extra)
    return await store.open_case(db, **values)  # type: ignore[arg-type]


async def test_open_and_add_only_with_the_residents_chat(db: Database) -> None:
    opened = await _open(db, camp_id=999)  # a camp that does not exist: stored as none
    assert numbers.parse_number(opened.number) == opened.number
    mine = await store.my_cases(db, CHAT)
    assert [(c.number, c.topic, c.state, c.last_answer, c.erased) for c in mine] == [
        (opened.number, "complaint", "open", None, False)
    ]
    assert await store.find_case(db, OTHER, opened.number) is None
    assert await store.add_resident_message(
        db, OTHER, opened.number, body="not mine", photo=None, now=NOW
    ) == "not_found"
    assert await store.add_resident_message(
        db, CHAT, opened.number, body="more", photo="AgAC1", now=NOW + timedelta(hours=1)
    ) == "added"
    await db.execute("UPDATE cases SET state = 'closed' WHERE id = ?", (opened.id,))
    assert await store.add_resident_message(
        db, CHAT, opened.number, body="late", photo=None, now=NOW
    ) == "closed"
    rows = await db.fetch_all("SELECT body, photo FROM case_messages ORDER BY id")
    assert [tuple(r) for r in rows] == [("the tap is broken", None), ("more", "AgAC1")]
    row = await db.fetch_one("SELECT camp_id, updated_at FROM cases")
    assert row is not None and row[0] is None and row[1] == stamp(NOW + timedelta(hours=1))


async def test_the_resident_sees_the_last_staff_answer_never_a_note(db: Database) -> None:
    opened = await _open(db)
    for author, body in (("staff", "Go to the office"), ("note", "internal: check list"),
                         ("staff", None)):  # an erased answer is not shown
        await db.execute(
            "INSERT INTO case_messages (case_id, author, staff_id, body, created_at)"
            " VALUES (?, ?, 7, ?, ?)", (opened.id, author, body, stamp(NOW)),
        )
    (case,) = await store.my_cases(db, CHAT)
    assert case.last_answer == "Go to the office"


async def test_a_number_collision_is_drawn_again_and_nothing_is_half_written(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await _open(db)
    drawn = iter([first.number, first.number, "D-AAAAAA"])
    monkeypatch.setattr(store, "new_number", lambda: next(drawn))
    second = await _open(db)
    assert second.number == "D-AAAAAA"
    # A failure after the case row (here: a message the schema refuses) leaves no case.
    monkeypatch.setattr(store, "new_number", lambda: "D-CCCCCC")
    with pytest.raises(sqlite3.IntegrityError):
        await _open(db, topic="not-a-topic")
    before = await db.fetch_one("SELECT COUNT(*) FROM cases")

    async def broken(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_insert_message", broken)
    with pytest.raises(sqlite3.OperationalError):
        await _open(db)
    after = await db.fetch_one("SELECT COUNT(*) FROM cases")
    assert before is not None and after is not None and before[0] == after[0] == 2


async def test_retention_and_forget_erase_content_and_keep_the_facts(db: Database) -> None:
    old, recent = await _open(db), await _open(db, body="recent")
    await db.execute("UPDATE cases SET updated_at = ? WHERE id = ?",
                     (stamp(NOW - timedelta(days=200)), old.id))
    assert await store.erase_inactive(db, NOW - timedelta(days=180), NOW) == 1
    rows = await db.fetch_all("SELECT case_id, body FROM case_messages ORDER BY id")
    assert [tuple(r) for r in rows] == [(old.id, None), (recent.id, "recent")]
    assert await store.erase_inactive(db, NOW - timedelta(days=180), NOW) == 0

    await set_language(db, CHAT, "ar")
    assert await store.count_chat_cases(db, CHAT) == 2
    assert await close_case(db, old.id, "resolved", now=NOW)
    await delete_resident(db, CHAT)
    assert await store.count_chat_cases(db, CHAT) == 0
    rows = await db.fetch_all(
        "SELECT number, topic, chat_id, erased_at, state, outcome FROM cases ORDER BY id"
    )
    # The open case is nobody's work any more: closed as no_response; the closed one keeps
    # its outcome.
    assert [(r[0], r[1], r[2], r[3] is not None, r[4], r[5]) for r in rows] == [
        (old.number, "complaint", None, True, "closed", "resolved"),
        (recent.number, "complaint", None, True, "closed", "no_response"),
    ]
    kept = await db.fetch_one("SELECT COUNT(*) FROM case_messages WHERE body IS NOT NULL")
    assert kept is not None and kept[0] == 0


def test_feedback_settings(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, MINIMAL), {})
    assert (settings.feedback.retention_days, settings.feedback.answer_within_hours,
            settings.feedback.hotline) == (180, 72, "80069999")
    body = MINIMAL + (
        '[feedback]\nretention_days = 30\nanswer_within_hours = 24\nhotline = "+9647501234567"\n'
    )
    settings = load_settings(write(tmp_path, body), {})
    assert settings.feedback.retention_days == 30 and settings.feedback.hotline == "+9647501234567"
    # The reminders of overdue cases read the same setting residents are told.
    assert answer_within(settings) == timedelta(hours=24)
    for bad, key in (("retention_days = 0", "feedback.retention_days"),
                     ('retention_days = "long"', "feedback.retention_days"),
                     ("answer_within_hours = 0", "feedback.answer_within_hours"),
                     ('hotline = "call us"', "feedback.hotline"),
                     ("hotlines = 1", "feedback.hotlines")):
        with pytest.raises(ConfigError) as caught:
            load_settings(write(tmp_path, MINIMAL + f"[feedback]\n{bad}\n"), {})
        assert caught.value.key == key


async def test_export_cases_writes_counts_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DALEEL_BOT_TOKEN", raising=False)
    config = tmp_path / "data.toml"
    config.write_text('[storage]\ndatabase = "d.sqlite3"\n[feedback]\nanswer_within_hours = 48\n',
                      encoding="utf-8")
    assert load_storage_settings(config).feedback.answer_within_hours == 48
    db = await Database.open(tmp_path / "d.sqlite3")
    try:
        opened = await _open(db, body="my neighbour Ahmad")
        await db.execute("UPDATE cases SET first_answer_at = ? WHERE id = ?",
                         (stamp(NOW + timedelta(days=1)), opened.id))
        await _open(db, topic="sensitive", body="secret")
    finally:
        await db.close()
    out = tmp_path / "cases.csv"
    # The CLI runs its own event loop: run it in a thread from this async test.
    assert await asyncio.to_thread(
        cli.main, ["--config", str(config), "export", "cases", str(out)]
    ) == 0
    text = out.read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][5] == "answered_within_2_days" and table[1][0] == "#date+month"
    assert table[2:] == [["2026-12", "complaint", "", "1", "1", "1", "0"],
                         ["2026-12", "sensitive", "*", "1", "0", "0", "0"]]
    assert "Ahmad" not in text and "secret" not in text and opened.number not in text
    assert "2 cases, counts only" in capsys.readouterr().out
