"""Every message of every right-to-left catalogue reads right: rendered through the
translator with sample values, no command or Latin word is left outside an isolate and
every line starts right-to-left.

The languages come from :mod:`bot.domain.languages`: a new right-to-left language with a
catalogue (Badini) is covered without touching this file.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from bot.domain.languages import LANGUAGES
from bot.i18n.bidi import FSI, LRI, PDI, RLI, RLM
from bot.i18n.catalogues import Catalogues, Translator, default_locales_dir

ZONE = ZoneInfo("Asia/Baghdad")
# Every Arabic plural form (zero, one, two, few, many, other) and both Kurdish ones.
COUNTS = (0, 1, 2, 3, 11, 100)
# A Latin name with a code in it, as a camp or a place is often named: values are isolated.
SAMPLE = "Debaga K-7F3Q2 /camp"
TAG = re.compile(r"<[^>]*>")


def rtl_codes() -> list[str]:
    root = default_locales_dir()
    return [
        lang.code
        for lang in LANGUAGES
        if lang.rtl and (root / lang.code / "LC_MESSAGES" / "messages.po").is_file()
    ]


def messages(code: str) -> list[Message]:
    path = default_locales_dir() / code / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def renderings(tr: Translator, message: Message) -> list[str]:
    """The message in every form the bot can send it, with sample values."""
    if isinstance(message.id, str):
        values = {name: SAMPLE for name in fields(str(message.string))}
        if message.context:
            return [tr.pgettext(message.context, message.id, **values)]
        return [tr.gettext(message.id, **values)]
    singular, plural = message.id[0], message.id[1]
    names = set().union(*(fields(form) for form in message.string)) - {"n"}
    values = {name: SAMPLE for name in names}
    return [tr.ngettext(singular, plural, n, **values) for n in COUNTS]


def unisolated_latin(text: str) -> str | None:
    """The first Latin letter (or command) outside every isolate, with its context."""
    plain = html.unescape(TAG.sub("", text))
    depth = 0
    for i, char in enumerate(plain):
        if char in (FSI, LRI, RLI):
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif depth == 0 and char.isascii() and char.isalpha():
            return plain[max(0, i - 12) : i + 12]
    return None


def starts_ltr(line: str) -> bool:
    """Whether a line's first strong character (an isolate counts as one) is not RTL."""
    for char in TAG.sub("", line):
        if char == RLM:
            return False
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return False
        if kind in ("L", "LRI", "RLI", "FSI"):
            return True
    return False


@pytest.fixture(scope="module")
def loaded() -> Catalogues:
    return Catalogues.load(default_locales_dir(), ZONE)


def test_every_right_to_left_language_is_covered() -> None:
    assert {"ar", "ckb"} <= set(rtl_codes())


@pytest.mark.parametrize("code", rtl_codes())
def test_every_message_isolates_latin_and_starts_right_to_left(
    loaded: Catalogues, code: str
) -> None:
    tr = loaded.translator(code)
    problems: list[str] = []
    for message in messages(code):
        key = message.id if isinstance(message.id, str) else message.id[0]
        for text in renderings(tr, message):
            latin = unisolated_latin(text)
            if latin is not None:
                problems.append(f"not isolated: {latin!r} in {key!r}")
            for line in text.split("\n"):
                if starts_ltr(line):
                    problems.append(f"line starts left-to-right: {line!r} in {key!r}")
    assert not problems, f"{code}: {len(problems)} problems\n" + "\n".join(problems[:40])
