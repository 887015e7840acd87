"""Search keys for what residents type: Arabic, Sorani (Arabic script), Kurmanji (Latin), English.

Everything here builds *keys for matching*; never show folded text to people.
The rules follow ``shared/notes/i18n.md``:

* ``clean`` only removes invisible/bidi/control characters and applies NFC.
* ``fold`` is the general search key: ``clean``, compatibility normalisation (NFKD — NFKC's
  folding, kept decomposed so that every diacritic can then be dropped), casefold, and the
  letter rules below. Arabic rules, the Sorani canonical rules and the Sorani
  "loose" level are applied together, so Arabic-keyboard and Sorani-keyboard spellings meet.
  Where the three rule sets point in opposite directions (Arabic ``ی → ي`` versus Sorani
  ``ي → ی``) only the equivalence class matters; the representative is the Arabic letter:

  ====================================  ====
  class                                 key
  ====================================  ====
  أ إ آ ٱ ا                               ا
  ي ى ی ے ئ ێ                             ي
  ؤ ۆ و  (and any run وو)                 و
  ه ة ۃ ہ ھ ە ۀ  (and legacy ه+ZWNJ)       ه
  ك ک ڪ                                   ك
  ر ڕ / ل ڵ / ف ڤ                          ر / ل / ف
  ====================================  ====

  Harakat, Quranic marks, tatweel and all other combining marks are removed; Latin
  diacritics are stripped (Kurmanji ê î û ç ş → e i u c s, ı → i); Arabic-Indic and
  Persian digits become ASCII; Arabic punctuation becomes ASCII; apostrophe-like
  characters inside words are dropped (``Jad'ah`` → ``jadah``); every other run of
  punctuation, symbols and whitespace becomes a single space.
* ``strip_article`` removes ``al-``/``el-``/assimilated ``ash-``… and the Arabic ``ال``.
* ``latin_key`` absorbs Latin transliteration variance (Qayyarah / Qayara / Al-Qayarra).
* ``arabic_skeleton`` is the Arabic-script analogue (Arabic vs Sorani spellings of a name).
* ``romanized_skeleton`` is a weak cross-script signal (Arabic-script query vs Latin name).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

__all__ = [
    "arabic_skeleton",
    "article_flags",
    "clean",
    "consonant_skeleton",
    "fold",
    "is_arabic_script",
    "keyboard_loose",
    "latin_key",
    "phonetic_key",
    "romanize",
    "romanized_skeleton",
    "sorani_canonical",
    "strip_article",
    "strip_article_words",
    "tokens",
    "word_phonetic_key",
    "word_romanized_key",
    "word_strip_article",
]

# --------------------------------------------------------------------------------------------
# Character classes (immutable constants; translation tables are built lazily below)

# Invisible and bidi controls listed in i18n.md, plus other invisible format characters
# (word joiner, invisible operators, deprecated format controls, Mongolian vowel separator).
_INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x200B, 0x200F),  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x202A, 0x202E),  # LRE RLE PDF LRO RLO
    (0x2066, 0x2069),  # LRI RLI FSI PDI
    (0xFEFF, 0xFEFF),  # BOM / ZWNBSP
    (0x00AD, 0x00AD),  # soft hyphen
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x206A, 0x206F),  # deprecated format characters
    (0x180E, 0x180E),  # Mongolian vowel separator
)

# Combining marks removed by ``fold`` (all diacritics; includes harakat U+064B–U+065F,
# U+0670 and U+0610–U+061A required by i18n.md).
_MARK_RANGES: tuple[tuple[int, int], ...] = (
    (0x0300, 0x036F),
    (0x0483, 0x0489),
    (0x0591, 0x05C7),
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x08D3, 0x08FF),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)

# Letter folds (after NFKD + casefold, so hamza-carrying letters are already decomposed and
# their hamza removed with the marks; they are listed anyway for clarity).
_LETTER_FOLDS: dict[str, str] = {
    # alef forms
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    # yeh forms (Arabic ى ی ے ئ; Sorani loose ێ)
    "ى": "ي", "ی": "ي", "ے": "ي", "ۓ": "ي", "ئ": "ي", "ێ": "ي", "ې": "ي",
    # waw forms (Arabic ؤ; Sorani canonical ؤ → ۆ, loose ۆ → و)
    "ؤ": "و", "ۆ": "و", "ۇ": "و", "ۈ": "و", "ۋ": "و",
    # heh / teh marbuta forms (Arabic ة ۃ ہ ھ ە; Sorani ۀ → ە, loose ە → ه)
    "ة": "ه", "ۃ": "ه", "ہ": "ه", "ھ": "ه", "ە": "ه", "ۀ": "ه", "ۂ": "ه",
    # kaf forms
    "ک": "ك", "ڪ": "ك",
    # Sorani loose level
    "ڕ": "ر", "ڵ": "ل", "ڤ": "ف",
    # Latin letters without a canonical decomposition
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ə": "e", "ә": "e",
    "æ": "ae", "œ": "oe", "ŋ": "n",
}

# Arabic punctuation → ASCII (the final step turns punctuation into spaces anyway, but the
# mapping keeps ``fold`` well-defined for decimal separators and is tested).
_PUNCT_FOLDS: dict[str, str] = {
    "،": ",", "؛": ";", "؟": "?", "٫": ".", "٬": ",", "٪": "%", "۔": ".", "«": '"', "»": '"',
}

# Apostrophe-like characters are *deleted* inside words: Qa'im → qaim, Tall ‘Afar → tall afar.
_APOSTROPHES = "'`´ʹʻʼʽʾʿˈ‘’‛′"

_TATWEEL = "\u0640"
_ZWNJ = "\u200c"

_WAW_RUN = re.compile("و{2,}")
_NON_WORD = re.compile(r"[\W_]+")


def _ranges(ranges: tuple[tuple[int, int], ...]) -> list[int]:
    return [cp for lo, hi in ranges for cp in range(lo, hi + 1)]


def _control_codepoints() -> list[int]:
    cps = [cp for cp in range(0x00, 0x20) if cp not in (0x09, 0x0A)]
    cps.append(0x7F)
    cps.extend(range(0x80, 0xA0))
    cps.extend(_ranges(_INVISIBLE_RANGES))
    return cps


@functools.cache
def _clean_table() -> dict[int, str | None]:
    return dict.fromkeys(_control_codepoints())


@functools.cache
def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = dict.fromkeys(_control_codepoints())
    table.update(dict.fromkeys(_ranges(_MARK_RANGES)))
    table[ord(_TATWEEL)] = None
    for ch in _APOSTROPHES:
        table[ord(ch)] = None
    for src, dst in _LETTER_FOLDS.items():
        table[ord(src)] = dst
    for src, dst in _PUNCT_FOLDS.items():
        table[ord(src)] = dst
    for i in range(10):
        table[0x0660 + i] = str(i)  # Arabic-Indic digits
        table[0x06F0 + i] = str(i)  # Extended Arabic-Indic (Persian/Sorani) digits
    return table


# --------------------------------------------------------------------------------------------
# clean / fold / tokens


def clean(text: str) -> str:
    """Remove invisible, bidi and control characters (keeps ``\\n`` and ``\\t``), then NFC.

    Letters are not changed. Use this to sanitise any input before storing or matching it.
    """
    return unicodedata.normalize("NFC", text.translate(_clean_table()))


def fold(text: str) -> str:
    """Return the search key of *text* (see the module docstring for the rules).

    Idempotent: ``fold(fold(s)) == fold(s)``.
    """
    if _ZWNJ in text:
        # Legacy Sorani encoding: heh + ZWNJ stands for ە (folded to ه below anyway).
        text = text.replace("ه" + _ZWNJ, "ە")
    s = unicodedata.normalize("NFKD", text).casefold().translate(_fold_table())
    if "وو" in s:
        s = _WAW_RUN.sub("و", s)
    return _NON_WORD.sub(" ", s).strip()


def tokens(text: str) -> list[str]:
    """Folded words of *text*."""
    return fold(text).split()


# --------------------------------------------------------------------------------------------
# Sorani canonical form (storage/display helper; not a search key)

_SORANI_CANONICAL: dict[str, str] = {
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ە", "ۀ": "ە", "ؤ": "ۆ",
}


def sorani_canonical(text: str) -> str:
    """Canonical Sorani spelling: ي ى → ی, ك → ک, ة ۀ → ە, legacy ه+ZWNJ → ە, ؤ → ۆ.

    Only the canonical level of i18n.md (no loose folding), after ``clean``. Suitable for
    normalising Sorani names an operator enters; not a search key.
    """
    text = text.replace("ه" + _ZWNJ, "ە")
    text = clean(text)
    return "".join(_SORANI_CANONICAL.get(ch, ch) for ch in text)


# --------------------------------------------------------------------------------------------
# Articles

_LATIN_ARTICLES = frozenset({"al", "el"})
# Assimilated article before a "sun letter": strip only when the next word starts with it.
_SUN_ARTICLES: dict[str, str] = {
    "as": "s", "ash": "sh", "ar": "r", "at": "t", "ad": "d", "an": "n", "az": "z",
    "adh": "dh", "ath": "th", "es": "s", "esh": "sh", "er": "r", "et": "t", "ed": "d",
    "en": "n", "ez": "z",
}
_AR_ARTICLE = "ال"


def word_strip_article(word: str) -> str:
    """Strip a glued Arabic article from one folded word (``القيارة`` → ``قياره``)."""
    if word.startswith(_AR_ARTICLE) and len(word) > 3:
        return word[2:]
    return word


def article_flags(words: Sequence[str]) -> list[bool]:
    """``flags[i]`` is True when folded word *i* is a Latin article of word *i + 1*."""
    flags = [False] * len(words)
    for i in range(len(words) - 1):
        w = words[i]
        if w in _LATIN_ARTICLES:
            flags[i] = True
        else:
            sun = _SUN_ARTICLES.get(w)
            flags[i] = sun is not None and words[i + 1].startswith(sun)
    return flags


def strip_article_words(words: Sequence[str]) -> list[str]:
    """``strip_article`` on already-folded words (keeps one-word inputs intact)."""
    flags = article_flags(words)
    return [word_strip_article(w) for w, art in zip(words, flags, strict=True) if not art]


def strip_article(text: str) -> str:
    """Fold *text* and drop articles on every word.

    Handles ``al-``/``el-`` (``Hammam al-Alil`` → ``hammam alil``), assimilated forms when the
    next word starts with the same consonant (``Ash Shaykhan``, ``Ar Rutbah``), and the
    Arabic ``ال`` glued to a word (``حمام العليل`` → ``حمام عليل``). A lone ``al`` is kept.
    Glued Latin forms (``alqayara``) are not stripped.
    """
    return " ".join(strip_article_words(fold(text).split()))


# --------------------------------------------------------------------------------------------
# Latin transliteration key

_DIGRAPHS = re.compile(r"kh|gh|sh|ch|zh|th|dh|ph|ck|dj|ou|oo|ee|[xqgcv]")
_DIGRAPH_MAP: dict[str, str] = {
    "kh": "h", "gh": "k", "sh": "s", "ch": "j", "zh": "j", "th": "t", "dh": "d", "ph": "f",
    "ck": "k", "dj": "j", "ou": "u", "oo": "u", "ee": "i",
    "x": "h", "q": "k", "g": "k", "c": "j", "v": "f",
}
_SEMI_Y = re.compile(r"[iy]+(?=[aeou])")
_SEMI_W = re.compile(r"[uow]+(?=[aei])")
_VOWELS_TO_A: dict[str, str] = dict.fromkeys("eiouyw", "a")
_DOUBLES = re.compile(r"(.)\1+")


def _is_arabic_char(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


def is_arabic_script(word: str) -> bool:
    """True if *word* contains any Arabic-script letter."""
    return any(_is_arabic_char(ch) for ch in word)


@functools.cache
def _vowel_table() -> dict[int, str]:
    return str.maketrans(_VOWELS_TO_A)


@functools.lru_cache(maxsize=65536)
def _latin_word(word: str) -> str:
    s = _DIGRAPHS.sub(lambda m: _DIGRAPH_MAP[m.group()], word)
    s = _SEMI_Y.sub("Y", s)
    s = _SEMI_W.sub("W", s)
    s = s.translate(_vowel_table()).replace("Y", "y").replace("W", "w")
    s = _DOUBLES.sub(r"\1", s)
    if len(s) > 2 and s.endswith("ah"):
        s = s[:-1]
    return s


def latin_key(text: str) -> str:
    """Transliteration-tolerant key for Latin-script names; words are joined without spaces.

    Folds, strips articles, then per word: kh→h, x→h, sh/ş→s, ch/ç/c/dj/zh→j, q/g/gh→k,
    th→t, dh→d, ph/v→f; ``i``/``y`` before a vowel → consonant ``y``; ``u``/``o``/``w`` before
    a vowel → consonant ``w``; every other vowel → ``a``; doubled letters collapse; a final
    ``-ah`` loses its ``h``. Non-Latin words pass through folded. So Qayyarah, Qayara,
    Al-Qayarra, Qaiyara and Gayara all give ``kayara``; Tel Afar and Telafar give ``talafar``.
    """
    words = strip_article_words(fold(text).split())
    return "".join(w if is_arabic_script(w) else _latin_word(w) for w in words)


# --------------------------------------------------------------------------------------------
# Arabic-script skeleton (Arabic vs Sorani vs Arabic-keyboard Sorani spellings)

_AR_SKELETON_MAP: dict[str, str | None] = {
    "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز",
    "ص": "س", "ث": "س", "ط": "ت", "ض": "ز", "ظ": "ز", "ذ": "ز",
    "ء": None,
}


@functools.cache
def _skeleton_table() -> dict[int, str | None]:
    return str.maketrans(_AR_SKELETON_MAP)


@functools.cache
def _keyboard_table_keeping_hamza() -> dict[int, str | None]:
    keep: dict[str, str | None] = {k: v for k, v in _AR_SKELETON_MAP.items() if k != "ء"}
    return str.maketrans(keep)


@functools.lru_cache(maxsize=65536)
def _arabic_word(word: str) -> str:
    s = word_strip_article(word).translate(_skeleton_table())
    if len(s) > 1 and s[0] == "ي" and s[1] in "اوي":
        s = "ا" + s[1:]  # Sorani ئ carrier folded to ي: ئاو / ئێسیان
    if len(s) > 2:
        s = s[0] + s[1:-1].replace("ه", "") + s[-1]  # medial ه is usually Sorani ە
    return _DOUBLES.sub(r"\1", s)


def arabic_skeleton(text: str) -> str:
    """Arabic-script key tolerant to Arabic vs Sorani spelling; words joined without spaces.

    Per folded word: article stripped; گ→ك, پ→ب, چ→ج, ژ→ز (Arabic keyboards lack them);
    emphatics and interdentals merged as Sorani writes them (ص ث→س, ط→ت, ض ظ ذ→ز); hamza
    dropped; a word-initial Sorani vowel carrier (ئا ئو ئی) → ا; medial ه (Sorani ە) dropped;
    doubled letters collapse. So القيارة and قەیارە meet, as do شنكال and شەنگال.
    """
    words = strip_article_words(fold(text).split())
    return "".join(_arabic_word(w) if is_arabic_script(w) else w for w in words)


def keyboard_loose(word: str) -> str:
    """Merge Arabic-script letters that keyboards and spellers confuse (no other change).

    گ→ك, پ→ب, چ→ج, ژ→ز (missing from Arabic keyboards), ص ث→س, ط→ت, ض ظ ذ→ز, hamza dropped
    — except in a word that would keep only one or two letters without it: people type
    ``كهربا`` for ``كهرباء`` and ``دوا`` for ``دواء``, but ``ماء`` (water) without its hamza
    is ``ما`` (not, what), the commonest word there is; short words are where such
    collisions crowd. Apply to folded words; used for keyword matching.
    """
    loose = word.translate(_skeleton_table())
    if len(loose) < 3 and "ء" in word:
        return word.translate(_keyboard_table_keeping_hamza())
    return loose


def word_phonetic_key(word: str) -> str:
    """Phonetic key of one folded word: ``latin_key`` or ``arabic_skeleton`` by script."""
    return _arabic_word(word) if is_arabic_script(word) else _latin_word(word)


def phonetic_key(text: str) -> str:
    """Per word ``latin_key`` (Latin) or ``arabic_skeleton`` (Arabic script), joined."""
    words = strip_article_words(fold(text).split())
    return "".join(word_phonetic_key(w) for w in words)


# --------------------------------------------------------------------------------------------
# Romanisation (weak cross-script signal)

_ROMAN: dict[str, str] = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", "پ": "p", "چ": "ch", "ژ": "zh",
    "گ": "g",
}


@functools.lru_cache(maxsize=65536)
def _romanize_word(word: str) -> str:
    if not is_arabic_script(word):
        return word
    w = word_strip_article(word)
    out: list[str] = []
    last = len(w) - 1
    for i, ch in enumerate(w):
        if ch == "ه" and i > 0:
            out.append("a" if i == last else "")  # final ه/ة ≈ -a; medial ه usually ە
        else:
            out.append(_ROMAN.get(ch, ch))
    return "".join(out)


def romanize(text: str) -> str:
    """Rough Latin rendering of folded Arabic-script words (``العوسجة`` → ``wsja``).

    Arabic script does not write short vowels, so this is only useful through
    ``romanized_skeleton``.
    """
    return " ".join(_romanize_word(w) for w in fold(text).split())


def word_romanized_key(word: str) -> str:
    """``latin_key`` of one folded word after romanising it if it is in Arabic script."""
    return _latin_word(_romanize_word(word))


def consonant_skeleton(key: str) -> str:
    """Drop every ``a`` of a ``latin_key`` except a leading one (``talafar`` → ``tlfr``)."""
    return key[:1] + key[1:].replace("a", "")


def romanized_skeleton(text: str) -> str:
    """Cross-script consonant skeleton of *text*, in Latin letters, whatever its script.

    Awsaja → ``asj``; العوسجة → ``asj``; Mosul / الموصل → ``msl``; Tel Afar / تلعفر → ``tlfr``.
    A weak signal only: short skeletons collide.
    """
    words = strip_article_words(fold(text).split())
    return consonant_skeleton("".join(word_romanized_key(w) for w in words))
