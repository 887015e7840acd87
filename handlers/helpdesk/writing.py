"""Answer, Note and "refer outside": the staff member's next message is the text.

Pressing one of them (on an open case they may read) makes their next private text the
answer, the note or where the case was referred (a ``user_data`` flag; a Cancel button
drops it, so does any command or any button outside the helpdesk's, and it lapses after
:data:`WAIT` — a question typed after /menu, or hours later, is never sent to a resident as
an answer; the flag is in memory, so a restart drops it too). When the text
arrives everything is checked again — the role, the case, that it is still open — then:

- an answer is stored and sent to the resident in the bot, in the resident's language
  ("Answer to your case D-7KX4RM: …", the staff text as written); a resident who blocked
  Daleel or erased their data keeps the answer in the case, and the staff member is told;
- a note is stored as internal (author ``note``) and never sent to the resident;
- a referral outside stores a short free text of where to (state ``referred``).

Each is audited with the case number only, never the text.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.access import Actor
from bot.announcements.texts import clean_text
from bot.i18n.catalogues import Translator
from bot.storage.case_queue import Reader, add_message, refer_outside
from handlers.helpdesk.common import (
    CLOSED,
    FEATURE,
    CancelWriting,
    ReferOutside,
    WriteAnswer,
    WriteNote,
    case_staff,
    on_case_button,
    readable_case,
    tell_resident,
)
from handlers.kit.awaited import AwaitedMessage
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import keyboard

__all__ = ["WAITING", "register"]

WAITING = "helpdesk:writing"  # user_data: (what, case id, asked at) the next text is for
WAIT = timedelta(minutes=30)
Kind = Literal["answer", "note", "outside"]
MAX_TEXT = 3500  # with the heading, under Telegram's 4096 characters
MAX_WHERE = 200
_RESET_GROUP = 51  # after every feature; not the residents' writing reset's group (50)
def _prompt(tr: Translator, kind: Kind, number: str) -> str:
    if kind == "answer":
        return tr.gettext(
            "Write your answer to case {number}. Your next message is sent to the resident "
            "as you write it.", number=number,
        )
    if kind == "note":
        return tr.gettext(
            "Write your note on case {number}. Staff read it; the resident never does.",
            number=number,
        )
    return tr.gettext(
        "Where is case {number} referred to? Write the organisation or service in a few "
        "words.", number=number,
    )


async def _ask(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, *, case_id: int,
    kind: Kind,
) -> None:
    case = await readable_case(update, context, actor, reader, case_id, writable=True)
    if case is None or update.callback_query is None or update.effective_chat is None:
        return
    await update.callback_query.answer()
    if context.user_data is not None:
        context.user_data[WAITING] = (kind, case.id, context.state.now())
    actor.note(f"case {case.number}")
    actor.audited = False  # the text, when it comes, is audited
    tr = context.tr
    markup = keyboard(
        [[(tr.gettext("✖️ Cancel"), CancelWriting(case.id).encode())]], rtl=tr.language.rtl
    )
    await context.bot.send_message(
        update.effective_chat.id, _prompt(tr, kind, case.number), reply_markup=markup
    )


async def answer_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[WriteAnswer]
) -> None:
    await _ask(update, context, actor, reader, case_id=press.payload.case, kind="answer")


async def note_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[WriteNote]
) -> None:
    await _ask(update, context, actor, reader, case_id=press.payload.case, kind="note")


async def outside_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[ReferOutside]
) -> None:
    await _ask(update, context, actor, reader, case_id=press.payload.case, kind="outside")


async def cancel_button(
    update: Update,
    context: DaleelContext,
    actor: Actor,
    reader: Reader,
    press: Press[CancelWriting],
) -> None:
    """Drops what was pending for this case; once the text was sent (or another case's
    writing started) the button is stale, so it never claims that nothing was written."""
    waiting = context.user_data.get(WAITING) if context.user_data is not None else None
    actor.audited = False
    if not isinstance(waiting, tuple) or waiting[1] != press.payload.case:
        await answer_stale(update, context, alert=True)
        await press.query.edit_message_reply_markup(None)
        return
    _forget(context)
    await press.query.answer()
    await press.query.edit_message_text(context.tr.gettext("Cancelled: nothing was written."))


def _waiting(app: DaleelApp, user_id: int) -> bool:
    """Whether this staff member's next text is a case's (a prompt lapses after WAIT)."""
    waiting = app.user_data.get(user_id)
    if not waiting or WAITING not in waiting:
        return False
    asked = waiting[WAITING][2]
    if not isinstance(asked, datetime) or app.bot_data.now() - asked > WAIT:
        waiting.pop(WAITING, None)  # lapsed: the text is whatever else it may be
        return False
    return True


def _forget(context: DaleelContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(WAITING, None)


@case_staff("case.write", refused=_forget)
async def typed_text(update: Update, context: DaleelContext, actor: Actor, reader: Reader) -> None:
    """The text the staff member was asked for."""
    message, chat = update.effective_message, update.effective_chat
    waiting = context.user_data.get(WAITING) if context.user_data is not None else None
    if message is None or chat is None or not isinstance(waiting, tuple):
        return
    kind, case_id, _ = waiting
    actor.note(action=f"case.{'refer' if kind == 'outside' else kind}")
    tr = context.tr
    text = clean_text(message.text or "")
    limit = MAX_WHERE if kind == "outside" else MAX_TEXT
    if not text or len(text) > limit:
        actor.note("empty or too long", outcome="rejected", action=actor.action)
        await message.reply_text(tr.gettext(
            "Please send a text of at most {n} characters; nothing was written yet.", n=limit
        ))
        return
    _forget(context)
    case = await readable_case(update, context, actor, reader, case_id, writable=True)
    if case is None:
        return
    if kind == "outside":
        written = await refer_outside(context.db, case.id, text, now=context.state.now())
    else:
        written = await add_message(
            context.db, case.id, "staff" if kind == "answer" else "note", actor.user_id, text,
            now=context.state.now(),
        )
    if not written:  # closed between the check and the write
        actor.note(f"case {case.number} closed", outcome="rejected", action=actor.action)
        await message.reply_text(tr.gettext(CLOSED))
        return
    actor.note(f"case {case.number}", action=actor.action)
    if kind == "answer":

        def framed(tr: Translator) -> str:
            return tr.gettext(
                "✉️ <b>Answer to your case {number}:</b>\n\n{text}", number=case.number,
                text=text,
            )

        told = await tell_resident(context, case, framed)
        actor.note(f"case {case.number} delivered {told}", action=actor.action)
        done = (
            tr.gettext("Your answer was sent to the resident.") if told else tr.gettext(
                "Your answer is kept in the case, but it could not be delivered: the resident "
                "has blocked Daleel or erased their data."
            )
        )
    elif kind == "note":
        done = tr.gettext("Your note was added to case {number}.", number=case.number)
    else:
        done = tr.gettext(
            "Case {number} is recorded as referred outside Daleel.", number=case.number
        )
    await message.reply_text(done)


def _register_reset(app: DaleelApp) -> None:
    """Whatever the staff member does next outside the case — a command, another feature's
    button — ends the waiting (a group of its own, after the handler that answers it)."""

    async def reset(update: Update, context: DaleelContext) -> None:
        _forget(context)

    app.add_handler(MessageHandler(filters.COMMAND, reset), group=_RESET_GROUP)
    app.add_handler(
        CallbackQueryHandler(reset, pattern=f"^(?!{FEATURE}:)"), group=_RESET_GROUP
    )


def register(app: DaleelApp) -> None:
    app.add_handler(AwaitedMessage(app, _waiting, typed_text, filters.TEXT))
    _register_reset(app)
    on_case_button(app, WriteAnswer, answer_button, action="case.answer")
    on_case_button(app, WriteNote, note_button, action="case.note")
    on_case_button(app, ReferOutside, outside_button, action="case.refer")
    on_case_button(app, CancelWriting, cancel_button, action="case.write")
