"""/feedback and "Talk to a person": a resident opens a case and gets its number.

The resident chooses what it is about (``case:v1:topic:<topic>``), is told plainly who
will read it and that their name is never shown — for a sensitive report, that only
designated protection staff read it, and asked whether they want a woman or a man to
handle it (``case:v1:gender:<female|male|any>``) — then writes in their own words: one
text, or one photo with an optional caption (only its Telegram file_id is kept). Anything
else (voice, documents, stickers, locations…) is refused and nothing is stored. The case
and its first message are written together (:func:`bot.storage.cases.open_case`), and the
acknowledgement gives the number, what happens next and how long it usually takes.

The same receiver takes what a resident adds to a case (:mod:`handlers.residents.my_cases`
starts that). Nothing of what residents write is logged, at any level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import CommandHandler, filters

from bot.cases import limits
from bot.domain.cases import GENDERS, TOPICS, Topic
from bot.storage.cases import add_resident_message, open_case
from bot.storage.services_food import resident_camp
from handlers.kit import buttons
from handlers.kit.awaited import AwaitedMessage
from handlers.kit.buttons import Press
from handlers.kit.cases import (
    CASE_FEATURE,
    TOPIC_LABELS,
    Writing,
    footer,
    not_found,
    pending_writing,
    register_writing_reset,
    start_writing,
    stop_writing,
    usual_wait_text,
    writing,
)
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import CasesHome
from handlers.kit.keyboards import keyboard
from handlers.kit.payloads import Payload
from handlers.kit.screens import send_language_menu

__all__ = ["register"]

_TOPIC_BUTTONS: Mapping[Topic, str] = MappingProxyType({
    "question": "❓",
    "feedback": "💡",
    "complaint": "📣",
    "sensitive": "🛡",
})


@dataclass(frozen=True)
class ChooseTopic(Payload, feature=CASE_FEATURE, action="topic"):
    topic: Topic


@dataclass(frozen=True)
class ChooseGender(Payload, feature=CASE_FEATURE, action="gender"):
    """Who a sensitive report should be handled by; "any" for no preference."""

    want: Literal["female", "male", "any"]


@dataclass(frozen=True)
class StopWriting(Payload, feature=CASE_FEATURE, action="cancel"):
    """Cancel: nothing is sent."""


def _cancel_markup(context: DaleelContext) -> InlineKeyboardMarkup:
    tr = context.tr
    return keyboard([[(tr.gettext("✖️ Cancel"), StopWriting().encode())]], rtl=tr.language.rtl)


def _with_footer(context: DaleelContext, text: str) -> str:
    return f"{text}\n\n{footer(context.tr, context.settings.feedback.hotline)}"


async def _send_topics(chat_id: int, context: DaleelContext) -> None:
    tr = context.tr
    rows = [
        [(f"{_TOPIC_BUTTONS[topic]} {tr.gettext(TOPIC_LABELS[topic])}",
          ChooseTopic(topic).encode())]
        for topic in TOPICS
    ]
    text = tr.gettext(
        "Talk to a person: ask a question, give feedback, complain about a service, or "
        "report something sensitive (abuse or exploitation by an aid worker, threats, "
        "violence). What is it about?"
    )
    await context.bot.send_message(
        chat_id, _with_footer(context, text), reply_markup=keyboard(rows, rtl=tr.language.rtl)
    )


async def feedback_command(update: Update, context: DaleelContext) -> None:
    """/feedback: the topics (someone who never chose a language chooses it first)."""
    chat = update.effective_chat
    if chat is None:
        return
    if context.resident is None:
        await send_language_menu(chat.id, context, first_time=True)
        return
    await _send_topics(chat.id, context)


async def home_button(update: Update, context: DaleelContext, press: Press[CasesHome]) -> None:
    """``case:v1:home``: the main menu's "Talk to a person" (what was pending is dropped)."""
    await press.query.answer()
    stop_writing(context)
    await _send_topics(press.chat_id, context)


def _write_now(context: DaleelContext) -> str:
    return context.tr.gettext(
        "Write your message now, in your own words, in one message (at most {limit} "
        "characters). You may send one photo instead, with your words as its caption.",
        limit=limits.MAX_CHARS,
    )


async def topic_button(update: Update, context: DaleelContext, press: Press[ChooseTopic]) -> None:
    """``case:v1:topic:<topic>``: who reads it; a sensitive report asks about gender first."""
    await press.query.answer()
    stop_writing(context)  # a sensitive report waits for the gender before any text
    tr, topic = context.tr, press.payload.topic
    if topic == "sensitive":
        text = tr.gettext(
            "Only designated protection staff read sensitive reports, and they keep them "
            "confidential. They see a case number, never your name or your Telegram "
            "account. Would you like a woman or a man to handle your report?"
        )
        rows = [
            [(tr.gettext("A woman"), ChooseGender("female").encode()),
             (tr.gettext("A man"), ChooseGender("male").encode())],
            [(tr.gettext("No preference"), ChooseGender("any").encode())],
        ]
        await press.query.edit_message_text(
            _with_footer(context, text), reply_markup=keyboard(rows, rtl=tr.language.rtl)
        )
        return
    start_writing(context, Writing("new", context.state.now(), topic=topic))
    text = tr.gettext(
        "The helpdesk staff who serve your camp will read it. They see a case number, "
        "never your name or your Telegram account."
    )
    await press.query.edit_message_text(
        _with_footer(context, f"{text}\n\n{_write_now(context)}"),
        reply_markup=_cancel_markup(context),
    )


