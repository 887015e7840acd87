"""The languages Daleel speaks, with what each needs: its name, script direction, Babel
locale, Telegram's code for it, and the languages its readers fall back on.

The one list: configuration, the catalogues, the lexicons, the importers and the database
take their language codes from here. Two lists, not one:

* :data:`CODES`, the languages residents read Daleel in (a catalogue and a lexicon each, a
  value of ``residents.language``);
* :data:`DATA_CODES`, the languages data is written in (the ``name_<code>`` columns of
  areas, camps, services…, the import and export columns, /addarea). A language that is not
  one of them reads names and staff-written texts through its :attr:`Language.fallback`.

Badini (Kurmanji in Arabic script, as written in Duhok) is ``kmr_Arab``, the BCP 47 tag
``kmr-Arab`` (ISO 639-3 ``kmr``, Northern Kurdish; ISO 15924 ``Arab``), checked with
Babel 2.18 and Python 3.11:

* every candidate with a ``ku``/``kmr`` language part is read by Babel as LATIN Kurmanji
  (``Locale.parse("ku_Arab")`` and ``Locale.parse("kmr_Arab")`` give ``ku``,
  ``Locale.parse("kmr")`` gives ``ku_TR``; ``ku_IQ`` does not exist): the code is never
  handed to Babel; :attr:`Language.babel_locale` is what formats its numbers and dates;
* ``ku_Arab`` is the trap: gettext expands it to ``["ku_Arab", "ku"]``
  (``gettext._expand_lang``), so wherever its catalogue is missing it silently answers in
  Latin Kurmanji. ``kmr_Arab`` expands to ``["kmr_Arab", "kmr"]``: never to our ``ku``;
* Telegram sends no code for Badini (a Badini reader's app says ``ku``, ``ar`` or nothing):
  ``guess_language`` never yields it and residents choose it in the picker; it has no
  two-letter code, so, like Sorani, it gets its command menu per chat;
* it fits a button payload's argument (``[A-Za-z0-9_.-]``), a folder name and the
  ``residents.language`` CHECK list (migration 0009).

Badini's ``babel_locale`` (numbers, lists, the time of day) is ``ckb_IR``: Babel's
Arabic-script Kurdish, with the Western digits Duhok's signs, phones and papers use (Babel
prints no other digits anyway) and, unlike ``ckb_IQ``, the 24-hour clock ("09:00", "15:00"),
as Daleel's Latin Kurmanji has it, instead of Sorani's ب.ن / د.ن, which Badini does not
write. Its dates are not Babel's: the month names used in Duhok come from
:mod:`bot.i18n.dates` (``kmr-Arab``: کانوونا دووێ … چریا دووێ، کانوونا ئێکێ).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CODES",
    "DATA_CODES",
    "ENGLISH_FIRST",
    "FALLBACK",
    "LANGUAGES",
    "Language",
    "language",
]


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    native_name: str
    babel_locale: str
    rtl: bool
    # setMyCommands only takes two-letter ISO 639-1 codes: Sorani and Badini have none.
    telegram_code: str | None
    # When a text is missing in this language, the ones its readers read next, best first.
    # Kurdish readers often read Arabic script (Sorani) or Latin (Kurmanji) best; staff-written
    # data is usually Arabic or English.
    fallback: tuple[str, ...]
    # Whether data (names of places, camps, services…) is written in this language: a
    # ``name_<code>`` column in the database and in import files.
    data: bool = True


LANGUAGES: tuple[Language, ...] = (
    Language("ar", "العربية", "ar_IQ", rtl=True, telegram_code="ar", fallback=("en", "ckb", "ku")),
    Language(
        "ckb", "کوردی (سۆرانی)", "ckb_IQ", rtl=True, telegram_code=None, fallback=("ar", "en", "ku")
    ),
    Language("ku", "Kurmancî", "ku", rtl=False, telegram_code="ku", fallback=("en", "ar", "ckb")),
    Language("en", "English", "en", rtl=False, telegram_code="en", fallback=("ar", "ckb", "ku")),
    # Last, so the four languages keep the places residents and staff know in the picker.
    # Badini readers read Arabic script: Kurdish names in Arabic script first (Sorani spells
    # place names as Duhok does: دهۆک، زاخۆ، ئامێدی), then Arabic, which Duhok's and
    # Sinjar's displaced families were schooled in; the same language in Latin letters next.
    Language(
        "kmr_Arab", "کوردی (بادینی)", "ckb_IR", rtl=True, telegram_code=None,
        fallback=("ckb", "ar", "ku", "en"), data=False,
    ),
)

CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
"""Every language residents read, in the order they are offered the languages."""

DATA_CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES if lang.data)
"""The languages data is written in: one ``<prefix>_<code>`` column each."""

ENGLISH_FIRST: tuple[str, ...] = ("en", *(code for code in DATA_CODES if code != "en"))
"""The order of the name columns in the database (``name_en, name_ar, ...``) and of the
names an operator types in /addarea."""

FALLBACK: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        lang.code: (
            lang.code,
            *lang.fallback,
            *(other.code for other in LANGUAGES if other.code not in {lang.code, *lang.fallback}),
        )
        for lang in LANGUAGES
    }
)
"""For each language: itself, then the languages its readers read next, then any other (so a
text written in one language only, an announcement in Badini say, still reaches everyone)."""

_BY_CODE: Mapping[str, Language] = MappingProxyType({lang.code: lang for lang in LANGUAGES})


def language(code: str) -> Language:
    """The language for a code we support; KeyError for anything else."""
    return _BY_CODE[code]
