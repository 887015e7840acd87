"""What an area's safety status means for a resident, and how the answer reads.

Pure: no database, no Telegram. The handler loads the area, its ancestors, its current
status and what is known inside it (:mod:`bot.safety.summary`), and this module turns
them into one HTML answer in the reader's language.

The rule this module exists to keep: a place is never presented as fit to return to unless
an authority said so, with the date and the authority shown. Anything missing, unknown or
malformed reads as "no information", which says in so many words that it does NOT mean
safe; and every answer ends with the risk-education message. An area with places inside
it summarises them first, so "no information" about a sub-district never hides a
dangerous village in it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.domain.statuses import NO_INFORMATION, RETURN_STATUSES, STATUSES
from bot.i18n.catalogues import N_, Markup, Translator, pick
from bot.safety.notes import notes_line
from bot.safety.sources import Source, source_name
from bot.safety.summary import Inside
from bot.storage.areas import Area

__all__ = [
    "RISK_EDUCATION",
    "Place",
    "StatusLike",
    "age_in_days",
    "area_name",
    "button_label",
    "effective_status",
    "is_stale",
    "level_label",
    "may_return",
    "place_of",
    "render_answer",
    "shorten",
]

# Longest data values shown: an operator's note or a name must not crowd out the warnings.
_MAX_NAME = 60
_MAX_SOURCE = 120
_MAX_NOTE = 600
_MAX_BUTTON = 60

# One whole sentence per status: translators see each status as a unit.
_HEADLINE: dict[str, str] = {
    NO_INFORMATION: N_(
        "❔ <b>No information.</b> We have no information about this area. "
        "That does NOT mean it is safe."
    ),
    "unknown": N_(
        "❔ <b>Status unknown.</b> The authorities have no clear information about this area "
        "yet. That does NOT mean it is safe."
    ),
    "suspected": N_(
        "⚠️ <b>Suspected danger.</b> Explosive hazards (mines, booby-traps or unexploded "
        "bombs) are suspected in this area."
    ),
    "confirmed": N_(
        "⛔ <b>Confirmed danger.</b> A survey confirmed explosive hazards in this area."
    ),
    "in_progress": N_(
        "🚧 <b>Clearance in progress.</b> Teams are working to remove explosive hazards "
        "in this area."
    ),
    # TRANSLATORS: {source} is the mine action authority or organisation, {date} a date.
    "cleared": N_("🔷 <b>Cleared.</b> {source} cleared this area on {date}."),
    "cancelled": N_(
        "🔷 <b>Surveyed: no hazards found.</b> {source} surveyed this area on {date}, "
        "found no evidence of explosive hazards and released the land."
    ),
}

_MEANING: dict[str, str] = {
    NO_INFORMATION: N_(
        "Do not go back until a mine action authority has checked the area. "
        "Ask the camp management for advice."
    ),
    "unknown": N_(
        "Do not go back until a mine action authority has checked the area. "
        "Ask the camp management for advice."
    ),
    "suspected": N_("Do not go there. The area has not been cleared."),
    "confirmed": N_("Do not go there. Wait until the area has been cleared."),
    "in_progress": N_("Do not enter the area while the teams are working. It is not cleared yet."),
    "cleared": N_(
        "The authority says people can return. Some danger can still remain: stay on roads "
        "and paths that people already use."
    ),
    "cancelled": N_(
        "The authority says people can return. Some danger can still remain: stay on roads "
        "and paths that people already use."
    ),
}

# What is known inside an area (a sub-district's towns and villages), headlined by the
# strongest warning among them.
_DANGER_INSIDE: dict[str, str] = {
    "confirmed": N_(
        "⛔ <b>Confirmed danger inside this area.</b> A survey confirmed explosive hazards "
        "in places inside it."
    ),
    "in_progress": N_(
        "🚧 <b>Clearance in progress inside this area.</b> Teams are working to remove "
        "explosive hazards in places inside it."
    ),
    "suspected": N_(
        "⚠️ <b>Suspected danger inside this area.</b> Explosive hazards are suspected in "
        "places inside it."
    ),
}
# Short names of the statuses, for counts and lists.
_STATUS_NAME: dict[str, str] = {
    "confirmed": N_("⛔ confirmed danger"),
    "in_progress": N_("🚧 clearance in progress"),
    "suspected": N_("⚠️ suspected danger"),
    "unknown": N_("❔ status unknown"),
    NO_INFORMATION: N_("❔ no information"),
    "cleared": N_("🔷 cleared"),
    "cancelled": N_("🔷 surveyed, no hazards found"),
}
# TRANSLATORS: {counts} is a list such as "⛔ confirmed danger: 1 · ❔ no information: 40".
_COUNTS = N_("<b>Places inside:</b> {counts}")
_WITH_DANGER = N_("<b>Places with danger:</b>")
# TRANSLATORS: one place with danger: "Safina (village) — ⛔ confirmed danger, <date>, <source>".
_DANGER_PLACE = N_("• {place} — {status}, {date}, {source}")
_MORE_DANGER = N_("More places with danger: {n}")
_ITSELF = N_("<b>The area as a whole:</b>")

_UPDATED = N_("🗓️ Updated {date} by {source}.")
_DEMO = N_("🧪 <b>Demo data — not real information.</b>")
_PLACE = N_("📍 <b>{place}</b>")

RISK_EDUCATION = N_(
    "<b>Stay safe:</b>\n"
    "• Do not enter marked or suspected areas.\n"
    "• Do not touch, move or pick up unknown objects.\n"
    "• If you see one: mark the place from a distance if you can, go back the way you "
    "came, and tell the police or the mine action authorities."
)

# A place as residents tell places apart: its kind and the place it belongs to.
# TRANSLATORS: {parent} is the larger place it belongs to: "Qayyarah (town) — Mosul".
_WITH_PARENT: dict[str, str] = {
    "governorate": N_("{name} (governorate) — {parent}"),
    "district": N_("{name} (district) — {parent}"),
    "subdistrict": N_("{name} (sub-district) — {parent}"),
    "town": N_("{name} (town) — {parent}"),
    "village": N_("{name} (village) — {parent}"),
}
_ALONE: dict[str, str] = {
    "governorate": N_("{name} (governorate)"),
    "district": N_("{name} (district)"),
    "subdistrict": N_("{name} (sub-district)"),
    "town": N_("{name} (town)"),
    "village": N_("{name} (village)"),
}


class StatusLike(Protocol):
    """What the answer needs from a status row (``bot.storage.areas.AreaStatus``)."""

    @property
    def status(self) -> str: ...

    @property
    def status_date(self) -> date: ...

    @property
    def source(self) -> str: ...

    @property
    def note(self) -> str | None: ...  # a note whose language was not stated

    @property
    def notes(self) -> Mapping[str, str]: ...  # the note per language

    @property
    def demo(self) -> bool: ...


@dataclass(frozen=True)
class Place:
    """An area as shown to one reader: its name, kind and the place it belongs to."""

    name: str
    level: str
    parent: str | None
    demo: bool = False


def shorten(text: str, limit: int) -> str:
    """Cut plain text to ``limit`` characters with an ellipsis (before escaping)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def area_name(area: Area, code: str) -> str:
    """The area's name in the reader's language, or the next one they likely read."""
    return shorten(pick(area.names, code) or area.pcode, _MAX_NAME)