async def gender_button(
    update: Update, context: DaleelContext, press: Press[ChooseGender]
) -> None:
    """``case:v1:gender:<want>``: remembered with the report; now write it."""
    await press.query.answer()
    want = press.payload.want
    gender = next((g for g in GENDERS if g == want), None)
    start_writing(context, Writing("new", context.state.now(), topic="sensitive", gender=gender))
    await press.query.edit_message_text(
        _with_footer(context, _write_now(context)), reply_markup=_cancel_markup(context)
    )


async def cancel_button(update: Update, context: DaleelContext, press: Press[StopWriting]) -> None:
    """``case:v1:cancel``: nothing is sent."""
    await press.query.answer()
    stop_writing(context)
    await press.query.edit_message_text(context.tr.gettext("Nothing was sent."))


def _writing(app: DaleelApp, user_id: int) -> bool:
    return writing(app, user_id) is not None


def _content(message: Message) -> tuple[str, str | None] | None:
    """The words and the photo's file_id, or None for anything but text or a photo."""
    if message.text is not None:
        return limits.clean(message.text), None
    if message.photo:
        return limits.clean(message.caption), message.photo[-1].file_id  # the largest size
    return None


async def _refuse(message: Message, context: DaleelContext, problem: str) -> None:
    tr = context.tr
    if problem == "too_long":
        text = tr.gettext(
            "Your message is too long: at most {limit} characters. Please shorten it and "
            "send it again.",
            limit=limits.MAX_CHARS,
        )
    elif problem == "empty":
        text = tr.gettext("Your message is empty. Please write it in words, or send a photo.")
    else:
        text = tr.gettext(
            "I can only take text or a photo here. Please write your message, or send a photo."
        )
    await message.reply_text(text, reply_markup=_cancel_markup(context))


async def received(update: Update, context: DaleelContext) -> None:
    """The pending case's message: checked, then stored whole, or refused and kept pending."""
    message, chat = update.effective_message, update.effective_chat
    pending = pending_writing(context)
    if message is None or chat is None or pending is None:
        return
    content = _content(message)
    if content is None:
        await _refuse(message, context, "unsupported")
        return
    body, photo = content
    problem = limits.problem(body, photo=photo is not None)
    if problem is not None:
        await _refuse(message, context, problem)
        return
    stop_writing(context)
    if pending.kind == "add":
        await _added(update, context, pending.number, body, photo)
        return
    resident = context.resident
    mine = await resident_camp(context.db, chat.id)
    opened = await open_case(
        context.db,
        chat_id=chat.id,
        topic=pending.topic,
        camp_id=mine.camp_id if mine else None,
        language=resident.language if resident else context.tr.code,
        gender_wanted=pending.gender,
        body=body or None,
        photo=photo,
        now=context.state.now(),
    )
    start_writing(
        context, Writing("add", context.state.now(), number=opened.number, follow_up=True)
    )
    tr = context.tr
    text = tr.gettext(
        "Thank you. Your message was received as case {number}. Keep this number: you can "
        "follow your case with /mycases. A person will read it and answer you here, in "
        "this chat.",
        number=opened.number,
    )
    wait = usual_wait_text(tr, context.settings.feedback.answer_within_hours)
    await message.reply_text(_with_footer(context, f"{text}\n{wait}"))


async def _added(
    update: Update, context: DaleelContext, number: str, body: str, photo: str | None
) -> None:
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    outcome = await add_resident_message(
        context.db, chat_id, number, body=body or None, photo=photo, now=context.state.now()
    )
    if outcome == "not_found":
        await not_found(update, context, chat_id)
        return
    tr = context.tr
    if outcome == "closed":
        text = tr.gettext(
            "This case is closed, so nothing was added. To write about it again, open a new "
            "case with /feedback."
        )
    else:
        # What follows in the next few minutes belongs to the same case.
        start_writing(context, Writing("add", context.state.now(), number=number, follow_up=True))
        text = tr.gettext("Added to case {number}. Staff will read it with the rest of the case.",
                          number=number)
    await context.bot.send_message(chat_id, _with_footer(context, text))


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("feedback", feedback_command, filters.ChatType.PRIVATE))
    buttons.on(app, CasesHome, home_button)
    buttons.on(app, ChooseTopic, topic_button)
    buttons.on(app, ChooseGender, gender_button)
    buttons.on(app, StopWriting, cancel_button)
    app.add_handler(AwaitedMessage(app, _writing, received, ~filters.StatusUpdate.ALL))
    register_writing_reset(app)
