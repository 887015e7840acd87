"""Residents' own words: read a typed question and send it where it belongs.

Registered after every feature's commands and buttons and before the fallback, for private
text that is not a command. The message text is never logged, stored or echoed back.

Routing: greeting → a short greeting and the main menu; help → the /help text; services
(with its category) → the services list; food → the next distributions; left_off_list →
what to do when left off the list; safety → the answer for the place named (or the safety
prompt when none was); alerts → the alerts screen; language → the language menu. Nothing
recognised: a camp's name is offered as the resident's camp (``handlers.kit.camps``), anything
else gets "I did not understand" with examples and the main menu (and is counted, as an
aggregate, so the keyword lists can be improved). Words of harm done to the resident
("زوجي يضربني", "my husband beats me") are answered first, unless they come with a safety
question: "Talk to a person" (where a sensitive report is one of the topics), the hotline
and the emergency number — never a place the words happen to resemble.

Before that, a message must be readable: at most ``MAX_CHARS`` characters once invisible
and control characters are removed, and at least one letter or digit.

This module imports no feature: each feature registers what it answers
(:mod:`handlers.kit.routes`), and the routing looks the need up.

When unsure, ask: below ``SURE`` confidence the likeliest two or three needs are offered as
buttons (``txt:v1:…``) instead of a guess. ``SURE`` is 0.5 because of how
``bot.understanding.intent`` scores: one clear keyword gives ≈0.7, a place name alone ≈0.6
(residents often type only their village, and acting on it is right), while two intents
with the same weight give ≈0.35 and a phrase against a single competing word ≈0.5 — the
point where a guess is as likely wrong as right.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.camps.names import find_camps, mentions_camp
from bot.domain.categories import CATEGORIES
from bot.i18n.catalogues import N_, Translator
from bot.places.index import is_confident
from bot.storage.areas import get_area
from bot.storage.questions import count_question
from bot.text.fold import clean
from bot.understanding.intent import Understanding
from handlers.kit import buttons as kit_buttons
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.camps import camp_asked, offer_camps
from handlers.kit.cases import footer
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import CasesHome
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import P, Payload
from handlers.kit.routes import Asked, Need
from handlers.kit.screens import main_menu_markup, send_language_menu, send_main_menu

__all__ = ["MAX_CHARS", "SURE", "readable", "register"]

logger = logging.getLogger(__name__)

SURE = 0.5
MAX_CHARS = 1000  # a question, not a letter: longer messages are asked to be shorter
_MAX_CHOICES = 3
# What an intent is called on a "Did you mean" button, and the button's action.
_CHOICE_LABELS: tuple[tuple[str, str], ...] = (
    ("services", N_("🏥 Camp services")),
    ("food", N_("🍞 Food distribution")),
    ("left_off_list", N_("📋 My name is not on the food list")),
    ("safety", N_("⚠️ Is my area safe?")),
    ("alerts", N_("🔔 Alerts")),
    ("help", N_("❓ Help")),
    ("language", N_("🌐 Language")),
)
# The needs other features answer (greetings and the language menu are answered here).
_NEEDS: Mapping[str, Need] = MappingProxyType(
    {
        "help": "help",
        "services": "services",
        "food": "food",
        "left_off_list": "left_off_list",
        "safety": "safety",
        "alerts": "alerts",
    }
)


# --- "Did you mean" buttons: one payload per choice -----------------------------------------


@dataclass(frozen=True)
class AskServices(Payload, feature="txt", action="svc"):
    """The camp's services; of one category when the message named it clearly."""

    category: str | None = None


@dataclass(frozen=True)
class AskSafety(Payload, feature="txt", action="safe"):
    """Is my area safe; about one area when the message named it confidently."""

    area_id: int | None = None


@dataclass(frozen=True)
class AskFood(Payload, feature="txt", action="food"):
    """The next food distributions."""


@dataclass(frozen=True)
class AskLeftOff(Payload, feature="txt", action="left_off"):
    """What to do when left off the food list."""


@dataclass(frozen=True)
class AskAlerts(Payload, feature="txt", action="alerts"):
    """The resident's alerts."""


