"""Close a case with an outcome (:data:`bot.domain.cases.OUTCOMES`), and close the loop:
the resident is told the outcome in their language and asked "Did this help?" (their
answer: :mod:`.helped`). A case closed in the meantime refuses a second closing.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.access import Actor
from bot.domain.cases import OUTCOMES, Outcome
from bot.i18n.catalogues import Translator
from bot.storage.case_queue import Reader, close_case
from handlers.helpdesk.common import (
    CLOSED,
    CloseCase,
    OpenCase,
    PickOutcome,
    on_case_button,
    readable_case,
    say,
    tell_resident,
)
from handlers.kit.buttons import Press
from handlers.kit.cases import OUTCOME_LABELS, Helped
from handlers.kit.context import DaleelApp, DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.ui import BACK, Screen, present

__all__ = ["register", "told_outcome"]


async def close_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[CloseCase]
) -> None:
    """How did it end?"""
    case = await readable_case(update, context, actor, reader, press.payload.case, writable=True)
    if case is None:
        return
    await press.query.answer()
    actor.audited = False  # choosing is a step; the closing is audited
    tr = context.tr
    rows: list[list[Button]] = [
        [(tr.gettext(OUTCOME_LABELS[outcome]), PickOutcome(case.id, outcome).encode())]
        for outcome in OUTCOMES
    ]
    rows.append([(tr.gettext(BACK), OpenCase(case.id).encode())])
    text = tr.gettext(
        "How did case {number} end? The resident is told, and asked whether it helped.",
        number=case.number,
    )
    await present(press.chat_id, context, Screen(text, keyboard(rows, rtl=tr.language.rtl)),
                  update=update)


async def outcome_button(
    update: Update, context: DaleelContext, actor: Actor, reader: Reader, press: Press[PickOutcome]
) -> None:
    case = await readable_case(update, context, actor, reader, press.payload.case, writable=True)
    if case is None:
        return
    outcome = press.payload.outcome
    if not await close_case(context.db, case.id, outcome, now=context.state.now()):
        actor.note(f"case {case.number} closed", outcome="rejected")
        await say(update, context, context.tr.gettext(CLOSED))
        return

    def told(tr: Translator) -> str:
        return told_outcome(tr, case.number, outcome)

    def helped(tr: Translator) -> InlineKeyboardMarkup:
        return keyboard([[
            (tr.gettext("👍 Yes"), Helped(case.id, "yes").encode()),
            (tr.gettext("👎 No"), Helped(case.id, "no").encode()),
        ]], rtl=tr.language.rtl)

    delivered = await tell_resident(context, case, told, helped)
    actor.note(f"case {case.number} outcome {outcome} told {delivered}")
    await press.query.answer()
    tr = context.tr
    text = (
        tr.gettext("Case {number} is closed; the resident was told.", number=case.number)
        if delivered else tr.gettext(
            "Case {number} is closed. The resident could not be told: they blocked Daleel "
            "or erased their data.", number=case.number,
        )
    )
    await present(press.chat_id, context, Screen(text), update=update)


def told_outcome(tr: Translator, number: str, outcome: Outcome) -> str:
    """What the resident reads when their case is closed (whole sentences per outcome)."""
    if outcome == "resolved":
        text = tr.gettext("Your case {number} is closed: it was resolved.", number=number)
    elif outcome == "referred":
        text = tr.gettext(
            "Your case {number} is closed: it was passed on to an organisation that can help "
            "you.", number=number,
        )
    elif outcome == "not_possible":
        text = tr.gettext(
            "Your case {number} is closed: we are sorry, what you asked for was not possible.",
            number=number,
        )
    elif outcome == "no_response":
        text = tr.gettext(
            "Your case {number} is closed because we did not hear back from you.",
            number=number,
        )
    else:
        text = tr.gettext(
            "Your case {number} is closed: the same matter is followed in another case.",
            number=number,
        )
    return text + "\n\n" + tr.gettext("Did this help?")


def register(app: DaleelApp) -> None:
    on_case_button(app, CloseCase, close_button, action="case.close")
    on_case_button(app, PickOutcome, outcome_button, action="case.close")
