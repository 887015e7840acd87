"""/forget: a resident erases everything Daleel keeps about them, after confirming."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.access import roles_for
from bot.storage.residents import delete_resident
from handlers.kit.commands import forget_chat_commands
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import keyboard
from handlers.kit.payloads import decode, encode

__all__ = ["register"]


async def forget_command(update: Update, context: DaleelContext) -> None:
    """/forget: ask before erasing; there is no undo."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    if context.resident is None:
        await context.bot.send_message(chat.id, tr.gettext("Daleel keeps nothing about you."))
        return
    await context.bot.send_message(
        chat.id,
        tr.gettext(
            "This erases everything Daleel keeps about you: your language, your camp and your "
            "alerts. You will no longer receive alerts. Do you want to continue?"
        ),
        reply_markup=keyboard(
            [
                [
                    (tr.gettext("Yes, erase everything"), encode("forget", "yes")),
                    (tr.gettext("No, keep it"), encode("forget", "no")),
                ]
            ],
            rtl=tr.language.rtl,
        ),
    )


async def forget_button(update: Update, context: DaleelContext) -> None:
    """The confirmation: erase in one statement (foreign keys cascade), then say so."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    callback = decode(query.data)
    tr = context.tr
    if callback is None or callback.action not in ("yes", "no"):
        await query.answer(tr.gettext("This button is no longer valid. Send /menu to start again."))
        return
    await query.answer()
    if callback.action == "no":
        await query.edit_message_text(tr.gettext("Nothing was erased."))
        return
    staff = bool(await roles_for(context.db, context.settings, chat.id))
    await delete_resident(context.db, chat.id, keep_audit_id=staff)
    await forget_chat_commands(chat.id, context)
    await query.edit_message_text(
        tr.gettext(
            "Done: everything Daleel kept about you has been erased. "
            "Send /start if you want to use Daleel again."
        )
    )


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("forget", forget_command, filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(forget_button, pattern=r"^forget:"))
