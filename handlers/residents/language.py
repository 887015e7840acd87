"""Choosing the language: on first contact, and any time with /language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.domain.languages import CODES, language
from bot.storage.residents import set_language
from handlers.kit import buttons
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.commands import publish_for_chat
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.edits import edit_pressed
from handlers.kit.homes import SetLanguage
from handlers.kit.screens import main_menu_markup, main_menu_text, send_language_menu

__all__ = ["register"]


async def language_command(update: Update, context: DaleelContext) -> None:
    """/language: offer every language, each under its own name."""
    if update.effective_chat:
        await send_language_menu(
            update.effective_chat.id, context, first_time=context.resident is None
        )


async def choose_language(
    update: Update, context: DaleelContext, press: Press[SetLanguage]
) -> None:
    """``lang:v1:set:<code>``: validate the code, store it, answer in the new language."""
    query, code = press.query, press.payload.code
    if code not in CODES:
        await answer_stale(update, context)
        return
    first_time = context.resident is None
    resident = await set_language(context.db, press.chat_id, code)
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
    await publish_for_chat(press.chat_id, context)
    # The language question turns into the menu: one message, not three, on a weak line.
    await edit_pressed(
        query, main_menu_text(tr, "\n\n".join(paragraphs)), reply_markup=main_menu_markup(tr)
    )


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("language", language_command, filters.ChatType.PRIVATE))
    buttons.on(app, SetLanguage, choose_language, resident=False)
