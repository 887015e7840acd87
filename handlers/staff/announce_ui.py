"""The announcement conversation's screens and the moves between its steps.

A screen is one message (text and buttons) for a draft at one step; :func:`move` stores
the next step (and any answer) and shows its screen, editing the pressed message or, after
a typed answer, sending a new one. :func:`remember` keeps the ``user_data`` flag that lets
the author's next text reach the draft (only while a step waits for typed text).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

from telegram import Update

from bot.announcements.texts import Rendered
from bot.domain.announcements import AudienceKind
from bot.domain.languages import LANGUAGES, language
from bot.i18n.catalogues import N_, Translator, pick
from bot.storage.announcements import Announcement, update_draft
from bot.storage.camps import Camp
from handlers.kit.buttons import answer_stale
from handlers.kit.context import DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.ui import Screen, present
from handlers.staff.announce_payloads import (
    CampPage,
    ChooseAudience,
    ChooseCamp,
    ChooseKind,
    ChooseLanguage,
    ChooseMode,
    ChoosePriority,
    DaysDone,
    Discard,
    SkipLanguage,
    ToggleDay,
)
from handlers.staff.describe import weekday_names

__all__ = [
    "AREA_CHOICES",
    "CAMPS_PER_PAGE",
    "CANCEL",
    "WAITING",
    "ask_time_screen",
    "audience_screen",
    "build_screen",
    "camp_label",
    "camps_screen",
    "cancel_row",
    "example_datetime",
    "forget",
    "language_lengths",
    "language_screen",
    "mode_screen",
    "move",
    "priority_screen",
    "remember",
    "show",
    "stale_draft",
    "text_screen",
    "waits_for_text",
    "weekly_screen",
    "when_screen",
]

WAITING = "announce:draft"  # user_data key: the draft waiting for a typed answer
CAMPS_PER_PAGE = 12
AREA_CHOICES = 5
CANCEL = N_("✖️ Cancel")
TEXT_STEPS = ("text:", "weekly_time:")
TYPED = frozenset({"area", "camp", "camp_sector", "once", "daily", "monthly"})


def waits_for_text(step: str) -> bool:
    """Does this step wait for a typed answer?"""
    return step in TYPED or step.startswith(TEXT_STEPS)


def _id(draft: Announcement | int) -> int:
    return draft if isinstance(draft, int) else draft.id


def cancel_row(tr: Translator, draft: Announcement | int) -> list[Button]:
    return [(tr.gettext(CANCEL), Discard(_id(draft)).encode())]


def build_screen(tr: Translator, text: str, rows: Sequence[Sequence[Button]]) -> Screen:
    return Screen(text, keyboard(rows, rtl=tr.language.rtl) if rows else None)


def remember(context: DaleelContext, draft: Announcement) -> None:
    """Listen for the author's next text only while their draft waits for one."""
    data = context.user_data
    if data is None:
        return
    if draft.state == "draft" and waits_for_text(draft.step):
        data[WAITING] = draft.id
    else:
        data.pop(WAITING, None)


