"""``/cases``: the queue of open cases a helpdesk member or focal point answers, oldest
first, ten to a page (number, topic, camp, language, age; a button opens each).

Administrators without the protection role see every camp's ordinary cases and only the
number of open sensitive reports. Listing the queue is audited (counts, never content).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.access import Actor
from bot.camps.names import camp_name
from bot.storage.camps import list_camps
from bot.storage.case_queue import Reader, count_open_sensitive, count_queue, queue_page
from handlers.helpdesk.common import ShowQueue, case_staff, on_case_button
from handlers.helpdesk.render import PAGE_SIZE, queue_screen
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.ui import present

__all__ = ["register", "show_queue"]


async def show_queue(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, page: int
) -> None:
    """One page of the reader's queue, edited in place after a press."""
    chat = update.effective_chat
    if chat is None:
        return
    total = await count_queue(context.db, reader)
    page = min(max(page, 0), max((total - 1) // PAGE_SIZE, 0))
    rows = await queue_page(context.db, reader, page * PAGE_SIZE, PAGE_SIZE)
    tr = context.tr
    camps = {camp.id: camp_name(camp, tr) for camp in await list_camps(context.db)}
    hidden = None if reader.sensitive else await count_open_sensitive(context.db)
    if "admin" not in actor.roles:
        hidden = None  # the helpdesk is not told how many sensitive reports there are
    screen = queue_screen(
        tr, rows, total=total, page=page, camps=camps, now=context.state.now(),
        hidden_sensitive=hidden,
    )
    actor.note(f"open {total} page {page + 1}")
    await present(chat.id, context, screen, update=update)


@case_staff("case.queue")
async def cases_command(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader
) -> None:
    """/cases"""
    await show_queue(update, context, actor, reader, 0)


async def page_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[ShowQueue]
) -> None:
    await press.query.answer()
    await show_queue(update, context, actor, reader, press.payload.page)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("cases", cases_command, filters.ChatType.PRIVATE))
    on_case_button(app, ShowQueue, page_button, action="case.queue")
