"""Choosing the language: on first contact, and any time with /language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.domain.languages import CODES, language
from bot.storage.residents import set_language
from handlers.kit.commands import publish_for_chat
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.edits import edit_pressed
from handlers.kit.payloads import decode
from handlers.kit.screens import main_menu_markup, main_menu_text, send_language_menu

__all__ = ["register"]


async def language_command(update: Update, context: DaleelContext) -> None:
    """/language: offer the four languages."""
    if update.effective_chat:
        await send_language_menu(
            update.effective_chat.id, context, first_time=context.resident is None
        )


async def choose_language(update: Update, context: DaleelContext) -> None:
    """A language button: validate the code, store it, answer in the new language."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    callback = decode(query.data)
    code = callback.args[0] if callback and callback.action == "set" and callback.args else None
    if code not in CODES:
        await query.answer(
            context.tr.gettext("This button is no longer valid. Send /menu to start again.")
        )
        return
    first_time = context.resident is None
    resident = await set_language(context.db, chat.id, code)
    tr = context.state.catalogues.translator(code)
    context.use(resident, tr)
    await query.answer()
    paragraphs = [
        tr.gettext("Your language is now {language}.", language=language(code).native_name)
    ]
    if first_time:
        paragraphs.append(
            tr.gettext(
                "Welcome to Daleel. I answer questions about your camp's services, food "
                "distributions and whether your home area is safe to return to, and I can "
                "warn you when something changes.\n\nI never ask for your name or phone "
                "number. You can erase everything I keep about you at any time with /forget."
            )
        )
    # The menu first: by the time the resident reads the answer, the commands match it.
    await publish_for_chat(chat.id, context)
    # The language question turns into the menu: one message, not three, on a weak line.
    await edit_pressed(
        query, main_menu_text(tr, "\n\n".join(paragraphs)), reply_markup=main_menu_markup(tr)
    )


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("language", language_command, filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(choose_language, pattern=r"^lang:"))
