"""What the case features share — the residents' (``handlers.residents.feedback``,
``handlers.residents.my_cases``) and staff's (``handlers.helpdesk``): the button prefix of
residents' case buttons, the one word for each topic, state and outcome (residents and
staff read the same words), the footer every message to a resident about a case carries,
the resident's pending writing, and the residents' one "not found".

``handlers.residents.feedback`` opens cases and receives what residents write;
``handlers.residents.my_cases`` lists them and lets a resident add to one. Both put the
resident in a "writing" state (:class:`Writing`, in ``user_data``): the next message (text,
or a photo with an optional caption) is the case's. The state ends with that message, any
command, any other button, or after :data:`WRITING_FOR`. Once a case is opened, what the
resident sends in the next :data:`FOLLOW_UP_FOR` is added to it: people write in several
short messages, and an album of photos arrives as one message per photo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Literal

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.cases.contacts import EMERGENCY_NUMBER, usual_wait
from bot.domain.cases import CaseState, Gender, Outcome, Topic
from bot.i18n.catalogues import N_, Translator
from bot.storage import audit
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.payloads import Payload

__all__ = [
    "CASE_FEATURE",
    "FOLLOW_UP_FOR",
    "FORGED",
    "OUTCOME_LABELS",
    "STATE_LABELS",
    "TOPIC_LABELS",
    "WRITING_FOR",
    "AddToCase",
    "Helped",
    "Writing",
    "footer",
    "not_found",
    "pending_writing",
    "register_writing_reset",
    "start_writing",
    "stop_writing",
    "usual_wait_text",
    "writing",
]

WRITING_FOR = timedelta(hours=2)
FOLLOW_UP_FOR = timedelta(minutes=3)
FORGED = "case.forged"
CASE_FEATURE = "case"
"""The prefix of every button residents press about their cases (staff's are ``hd``)."""
_KEY = "case:writing"
_RESET_GROUP = 50

TOPIC_LABELS: Mapping[Topic, str] = MappingProxyType({
    "question": N_("Question"),
    "feedback": N_("Feedback or suggestion"),
    "complaint": N_("Complaint"),
    "sensitive": N_("Sensitive report"),
})

STATE_LABELS: Mapping[CaseState, str] = MappingProxyType({
    "open": N_("Waiting for a person"),
    "taken": N_("A person is handling it"),
    "answered": N_("Answered"),
    "referred": N_("Referred to another service"),
    "closed": N_("Closed"),
})

OUTCOME_LABELS: Mapping[Outcome, str] = MappingProxyType({
    "resolved": N_("Resolved"),
    "referred": N_("Referred elsewhere"),
    "not_possible": N_("Not possible"),
    "no_response": N_("No response from the resident"),
    "duplicate": N_("Duplicate"),
})


@dataclass(frozen=True)
class AddToCase(Payload, feature=CASE_FEATURE, action="add"):
    """Add a message to this case (re-checked: the resident's own, not closed)."""

    number: str


@dataclass(frozen=True)
class Helped(Payload, feature=CASE_FEATURE, action="helped"):
    """The resident's answer to "Did this help?" once staff closed their case (re-checked:
    their own case, closed)."""

    case: int
    answer: Literal["yes", "no"]


@dataclass(frozen=True)
class Writing:
    """What the resident's next message is for: a new case of ``topic`` (with the gender
    asked for, for a sensitive report), or the case ``number``."""

    kind: Literal["new", "add"]
    at: datetime
    topic: Topic = "question"
    gender: Gender | None = None
    number: str = ""
    follow_up: bool = False  # "add" to the case just opened, for FOLLOW_UP_FOR only

    def expired(self, now: datetime) -> bool:
        return now - self.at > (FOLLOW_UP_FOR if self.follow_up else WRITING_FOR)


def start_writing(context: DaleelContext, pending: Writing) -> None:
    if context.user_data is not None:
        context.user_data[_KEY] = pending


def stop_writing(context: DaleelContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(_KEY, None)


def _fresh(pending: object, now: datetime) -> Writing | None:
    if not isinstance(pending, Writing) or pending.expired(now):
        return None
    return pending


def writing(app: DaleelApp, user_id: int) -> Writing | None:
    """The resident's pending writing, if any and still fresh (read before a handler runs,
    so from the application rather than a context)."""
    return _fresh(app.user_data.get(user_id, {}).get(_KEY), app.bot_data.now())


def pending_writing(context: DaleelContext) -> Writing | None:
    """The same, from a handler's context."""
    data = context.user_data
    return _fresh(data.get(_KEY) if data is not None else None, context.state.now())


def register_writing_reset(app: DaleelApp) -> None:
    """After every other feature (a handler group of its own, so it hides no one else's): a
    command, or a button not of cases, ends the writing, so a later question is never taken
    for a case."""

    async def reset(update: Update, context: DaleelContext) -> None:
        stop_writing(context)

    app.add_handler(MessageHandler(filters.COMMAND, reset), group=_RESET_GROUP)
    app.add_handler(
        CallbackQueryHandler(reset, pattern=f"^(?!{CASE_FEATURE}:)"), group=_RESET_GROUP
    )


def usual_wait_text(tr: Translator, hours: int) -> str:
    unit, n = usual_wait(hours)
    if unit == "days":
        return tr.ngettext(
            "A person usually answers within {n} day.",
            "A person usually answers within {n} days.",
            n,
        )
    return tr.ngettext(
        "A person usually answers within {n} hour.",
        "A person usually answers within {n} hours.",
        n,
    )


def footer(tr: Translator, hotline: str) -> str:
    """Under every case screen and every message to a resident about a case (staff's
    answers and closing too): the Iraq Information Centre, and that Daleel is not an
    emergency service (numbers as text: not formatted as quantities)."""
    return tr.gettext(
        "☎️ Iraq Information Centre, free and confidential: {hotline}\n"
        "🚨 Daleel is not an emergency service. In danger, call {emergency}.",
        hotline=hotline,
        emergency=EMERGENCY_NUMBER,
    )


async def not_found(
    update: Update, context: DaleelContext, chat_id: int, *, forged: bool = True
) -> None:
    """A case number that is not the resident's (or not a case at all): the same answer
    whichever, so nobody learns whether someone else's number exists; audited."""
    if forged:
        await audit.record(context.db, chat_id, FORGED, "rejected")
    text = context.tr.gettext(
        "This case is not among yours. Send /mycases to see your cases."
    )
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        await context.bot.send_message(chat_id, text)
