"""The words staff read about an announcement anywhere: its audience, priority and timing.

Shown by ``/announce`` (the draft and its confirmation) and ``/schedules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from bot.announcements.rules import Rule
from bot.domain.languages import language
from bot.i18n.catalogues import N_, Markup, Translator, pick
from bot.safety.labels import area_label
from bot.storage.audiences import Audience, get_sector
from bot.storage.camps import get_camp
from handlers.kit.context import DaleelContext

__all__ = ["describe_audience", "describe_priority", "describe_rule", "weekday_names"]

_PRIORITIES: Mapping[str, str] = MappingProxyType({
    "urgent": N_("🚨 Urgent safety alert"),
    "routine": N_("📢 Routine announcement"),
})


def describe_priority(tr: Translator, priority: str | None) -> str:
    return tr.gettext(_PRIORITIES.get(priority or "routine", _PRIORITIES["routine"]))


async def describe_audience(context: DaleelContext, audience: Audience | None) -> str:
    """One line, as HTML (names escaped): who the announcement is for."""
    tr, db = context.tr, context.db
    if audience is None or audience.kind == "everyone":
        return tr.gettext("Audience: everyone")
    if audience.kind == "language":
        return tr.gettext(
            "Audience: readers of {language}", language=language(str(audience.ref)).native_name
        )
    ref = audience.ref if isinstance(audience.ref, int) else 0
    if audience.kind == "camp":
        camp = await get_camp(db, ref)
        name = (pick(camp.names, tr.code) or camp.code) if camp else "?"
        return tr.gettext("Audience: the residents of {camp}", camp=name)
    if audience.kind == "sector":
        sector = await get_sector(db, ref)
        camp = await get_camp(db, sector.camp_id) if sector else None
        if camp is None or sector is None:
            return tr.gettext("Audience: a sector that no longer exists")
        return tr.gettext(
            "Audience: sector {sector} of {camp}",
            sector=sector.code,
            camp=pick(camp.names, tr.code) or camp.code,
        )
    label = await area_label(db, tr, ref)
    if label is None:
        return tr.gettext("Audience: an area that no longer exists")
    return tr.gettext("Audience: those following {area} or a place in it", area=Markup(label))


def weekday_names(tr: Translator) -> dict[int, str]:
    """0 = Monday … 6 = Sunday, in the reader's language."""
    return {day: tr.weekday(day) for day in range(7)}


def describe_rule(tr: Translator, rule: Rule) -> str:
    """When a schedule goes out, in camp time (HTML)."""
    at = tr.time(rule.at)
    if rule.kind == "once" and rule.on_date is not None:
        return tr.gettext("Once, on {date} at {time}", date=tr.date(rule.on_date), time=at)
    if rule.kind == "daily":
        return tr.gettext("Every day at {time}", time=at)
    if rule.kind == "weekly":
        names = weekday_names(tr)
        days = tr.gettext(", ").join(names[d] for d in sorted(rule.weekdays))
        return tr.gettext("Every week on {days} at {time}", days=days, time=at)
    return tr.gettext("Every month on day {day} at {time}", day=rule.month_day or 1, time=at)
