"""What an announcement looks like to each language group, and whether it fits.

Staff write plain text; it is HTML-escaped here, so ``<b>``, ``&`` or a stray ``<`` in it
shows as written and can never break Telegram's parsing (formatting by staff is not
supported: one rule, no surprises). The header ("📢 Camp announcement" or "🚨 Urgent
safety alert") is in the reader's language. Texts are one for every language (key
``"all"``) or one per language; a language without its own text gets the one its readers
are likeliest to read (:func:`bot.i18n.catalogues.pick`).

Telegram refuses a message over 4096 characters after parsing; :func:`render_all` measures
every language's final text (header, escaping and direction marks included) so that an
announcement too long in any language is refused before anything is sent.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bot.domain.announcements import Priority
from bot.domain.languages import LANGUAGES
from bot.i18n.bidi import RLM
from bot.i18n.catalogues import N_, Catalogues, Translator, pick
from bot.storage.announcements import ALL_LANGUAGES
from bot.text.length import MESSAGE_LIMIT, telegram_length

__all__ = [
    "HEADERS",
    "MESSAGE_LIMIT",
    "Rendered",
    "body_for",
    "clean_text",
    "render",
    "render_all",
    "telegram_length",
    "too_long",
]

HEADERS: Mapping[str, str] = MappingProxyType({
    "urgent": N_("🚨 <b>Urgent safety alert</b>"),
    "routine": N_("📢 <b>Camp announcement</b>"),
})
# Control characters other than newline and tab; Telegram would drop or reject them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Staff text as stored: NFC, no control characters, no trailing spaces per line."""
    text = unicodedata.normalize("NFC", _CONTROLS.sub("", text.replace("\r\n", "\n")))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def body_for(texts: Mapping[str, str], code: str) -> str | None:
    """The text a reader of ``code`` gets: the common one, theirs, or the likeliest."""
    if texts.get(ALL_LANGUAGES):
        return texts[ALL_LANGUAGES]
    return pick(texts, code)


def _strong_counts(line: str) -> tuple[int, int, str | None]:
    rtl = ltr = 0
    first: str | None = None
    for char in line:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            rtl += 1
            first = first or "R"
        elif direction == "L":
            ltr += 1
            first = first or "L"
    return rtl, ltr, first


def _direct(line: str) -> str:
    """An Arabic-script line that starts with a Latin word keeps right-to-left layout;
    a Latin line (an English text shown to Arabic readers) is left alone."""
    rtl, ltr, first = _strong_counts(line)
    return RLM + line if first == "L" and rtl > ltr else line


def render(tr: Translator, texts: Mapping[str, str], priority: Priority) -> str | None:
    """The message a reader of ``tr``'s language receives; None when there is no text."""
    body = body_for(texts, tr.code)
    if body is None:
        return None
    escaped = "\n".join(_direct(line) for line in html.escape(body, quote=False).split("\n"))
    return f"{tr.gettext(HEADERS[priority])}\n\n{escaped}"


@dataclass(frozen=True)
class Rendered:
    language: str
    text: str
    length: int


def render_all(
    catalogues: Catalogues, texts: Mapping[str, str], priority: Priority
) -> dict[str, Rendered]:
    """The announcement as each language group will see it."""
    out: dict[str, Rendered] = {}
    for lang in LANGUAGES:
        text = render(catalogues.translator(lang.code), texts, priority)
        if text is not None:
            out[lang.code] = Rendered(lang.code, text, telegram_length(text))
    return out


def too_long(rendered: Mapping[str, Rendered]) -> list[Rendered]:
    """The languages whose message Telegram would refuse, in the usual language order."""
    return [r for r in rendered.values() if r.length > MESSAGE_LIMIT]
