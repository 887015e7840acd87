"""Refer a case: to another camp's helpdesk (the case's camp changes and it waits in that
queue), or outside Daleel (a short text of where to, typed next: :mod:`.writing`).

A sensitive report stays with the focal points: it can only be referred outside. The
referral is audited with the case number and the camps' ids.
"""

from __future__ import annotations

from telegram import Update

from bot.access import Actor
from bot.camps.names import camp_name
from bot.storage.camps import get_camp, list_camps
from bot.storage.case_queue import Reader, refer_to_camp
from handlers.helpdesk.common import (
    CLOSED,
    NOT_YOURS,
    OpenCase,
    ReferCamp,
    ReferCase,
    ReferOutside,
    on_case_button,
    readable_case,
    say,
)
from handlers.kit.buttons import Press
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.ui import BACK, Screen, present

__all__ = ["register"]


async def refer_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[ReferCase]
) -> None:
    """Where to: every other camp (ordinary cases), or outside."""
    case = await readable_case(update, context, actor, reader, press.payload.case, writable=True)
    if case is None:
        return
    await press.query.answer()
    actor.audited = False  # choosing is a step; the referral itself is audited
    tr = context.tr
    rows: list[list[Button]] = []
    if case.topic != "sensitive":
        camps = [
            (camp_name(camp, tr), ReferCamp(case.id, camp.id).encode())
            for camp in await list_camps(context.db)
            if camp.id != case.camp_id
        ]
        rows += [camps[i : i + 2] for i in range(0, len(camps), 2)]
    rows.append([(tr.gettext("🏢 Outside Daleel (another organisation)"),
                  ReferOutside(case.id).encode())])
    rows.append([(tr.gettext(BACK), OpenCase(case.id).encode())])
    text = (
        tr.gettext(
            "Refer case {number} to the helpdesk of another camp, or outside Daleel:",
            number=case.number,
        )
        if case.topic != "sensitive"
        else tr.gettext(
            "A sensitive report stays with the protection focal points: case {number} can "
            "only be referred outside Daleel.", number=case.number,
        )
    )
    await present(press.chat_id, context, Screen(text, keyboard(rows, rtl=tr.language.rtl)),
                  update=update)


async def camp_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[ReferCamp]
) -> None:
    case = await readable_case(update, context, actor, reader, press.payload.case, writable=True)
    if case is None:
        return
    camp = await get_camp(context.db, press.payload.camp)
    if camp is None or case.topic == "sensitive" or camp.id == case.camp_id:
        actor.note(f"case {case.number} bad camp", outcome="rejected")
        await say(update, context, context.tr.gettext(NOT_YOURS if camp is None else CLOSED))
        return
    if not await refer_to_camp(context.db, case.id, camp.id, now=context.state.now()):
        actor.note(f"case {case.number} closed", outcome="rejected")
        await say(update, context, context.tr.gettext(CLOSED))
        return
    actor.note(f"case {case.number} camp {case.camp_id} to {camp.id}")
    await press.query.answer()
    tr = context.tr
    await present(press.chat_id, context, Screen(tr.gettext(
        "Case {number} now waits in the queue of the helpdesk of {camp}.",
        number=case.number, camp=camp_name(camp, tr),
    )), update=update)


def register(app: DaleelApp) -> None:
    on_case_button(app, ReferCase, refer_button, action="case.refer")
    on_case_button(app, ReferCamp, camp_button, action="case.refer")
