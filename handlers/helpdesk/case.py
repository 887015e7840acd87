"""Opening a case (its button in the queue, or ``/case <number>``) and taking it.

A typed number is read like a resident's (:func:`bot.cases.numbers.parse_number`: any
case, with or without the ``D-`` prefix, Arabic-Indic digits, direction marks).

The card shows what the resident wrote (a photo is sent with its Telegram file id and the
text as caption), the answers and internal notes, the state, and Take / Answer / Note /
Refer / Close. Every opening is audited with the case number; a case the user may not
read is "not found or not yours" and audited as refused.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.camps.names import camp_name
from bot.cases.numbers import parse_number
from bot.storage.camps import get_camp
from bot.storage.case_queue import (
    CaseRow,
    Reader,
    case_by_number,
    case_messages,
    take_case,
)
from handlers.helpdesk.common import (
    NOT_YOURS,
    OpenCase,
    TakeCase,
    case_staff,
    on_case_button,
    readable_case,
)
from handlers.helpdesk.render import case_screen
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.ui import clip, command_text, present

__all__ = ["register", "show_case"]

log = logging.getLogger(__name__)

_CAPTION = 1000  # Telegram allows 1024 characters in a caption
_MAX_NUMBER = 24
_EXAMPLE = "D-7KX4RM"


async def show_case(
    update: Update, context: DaleelContext, case: CaseRow, *, photos: bool = True
) -> None:
    """The case's card (and, first, any photos the resident attached)."""
    chat = update.effective_chat
    if chat is None:
        return
    messages = await case_messages(context.db, case.id)
    if photos:
        for message in messages:
            if message.photo is None:
                continue
            try:
                await context.bot.send_photo(
                    chat.id, message.photo, caption=clip(message.body, _CAPTION)
                )
            except TelegramError as error:  # an expired file id: the card still shows
                log.info("could not show a case photo: %s", type(error).__name__)
    camp = await get_camp(context.db, case.camp_id) if case.camp_id is not None else None
    tr = context.tr
    screen = case_screen(
        tr, case, messages, camp_name(camp, tr) if camp else None, context.state.now()
    )
    await present(chat.id, context, screen, update=update)


@case_staff("case.open")
async def case_command(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader
) -> None:
    """/case <number>"""
    typed = command_text(update)
    if not typed.strip() or len(typed) > _MAX_NUMBER:
        actor.note("no number", outcome="rejected")
        if update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, context.tr.gettext(
                "Write it like this: {example}", example=f"/case {_EXAMPLE}"
            ))
        return
    number = parse_number(typed)
    found = await case_by_number(context.db, number) if number is not None else None
    if found is None:
        actor.note("unknown number", outcome="refused")
        if update.effective_chat is not None:
            await context.bot.send_message(
                update.effective_chat.id, context.tr.gettext(NOT_YOURS)
            )
        return
    case = await readable_case(update, context, actor, reader, found)
    if case is not None:
        actor.note(f"case {case.number}")
        await show_case(update, context, case)


async def open_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[OpenCase]
) -> None:
    case = await readable_case(update, context, actor, reader, press.payload.case)
    if case is not None:
        await press.query.answer()
        actor.note(f"case {case.number}")
        await show_case(update, context, case)


async def take_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[TakeCase]
) -> None:
    case = await readable_case(
        update, context, actor, reader, press.payload.case, writable=True
    )
    if case is None:
        return
    if not await take_case(context.db, case.id, actor.user_id, now=context.state.now()):
        await readable_case(update, context, actor, reader, case.id, writable=True)
        return
    await press.query.answer(context.tr.gettext("You took case {number}.", number=case.number))
    actor.note(f"case {case.number}")
    taken = await readable_case(update, context, actor, reader, case.id)
    if taken is not None:
        await show_case(update, context, taken, photos=False)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("case", case_command, filters.ChatType.PRIVATE))
    on_case_button(app, OpenCase, open_button, action="case.open")
    on_case_button(app, TakeCase, take_button, action="case.take")
