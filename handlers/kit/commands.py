"""Localised command menus (setMyCommands), per language and per chat.

Everyone gets the residents' commands; a chat whose user holds a role (staff, operator,
admin) also gets that role's commands, set when they choose a language and again when a
role is granted or revoked. The menu is a convenience: permissions are checked at every
action, whatever a menu shows."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.access import allows, roles_for
from bot.domain.languages import LANGUAGES
from bot.domain.roles import Role
from bot.i18n.catalogues import N_, Translator
from bot.state import AppState
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.notify import translator_for

__all__ = [
    "ROLE_COMMANDS",
    "chat_commands",
    "forget_chat_commands",
    "publish_command_menus",
    "publish_for_chat",
    "publish_for_user",
    "resident_commands",
]

log = logging.getLogger(__name__)

RESIDENT_COMMANDS: tuple[tuple[str, str], ...] = (
    ("menu", N_("Main menu")),
    ("camp", N_("Choose my camp")),
    ("alerts", N_("My alerts")),
    ("feedback", N_("Talk to a person")),
    ("mycases", N_("My cases")),
    ("language", N_("Change the language")),
    ("help", N_("How Daleel works")),
    ("stop", N_("Stop all alerts")),
    ("forget", N_("Erase everything Daleel keeps about me")),
)


_CASE_COMMANDS: tuple[tuple[str, str], ...] = (
    ("cases", N_("Residents' cases waiting for an answer")),
    ("case", N_("Open a case by its number")),
)

ROLE_COMMANDS: tuple[tuple[Role, tuple[tuple[str, str], ...]], ...] = (
    ("staff", (
        ("announce", N_("Write an announcement")),
        ("schedules", N_("Scheduled announcements")),
        ("report", N_("Delivery reports")),
    )),
    ("operator", (
        ("setstatus", N_("Change an area's safety status")),
        ("pending", N_("Status changes waiting for a decision")),
        ("history", N_("An area's status history")),
        ("addarea", N_("Add a village missing from the list")),
        ("aliases", N_("An area's names and spellings")),
        ("feeds", N_("Status feeds")),
    )),
    ("helpdesk", _CASE_COMMANDS),
    ("protection", _CASE_COMMANDS),
    ("admin", (
        ("roles", N_("Who holds which role")),
        ("audit", N_("The audit log")),
        ("stats", N_("How many residents use Daleel")),
    )),
)


def resident_commands(tr: Translator) -> list[BotCommand]:
    # Command descriptions are plain text: no HTML, no bidi marks needed by Telegram here.
    return [BotCommand(name, tr.gettext(description)) for name, description in RESIDENT_COMMANDS]


async def publish_command_menus(app: DaleelApp) -> None:
    """One list per language Telegram accepts, plus the fallback in the default language.

    Sorani and Badini have no two-letter code: their readers get theirs per chat when they
    choose the language.
    """
    catalogues = app.bot_data.catalogues
    for lang in LANGUAGES:
        if lang.telegram_code:
            await app.bot.set_my_commands(
                resident_commands(catalogues.translator(lang.code)),
                language_code=lang.telegram_code,
            )
    default = catalogues.translator(app.bot_data.settings.default_language)
    await app.bot.set_my_commands(resident_commands(default))


def chat_commands(tr: Translator, roles: frozenset[Role]) -> list[BotCommand]:
    """The residents' commands, then those of every role held (admins: all of them)."""
    commands = resident_commands(tr)
    listed = {command.command for command in commands}
    for role, entries in ROLE_COMMANDS:
        if allows(roles, role):
            for name, text in entries:
                if name not in listed:  # helpdesk and protection share theirs
                    listed.add(name)
                    commands.append(BotCommand(name, tr.gettext(text)))
    return commands


async def publish_for_chat(chat_id: int, context: DaleelContext) -> None:
    """The chosen language's commands for this chat, whatever their app's language."""
    roles = await roles_for(context.db, context.settings, chat_id)
    await _publish(context.bot, chat_id, chat_commands(context.tr, roles))


async def publish_for_user(bot: Bot, state: AppState, user_id: int) -> None:
    """After a role changes: the user's menu in the language they chose."""
    tr = await translator_for(state, user_id)
    roles = await roles_for(state.db, state.settings, user_id)
    await _publish(bot, user_id, chat_commands(tr, roles))


async def _publish(bot: Bot, chat_id: int, commands: list[BotCommand]) -> None:
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:  # a menu is a comfort, not worth failing the answer for
        log.warning("could not set the chat's command menu: %s", type(exc).__name__)


async def forget_chat_commands(chat_id: int, context: DaleelContext) -> None:
    try:
        await context.bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.warning("could not delete the chat's command menu: %s", type(exc).__name__)
