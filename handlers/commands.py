"""Localised command menus (setMyCommands), per language and per resident."""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.context import DaleelApp, DaleelContext
from bot.i18n import LANGUAGES, N_, Translator

__all__ = [
    "forget_chat_commands",
    "publish_command_menus",
    "publish_for_chat",
    "resident_commands",
]

log = logging.getLogger(__name__)

RESIDENT_COMMANDS: tuple[tuple[str, str], ...] = (
    ("menu", N_("Main menu")),
    ("camp", N_("Choose my camp")),
    ("alerts", N_("My alerts")),
    ("language", N_("Change the language")),
    ("help", N_("How Daleel works")),
    ("stop", N_("Stop all alerts")),
    ("forget", N_("Erase everything Daleel keeps about me")),
)


def resident_commands(tr: Translator) -> list[BotCommand]:
    # Command descriptions are plain text: no HTML, no bidi marks needed by Telegram here.
    return [BotCommand(name, tr.gettext(description)) for name, description in RESIDENT_COMMANDS]


async def publish_command_menus(app: DaleelApp) -> None:
    """One list per language Telegram accepts, plus the fallback in the default language.

    Sorani has no two-letter code, so Sorani readers get theirs per chat when they choose it.
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


async def publish_for_chat(chat_id: int, context: DaleelContext) -> None:
    """The chosen language's commands for this resident, whatever their app's language."""
    try:
        await context.bot.set_my_commands(
            resident_commands(context.tr), scope=BotCommandScopeChat(chat_id)
        )
    except TelegramError as exc:  # a menu is a comfort, not worth failing the answer for
        log.warning("could not set the chat's command menu: %s", type(exc).__name__)


async def forget_chat_commands(chat_id: int, context: DaleelContext) -> None:
    try:
        await context.bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.warning("could not delete the chat's command menu: %s", type(exc).__name__)
