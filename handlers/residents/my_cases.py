"""/mycases: a resident follows their cases and adds to one; and the daily erasure of old
case content.

``/mycases`` lists the resident's newest cases (number, topic, status, last answer), with
a button on each open one to add to it (``case:v1:add:<number>``); ``/mycases D-7KX4RM``
shows one. A number is looked up only among the resident's own cases: a forged button or
someone else's number gets the same "not found" as a number that never existed, and is
audited (``case.forged``). What the resident then writes reaches the case through
:mod:`handlers.residents.feedback`'s receiver; a closed case takes nothing more.

Every day the content (texts, photos) of cases inactive for ``[feedback] retention_days``
is erased (:func:`erase_old_content`); the number, topic, camp, dates and outcome stay.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.cases.numbers import parse_number
from bot.cases.retention import erase_before
from bot.i18n.catalogues import N_
from bot.state import AppState
from bot.storage.cases import CaseSummary, erase_inactive, find_case, my_cases
from handlers.kit import buttons, jobs
from handlers.kit.buttons import Press
from handlers.kit.cases import (
    STATE_LABELS,
    TOPIC_LABELS,
    AddToCase,
    Writing,
    footer,
    not_found,
    start_writing,
)
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.screens import send_language_menu
from handlers.kit.ui import button_label, clip, command_text

__all__ = ["RETENTION_JOB", "erase_old_content", "register", "start"]

log = logging.getLogger(__name__)

RETENTION_JOB = "cases:retention"
_DAY = 24 * 3600.0
_FIRST_RUN = 60.0  # a minute after start, then daily
_LISTED_ANSWER = 200
_ONE_ANSWER = 2500


def _describe(context: DaleelContext, case: CaseSummary, answer_chars: int) -> str:
    tr = context.tr
    text = tr.gettext(
        "Case {number}: {topic}\nStatus: {status}",
        number=case.number,
        topic=tr.gettext(TOPIC_LABELS[case.topic]),
        status=tr.gettext(STATE_LABELS[case.state]),
    )
    if case.last_answer:
        answer = clip(case.last_answer, answer_chars)
        text += "\n" + tr.gettext("Last answer: {answer}", answer=answer)
    return text


def _add_button(context: DaleelContext, case: CaseSummary) -> list[Button]:
    if case.state == "closed":
        return []
    label = button_label(context.tr, N_("➕ Add to case {number}"), number=case.number)
    return [(label, AddToCase(case.number).encode())]


async def _show(chat_id: int, context: DaleelContext, cases: list[CaseSummary]) -> None:
    tr = context.tr
    hotline = footer(tr, context.settings.feedback.hotline)
    if not cases:
        text = tr.gettext("You have no cases. To talk to a person, send /feedback.")
        await context.bot.send_message(chat_id, f"{text}\n\n{hotline}")
        return
    # Ten cases with long answers would not fit one message: a list shows their beginnings.
    answer_chars = _ONE_ANSWER if len(cases) == 1 else _LISTED_ANSWER
    blocks = "\n\n".join(_describe(context, case, answer_chars) for case in cases)
    rows = [_add_button(context, case) for case in cases]
    await context.bot.send_message(
        chat_id,
        f"{blocks}\n\n{hotline}",
        reply_markup=keyboard(rows, rtl=tr.language.rtl) if any(rows) else None,
    )


async def my_cases_command(update: Update, context: DaleelContext) -> None:
    """/mycases [NUMBER]: the resident's cases, or the one they named."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    if context.resident is None:
        await send_language_menu(chat.id, context, first_time=True)
        return
    typed = command_text(update)
    if not typed:
        await _show(chat.id, context, await my_cases(context.db, chat.id))
        return
    number = parse_number(typed)
    case = await find_case(context.db, chat.id, number) if number else None
    if case is None:
        await not_found(update, context, chat.id, forged=number is not None)
        return
    await _show(chat.id, context, [case])


async def add_button(update: Update, context: DaleelContext, press: Press[AddToCase]) -> None:
    """``case:v1:add:<number>``: the resident's next message goes to this case."""
    number = parse_number(press.payload.number)
    case = await find_case(context.db, press.chat_id, number) if number else None
    if case is None:
        await not_found(update, context, press.chat_id)
        return
    await press.query.answer()
    tr = context.tr
    hotline = footer(tr, context.settings.feedback.hotline)
    if case.state == "closed":
        text = tr.gettext(
            "This case is closed, so nothing can be added. To write about it again, open a "
            "new case with /feedback."
        )
        await context.bot.send_message(press.chat_id, f"{text}\n\n{hotline}")
        return
    start_writing(context, Writing("add", context.state.now(), number=case.number))
    text = tr.gettext(
        "Write what you want to add to case {number}, in one message. You may send one "
        "photo instead, with your words as its caption.",
        number=case.number,
    )
    await context.bot.send_message(press.chat_id, f"{text}\n\n{hotline}")


async def erase_old_content(state: AppState) -> int:
    """Erase the content of cases inactive for ``retention_days``; how many cases."""
    now = state.now()
    days = state.settings.feedback.retention_days
    erased = await erase_inactive(state.db, erase_before(now, days), now)
    if erased:
        log.info("erased the content of %d case(s) inactive for %d days", erased, days)
    return erased


async def _retention_job(context: DaleelContext) -> None:
    await erase_old_content(jobs.app_of(context).bot_data)


async def start(app: DaleelApp) -> None:
    """Arm the daily erasure of old case content."""
    jobs.repeat(app, RETENTION_JOB, _retention_job, _DAY, first=_FIRST_RUN)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("mycases", my_cases_command, filters.ChatType.PRIVATE))
    buttons.on(app, AddToCase, add_button)
