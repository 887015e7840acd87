"""Alerts: what a resident is subscribed to, switching them on and off, and /stop.

Camp announcements and food reminders follow the resident's camp; area alerts follow the
places they chose (from a safety answer's "alert me" button, ``alert:v1:sub_area:<id>``).
``/stop`` removes every subscription and pauses alerts (see ``bot.storage.subscriptions``);
subscribing again from ``/alerts`` resumes them.

Payloads (all re-checked against the database at the moment of the press):
``alert:v1:home`` · ``alert:v1:camp:on|off`` · ``alert:v1:food:on|off`` ·
``alert:v1:pick_camp`` · ``alert:v1:sub_area:<id>`` · ``alert:v1:rm_area:<id>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import CommandHandler, filters

from bot.i18n.catalogues import Markup, Translator, pick
from bot.storage.areas import area_ancestors, get_area
from bot.storage.camps import get_camp
from bot.storage.subscriptions import (
    MAX_AREAS,
    AlertSettings,
    alert_settings,
    stop_all,
    subscribe,
    unsubscribe,
)
from handlers.kit import buttons
from handlers.kit.buttons import Press, answer_stale
from handlers.kit.camps import ask_camp
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.homes import AlertsHome, CampAlerts, FollowArea, MenuHome, SafetyHome
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Payload
from handlers.kit.routes import Asked
from handlers.kit.screens import send_language_menu
from handlers.kit.ui import MAIN_MENU

__all__ = ["register", "show_alerts"]

_MAX_NAME = 60  # characters of a place name in a button or a list line
Switch = Literal["on", "off"]


@dataclass(frozen=True)
class FoodAlerts(Payload, feature="alert", action="food"):
    want: Switch


@dataclass(frozen=True)
class PickCamp(Payload, feature="alert", action="pick_camp"):
    """Choose a camp first (its announcements and reminders need one)."""


@dataclass(frozen=True)
class Unfollow(Payload, feature="alert", action="rm_area"):
    area_id: int


def _short(name: str) -> str:
    return name if len(name) <= _MAX_NAME else name[: _MAX_NAME - 1] + "…"


async def _area_label(context: DaleelContext, area_id: int) -> str | None:
    """The area's name in the reader's language, with its parent to tell twins apart.

    Plain text (not HTML): escape it, as ``tr.gettext`` does for values, before a message.
    """
    area = await get_area(context.db, area_id)
    if area is None:
        return None
    code = context.tr.code
    name = _short(pick(area.names, code) or area.pcode)
    ancestors = await area_ancestors(context.db, area_id)
    parent = _short(pick(ancestors[0].names, code) or "") if ancestors else ""
    if not parent:
        return name
    return context.tr.gettext("{area} ({parent})", area=Markup(name), parent=Markup(parent))


async def _camp_name(context: DaleelContext, camp_id: int | None) -> str | None:
    camp = await get_camp(context.db, camp_id) if camp_id is not None else None
    return None if camp is None else _short(pick(camp.names, context.tr.code) or camp.code)


async def _screen(
    context: DaleelContext, settings: AlertSettings
) -> tuple[str, InlineKeyboardMarkup]:
    """The alerts screen: one paragraph per kind of alert, a button per change."""
    tr = context.tr
    paragraphs = [tr.gettext("<b>🔔 Your alerts</b>")]
    rows: list[list[Button]] = []
    camp = await _camp_name(context, settings.camp_id)
    if settings.paused and not (settings.camp or settings.food or settings.areas):
        paragraphs.append(tr.gettext("Alerts are off since you sent /stop. Turn one on below."))
    if camp is None:
        paragraphs.append(
            tr.gettext(
                "Camp announcements and food reminders need your camp. Choose your camp first."
            )
        )
        rows.append([(tr.gettext("🏕 Choose my camp"), PickCamp().encode())])
    else:
        camp_line = (
            tr.gettext("✅ Camp announcements ({camp}): on", camp=camp)
            if settings.camp
            else tr.gettext("▫️ Camp announcements ({camp}): off", camp=camp)
        )
        food_line = (
            tr.gettext("✅ Food distribution reminders ({camp}): on", camp=camp)
            if settings.food
            else tr.gettext("▫️ Food distribution reminders ({camp}): off", camp=camp)
        )
        paragraphs.append(f"{camp_line}\n{food_line}")
        rows.append([_toggle(tr, "camp", on=settings.camp)])
        rows.append([_toggle(tr, "food", on=settings.food)])
    labels = [(area_id, await _area_label(context, area_id)) for area_id in settings.areas]
    known = [(area_id, label) for area_id, label in labels if label is not None]
    if known:
        lines = [tr.gettext("You get an alert when the safety status of these areas changes:")]
        lines += [tr.gettext("• {area}", area=label) for _, label in known]
        paragraphs.append("\n".join(lines))
        rows += [
            [(tr.gettext("✖️ Remove {area}", area=Markup(label)), Unfollow(a).encode())]
            for a, label in known
        ]
    else:
        paragraphs.append(
            tr.gettext(
                "You follow no area yet. Add your home area to hear when its safety status "
                "changes."
            )
        )
    if len(known) < MAX_AREAS:
        rows.append([(tr.gettext("➕ Add an area"), SafetyHome().encode())])
    paragraphs.append(tr.gettext("/stop ends all alerts."))
    rows.append(_menu_row(tr))
    return "\n\n".join(paragraphs), keyboard(rows, rtl=tr.language.rtl)


def _menu_row(tr: Translator) -> list[Button]:
    return [(tr.gettext(MAIN_MENU), MenuHome().encode())]


def _toggle(tr: Translator, topic: str, *, on: bool) -> Button:
    """The button that switches *topic* to the other state."""
    if topic == "camp":
        label = (
            tr.gettext("🔕 Turn off camp announcements")
            if on
            else tr.gettext("🔔 Turn on camp announcements")
        )
    else:
        label = (
            tr.gettext("🔕 Turn off food reminders")
            if on
            else tr.gettext("🔔 Turn on food reminders")
        )
    kind = CampAlerts if topic == "camp" else FoodAlerts
    return label, kind("off" if on else "on").encode()


async def show_alerts(chat_id: int, context: DaleelContext) -> None:
    """The alerts screen as a new message (menu button, /alerts, free text)."""
    settings = await alert_settings(context.db, chat_id)
    if settings is None:  # never chose a language (or erased themselves): first contact
        await send_language_menu(chat_id, context, first_time=True)
        return
    text, markup = await _screen(context, settings)
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def alerts_command(update: Update, context: DaleelContext) -> None:
    """/alerts: the alerts screen."""
    if update.effective_chat:
        await show_alerts(update.effective_chat.id, context)


async def stop_command(update: Update, context: DaleelContext) -> None:
    """/stop: end every alert at once, and say so."""
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    if context.resident is None:
        await context.bot.send_message(chat.id, tr.gettext("You do not receive any alerts."))
        return
    await stop_all(context.db, chat.id)
    await context.bot.send_message(
        chat.id,
        tr.gettext(
            "All alerts are off: Daleel will not send you any more alerts. "
            "Send /alerts to turn them on again."
        ),
        reply_markup=keyboard([_menu_row(tr)], rtl=tr.language.rtl),
    )


async def _refresh(update: Update, context: DaleelContext, chat_id: int) -> None:
    """Redraw the screen the button was on (unchanged content is not an error)."""
    query = update.callback_query
    settings = await alert_settings(context.db, chat_id)
    if query is None or settings is None:
        return
    text, markup = await _screen(context, settings)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def _on_home(update: Update, context: DaleelContext, press: Press[AlertsHome]) -> None:
    """``alert:v1:home``: the alerts screen."""
    await press.query.answer()
    await show_alerts(press.chat_id, context)


async def _on_follow(update: Update, context: DaleelContext, press: Press[FollowArea]) -> None:
    """``alert:v1:sub_area:<id>``, from a safety answer: follow this area (idempotent),
    then confirm in words."""
    chat_id, area_id = press.chat_id, press.payload.area_id
    label = await _area_label(context, area_id)
    if label is None:
        await answer_stale(update, context)
        return
    tr = context.tr
    result = await subscribe(context.db, chat_id, "area", area_id)
    if result == "missing":
        await answer_stale(update, context)
        return
    await press.query.answer()
    if result == "full":
        text = tr.ngettext(
            "You already follow {n} area, the most Daleel allows. Remove one in /alerts first.",
            "You already follow {n} areas, the most Daleel allows. Remove one in /alerts first.",
            MAX_AREAS,
        )
    else:
        text = tr.gettext(
            "You will get an alert when the status of {area} changes.", area=label
        )
    await context.bot.send_message(
        chat_id,
        text,
        reply_markup=keyboard(
            [[(tr.gettext("🔔 My alerts"), AlertsHome().encode())], _menu_row(tr)],
            rtl=tr.language.rtl,
        ),
    )
    if result != "full":
        await _mark_followed(press.query, area_id, tr)


async def _mark_followed(query: CallbackQuery, area_id: int, tr: Translator) -> None:
    """The pressed "alert me" button now says it is done (and leads to /alerts)."""
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    if markup is None:
        return
    pressed = FollowArea(area_id).encode()
    done = InlineKeyboardButton(
        tr.gettext("✅ Alerts on for this place"), callback_data=AlertsHome().encode()
    )
    rows = [
        [done if button.callback_data == pressed else button for button in row]
        for row in markup.inline_keyboard
    ]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows))
    except BadRequest as exc:  # e.g. pressed twice: already marked
        if "not modified" not in str(exc).lower():
            raise


async def _toggle_topic(
    update: Update, context: DaleelContext, chat_id: int, topic: Literal["camp", "food"],
    want: Switch,
) -> None:
    settings = await alert_settings(context.db, chat_id)
    if settings is None or settings.camp_id is None:
        await answer_stale(update, context)
        return
    if want == "on":
        await subscribe(context.db, chat_id, topic)
    else:
        await unsubscribe(context.db, chat_id, topic)
    if update.callback_query:
        await update.callback_query.answer()
    await _refresh(update, context, chat_id)


async def _on_camp(update: Update, context: DaleelContext, press: Press[CampAlerts]) -> None:
    """``alert:v1:camp:on|off``: camp announcements."""
    await _toggle_topic(update, context, press.chat_id, "camp", press.payload.want)


async def _on_food(update: Update, context: DaleelContext, press: Press[FoodAlerts]) -> None:
    """``alert:v1:food:on|off``: food distribution reminders."""
    await _toggle_topic(update, context, press.chat_id, "food", press.payload.want)


async def _on_pick_camp(update: Update, context: DaleelContext, press: Press[PickCamp]) -> None:
    """``alert:v1:pick_camp``: the camp picker."""
    await press.query.answer()
    await ask_camp(press.chat_id, context)


async def _on_unfollow(update: Update, context: DaleelContext, press: Press[Unfollow]) -> None:
    """``alert:v1:rm_area:<id>``: stop following an area."""
    if not await unsubscribe(context.db, press.chat_id, "area", press.payload.area_id):
        await answer_stale(update, context)
        return
    await press.query.answer()
    await _refresh(update, context, press.chat_id)


async def _answer(asked: Asked, context: DaleelContext) -> None:
    await show_alerts(asked.chat_id, context)


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("alerts", alerts_command, private))
    app.add_handler(CommandHandler("stop", stop_command, private))
    buttons.on(app, AlertsHome, _on_home)
    buttons.on(app, CampAlerts, _on_camp)
    buttons.on(app, FoodAlerts, _on_food)
    buttons.on(app, PickCamp, _on_pick_camp)
    buttons.on(app, FollowArea, _on_follow)
    buttons.on(app, Unfollow, _on_unfollow)
    app.bot_data.routes.add("alerts", _answer)  # typed questions
