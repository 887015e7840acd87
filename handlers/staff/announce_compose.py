"""Composing an announcement: its texts (one for all languages, or one per language),
its audience (everyone, a camp, a sector, an area's followers, one language's readers) and
its priority. Each step re-reads the draft; typed texts too long for Telegram under any
heading are refused at once, naming the language."""

from __future__ import annotations

from telegram import Update

from bot.access import Actor
from bot.announcements.texts import MESSAGE_LIMIT, Rendered, render_all, too_long
from bot.camps.names import match_camps
from bot.domain.announcements import PRIORITIES
from bot.domain.languages import LANGUAGES
from bot.safety.answers import button_label
from bot.safety.labels import area_label
from bot.storage.announcements import ALL_LANGUAGES, Announcement
from bot.storage.areas import get_area
from bot.storage.audiences import Audience, camps_with_sectors
from bot.storage.camps import camp_sectors, get_camp, list_camps
from handlers.kit.context import DaleelContext
from handlers.kit.keyboards import Button, keyboard
from handlers.kit.ui import Screen
from handlers.staff.announce_payloads import (
    CampPage,
    ChooseArea,
    ChooseAudience,
    ChooseCamp,
    ChooseLanguage,
    ChooseMode,
    ChoosePriority,
    ChooseSector,
    SkipLanguage,
)
from handlers.staff.announce_send import preview
from handlers.staff.announce_ui import (
    AREA_CHOICES,
    audience_screen,
    build_screen,
    camp_label,
    camps_screen,
    cancel_row,
    language_lengths,
    language_screen,
    move,
    priority_screen,
    stale_draft,
    text_screen,
)
from handlers.staff.describe import describe_priority

__all__ = [
    "got_area_name",
    "got_camp_name",
    "got_text",
    "on_area",
    "on_audience",
    "on_camp",
    "on_camp_page",
    "on_language",
    "on_mode",
    "on_priority",
    "on_sector",
    "on_skip",
]


def _next_language(after: str | None) -> str | None:
    codes = [lang.code for lang in LANGUAGES]
    index = -1 if after is None else codes.index(after)
    return codes[index + 1] if index + 1 < len(codes) else None


async def _too_long_now(
    update: Update, context: DaleelContext, texts: dict[str, str]
) -> bool:
    """Refuse at once a text that cannot fit under either heading, naming the language."""
    catalogues = context.state.catalogues
    long: dict[str, Rendered] = {}
    for priority in PRIORITIES:
        for rendered in too_long(render_all(catalogues, texts, priority)):
            long.setdefault(rendered.language, rendered)
    if not long:
        return False
    tr, chat = context.tr, update.effective_chat
    if chat is None:
        return True
    await context.bot.send_message(
        chat.id,
        tr.gettext(
            "This text is too long in {languages}: with the heading it would be more than "
            "{limit} characters, Telegram's limit. Nothing was sent. Please send a shorter text.",
            languages=language_lengths(tr, long.values()),
            limit=MESSAGE_LIMIT,
        ),
    )
    return True


async def got_text(
    update: Update, context: DaleelContext, draft: Announcement, code: str, text: str
) -> None:
    texts = {**draft.texts, code: text}
    if await _too_long_now(update, context, texts):
        return
    await _after_text(update, context, draft, code, texts)


async def _after_text(
    update: Update,
    context: DaleelContext,
    draft: Announcement,
    code: str,
    texts: dict[str, str],
) -> None:
    """Ask for the next language's text, or move on to the audience."""
    tr = context.tr
    following = None if code == ALL_LANGUAGES else _next_language(code)
    if following is not None:
        await move(
            update, context, draft, f"text:{following}", text_screen(tr, draft, following),
            texts=texts,
        )
        return
    if not any(texts.values()):
        first = LANGUAGES[0].code
        screen = text_screen(tr, draft, first)
        screen = Screen(
            tr.gettext("Please write the announcement in at least one language.") + "\n\n"
            + screen.text,
            screen.markup,
        )
        await move(update, context, draft, f"text:{first}", screen, texts={})
        return
    await move(update, context, draft, "audience", audience_screen(tr, draft), texts=texts)


async def got_area_name(
    update: Update, context: DaleelContext, draft: Announcement, text: str
) -> None:
    tr = context.tr
    matches = context.state.places.search(text[:200], limit=AREA_CHOICES * 3)
    rows: list[list[Button]] = []
    seen: set[int] = set()
    for match in matches:
        if len(rows) == AREA_CHOICES or match.area_id in seen:
            continue
        seen.add(match.area_id)
        area = await get_area(context.db, match.area_id)
        if area is None:
            continue
        label = await area_label(context.db, tr, area)
        rows.append([(button_label(label), ChooseArea(draft.id, area.id).encode())])
    chat = update.effective_chat
    if chat is None:
        return
    if not rows:
        await context.bot.send_message(
            chat.id,
            tr.gettext("I found no area with that name. Try another spelling."),
            reply_markup=keyboard([cancel_row(tr, draft)], rtl=tr.language.rtl),
        )
        return
    await context.bot.send_message(
        chat.id,
        tr.gettext("Which area? Or send another name."),
        reply_markup=keyboard([*rows, cancel_row(tr, draft)], rtl=tr.language.rtl),
    )


