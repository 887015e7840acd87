"""The gettext catalogues: the .po files are the one master of every translation.

Translators edit ``locales/<lang>/LC_MESSAGES/messages.po`` with any gettext tool (Poedit,
Weblate, Lokalize...). ``make translations`` runs ``translations()`` below, which never
overwrites a translation:

1. ``extract``: the texts of ``bot/`` and ``handlers/`` go to ``locales/messages.pot``
   (the file is left alone when only its creation date would change);
2. ``update``: ``pybabel update`` brings each .po in line with the template; it keeps every
   msgstr, adds new texts with an empty msgstr and drops texts the code no longer has (git
   keeps them). No fuzzy matching: a guessed translation would look finished;
3. the two steps babel's CLI cannot do, which are why this module exists:

   - Arabic gets the standard six-form Plural-Forms header: Babel writes forms 4 and 5
     swapped (python-babel/babel#816) on every update;
   - English, the language of the msgids, gets msgstr = msgid for each EMPTY entry, so the
     English catalogue stays complete; an English msgstr that is not empty is a
     translator's wording and is never touched;
4. ``compile``: each .po becomes the .mo the bot loads.

Every function takes its directories, so the tests run exactly these steps on a copy.
Usage: ``python tools/catalogues.py [extract | update | compile [LANG...] | translations]``.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from bot.domain.languages import CODES

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
SOURCES = ("bot", "handlers")
DOMAIN = "messages"
# The standard Arabic rule (zero, one, two, few 3-10, many 11-99, other).
ARABIC_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)
_CREATION_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"\n', re.MULTILINE)
_PLURAL_FORMS = re.compile(r'^"Plural-Forms: .*\\n"$', re.MULTILINE)


def po_path(locales: Path, lang: str) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _pybabel(*args: str) -> None:
    """Run one pybabel command in this process, quietly; a failure raises."""
    if CommandLineInterface().run(["pybabel", "-q", *args]):  # type: ignore[no-untyped-call]
        raise RuntimeError(f"pybabel {args[0]} failed")


def extract(locales: Path = LOCALES, root: Path = ROOT) -> Path:
    """Write the template of every text in the code to ``locales/messages.pot``."""
    pot = locales / f"{DOMAIN}.pot"
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / pot.name
        _pybabel(
            "extract", "-F", str(root / "babel.cfg"), "-k", "N_", "-c", "TRANSLATORS:",
            "--no-location", "--sort-output", "--no-wrap", "--project", "Daleel",
            "-o", str(fresh), *(str(root / source) for source in SOURCES),
        )
        text = fresh.read_text(encoding="utf-8")
    old = pot.read_text(encoding="utf-8") if pot.exists() else ""
    if _CREATION_DATE.sub("", old) != _CREATION_DATE.sub("", text):
        pot.write_text(text, encoding="utf-8")
    return pot


def update(locales: Path = LOCALES) -> None:
    """Bring every .po in line with the template, keeping their translations."""
    _pybabel(
        "update", "-D", DOMAIN, "-i", str(locales / f"{DOMAIN}.pot"), "-d", str(locales),
        "--no-fuzzy-matching", "--ignore-obsolete", "--no-wrap", "--ignore-pot-creation-date",
    )
    fix_arabic_plural_forms(po_path(locales, "ar"))
    fill_english(po_path(locales, "en"))


def fix_arabic_plural_forms(po: Path) -> None:
    text = po.read_text(encoding="utf-8")
    fixed = _PLURAL_FORMS.sub(
        lambda _: f'"Plural-Forms: {ARABIC_PLURAL_FORMS}\\n"', text, count=1
    )
    if fixed != text:
        po.write_text(fixed, encoding="utf-8")


def fill_english(po: Path) -> int:
    """Give each English entry with an empty msgstr (or plural form) its msgid; return how many.

    Non-empty msgstrs are left as they are, and the file is rewritten only if one was empty.
    """
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="en", domain=DOMAIN)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            if not message.string:
                message.string = message.id
                filled += 1
        else:
            forms = tuple(message.string) if isinstance(message.string, tuple) else ("", "")
            singular, plural = message.id[0], message.id[1]
            wanted = (form or (singular if i == 0 else plural) for i, form in enumerate(forms))
            new = tuple(wanted)
            if new != forms:
                message.string = new
                filled += 1
    if filled:
        with po.open("wb") as handle:
            write_po(handle, catalog, width=0, ignore_obsolete=True, include_lineno=False)
    return filled


def compile_catalogue(locales: Path, lang: str) -> Path:
    po = po_path(locales, lang)
    mo = po.with_suffix(".mo")
    _pybabel("compile", "-D", DOMAIN, "-l", lang, "-i", str(po), "-o", str(mo))
    return mo


def translations(locales: Path = LOCALES, root: Path = ROOT) -> None:
    """What ``make translations`` does: extract, update (and fix), compile."""
    extract(locales, root)
    update(locales)
    for lang in CODES:
        compile_catalogue(locales, lang)


def main(argv: Sequence[str]) -> int:
    command, *langs = argv or ["translations"]
    if command == "extract":
        extract()
    elif command == "update":
        extract()
        update()
    elif command == "compile":
        for lang in langs or CODES:
            compile_catalogue(LOCALES, lang)
    elif command == "translations":
        translations()
    else:
        sys.stderr.write(__doc__ or "")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