def place_of(area: Area, ancestors: Sequence[Area], code: str) -> Place:
    """The nearest ancestor whose name differs names the parent: the town of Qayyarah sits
    in the sub-district of the same name, so "Mosul" is what tells the two apart."""
    name = area_name(area, code)
    parent = next(
        (label for a in ancestors if (label := area_name(a, code)) != name), None
    )
    return Place(name=name, level=area.level, parent=parent, demo=area.demo)


def level_label(tr: Translator, place: Place) -> str:
    """"Qayyarah (town) — Mosul", as HTML (values escaped)."""
    level = place.level if place.level in _ALONE else "village"
    name = shorten(place.name, _MAX_NAME)
    if place.parent:
        parent = shorten(place.parent, _MAX_NAME)
        return tr.gettext(_WITH_PARENT[level], name=name, parent=parent)
    return tr.gettext(_ALONE[level], name=name)


def button_label(text: str) -> str:
    """Button texts are not parsed as HTML: undo the escaping a rendered text carries."""
    return shorten(html.unescape(text), _MAX_BUTTON)


def effective_status(record: StatusLike | None) -> str:
    """The status the resident is told. Without a known status and a named source there
    is nothing an authority said, so it is "no information" — never anything better."""
    if record is None or record.status not in STATUSES:
        return NO_INFORMATION
    if not (record.source or "").strip():
        return NO_INFORMATION
    return record.status


