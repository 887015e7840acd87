"""Gettext catalogues and per-language formatting.

The languages themselves are :mod:`bot.domain.languages`. The active language belongs to
one update: handlers get a :class:`Translator` for the resident from the context; nothing
here is global or mutable.

Catalogues are read once at start-up from ``locales/<lang>/LC_MESSAGES``: the ``.mo`` that
``make`` compiles, when it is there (a checkout; ~3 ms a language), else the ``.po`` itself,
compiled in memory with Babel (~30 ms a language). The ``.po`` files are the master and the
``.mo`` files are not in git, so the wheel ships the ``.po`` alone: a clean clone builds a
usable wheel with no compile step (no build hook), and an installed bot pays ~0.1 s once.
Reading the ``.po`` always would cost that on every start of the bot in the tests too.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from datetime import date, datetime, time
from importlib.resources.abc import Traversable
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot import resources
from bot.domain.languages import FALLBACK, LANGUAGES, Language, language
from bot.i18n import dates as calendars
from bot.i18n.bidi import isolate, isolate_latin, rtl_lines

__all__ = [
    "DOMAIN",
    "N_",
    "CatalogueError",
    "Catalogues",
    "Markup",
    "Translator",
    "default_locales_dir",
    "pick",
]

DOMAIN = "messages"


def pick(texts: Mapping[str, str], code: str) -> str | None:
    """The text in the reader's language, else the next one they are likely to read."""
    for lang in FALLBACK.get(code, FALLBACK["en"]):
        text = texts.get(lang)
        if text:
            return text
    return None


def N_(message: str) -> str:
    """Mark a text for extraction; it is translated later, where the language is known."""
    return message


def default_locales_dir() -> Traversable:
    """The catalogues shipped with the bot (see :mod:`bot.resources`)."""
    return resources.locales_dir()


_WEEKDAYS = (
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
)  # fmt: skip


class CatalogueError(RuntimeError):
    """A catalogue is missing: fail loudly rather than answer in English."""


class Markup(str):
    """Already-rendered HTML (e.g. a translated sentence) inserted into another text."""

    __slots__ = ()


class Translator:
    """Translates and formats for one language. Values are HTML-escaped and isolated."""

    def __init__(self, lang: Language, translations: NullTranslations, zone: ZoneInfo) -> None:
        self.language = lang
        self._translations = translations
        self.zone = zone

    @property
    def code(self) -> str:
        return self.language.code

    def gettext(self, message: str, /, **values: object) -> str:
        return self._render(self._translations.gettext(message), values)

    def pgettext(self, context: str, message: str, /, **values: object) -> str:
        return self._render(str(self._translations.pgettext(context, message)), values)

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """Plural forms per the catalogue; ``{n}`` is available to the text."""
        return self._render(
            self._translations.ngettext(singular, plural, n), {"n": n, **values}
        )

    def _render(self, text: str, values: Mapping[str, object]) -> str:
        # Right-to-left: the translation's own Latin words and commands are isolated before
        # the values go in (they are isolated by value()), then lines get their direction.
        if self.language.rtl:
            text = isolate_latin(text)
        if values:
            text = text.format_map({key: self.value(v) for key, v in values.items()})
        return rtl_lines(text) if self.language.rtl else text

    def value(self, value: object) -> str:
        """How an inserted value appears: numbers per locale, text escaped and isolated."""
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, int | float):
            return babel_numbers.format_decimal(value, locale=self.language.babel_locale)
        if isinstance(value, datetime):
            return self.datetime(value)
        if isinstance(value, date):
            return self.date(value)
        if isinstance(value, Markup):
            return str(value)
        escaped = html.escape(str(value), quote=False)
        return isolate(escaped) if self.language.rtl else escaped

    def date(self, value: date, fmt: str = "long") -> str:
        """A date; in words with the month names readers in Iraq use (:mod:`.dates`)."""
        calendar = calendars.calendar_for(self.code)
        if calendar is not None and fmt in ("medium", "long", "full"):
            weekday = self.weekday(value.weekday()) if fmt == "full" else None
            return calendars.format_date(value, calendar, weekday=weekday)
        return babel_dates.format_date(value, fmt, locale=self.language.babel_locale)

    def time(self, value: time) -> str:
        return babel_dates.format_time(value, "short", locale=self.language.babel_locale)

    def datetime(self, value: datetime) -> str:
        local = value.astimezone(self.zone)
        calendar = calendars.calendar_for(self.code)
        if calendar is not None:
            return calendars.format_datetime(
                local.date(), local.time(), calendar, self.language.babel_locale
            )
        return babel_dates.format_datetime(
            local, "medium", tzinfo=self.zone, locale=self.language.babel_locale
        )

    def weekday(self, day: int) -> str:
        """The name of a day of the week, 0 = Monday … 6 = Sunday, from the catalogue."""
        return self.gettext(_WEEKDAYS[day])

    def number(self, value: float) -> str:
        return babel_numbers.format_decimal(value, locale=self.language.babel_locale)


class Catalogues:
    """The compiled catalogues, loaded once at start-up."""

    def __init__(self, translations: Mapping[str, NullTranslations], zone: ZoneInfo) -> None:
        self._translations = dict(translations)
        self._zone = zone

    @classmethod
    def load(cls, locales_dir: Traversable, zone: ZoneInfo) -> Catalogues:
        loaded = {lang.code: _translations(locales_dir, lang) for lang in LANGUAGES}
        return cls(loaded, zone)

    def translator(self, code: str) -> Translator:
        lang = language(code)
        return Translator(lang, self._translations[lang.code], self._zone)


def _translations(locales_dir: Traversable, lang: Language) -> Translations:
    """One language's catalogue: the compiled ``.mo`` if any, else its ``.po`` compiled here."""
    folder = locales_dir / lang.code / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.is_file():
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if not po.is_file():
        raise CatalogueError(f"{po} is missing: no catalogue for {lang.code}")
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=lang.code, domain=DOMAIN)  # as pybabel compile -l
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