def forget(context: DaleelContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(WAITING, None)


async def show(
    update: Update, context: DaleelContext, draft: Announcement, screen: Screen
) -> None:
    """Edit the pressed message into the next step, or send it after a typed answer."""
    remember(context, draft)
    chat = update.effective_chat
    if chat is not None:
        await present(chat.id, context, screen, update=update)


async def move(
    update: Update,
    context: DaleelContext,
    draft: Announcement,
    step: str,
    screen: Screen,
    **changes: object,
) -> Announcement | None:
    """Store the next step (and any answer), then show it."""
    moved = await update_draft(context.db, draft.id, step=step, **changes)  # type: ignore[arg-type]
    if moved is None:
        await stale_draft(update, context)
        return None
    await show(update, context, moved, screen)
    return moved


async def stale_draft(update: Update, context: DaleelContext) -> None:
    """The draft is gone, or not at this step: stop listening for its texts and say so (a
    press gets the kit's answer to a stale button)."""
    forget(context)
    if update.callback_query is not None:
        await answer_stale(update, context)
    elif update.effective_chat is not None:
        await context.bot.send_message(
            update.effective_chat.id,
            context.tr.gettext(
                "That announcement is no longer being written. Send /announce to start again."
            ),
        )


def mode_screen(tr: Translator, draft: Announcement) -> Screen:
    return build_screen(
        tr,
        tr.gettext(
            "<b>New announcement</b>\n\nWill you write one text for every language, or one "
            "text for each language?"
        ),
        [
            [(tr.gettext("One text for all languages"), ChooseMode(draft.id, "all").encode())],
            [(tr.gettext("A text for each language"), ChooseMode(draft.id, "each").encode())],
            cancel_row(tr, draft),
        ],
    )


def text_screen(tr: Translator, draft: Announcement, code: str | None) -> Screen:
    if code is None:
        return build_screen(
            tr,
            tr.gettext(
                "Send the text of the announcement. It goes out as plain text, exactly as you "
                "write it, under a heading in each reader's language."
            ),
            [cancel_row(tr, draft)],
        )
    return build_screen(
        tr,
        tr.gettext(
            "Send the text in {language}, or press Skip. Readers of a skipped language get "
            "the text they most likely read.",
            language=language(code).native_name,
        ),
        [[(tr.gettext("Skip"), SkipLanguage(draft.id, code).encode())], cancel_row(tr, draft)],
    )


def audience_screen(tr: Translator, draft: Announcement) -> Screen:
    choices: tuple[tuple[AudienceKind, str], ...] = (
        ("everyone", N_("Everyone")),
        ("camp", N_("The residents of a camp")),
        ("sector", N_("A sector of a camp")),
        ("area", N_("Those following an area")),
        ("language", N_("Readers of one language")),
    )
    rows = [
        [(tr.gettext(label), ChooseAudience(draft.id, kind).encode())] for kind, label in choices
    ]
    return build_screen(tr, tr.gettext("Who should receive it?"), [*rows, cancel_row(tr, draft)])


def camp_label(camp: Camp, tr: Translator) -> str:
    name = pick(camp.names, tr.code) or camp.code
    return name if len(name) <= 60 else name[:59] + "…"


def camps_screen(
    tr: Translator, draft: Announcement, camps: Sequence[Camp], page: int, for_sector: bool
) -> Screen:
    pages = max((len(camps) + CAMPS_PER_PAGE - 1) // CAMPS_PER_PAGE, 1)
    page = min(max(page, 0), pages - 1)
    shown = camps[page * CAMPS_PER_PAGE : (page + 1) * CAMPS_PER_PAGE]
    buttons = [(camp_label(camp, tr), ChooseCamp(draft.id, camp.id).encode()) for camp in shown]
    rows: list[list[Button]] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav: list[Button] = []
    if page > 0:
        nav.append((tr.gettext("◀️ Previous"), CampPage(draft.id, page - 1).encode()))
    if page < pages - 1:
        nav.append((tr.gettext("Next ▶️"), CampPage(draft.id, page + 1).encode()))
    question = (
        tr.gettext("The sector is in which camp? Choose it, or type its name.")
        if for_sector
        else tr.gettext("Which camp? Choose it, or type its name.")
    )
    if pages > 1:
        question += "\n" + tr.gettext("Page {page} of {pages}", page=page + 1, pages=pages)
    return build_screen(tr, question, [*rows, nav, cancel_row(tr, draft)])


def language_screen(tr: Translator, draft: Announcement) -> Screen:
    buttons = [
        (lang.native_name, ChooseLanguage(draft.id, lang.code).encode()) for lang in LANGUAGES
    ]
    return build_screen(
        tr,
        tr.gettext("Residents who read which language?"),
        [buttons[0:2], buttons[2:4], cancel_row(tr, draft)],
    )


def priority_screen(tr: Translator, draft: Announcement) -> Screen:
    return build_screen(
        tr,
        tr.gettext(
            "How urgent is it?\n\n🚨 An urgent safety alert goes before every other message "
            "and reaches everyone in the audience.\n📢 A routine announcement reaches only "
            "the residents who turned camp announcements on (for an area: those who follow it)."
        ),
        [
            [(tr.gettext("🚨 Urgent safety alert"), ChoosePriority(draft.id, "urgent").encode())],
            [(tr.gettext("📢 Routine announcement"), ChoosePriority(draft.id, "routine").encode())],
            cancel_row(tr, draft),
        ],
    )


def when_screen(tr: Translator, draft: Announcement) -> Screen:
    return build_screen(
        tr,
        tr.gettext("When should it go out? Times are camp time."),
        [
            [(tr.gettext("Once, at a date and time"), ChooseKind(draft.id, "once").encode())],
            [(tr.gettext("Every day"), ChooseKind(draft.id, "daily").encode())],
            [(tr.gettext("Every week"), ChooseKind(draft.id, "weekly").encode())],
            [(tr.gettext("Every month"), ChooseKind(draft.id, "monthly").encode())],
            cancel_row(tr, draft),
        ],
    )


def weekly_screen(tr: Translator, draft: Announcement, mask: int, *, warn: bool = False) -> Screen:
    names = weekday_names(tr)
    days = [
        (("✅ " if mask & (1 << day) else "") + names[day], ToggleDay(draft.id, day).encode())
        for day in range(7)
    ]
    text = tr.gettext("On which days? Press the days, then Done.")
    if warn:
        text += "\n\n" + tr.gettext("Choose at least one day.")
    return build_screen(
        tr,
        text,
        [
            days[0:4],
            days[4:7],
            [(tr.gettext("Done"), DaysDone(draft.id).encode())],
            cancel_row(tr, draft),
        ],
    )


def example_datetime(context: DaleelContext) -> str:
    """Examples of a date and time, as staff may type them, in their language."""
    tomorrow = context.state.now() + timedelta(days=1)
    return context.tr.gettext("{date} or tomorrow 09:00", date=f"{tomorrow:%Y-%m-%d} 18:00")


def example_time(tr: Translator) -> str:
    """Examples of a time of day, in the reader's language."""
    return tr.gettext("18:30 or 8pm")


def ask_time_screen(tr: Translator, draft: Announcement, kind: str, example: str) -> Screen:
    prompts = {
        "once": N_("Send the date and time, for example {example} (camp time)."),
        "daily": N_("Send the time, for example {example} (camp time)."),
        "weekly": N_("Send the time, for example {example} (camp time)."),
        "monthly": N_(
            "Send the day of the month and the time, for example {example} (camp time). In a "
            "month without that day, it goes out on the last day."
        ),
    }
    return build_screen(tr, tr.gettext(prompts[kind], example=example), [cancel_row(tr, draft)])


def language_lengths(tr: Translator, rendered: Iterable[Rendered]) -> str:
    """"العربية (4,210), English (4,150)": the languages and their lengths."""
    return tr.gettext(", ").join(
        tr.gettext(
            "{language} ({length})", language=language(r.language).native_name, length=r.length
        )
        for r in rendered
    )