def may_return(record: StatusLike | None) -> bool:
    """True only when an authority, named, released the land (cleared or cancelled)."""
    return effective_status(record) in RETURN_STATUSES


def age_in_days(status_date: date, today: date) -> int:
    return (today - status_date).days


def is_stale(status_date: date, today: date, stale_after_days: int) -> bool:
    """Older than ``stale_after_days`` days: exactly that many days old is still current."""
    return age_in_days(status_date, today) > stale_after_days


def _name(tr: Translator, status: str) -> str:
    """A status's short name, as HTML."""
    return html.escape(tr.gettext(_STATUS_NAME.get(status, _STATUS_NAME[NO_INFORMATION])),
                       quote=False)


def _inside_lines(tr: Translator, inside: Inside, sources: Sequence[Source]) -> list[str]:
    """The summary of the places inside: the strongest danger, counts, places with danger."""
    lines: list[str] = []
    if inside.danger:
        lines.append(tr.gettext(_DANGER_INSIDE[inside.worst]))
    counts = " · ".join(
        f"{_name(tr, status)}: {tr.value(n)}" for status, n in inside.counts.items() if n
    )
    lines.append(tr.gettext(_COUNTS, counts=Markup(counts)))
    if inside.dangerous:
        lines.append(tr.gettext(_WITH_DANGER))
        for found in inside.dangerous:
            record = found.status
            lines.append(tr.gettext(
                _DANGER_PLACE,
                place=Markup(level_label(tr, Place(area_name(found.area, tr.code),
                                                   found.area.level, None))),
                status=Markup(_name(tr, record.status)),
                date=record.status_date,
                source=shorten(source_name(record.source, tr.code, sources), _MAX_SOURCE),
            ))
        if inside.more_dangerous > 0:
            lines.append(tr.gettext(_MORE_DANGER, n=inside.more_dangerous))
    return lines


def render_answer(
    tr: Translator,
    place: Place,
    record: StatusLike | None,
    *,
    today: date,
    stale_after_days: int,
    inside: Inside | None = None,
    sources: Sequence[Source] = (),
) -> str:
    """The whole answer about one area, as HTML, well under Telegram's 4096 characters.

    With ``inside`` (what is known about the places in it), those come first: the danger
    inside is the headline whenever the area itself has no information."""
    status = effective_status(record)
    summary = inside if inside is not None and inside.known else None
    lines: list[str] = []
    if place.demo or (record is not None and record.demo) or (summary and summary.demo):
        lines.append(tr.gettext(_DEMO))
    lines.append(tr.gettext(_PLACE, place=Markup(level_label(tr, place))))
    if summary is not None:
        lines.extend(_inside_lines(tr, summary, sources))
        lines.append("")
    if record is None or status == NO_INFORMATION:
        if summary is not None and summary.danger:
            # Never "no information" under a known danger: what the danger means instead.
            lines.append(tr.gettext(_MEANING[summary.worst]))
        else:
            lines.append(tr.gettext(_HEADLINE[NO_INFORMATION]))
            lines.append(tr.gettext(_MEANING[NO_INFORMATION]))
    else:
        if summary is not None:
            lines.append(tr.gettext(_ITSELF))
        source = shorten(source_name(record.source, tr.code, sources), _MAX_SOURCE)
        lines.append(tr.gettext(_HEADLINE[status], source=source, date=record.status_date))
        lines.append(tr.gettext(_MEANING[status]))
        lines.append(tr.gettext(_UPDATED, date=record.status_date, source=source))
        note = notes_line(tr, record.note, record.notes, lambda text: shorten(text, _MAX_NOTE))
        if note is not None:
            lines.append(note)
        if is_stale(record.status_date, today, stale_after_days):
            lines.append(
                # TRANSLATORS: {n} is the number of days since the authority's assessment.
                tr.ngettext(
                    "⚠️ <b>Warning:</b> this information is {n} day old and may be out of date.",
                    "⚠️ <b>Warning:</b> this information is {n} days old and may be out of date.",
                    age_in_days(record.status_date, today),
                )
            )
    lines.append("")
    lines.append(tr.gettext(RISK_EDUCATION))
    return "\n".join(lines)
