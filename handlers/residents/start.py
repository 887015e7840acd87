"""/start, /help and /id: first contact, coming back, and what a role holder needs.

/help lists the residents' commands, then those of each role the user holds (the same
lists as their command menu, :mod:`handlers.kit.commands`), in their language. /id tells
anyone their numeric Telegram id, the number an administrator types after /grant.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler, filters

from bot.access import allows, roles_for
from bot.domain.roles import Role
from bot.i18n.catalogues import N_, Translator
from handlers.kit.commands import ROLE_COMMANDS
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import MenuHome
from handlers.kit.keyboards import keyboard
from handlers.kit.routes import Asked
from handlers.kit.screens import send_language_menu, send_main_menu
from handlers.kit.ui import MAIN_MENU

__all__ = ["register"]

_ROLE_TITLES: dict[Role, str] = {
    "staff": N_("<b>For camp staff</b>"),
    "operator": N_("<b>For safety operators</b>"),
    "helpdesk": N_("<b>For the helpdesk</b>"),
    "protection": N_("<b>For protection focal points</b>"),
    "admin": N_("<b>For administrators</b>"),
}


async def start(update: Update, context: DaleelContext) -> None:
    """First contact asks for the language; afterwards /start shows the main menu."""
    chat = update.effective_chat
    if chat is None:
        return
    if context.resident is None:
        await send_language_menu(chat.id, context, first_time=True)
    else:
        await send_main_menu(chat.id, context)


async def help_command(update: Update, context: DaleelContext) -> None:
    """/help: what Daleel does and its commands."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    roles = await roles_for(context.db, context.settings, chat.id)
    paragraphs = [
        tr.gettext(
            "<b>Daleel</b> answers your questions about the camp's services, food "
            "distributions and the safety of your home area.\n\n"
            "/menu: the main menu\n"
            "/camp: choose your camp and sector\n"
            "/alerts: your alerts\n"
            "/language: change the language\n"
            "/stop: stop all alerts\n"
            "/forget: erase everything Daleel keeps about you\n"
            "/help: this help\n\n"
            "You can also type your question in your own words, in Arabic, Kurdish or English."
        ),
        tr.gettext(
            "/feedback: talk to a person (a question, feedback, a complaint or a sensitive "
            "report)\n/mycases: your cases and their answers"
        ),
    ]
    held = [role for role, _ in ROLE_COMMANDS if allows(roles, role)]
    if "helpdesk" in held and "protection" in held:  # the same commands: listed once
        held.remove("protection" if "helpdesk" in roles or "admin" in roles else "helpdesk")
    paragraphs += [_role_help(tr, role) for role in held]
    paragraphs.append(
        tr.gettext("/id: your Telegram id, which an administrator needs to give you a role")
    )
    await context.bot.send_message(
        chat.id, "\n\n".join(paragraphs), reply_markup=_menu_button(tr)
    )


def _role_help(tr: Translator, role: Role) -> str:
    entries = dict(ROLE_COMMANDS)[role]
    lines = [tr.gettext(_ROLE_TITLES[role])]
    lines += [f"/{name}: {tr.gettext(text)}" for name, text in entries]
    return "\n".join(lines)


def _menu_button(tr: Translator) -> InlineKeyboardMarkup:
    return keyboard([[(tr.gettext(MAIN_MENU), MenuHome().encode())]], rtl=tr.language.rtl)


async def id_command(update: Update, context: DaleelContext) -> None:
    """/id: the user's numeric Telegram id, for an administrator's /grant."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    tr = context.tr
    text = tr.gettext(
        "Your Telegram id is <code>{id}</code>. An administrator types it after /grant "
        "to give you a role.",
        id=str(user.id),
    )
    await context.bot.send_message(chat.id, text, reply_markup=_menu_button(tr))


async def _answer_help(asked: Asked, context: DaleelContext) -> None:
    await help_command(asked.update, context)


def register(app: DaleelApp) -> None:
    app.add_handler(CommandHandler("start", start, filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("help", help_command, filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("id", id_command, filters.ChatType.PRIVATE))
    app.bot_data.routes.add("help", _answer_help)  # typed questions
