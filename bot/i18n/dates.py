"""Dates as readers in Iraqi Kurdistan write them, where Babel's (CLDR's) data does not.

One table per language and script, keyed by its BCP 47 tag; :data:`BY_LANGUAGE` says which
Daleel language uses which. Languages not in it (Arabic as ``ar_IQ``, English) keep Babel.

- **Kurmanji, Latin script** (``kmr-Latn``, Daleel's ``ku``). CLDR ``ku`` is Turkey's
  Kurmanji: rêbendan, cotmeh, mijdar, berfanbar and case endings ("25ê mijdara 2026an");
  those four names are not used in Duhok, Zakho or Sinjar. Kurmanji readers in Iraq use
  the Syriac-derived month names shared with Iraqi Arabic and Sorani, counted as in
  Arabic "first/second Tishreen, first/second Kanun" with the Badini numerals êk and du:
  Kanûna Duyê, Şubat, Adar, Nîsan, Gulan, Hezîran, Tîrmeh, Tebax, Eylûl, Çiriya Êkê,
  Çiriya Duyê, Kanûna Êkê (the form of the Kurdistan Region's own Kurmanji publications).
  We chose Êkê/Duyê over the literary Pêşîn/Paşîn of Syria's Kurmanji because they are
  what Badini speakers say and read, and Eylûl over Îlon and Şubat over Sibat because they
  match the Arabic-script forms below (ئەیلوول، شوبات) that the same readers see. Gulan,
  Tîrmeh and Tebax are Kurdish names used on both sides of the border. The date is day,
  month, year with no case endings: "25 Çiriya Duyê 2026" (an ending after a two-word
  month would have to be attached to "Duyê" and reads wrongly).
- **Kurmanji, Arabic script** (``kmr-Arab``, Badini): the same months in the Kurdish
  Arabic alphabet as written in Duhok — کانوونا دووێ … چریا ئێکێ, چریا دووێ, کانوونا
  ئێکێ (Babel has no data at all for Arabic-script Kurmanji).
- **Sorani** (``ckb-Arab``, Daleel's ``ckb``): CLDR ``ckb`` has the right names but
  spells December کانونی یەکەم (January is کانوونی دووەم) and July تەمووز; the names
  here are those of the Kurdistan Region's Sorani press and schoolbooks, with the izafe
  "25ی تشرینی دووەمی 2026" as CLDR writes it.

Weekday names are not here: they are texts of the catalogues ("Monday" …), so each
language, Badini included, has them from its translators (``Translator.weekday``).

The Badini catalogue plugs in with one line in :data:`BY_LANGUAGE`:
``"<its language code>": "kmr-Arab"``; :class:`bot.i18n.catalogues.Translator` then
formats its dates and date-times from :data:`KURMANJI_ARABIC`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from types import MappingProxyType

from babel import dates as babel_dates

__all__ = [
    "BY_LANGUAGE",
    "CALENDARS",
    "KURMANJI_ARABIC",
    "KURMANJI_LATIN",
    "SORANI",
    "Calendar",
    "calendar_for",
    "format_date",
    "format_datetime",
]


@dataclass(frozen=True, slots=True)
class Calendar:
    """How one language and script writes a date."""

    # January … December.
    months: tuple[str, ...]
    # str.format patterns with {day}, {month}, {year} and, in full, {weekday}; the digits
    # are ASCII, as Babel writes them for every language Daleel speaks.
    long: str
    full: str
    # Between the date and the time of a date-time.
    joiner: str


KURMANJI_LATIN = Calendar(
    months=(
        "Kanûna Duyê", "Şubat", "Adar", "Nîsan", "Gulan", "Hezîran",
        "Tîrmeh", "Tebax", "Eylûl", "Çiriya Êkê", "Çiriya Duyê", "Kanûna Êkê",
    ),
    long="{day} {month} {year}",
    full="{weekday}, {day} {month} {year}",
    joiner=", ",
)

KURMANJI_ARABIC = Calendar(
    months=(
        "کانوونا دووێ", "شوبات", "ئادار", "نیسان", "گولان", "حەزیران",
        "تیرمەه", "تەباخ", "ئەیلوول", "چریا ئێکێ", "چریا دووێ", "کانوونا ئێکێ",
    ),
    long="{day} {month} {year}",
    full="{weekday}، {day} {month} {year}",
    joiner="، ",
)

SORANI = Calendar(
    months=(
        "کانوونی دووەم", "شوبات", "ئازار", "نیسان", "ئایار", "حوزەیران",
        "تەممووز", "ئاب", "ئەیلوول", "تشرینی یەکەم", "تشرینی دووەم", "کانوونی یەکەم",
    ),
    long="{day}ی {month}ی {year}",
    full="{weekday}، {day}ی {month}ی {year}",
    joiner="، ",
)

CALENDARS: Mapping[str, Calendar] = MappingProxyType(
    {"kmr-Latn": KURMANJI_LATIN, "kmr-Arab": KURMANJI_ARABIC, "ckb-Arab": SORANI}
)
"""Each table by language and script (BCP 47)."""

BY_LANGUAGE: Mapping[str, str] = MappingProxyType(
    {"ku": "kmr-Latn", "ckb": "ckb-Arab", "kmr_Arab": "kmr-Arab"}
)
"""Daleel language code → its table in :data:`CALENDARS`."""


def calendar_for(code: str) -> Calendar | None:
    """The table for a Daleel language, or None where Babel's data is right."""
    tag = BY_LANGUAGE.get(code)
    return CALENDARS[tag] if tag is not None else None


def format_date(value: date, calendar: Calendar, *, weekday: str | None = None) -> str:
    """A date in words: "25 Çiriya Duyê 2026", "25ی تشرینی دووەمی 2026"; with the
    weekday's name first when one is given."""
    pattern = calendar.long if weekday is None else calendar.full
    month = calendar.months[value.month - 1]
    return pattern.format(day=value.day, month=month, year=value.year, weekday=weekday)


def format_datetime(value: date, at: time, calendar: Calendar, babel_locale: str) -> str:
    """The date in words and the time of day: "25 Çiriya Duyê 2026, 14:30"."""
    clock = babel_dates.format_time(at, "short", locale=babel_locale)
    return f"{format_date(value, calendar)}{calendar.joiner}{clock}"