async def got_camp_name(
    update: Update, context: DaleelContext, draft: Announcement, text: str
) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    camps = await list_camps(context.db)
    if draft.step == "camp_sector":
        with_sectors = await camps_with_sectors(context.db)
        camps = [camp for camp in camps if camp.id in with_sectors]
    found = match_camps(text[:200], camps)[:AREA_CHOICES]
    rows = [[(camp_label(camp, tr), ChooseCamp(draft.id, camp.id).encode())] for camp in found]
    question = (
        tr.gettext("Which camp? Or type another name.")
        if found
        else tr.gettext("I found no camp with that name. Try another spelling.")
    )
    markup = keyboard([*rows, cancel_row(tr, draft)], rtl=tr.language.rtl)
    await context.bot.send_message(chat.id, question, reply_markup=markup)


async def on_mode(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ChooseMode,
) -> None:
    tr = context.tr
    if press.mode == "all":
        await move(update, context, draft, f"text:{ALL_LANGUAGES}", text_screen(tr, draft, None),
                    mode="all", texts={})
    else:
        first = LANGUAGES[0].code
        await move(update, context, draft, f"text:{first}", text_screen(tr, draft, first),
                    mode="each", texts={})


async def on_skip(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: SkipLanguage,
) -> None:
    code = press.code
    if draft.step != f"text:{code}":
        await stale_draft(update, context)
        return
    texts = {k: v for k, v in draft.texts.items() if k != code}
    await _after_text(update, context, draft, code, texts)


async def on_audience(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ChooseAudience,
) -> None:
    kind = press.kind
    tr = context.tr
    if kind == "everyone":
        await move(update, context, draft, "priority", priority_screen(tr, draft),
                    audience=Audience("everyone"))
    elif kind in ("camp", "sector"):
        await _show_camps(update, context, draft, 0, for_sector=kind == "sector")
    elif kind == "area":
        screen = build_screen(
            tr,
            tr.gettext(
                "Send the name of the area: a village, a town, a district or a governorate. "
                "Residents who follow it, or a place in it, will receive the announcement."
            ),
            [cancel_row(tr, draft)],
        )
        await move(update, context, draft, "area", screen)
    else:
        await move(update, context, draft, "language", language_screen(tr, draft))


async def _show_camps(
    update: Update, context: DaleelContext, draft: Announcement, page: int, *, for_sector: bool
) -> None:
    camps = await list_camps(context.db)
    if for_sector:
        with_sectors = await camps_with_sectors(context.db)
        camps = [camp for camp in camps if camp.id in with_sectors]
    step = "camp_sector" if for_sector else "camp"
    screen = camps_screen(context.tr, draft, camps, page, for_sector)
    await move(update, context, draft, step, screen)


async def on_camp_page(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: CampPage,
) -> None:
    await _show_camps(update, context, draft, press.page, for_sector=draft.step == "camp_sector")


async def on_camp(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ChooseCamp,
) -> None:
    camp = await get_camp(context.db, press.camp_id)
    if camp is None:
        await stale_draft(update, context)
        return
    tr = context.tr
    if draft.step == "camp":
        await move(update, context, draft, "priority", priority_screen(tr, draft),
                    audience=Audience("camp", camp.id))
        return
    sectors = await camp_sectors(context.db, camp.id)
    if not sectors:
        await stale_draft(update, context)
        return
    buttons = [(sector.code, ChooseSector(draft.id, sector.id).encode()) for sector in sectors]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    screen = build_screen(
        tr,
        tr.gettext("Which sector of {camp}?", camp=camp_label(camp, tr)),
        [*rows, cancel_row(tr, draft)],
    )
    await move(update, context, draft, f"sector:{camp.id}", screen)


async def on_sector(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ChooseSector,
) -> None:
    sector_id = press.sector_id
    camp_id = int(draft.step.removeprefix("sector:") or 0)
    sectors = await camp_sectors(context.db, camp_id)
    if sector_id not in {s.id for s in sectors}:
        await stale_draft(update, context)
        return
    await move(update, context, draft, "priority", priority_screen(context.tr, draft),
                audience=Audience("sector", sector_id))


async def on_area(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ChooseArea,
) -> None:
    area = await get_area(context.db, press.area_id)
    if area is None:
        await stale_draft(update, context)
        return
    await move(update, context, draft, "priority", priority_screen(context.tr, draft),
                audience=Audience("area", area.id))


async def on_language(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ChooseLanguage,
) -> None:
    code = press.code
    if code not in {lang.code for lang in LANGUAGES}:
        await stale_draft(update, context)
        return
    await move(update, context, draft, "priority", priority_screen(context.tr, draft),
                audience=Audience("language", code))


async def on_priority(
    update: Update, context: DaleelContext, actor: Actor, draft: Announcement,
    press: ChoosePriority,
) -> None:
    priority = press.priority
    tr = context.tr
    chosen = Screen(describe_priority(tr, priority))
    moved = await move(update, context, draft, "preview", chosen, priority=priority)
    if moved is not None:
        await preview(update, context, actor, moved)
