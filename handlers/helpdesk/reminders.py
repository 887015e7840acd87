"""The daily reminder of overdue cases, and the weekly digest for administrators.

Every day at :data:`bot.helpdesk.timing.REMINDER_TIME` (camp time) each helpdesk member,
and each focal point for sensitive reports, is told how many of the cases they may read
have waited longer than :func:`bot.helpdesk.timing.answer_within` without any answer, with
their numbers — never content. An overdue case nobody could be reminded of (its camp has
no helpdesk member, it has no camp, or no focal point can read a sensitive report) goes to
the administrators instead, rather than to no one: ordinary cases by number, sensitive
reports counted only. A reminded case is reminded again only a day later
(``reminded_at``), even if the job runs twice. Every Sunday administrators get the counts of
open, answered (that week) and overdue cases per camp; sensitive reports are counted all
together, never per camp. Both runs are audited (counts only).

Each job is one ``run_once`` re-armed after each run (``cases:reminders``, ``cases:digest``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.camps.names import camp_name
from bot.cases.retention import stamp
from bot.helpdesk.timing import REMIND_EVERY, answer_within, next_digest, next_reminder
from bot.i18n.catalogues import Translator
from bot.storage import audit
from bot.storage.camps import list_camps
from bot.storage.case_queue import (
    CaseRow,
    Reader,
    Tally,
    focal_points,
    helpdesk_members,
    mark_reminded,
    may_read,
    overdue_cases,
    tally,
)
from handlers.kit import jobs
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.notify import BotMessenger

__all__ = ["DIGEST_JOB", "REMINDER_JOB", "send_digest", "send_reminders", "start"]

log = logging.getLogger(__name__)

REMINDER_JOB = "cases:reminders"
DIGEST_JOB = "cases:digest"
_NUMBERS_SHOWN = 30


def _shown(numbers: list[str]) -> str:
    return ", ".join(numbers[:_NUMBERS_SHOWN]) + ("…" if len(numbers) > _NUMBERS_SHOWN else "")


def _reminder(tr: Translator, numbers: list[str], hours: int) -> str:
    shown = _shown(numbers)
    return tr.ngettext(
        "⏰ {n} of your cases has waited more than {hours} hours without an answer: "
        "{numbers}. /cases shows them.",
        "⏰ {n} of your cases have waited more than {hours} hours without an answer: "
        "{numbers}. /cases shows them.",
        len(numbers), hours=hours, numbers=shown,
    )


async def send_reminders(app: DaleelApp) -> int:
    """Remind each queue of its overdue cases; returns how many people were told."""
    state = app.bot_data
    now = state.now()
    within = answer_within(state.settings)
    overdue = await overdue_cases(state.db, stamp(now - within), stamp(now - REMIND_EVERY))
    told, reminded = 0, set[int]()
    if overdue:
        members = await helpdesk_members(state.db)
        focal = await focal_points(state.db)
        messenger = BotMessenger(app)
        hours = int(within.total_seconds() // 3600)
        for user_id in sorted(set(members) | set(focal)):
            reader = Reader(
                members.get(user_id, frozenset()), sensitive=user_id in focal,
                gender=focal.get(user_id),
            )
            mine = [case for case in overdue if may_read(case, reader)]
            if not mine:
                continue
            numbers = [case.number for case in mine]

            def render(tr: Translator, numbers: list[str] = numbers) -> str:
                return _reminder(tr, numbers, hours)

            if await messenger.tell(user_id, render):
                told += 1
                reminded |= {case.id for case in mine}
        orphans = [case for case in overdue if case.id not in reminded]
        admins = await _remind_admins(app, orphans, hours) if orphans else 0
        if admins:
            reminded |= {case.id for case in orphans}
        told += admins
        await mark_reminded(state.db, reminded, stamp(now))
    await audit.record(
        state.db, audit.SYSTEM, "case.reminders", "ok",
        f"overdue {len(overdue)} reminded {len(reminded)} told {told}",
    )
    return told


def _orphans(tr: Translator, cases: list[CaseRow], hours: int) -> str:
    """For administrators: overdue cases no one could be reminded of (ordinary ones by
    number, which administrators may open; sensitive reports as a count only)."""
    numbers = [case.number for case in cases if case.topic != "sensitive"]
    sensitive = len(cases) - len(numbers)
    lines = []
    if numbers:
        lines.append(tr.ngettext(
            "⏰ {n} case has waited more than {hours} hours without an answer, and no "
            "helpdesk member could be reminded of it: {numbers}. /cases shows it; /grant "
            "gives its camp a helpdesk.",
            "⏰ {n} cases have waited more than {hours} hours without an answer, and no "
            "helpdesk member could be reminded of them: {numbers}. /cases shows them; "
            "/grant gives their camps a helpdesk.",
            len(numbers), hours=hours, numbers=_shown(numbers),
        ))
    if sensitive:
        lines.append(tr.ngettext(
            "⏰ {n} sensitive report has waited more than {hours} hours without an answer, "
            "and no protection focal point could be reminded of it. /grant gives the "
            "protection role.",
            "⏰ {n} sensitive reports have waited more than {hours} hours without an "
            "answer, and no protection focal point could be reminded of them. /grant gives "
            "the protection role.",
            sensitive, hours=hours,
        ))
    return "\n\n".join(lines)


async def _remind_admins(app: DaleelApp, cases: list[CaseRow], hours: int) -> int:
    """Tell every administrator; how many were told."""
    messenger = BotMessenger(app)

    def render(tr: Translator) -> str:
        return _orphans(tr, cases, hours)

    told = 0
    for admin in sorted(app.bot_data.settings.admin_ids):
        told += await messenger.tell(admin, render)
    return told


def _counts(tr: Translator, name: str, counts: Tally) -> str:
    return tr.gettext(
        "{camp}: {open} open, {answered} answered this week, {overdue} overdue",
        camp=name, open=counts.open, answered=counts.answered, overdue=counts.overdue,
    )


async def send_digest(app: DaleelApp) -> int:
    """The weekly counts to every administrator; returns how many were told."""
    state = app.bot_data
    now = state.now()
    per_camp, sensitive = await tally(
        state.db, stamp(now - timedelta(days=7)), stamp(now - answer_within(state.settings))
    )
    camps = {camp.id: camp for camp in await list_camps(state.db)}

    def render(tr: Translator) -> str:
        lines = [tr.gettext("📊 <b>Residents' cases: the week's digest</b>")]
        for camp_id, counts in sorted(per_camp.items(), key=lambda item: item[0] or 0):
            camp = camps.get(camp_id) if camp_id is not None else None
            name = camp_name(camp, tr) if camp else tr.gettext("No camp")
            lines.append(_counts(tr, name, counts))
        lines.append(tr.gettext(
            "Sensitive reports (all camps together): {open} open, {answered} answered this "
            "week, {overdue} overdue",
            open=sensitive.open, answered=sensitive.answered, overdue=sensitive.overdue,
        ))
        return "\n".join(lines)

    messenger = BotMessenger(app)
    told = 0
    for admin in sorted(state.settings.admin_ids):
        told += await messenger.tell(admin, render)
    total = sum(t.open for t in per_camp.values()) + sensitive.open
    await audit.record(state.db, audit.SYSTEM, "case.digest", "ok", f"open {total} told {told}")
    return told


def _arm_reminders(app: DaleelApp, after: datetime | None = None) -> None:
    due = next_reminder(app.bot_data, after=after)
    jobs.at(app, REMINDER_JOB, _reminder_job, due, due)


def _arm_digest(app: DaleelApp, after: datetime | None = None) -> None:
    due = next_digest(app.bot_data, after=after)
    jobs.at(app, DIGEST_JOB, _digest_job, due, due)


async def _reminder_job(context: DaleelContext) -> None:
    app = jobs.app_of(context)
    due = context.job.data if context.job is not None else None
    try:
        await send_reminders(app)
    finally:
        _arm_reminders(app, due if isinstance(due, datetime) else None)


async def _digest_job(context: DaleelContext) -> None:
    app = jobs.app_of(context)
    due = context.job.data if context.job is not None else None
    try:
        await send_digest(app)
    finally:
        _arm_digest(app, due if isinstance(due, datetime) else None)


async def start(app: DaleelApp) -> None:
    """Arm the daily reminders and the weekly digest."""
    _arm_reminders(app)
    _arm_digest(app)
