"""Residents' own words: read a typed question and send it where it belongs.

Registered after every feature's commands and buttons and before the fallback, for private
text that is not a command. The message text is never logged, stored or echoed back.

Routing: greeting → a short greeting and the main menu; help → the /help text; services
(with its category) → the services list; food → the next distributions; left_off_list →
what to do when left off the list; safety → the answer for the place named (or the safety
prompt when none was); alerts → the alerts screen; language → the language menu. Nothing
recognised: a camp's name is offered as the resident's camp (``handlers.camp.choose``), anything
else gets "I did not understand" with examples and the main menu (and is counted, as an
aggregate, so the keyword lists can be improved).

Before that, a message must be readable: at most ``MAX_CHARS`` characters once invisible
and control characters are removed, and at least one letter or digit.

When unsure, ask: below ``SURE`` confidence the likeliest two or three needs are offered as
buttons (``txt:v1:…``) instead of a guess. ``SURE`` is 0.5 because of how
``bot.understanding.intent`` scores: one clear keyword gives ≈0.7, a place name alone ≈0.6
(residents often type only their village, and acting on it is right), while two intents
with the same weight give ≈0.35 and a phrase against a single competing word ≈0.5 — the
point where a guess is as likely wrong as right.
"""

from __future__ import annotations

from types import MappingProxyType

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.domain.categories import CATEGORIES
from bot.i18n.catalogues import N_, Translator
from bot.places.index import is_confident
from bot.storage.areas import get_area
from bot.storage.questions import count_question
from bot.text.fold import clean
from bot.understanding.intent import Understanding
from handlers.camp import food, services
from handlers.camp.choose import find_camps, offer_camps
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Callback, decode, encode
from handlers.kit.screens import main_menu_markup, send_language_menu, send_main_menu
from handlers.residents import start
from handlers.residents.alerts import show_alerts
from handlers.safety import answers as safety

__all__ = ["MAX_CHARS", "SURE", "readable", "register"]

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
_CHOICE_ACTIONS = MappingProxyType(
    {
        "services": "svc",
        "food": "food",
        "left_off_list": "left_off",
        "safety": "safe",
        "alerts": "alerts",
        "help": "help",
        "language": "lang",
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
    state = context.state
    understood = state.understander.understand(text, state.places)
    await _answer(update, context, chat.id, text, understood)


async def _answer(
    update: Update, context: DaleelContext, chat_id: int, text: str, u: Understanding
) -> None:
    if u.intent is None:
        # Not a question we know, nor a place we are sure of: perhaps the name of a camp
        # ("Khazer"), which the camp feature offers to set. Weak place matches are not
        # offered: on a sentence they are mostly noise.
        camps = await find_camps(text, context)
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
    elif intent == "help":
        await start.help_command(update, context)
    elif intent == "services":
        category = u.category if u.category in CATEGORIES else None
        await services.show_services(chat_id, context, category)
    elif intent == "food":
        await food.show_food(chat_id, context)
    elif intent == "left_off_list":
        await food.show_left_off(chat_id, context)
    elif intent == "safety":
        if u.place_matches:
            await safety.answer_place_matches(chat_id, list(u.place_matches), context)
        else:
            await safety.show_safety_home(chat_id, context)
    elif intent == "alerts":
        await show_alerts(chat_id, context)
    elif intent == "language":
        await send_language_menu(chat_id, context, first_time=False)
    else:
        await _not_understood(context, chat_id)


async def _not_understood(context: DaleelContext, chat_id: int) -> None:
    # Aggregate only: how often residents were not understood, to improve the keyword lists.
    await count_question(context.db, day=context.state.now().date(), topic="not_understood")
    tr = context.tr
    await context.bot.send_message(
        chat_id,
        tr.gettext(
            "I did not understand that. You can ask, for example, “When is the food "
            "distribution?”, or write the name of your home village. Or choose below."
        ),
        reply_markup=main_menu_markup(tr),
    )


def _choices(tr: Translator, u: Understanding) -> list[Button]:
    """The likeliest needs as buttons (best first), at most ``_MAX_CHOICES``."""
    labels = dict(_CHOICE_LABELS)
    ranked = [i for i in (u.intent, *u.alternatives) if i in labels]
    buttons: list[Button] = []
    for intent in dict.fromkeys(ranked):
        args: tuple[str | int, ...] = ()
        # The category belongs to the winning intent: "food" when food won, not a service.
        if intent == "services" and u.intent == "services" and u.category in CATEGORIES:
            args = (u.category,)
        elif intent == "safety" and is_confident(u.place_matches):
            args = (u.place_matches[0].area_id,)
        buttons.append((tr.gettext(labels[intent]), encode("txt", _CHOICE_ACTIONS[intent], *args)))
    return buttons[:_MAX_CHOICES]


async def choice_button(update: Update, context: DaleelContext) -> None:
    """A "Did you mean" button: re-check the payload, then answer as if asked clearly."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    callback = decode(query.data)
    if (
        callback is None
        or context.resident is None
        or not await _choose(update, context, chat.id, callback)
    ):
        await query.answer(
            context.tr.gettext("This button is no longer valid. Send /menu to start again.")
        )


async def _choose(
    update: Update, context: DaleelContext, chat_id: int, callback: Callback
) -> bool:
    """Act on a valid choice; False when the payload does not hold up."""
    query = update.callback_query
    assert query is not None
    action, args = callback.action, callback.args
    if action == "svc" and len(args) <= 1:
        category = args[0] if args else None
        if category is not None and category not in CATEGORIES:
            return False
        await query.answer()
        await services.show_services(chat_id, context, category)
    elif action == "safe" and len(args) <= 1:
        area_id = callback.arg_int(0) if args else None
        if args and (area_id is None or await get_area(context.db, area_id) is None):
            return False
        await query.answer()
        if area_id is None:
            await safety.show_safety_home(chat_id, context)
        else:
            await safety.answer_area(chat_id, area_id, context)
    elif args or action not in ("food", "left_off", "alerts", "help", "lang"):
        return False
    else:
        await query.answer()
        if action == "food":
            await food.show_food(chat_id, context)
        elif action == "left_off":
            await food.show_left_off(chat_id, context)
        elif action == "alerts":
            await show_alerts(chat_id, context)
        elif action == "help":
            await start.help_command(update, context)
        else:
            await send_language_menu(chat_id, context, first_time=False)
    return True


def register(app: DaleelApp) -> None:
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, free_text)
    )
    app.add_handler(CallbackQueryHandler(choice_button, pattern=r"^txt:"))