@dataclass(frozen=True)
class AskHelp(Payload, feature="txt", action="help"):
    """What Daleel can do."""


@dataclass(frozen=True)
class AskLanguage(Payload, feature="txt", action="lang"):
    """The language choice."""


# The choices without arguments, by intent.
_PLAIN_CHOICES: Mapping[str, type[Payload]] = MappingProxyType(
    {
        "food": AskFood,
        "left_off_list": AskLeftOff,
        "alerts": AskAlerts,
        "help": AskHelp,
        "language": AskLanguage,
    }
)


def readable(text: str) -> bool:
    """Has at least one letter or digit (not only spaces, marks, symbols or emoji)."""
    return any(ch.isalnum() for ch in text)


async def free_text(update: Update, context: DaleelContext) -> None:
    """A typed message: check it can be read, understand it, answer or ask."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or message.text is None:
        return
    if context.resident is None:  # first contact: the language comes first, as with /start
        await send_language_menu(chat.id, context, first_time=True)
        return
    tr = context.tr
    text = clean(message.text)
    if len(text) > MAX_CHARS:
        await context.bot.send_message(
            chat.id,
            tr.gettext(
                "Your message is too long for me. Please ask your question in a few words."
            ),
        )
        return
    if not readable(text):
        await context.bot.send_message(
            chat.id,
            tr.gettext("I could not read that message. Please type your question in words."),
            reply_markup=main_menu_markup(tr),
        )
        return
    going = await camp_asked(context, chat.id)
    if going is not None:
        # The bot asked for the camp: a name is a camp's before it is a place's.
        camps = await find_camps(context.db, text)
        if camps:
            await offer_camps(chat.id, context, camps, then=going)
            return
    state = context.state
    understood = state.understander.understand(text, state.places)
    await _answer(update, context, chat.id, text, understood)


async def _answer(
    update: Update, context: DaleelContext, chat_id: int, text: str, u: Understanding
) -> None:
    if u.harm and u.intent != "safety":
        # "زوجي يضربني", "my husband beats me": a person to talk to, never a village the
        # words resemble nor a list of services.
        await _offer_a_person(context, chat_id)
        return
    if u.intent in (None, "safety") and mentions_camp(text):
        # "Debaga camp", "کەمپی دیبەگە": a camp, not the place it is named after.
        camps = await find_camps(context.db, text)
        if camps:
            await offer_camps(chat_id, context, camps)
            return
    if u.intent is None:
        # Not a question we know, nor a place we are sure of: perhaps the name of a camp
        # ("Khazer"), which the camp feature offers to set. Weak place matches are not
        # offered: on a sentence they are mostly noise.
        camps = await find_camps(context.db, text)
        if camps:
            await offer_camps(chat_id, context, camps)
        else:
            await _not_understood(context, chat_id)
        return
    if u.confidence < SURE:
        choices = _choices(context.tr, u)
        if len(choices) > 1:
            await context.bot.send_message(
                chat_id,
                context.tr.gettext("I am not sure what you mean. Did you mean:"),
                reply_markup=keyboard([[c] for c in choices], rtl=context.tr.language.rtl),
            )
            return
    await _route(update, context, chat_id, u)


async def _route(
    update: Update, context: DaleelContext, chat_id: int, u: Understanding
) -> None:
    intent = u.intent
    if intent == "greeting":
        await send_main_menu(chat_id, context, preface=context.tr.gettext("Hello!"))
        return
    if intent == "language":
        await send_language_menu(chat_id, context, first_time=False)
        return
    need = _NEEDS.get(intent or "")
    category = u.category if u.category in CATEGORIES else None
    asked = Asked(
        update, chat_id, category=category, places=u.place_matches, spelling=u.place_spelling
    )
    if need is None or not await context.routes.answer(need, asked, context):
        await _not_understood(context, chat_id)


async def _offer_a_person(context: DaleelContext, chat_id: int) -> None:
    """Harm done to the resident: "Talk to a person" (the sensitive report is among its
    topics), the hotline and the emergency number."""
    tr = context.tr
    text = tr.gettext(
        "What you describe matters, and you do not have to face it alone. You can talk to "
        "a person: choose “Sensitive report” and only designated protection staff will "
        "read it, in confidence. They never see your name."
    )
    await context.bot.send_message(
        chat_id,
        f"{text}\n\n{footer(tr, context.settings.feedback.hotline)}",
        reply_markup=keyboard(
            [[(tr.gettext("💬 Talk to a person"), CasesHome().encode())]], rtl=tr.language.rtl
        ),
    )


async def _not_understood(context: DaleelContext, chat_id: int) -> None:
    tr = context.tr
    await context.bot.send_message(
        chat_id,
        tr.gettext(
            "I did not understand that. You can ask, for example, “When is the food "
            "distribution?”, or write the name of your home village. Or choose below."
        ),
        reply_markup=main_menu_markup(tr),
    )
    try:
        # Aggregate only: how often residents were not understood, to improve the keyword
        # lists. After the reply: the resident waits for the reply, not for the count.
        await count_question(context.db, day=context.state.now().date(), topic="not_understood")
    except sqlite3.Error:
        logger.exception("could not count a question not understood")


def _choices(tr: Translator, u: Understanding) -> list[Button]:
    """The likeliest needs as buttons (best first), at most ``_MAX_CHOICES``."""
    labels = dict(_CHOICE_LABELS)
    ranked = [i for i in (u.intent, *u.alternatives) if i in labels]
    buttons: list[Button] = []
    for intent in dict.fromkeys(ranked):
        payload: Payload
        if intent == "services":
            # The category belongs to the winning intent: "food" when food won, not a service.
            sure = u.intent == "services" and u.category in CATEGORIES
            payload = AskServices(u.category if sure else None)
        elif intent == "safety":
            sure = is_confident(u.place_matches)
            payload = AskSafety(u.place_matches[0].area_id if sure else None)
        else:
            payload = _PLAIN_CHOICES[intent]()
        buttons.append((tr.gettext(labels[intent]), payload.encode()))
    return buttons[:_MAX_CHOICES]


# A "Did you mean" button: its payload re-checked, then answered as if asked clearly.


async def _hand_over(press: Press[P], context: DaleelContext, need: Need, asked: Asked) -> None:
    await press.query.answer()
    await context.routes.answer(need, asked, context)


async def _on_services(update: Update, context: DaleelContext, press: Press[AskServices]) -> None:
    category = press.payload.category
    if category is not None and category not in CATEGORIES:
        await answer_stale(update, context)
        return
    await _hand_over(press, context, "services", Asked(update, press.chat_id, category=category))


async def _on_safety(update: Update, context: DaleelContext, press: Press[AskSafety]) -> None:
    area_id = press.payload.area_id
    if area_id is not None and await get_area(context.db, area_id) is None:
        await answer_stale(update, context)
        return
    await _hand_over(press, context, "safety", Asked(update, press.chat_id, area_id=area_id))


async def _on_food(update: Update, context: DaleelContext, press: Press[AskFood]) -> None:
    await _hand_over(press, context, "food", Asked(update, press.chat_id))


async def _on_left_off(update: Update, context: DaleelContext, press: Press[AskLeftOff]) -> None:
    await _hand_over(press, context, "left_off_list", Asked(update, press.chat_id))


async def _on_alerts(update: Update, context: DaleelContext, press: Press[AskAlerts]) -> None:
    await _hand_over(press, context, "alerts", Asked(update, press.chat_id))


async def _on_help(update: Update, context: DaleelContext, press: Press[AskHelp]) -> None:
    await _hand_over(press, context, "help", Asked(update, press.chat_id))


async def _on_language(update: Update, context: DaleelContext, press: Press[AskLanguage]) -> None:
    await press.query.answer()
    await send_language_menu(press.chat_id, context, first_time=False)


def register(app: DaleelApp) -> None:
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, free_text)
    )
    kit_buttons.on(app, AskServices, _on_services)
    kit_buttons.on(app, AskSafety, _on_safety)
    kit_buttons.on(app, AskFood, _on_food)
    kit_buttons.on(app, AskLeftOff, _on_left_off)
    kit_buttons.on(app, AskAlerts, _on_alerts)
    kit_buttons.on(app, AskHelp, _on_help)
    kit_buttons.on(app, AskLanguage, _on_language)
