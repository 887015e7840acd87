"""The languages Daleel speaks, with what each needs: its name, script direction, Babel
locale, Telegram's code for it, and the languages its readers fall back on.

The one list: configuration, the catalogues, the lexicons, the importers and the database
columns all take their language codes from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CODES",
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
    # setMyCommands only takes two-letter ISO 639-1 codes: Sorani has none.
    telegram_code: str | None
    # When a text is missing in this language, the ones its readers read next, best first.
    # Kurdish readers often read Arabic script (Sorani) or Latin (Kurmanji) best; staff-written
    # data is usually Arabic or English.
    fallback: tuple[str, ...]


LANGUAGES: tuple[Language, ...] = (
    Language("ar", "العربية", "ar_IQ", rtl=True, telegram_code="ar", fallback=("en", "ckb", "ku")),
    Language(
        "ckb", "کوردی (سۆرانی)", "ckb_IQ", rtl=True, telegram_code=None, fallback=("ar", "en", "ku")
    ),
    Language("ku", "Kurmancî", "ku", rtl=False, telegram_code="ku", fallback=("en", "ar", "ckb")),
    Language("en", "English", "en", rtl=False, telegram_code="en", fallback=("ar", "ckb", "ku")),
)

CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
"""Every language code, in the order residents are offered the languages."""

ENGLISH_FIRST: tuple[str, ...] = ("en", *(code for code in CODES if code != "en"))
"""The order of the name columns in the database (``name_en, name_ar, ...``) and of the
names an operator types in /addarea."""

FALLBACK: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {lang.code: (lang.code, *lang.fallback) for lang in LANGUAGES}
)
"""For each language: itself, then the languages its readers read next."""

_BY_CODE: Mapping[str, Language] = MappingProxyType({lang.code: lang for lang in LANGUAGES})


def language(code: str) -> Language:
    """The language for a code we support; KeyError for anything else."""
    return _BY_CODE[code]
