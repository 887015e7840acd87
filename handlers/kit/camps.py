"""The camp picker, which any feature shows when it needs the resident's camp first.

Governorate → camp → sector (optional), by buttons; or the camps a typed name matched
(:func:`bot.camps.names.find_camps`), offered with :func:`offer_camps`. The buttons carry
where the resident was going ("camp:v1:set:<camp_id>:food"); the camp feature
(``handlers.camp.choose``) handles them and, once the camp is set, hands over to whoever
answers that need (:mod:`handlers.kit.routes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from telegram import Update

from bot.camps.names import MAX_OFFERED, camp_name
from bot.i18n.catalogues import N_, Translator, pick
from bot.storage.areas import area_children
from bot.storage.camps import Camp, Sector, get_camp, list_camps
from bot.storage.services_food import ResidentCamp, resident_camp
from bot.text.fold import fold
from handlers.kit.context import DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.payloads import Payload
from handlers.kit.screens import send_language_menu
from handlers.kit.ui import BACK, MAIN_MENU, Screen, button_label, present

__all__ = [
    "INTENTS",
    "NO_GOVERNORATE",
    "CampHome",
    "CampMenu",
    "Intent",
    "PickCamp",
    "PickGovernorate",
    "PickSector",
    "ask_camp",
    "camp_asked",
    "camp_or_ask",
    "camps_screen",
    "intent",
    "my_camp",
    "offer_camps",
    "sector_screen",
]

# Where to go once the camp is chosen: the main menu, the services or the food screen.
Intent = Literal["menu", "svc", "food"]
INTENTS: tuple[Intent, ...] = ("menu", "svc", "food")
NO_GOVERNORATE = "none"
# user_data: the picker asked this resident for their camp — where they were going, the camp
# they had then, and when. A name typed next is looked up among camps first.
_ASKED = "camp:asked"
_ASKED_FOR = timedelta(minutes=30)


# --- the picker's buttons (handled by ``handlers.camp.choose``) ---------------------------


@dataclass(frozen=True)
class CampMenu(Payload, feature="camp", action="menu"):
    """The main menu, in place of the picker."""


@dataclass(frozen=True)
class CampHome(Payload, feature="camp", action="home"):
    """The governorates; ``then`` is where the resident goes once the camp is chosen."""

    then: Intent = "menu"


@dataclass(frozen=True)
class PickGovernorate(Payload, feature="camp", action="gov"):
    """The camps of one governorate (or :data:`NO_GOVERNORATE`: those in none)."""

    pcode: str
    then: Intent = "menu"


@dataclass(frozen=True)
class PickCamp(Payload, feature="camp", action="set"):
    """This camp; its sectors next, if it has any."""

    camp_id: int
    then: Intent = "menu"


@dataclass(frozen=True)
class PickSector(Payload, feature="camp", action="sec"):
    """This sector of the camp (0: the whole camp), the last step."""

    camp_id: int
    sector_id: int
    then: Intent = "menu"


def intent(then: str) -> Intent:
    """``then`` if it names a place to go, else the main menu."""
    return next((known for known in INTENTS if known == then), "menu")


async def _governorate_screen(
    context: DaleelContext, then: Intent, current: str | None
) -> Screen:
    tr = context.tr
    camps = await list_camps(context.db)
    governorates = {area.pcode: area for area in await area_children(context.db, None)}
    used = {camp.governorate_pcode for camp in camps}
    buttons: list[Button] = [
        (pick(area.names, tr.code) or pcode, PickGovernorate(pcode, then).encode())
        for pcode, area in governorates.items()
        if pcode in used
    ]
    buttons.sort(key=lambda button: fold(button[0]))
    if any(camp.governorate_pcode not in governorates for camp in camps):
        other = PickGovernorate(NO_GOVERNORATE, then).encode()
        buttons.append((tr.gettext("Other camps"), other))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(tr.gettext(MAIN_MENU), CampMenu().encode())])
    lines = []
    if current:
        lines.append(tr.gettext("Your camp now: {camp}.", camp=current))
    lines.append(
        tr.gettext(
            "Which camp do you live in? Choose the governorate, or type the camp's name."
        )
    )
    return Screen("\n\n".join(lines), keyboard(rows, rtl=tr.language.rtl))


def _camp_buttons(camps: Sequence[Camp], tr: Translator, then: Intent) -> list[list[Button]]:
    ordered = sorted(camps, key=lambda camp: fold(camp_name(camp, tr)))
    return [[(camp_name(camp, tr), PickCamp(camp.id, then).encode())] for camp in ordered]


async def camps_screen(context: DaleelContext, pcode: str, then: Intent) -> Screen | None:
    """The camps of one governorate (or those in none); None when there are none."""
    tr = context.tr
    camps = await list_camps(context.db)
    governorates = {area.pcode: area for area in await area_children(context.db, None)}
    if pcode == NO_GOVERNORATE:
        chosen = [camp for camp in camps if camp.governorate_pcode not in governorates]
        title = tr.gettext("Other camps")
    else:
        area = governorates.get(pcode)
        chosen = [camp for camp in camps if camp.governorate_pcode == pcode]
        if area is None or not chosen:
            return None
        title = pick(area.names, tr.code) or pcode
    if not chosen:
        return None
    rows = _camp_buttons(chosen, tr, then)
    rows.append([(tr.gettext(BACK), CampHome(then).encode())])
    return Screen(
        tr.gettext("Choose your camp in {governorate}:", governorate=title),
        keyboard(rows, rtl=tr.language.rtl),
    )


def sector_screen(
    camp: Camp, sectors: Sequence[Sector], tr: Translator, then: Intent
) -> Screen:
    """Which sector of the camp (or the whole camp, when the resident does not know)."""
    buttons: list[Button] = [
        (button_label(tr, N_("Sector {sector}"), sector=sector.code),
         PickSector(camp.id, sector.id, then).encode())
        for sector in sectors
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    whole_camp = PickSector(camp.id, 0, then).encode()
    rows.append([(tr.gettext("I don't know / the whole camp"), whole_camp)])
    rows.append([(tr.gettext(BACK), CampHome(then).encode())])
    return Screen(
        tr.gettext("Which sector of {camp} do you live in?", camp=camp_name(camp, tr)),
        keyboard(rows, rtl=tr.language.rtl),
    )


async def _current_camp_name(context: DaleelContext, chat_id: int) -> str | None:
    mine = await resident_camp(context.db, chat_id)
    camp = await get_camp(context.db, mine.camp_id) if mine and mine.camp_id else None
    return camp_name(camp, context.tr) if camp else None


@dataclass(frozen=True)
class _Asked:
    then: Intent
    camp_id: int | None  # the resident's camp when asked: once it changes, the ask is over
    at: datetime


async def _remember_asked(context: DaleelContext, chat_id: int, then: Intent) -> None:
    if context.user_data is None:
        return
    mine = await resident_camp(context.db, chat_id)
    camp_id = mine.camp_id if mine else None
    context.user_data[_ASKED] = _Asked(then, camp_id, context.state.now())


async def camp_asked(context: DaleelContext, chat_id: int) -> Intent | None:
    """Where the resident was going, if the picker just asked for their camp (and they have
    not chosen one since); forgotten once read."""
    asked = context.user_data.pop(_ASKED, None) if context.user_data is not None else None
    if not isinstance(asked, _Asked) or context.state.now() - asked.at > _ASKED_FOR:
        return None
    mine = await resident_camp(context.db, chat_id)
    return asked.then if (mine.camp_id if mine else None) == asked.camp_id else None


async def ask_camp(
    chat_id: int, context: DaleelContext, *, then: str = "menu", update: Update | None = None
) -> None:
    """Show the camp picker; ``then`` ("menu", "svc", "food") is where the resident goes after.

    Someone who has not chosen a language yet (no /start) gets the language menu first.
    """
    if context.resident is None:
        await send_language_menu(chat_id, context, first_time=True)
        return
    screen = await _governorate_screen(
        context, intent(then), await _current_camp_name(context, chat_id)
    )
    await present(chat_id, context, screen, update=update)
    await _remember_asked(context, chat_id, intent(then))


async def offer_camps(
    chat_id: int, context: DaleelContext, camps: Sequence[Camp], *, then: str = "menu"
) -> None:
    """Buttons for the camps a typed name matched; the picker when it matched none."""
    if not camps or context.resident is None:
        await ask_camp(chat_id, context, then=then)
        return
    tr = context.tr
    going = intent(then)
    rows = _camp_buttons(camps[:MAX_OFFERED], tr, going)
    rows.append([(tr.gettext("Another camp"), CampHome(going).encode())])
    await context.bot.send_message(
        chat_id,
        tr.gettext("Which of these is your camp?"),
        reply_markup=keyboard(rows, rtl=tr.language.rtl),
    )
    await _remember_asked(context, chat_id, going)


async def camp_or_ask(
    chat_id: int, context: DaleelContext, *, then: str, update: Update | None = None
) -> tuple[Camp, ResidentCamp] | None:
    """The resident's camp; else the language menu (no resident) or the camp picker, with
    ``then`` where they go after choosing, and None."""
    if context.resident is None:
        await send_language_menu(chat_id, context, first_time=True)
        return None
    mine = await my_camp(context, chat_id)
    if mine is None:
        await ask_camp(chat_id, context, then=then, update=update)
    return mine


async def my_camp(context: DaleelContext, chat_id: int) -> tuple[Camp, ResidentCamp] | None:
    """The resident's camp, if they chose one that still exists."""
    mine = await resident_camp(context.db, chat_id)
    if mine is None or mine.camp_id is None:
        return None
    camp = await get_camp(context.db, mine.camp_id)
    return None if camp is None else (camp, mine)
