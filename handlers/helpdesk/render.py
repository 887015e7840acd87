"""How staff read cases: the queue page and one case's card, in the staff member's language.

Never the resident's chat id or name: a case is its number, topic, camp, language and age.
Texts residents and staff wrote are escaped and clipped so a card stays under Telegram's
limit; the newest messages are kept when not all fit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.domain.cases import Topic
from bot.domain.languages import language
from bot.i18n.catalogues import Translator
from bot.storage.case_queue import CaseRow, Message
from bot.text.length import MESSAGE_LIMIT, telegram_length
from handlers.helpdesk.common import (
    CloseCase,
    OpenCase,
    ReferCase,
    ShowQueue,
    TakeCase,
    WriteAnswer,
    WriteNote,
)
from handlers.kit.cases import OUTCOME_LABELS, STATE_LABELS, TOPIC_LABELS
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.ui import BACK, Screen, clip

__all__ = ["PAGE_SIZE", "age", "case_screen", "queue_screen", "topic_label"]

PAGE_SIZE = 10
_BODY = 1500  # characters of one message shown on a card
_ROOM = MESSAGE_LIMIT - 200

def topic_label(tr: Translator, topic: Topic) -> str:
    return tr.gettext(TOPIC_LABELS[topic])


def _language(code: str) -> str:
    try:
        return language(code).native_name
    except (KeyError, ValueError):
        return code


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def age(tr: Translator, created_at: str, now: datetime) -> str:
    """How long a case has waited: under an hour, hours under two days, then days."""
    hours = max(int((now - _when(created_at)).total_seconds() // 3600), 0)
    if hours < 1:
        return tr.gettext("less than an hour")
    if hours < 48:
        return tr.ngettext("{n} hour", "{n} hours", hours)
    return tr.ngettext("{n} day", "{n} days", hours // 24)


def queue_screen(
    tr: Translator,
    rows: Sequence[CaseRow],
    *,
    total: int,
    page: int,
    camps: Mapping[int, str],
    now: datetime,
    hidden_sensitive: int | None = None,
) -> Screen:
    """One page of the queue: a line and a button per case, then previous / next."""
    lines: list[str] = []
    if total:
        lines.append(tr.ngettext(
            "📥 <b>{n} open case</b>, oldest first:",
            "📥 <b>{n} open cases</b>, oldest first:",
            total,
        ))
    else:
        lines.append(tr.gettext("No open case is waiting for you."))
    buttons: list[Button] = []
    for row in rows:
        lines.append(tr.gettext(
            "<b>{number}</b> · {topic} · {camp} · {language} · {age}",
            number=row.number, topic=topic_label(tr, row.topic),
            camp=camps.get(row.camp_id, "—") if row.camp_id is not None else "—",
            language=_language(row.language), age=age(tr, row.created_at, now),
        ))
        buttons.append((row.number, OpenCase(row.id).encode()))
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    if pages > 1:
        lines.append(tr.gettext("Page {page} of {pages}", page=page + 1, pages=pages))
    if hidden_sensitive:
        lines.append(tr.ngettext(
            "{n} sensitive report is open: only protection focal points read them.",
            "{n} sensitive reports are open: only protection focal points read them.",
            hidden_sensitive,
        ))
    rows_of_buttons = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    paging: list[Button] = []
    if page > 0:
        paging.append((tr.gettext("◀️ Previous"), ShowQueue(page - 1).encode()))
    if page + 1 < pages:
        paging.append((tr.gettext("Next ▶️"), ShowQueue(page + 1).encode()))
    rows_of_buttons.append(paging)
    markup = keyboard(rows_of_buttons, rtl=tr.language.rtl) if buttons or paging else None
    return Screen("\n".join(lines), markup)


def _header(tr: Translator, case: CaseRow, camp: str | None, now: datetime) -> list[str]:
    lines = [
        tr.gettext("📂 <b>Case {number}</b>", number=case.number),
        tr.gettext(
            "{topic} · {camp} · {language} · opened {age} ago · {state}",
            topic=topic_label(tr, case.topic), camp=camp or "—",
            language=_language(case.language), age=age(tr, case.created_at, now),
            state=tr.gettext(STATE_LABELS[case.state]),
        ),
    ]
    if case.gender_wanted == "female":
        lines.append(tr.gettext("The resident asked for a woman to handle this report."))
    elif case.gender_wanted == "male":
        lines.append(tr.gettext("The resident asked for a man to handle this report."))
    if case.assignee_id is not None:
        lines.append(tr.gettext("Taken by {user}.", user=str(case.assignee_id)))
    if case.referred_to and case.referred_to.startswith("outside: "):
        lines.append(tr.gettext(
            "Referred outside Daleel: {where}", where=case.referred_to.removeprefix("outside: ")
        ))
    if case.outcome is not None:
        lines.append(tr.gettext(
            "Closed: {outcome}.", outcome=tr.gettext(OUTCOME_LABELS[case.outcome])
        ))
    return lines


def _message(tr: Translator, message: Message) -> str:
    when = tr.datetime(_when(message.created_at))
    body = clip(message.body, _BODY)
    if body is None:
        body = tr.gettext("(erased)") if message.photo is None else tr.gettext("(photo)")
    if message.author == "resident":
        return tr.gettext("👤 <b>Resident</b>, {time}:\n{text}", time=when, text=body)
    if message.author == "staff":
        return tr.gettext(
            "💬 <b>Answer by {user}</b>, {time}:\n{text}",
            user=str(message.staff_id), time=when, text=body,
        )
    return tr.gettext(
        "📝 <b>Note by {user}</b> (staff only), {time}:\n{text}",
        user=str(message.staff_id), time=when, text=body,
    )


def case_screen(
    tr: Translator, case: CaseRow, messages: Sequence[Message], camp: str | None, now: datetime
) -> Screen:
    """The case: what it is, what was written (newest kept), and what can be done."""
    head = "\n".join(_header(tr, case, camp, now))
    blocks = [_message(tr, message) for message in messages]
    shown: list[str] = []
    for block in reversed(blocks):
        if telegram_length("\n\n".join([head, block, *shown])) > _ROOM:
            break
        shown.insert(0, block)
    parts = [head]
    if len(shown) < len(blocks):
        parts.append(tr.ngettext(
            "{n} earlier message is not shown.", "{n} earlier messages are not shown.",
            len(blocks) - len(shown),
        ))
    parts += shown
    rows: list[list[Button]] = [[(tr.gettext(BACK), ShowQueue().encode())]]
    if case.state != "closed":
        rows = [
            [(tr.gettext("✋ Take"), TakeCase(case.id).encode()),
             (tr.gettext("💬 Answer"), WriteAnswer(case.id).encode())],
            [(tr.gettext("📝 Note"), WriteNote(case.id).encode()),
             (tr.gettext("↪️ Refer"), ReferCase(case.id).encode())],
            [(tr.gettext("✅ Close"), CloseCase(case.id).encode())],
            *rows,
        ]
    return Screen("\n\n".join(parts), keyboard(rows, rtl=tr.language.rtl))
