"""Screens more than one feature shows: the main menu and the language choice."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.domain.languages import LANGUAGES
from bot.i18n.catalogues import N_, Translator
from handlers.kit.context import DaleelContext
from handlers.kit.homes import (
    AlertsHome,
    CasesHome,
    FoodHome,
    MenuLanguage,
    SafetyHome,
    ServicesHome,
    SetLanguage,
)
from handlers.kit.keyboards import keyboard
from handlers.kit.payloads import Payload

__all__ = [
    "MENU_ITEMS",
    "main_menu_markup",
    "main_menu_text",
    "send_language_menu",
    "send_main_menu",
]

# (payload, label): each button goes straight to its feature's "home" screen.
MENU_ITEMS: tuple[tuple[Payload, str], ...] = (
    (ServicesHome(), N_("🏥 Camp services")),
    (FoodHome(), N_("🍞 Food distribution")),
    (SafetyHome(), N_("⚠️ Is my area safe?")),
    (AlertsHome(), N_("🔔 Alerts")),
    (CasesHome(), N_("💬 Talk to a person")),
    (MenuLanguage(), N_("🌐 Language")),
)


def main_menu_markup(tr: Translator) -> InlineKeyboardMarkup:
    rows = [[(tr.gettext(label), payload.encode())] for payload, label in MENU_ITEMS]
    return keyboard(rows, rtl=tr.language.rtl)


def main_menu_text(tr: Translator, preface: str | None = None) -> str:
    """The menu's question, optionally after rendered paragraphs (e.g. the welcome)."""
    prompt = tr.gettext("What would you like to know? Choose below, or type your question.")
    return f"{preface}\n\n{prompt}" if preface else prompt


async def send_main_menu(
    chat_id: int, context: DaleelContext, *, preface: str | None = None
) -> None:
    tr = context.tr
    await context.bot.send_message(
        chat_id, main_menu_text(tr, preface), reply_markup=main_menu_markup(tr)
    )


def language_menu_markup() -> InlineKeyboardMarkup:
    """Each language labelled in its own name, in a fixed order whatever the reader's."""
    buttons = [(lang.native_name, SetLanguage(lang.code).encode()) for lang in LANGUAGES]
    return keyboard([buttons[i : i + 2] for i in range(0, len(buttons), 2)], rtl=False)


async def send_language_menu(chat_id: int, context: DaleelContext, *, first_time: bool) -> None:
    """First contact asks in every language, since we do not know which one they read."""
    if first_time:
        catalogues = context.state.catalogues
        text = "\n".join(
            catalogues.translator(lang.code).gettext("Please choose your language.")
            for lang in LANGUAGES
        )
    else:
        text = context.tr.gettext("Please choose your language.")
    await context.bot.send_message(chat_id, text, reply_markup=language_menu_markup())
