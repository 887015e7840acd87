"""An operator's note shown to a reader of another language says which language it is in.

Notes are written by operators in one language and are not translated. A reader must not
meet another language mixed silently into their answer, so the note is labelled
("Note (in English): …") when its letters say it was written in another language than the
reader's. The guess uses letters only a language has (Sorani ەێۆڵڕ, Kurmanji êîûçş); a
note with no letters of either script is shown as a plain note.
"""

from __future__ import annotations

from bot.i18n.catalogues import N_, Translator

__all__ = ["note_language", "note_line"]

_SORANI = frozenset("ەێۆڵڕڤ")
_KURMANJI = frozenset("êîûçşÊÎÛÇŞ")

_PLAIN = N_("📝 Note: {note}")
_IN = {
    # TRANSLATORS: an operator's note written in another language, shown as written.
    "ar": N_("📝 Note (in Arabic): {note}"),
    "ckb": N_("📝 Note (in Sorani Kurdish): {note}"),
    "ku": N_("📝 Note (in Kurmanji Kurdish): {note}"),
    "en": N_("📝 Note (in English): {note}"),
}


def _arabic_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" and ch.isalpha()


def note_language(note: str) -> str | None:
    """The language a note is most likely written in, or None without letters to tell."""
    arabic = sum(1 for ch in note if _arabic_letter(ch))
    latin = sum(1 for ch in note if (ch.isalpha() and ch.isascii()) or ch in _KURMANJI)
    if not arabic and not latin:
        return None
    if arabic >= latin:
        return "ckb" if any(ch in _SORANI for ch in note) else "ar"
    return "ku" if any(ch in _KURMANJI for ch in note) else "en"


def note_line(tr: Translator, note: str) -> str:
    """The note line for this reader: labelled with its language when it is not theirs."""
    language = note_language(note)
    if language is None or language == tr.code:
        return tr.gettext(_PLAIN, note=note)
    return tr.gettext(_IN[language], note=note)
