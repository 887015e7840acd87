"""/forget: a resident erases everything Daleel keeps about them, after confirming."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.access import roles_for
from bot.storage.cases import count_chat_cases
from bot.storage.residents import delete_resident
from handlers.kit import buttons
from handlers.kit.buttons import Press
from handlers.kit.commands import forget_chat_commands
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import keyboard
from handlers.kit.payloads import Payload

__all__ = ["register"]


@dataclass(frozen=True)
class EraseAll(Payload, feature="forget", action="yes"):
    """Yes: erase everything Daleel keeps about me."""


@dataclass(frozen=True)
class KeepAll(Payload, feature="forget", action="no"):
    """No: keep it."""


async def forget_command(update: Update, context: DaleelContext) -> None:
    """/forget: ask before erasing; there is no undo."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    if context.resident is None:
        await context.bot.send_message(chat.id, tr.gettext("Daleel keeps nothing about you."))
        return
    text = tr.gettext(
        "This erases everything Daleel keeps about you: your language, your camp and your "
        "alerts. You will no longer receive alerts. Do you want to continue?"
    )
    cases = await count_chat_cases(context.db, chat.id)
    if cases:
        erased = tr.ngettext(
            "You have a case with Daleel's staff: it will be erased too, with what you wrote "
            "and the answers, and staff will no longer be able to answer you.",
            "You have {n} cases with Daleel's staff: they will be erased too, with what you "
            "wrote and the answers, and staff will no longer be able to answer you.",
            cases,
        )
        text = f"{erased}\n\n{text}"
    await context.bot.send_message(
        chat.id,
        text,
        reply_markup=keyboard(
            [
                [
                    (tr.gettext("Yes, erase everything"), EraseAll().encode()),
                    (tr.gettext("No, keep it"), KeepAll().encode()),
                ]
            ],
            rtl=tr.language.rtl,
        ),
    )


async def keep_button(update: Update, context: DaleelContext, press: Press[KeepAll]) -> None:
    """``forget:v1:no``: nothing is erased."""
    await press.query.answer()
    await press.query.edit_message_text(context.tr.gettext("Nothing was erased."))


async def forget_button(update: Update, context: DaleelContext, press: Press[EraseAll]) -> None:
    """``forget:v1:yes``: erase in one statement (foreign keys cascade), then say so."""
    await press.query.answer()
    staff = bool(await roles_for(context.db, context.settings, press.chat_id))
    await delete_resident(
        context.db, press.chat_id, keep_audit_id=staff, now=context.bot_data.now()
    )
    await forget_chat_commands(press.chat_id, context)
    await press.query.edit_message_text(
        context.tr.gettext(
            "Done: everything Daleel kept about you has been erased. "
            "Send /start if you want to use Daleel again."
        )
    )


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("forget", forget_command, filters.ChatType.PRIVATE))
    buttons.on(app, EraseAll, forget_button, resident=False)
    buttons.on(app, KeepAll, keep_button, resident=False)
