"""The food screen when nothing is to come for the resident: said for their sector (not
the whole camp, when another sector has a round), with the camp's other rounds and the
last round that took place, so "nothing planned" is never read as "nothing at all"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.camps.reminders import days_until
from bot.i18n.catalogues import Markup, Translator
from bot.storage.camps import Sector
from bot.storage.services_food import Distribution

__all__ = ["quiet_blocks", "upcoming_line"]


def upcoming_line(tr: Translator, d: Distribution, today: date) -> str:
    """One round of a list: its date, and its sector or what happened to it."""
    when = Markup(days_until(tr, d.date, today))
    if d.status == "postponed":
        return tr.gettext("• {date} ({when}): postponed", date=tr.date(d.date), when=when)
    if d.status == "cancelled":
        return tr.gettext("• {date} ({when}): cancelled", date=tr.date(d.date), when=when)
    if d.sector_code is None:
        return tr.gettext("• {date} ({when}): the whole camp", date=tr.date(d.date), when=when)
    return tr.gettext(
        "• {date} ({when}): sector {sector}", date=tr.date(d.date), when=when, sector=d.sector_code
    )


def quiet_blocks(
    tr: Translator,
    sector: Sector | None,
    others: Sequence[Distribution],
    last: Distribution | None,
    today: date,
) -> list[str]:
    """Nothing planned for the sector (or camp); the other sectors' rounds; the last one."""
    if sector is None:
        blocks = [
            tr.gettext(
                "No food distribution is planned for your camp at the moment. "
                "When one is announced, you will find it here."
            )
        ]
    else:
        blocks = [
            tr.gettext(
                "No food distribution is planned for sector {sector} at the moment. "
                "When one is announced, you will find it here.",
                sector=sector.code,
            )
        ]
    if others:
        lines = [tr.gettext("<b>Other sectors of the camp</b>")]
        lines.extend(upcoming_line(tr, d, today) for d in others)
        blocks.append("\n".join(lines))
    if last is not None:
        blocks.append(
            tr.gettext("The last distribution took place on {date}.", date=tr.date(last.date))
        )
    return blocks
