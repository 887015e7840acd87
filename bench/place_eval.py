"""The evaluation set of place matching: what residents type about known and unknown places.

Why: a wrong place is worse than no answer (if that place were "cleared", a resident would
be told they may return to a village never cleared), so matching is judged on questions a
person would really type, generated from the shipped data, not on a hand-picked list.

- The index: the shipped areas (``bot/data/iraq/areas.csv``), the demo villages and the
  villages (a shipped village file ``bot/data/iraq/villages*.csv`` when there is one, else
  the shared Who's On First / GeoNames localities, ``shared/data/iraq``), so the index has
  the size it has in the field (~25k places). GeoNames duplicates (same folded name within
  about 2 km) and the towns already in ``areas.csv`` are merged, as the gazetteer does.
- Known places: questions about an indexed place (villages mostly), in Arabic, Sorani,
  Kurmanji and English frames ("شلون الوضع ب...", "is ... safe"), spelt as people spell:
  with or without ال, ة/ه, ى/ي, hamza forms, spaces, one-letter typos, transliterations
  with other vowels, generic words ("قرية", "village", "hay") and their typos.
- Unknown places: real villages held out of the index (every name of theirs removed, and
  none spelt like an indexed name, up to spaces, ال/al- and a leading "Qaryat"/"قرية"),
  asked about the same way. Any direct answer is wrong.

Seeded: the same data gives the same set. ``build()`` returns the index names and cases.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.domain.languages import CODES
from bot.places.index import PlaceName
from bot.places.keys import Words
from bot.text.fold import fold, is_arabic_script
from bot.understanding.lexicon import load_lexicons

__all__ = ["Case", "EvalSet", "build"]

_REPO = Path(__file__).resolve().parents[1]
_AREAS = _REPO / "bot" / "data" / "iraq" / "areas.csv"
_DEMO = _REPO / "bot" / "data" / "demo" / "areas_demo.csv"

SEED = 20250214
N_KNOWN = 1_600
N_UNKNOWN = 800
HOLD_OUT = 0.08  # share of villages removed from the index to be asked about as unknown


@dataclass(frozen=True, slots=True)
class Case:
    """A typed message; ``area_id`` is the place meant, or -1 for a place not indexed."""

    text: str
    area_id: int
    lang: str
    variant: str


@dataclass(frozen=True, slots=True)
class EvalSet:
    names: tuple[PlaceName, ...]
    areas: int
    villages: str  # where the villages came from
    known: tuple[Case, ...]
    unknown: tuple[Case, ...]


@dataclass(slots=True)
class _Place:
    area_id: int
    level: str
    names: dict[str, list[str]]  # lang (ar, ckb, ku, en) -> spellings, main first
    lat: float | None = None
    lon: float | None = None


# ------------------------------------------------------------------------------------------
# Data


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if not any((v or "").startswith("#") for v in row.values()):
                yield row


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def _lang_of(text: str) -> str:
    return "ar" if any(is_arabic_script(ch) for ch in text if ch.isalpha()) else "en"


def _float(cell: str | None) -> float | None:
    try:
        return float(cell) if cell else None
    except ValueError:
        return None


def _area_rows(path: Path, places: list[_Place], code_ids: dict[str, int]) -> None:
    for row in _rows(path):
        p = _Place(len(places) + 1, row.get("level", "village"), {})
        for lang in CODES:
            if row.get(f"name_{lang}"):
                p.names.setdefault(lang, []).append(row[f"name_{lang}"].strip())
        for alias in _split(row.get("aliases")):
            p.names.setdefault(_lang_of(alias), []).append(alias)
        p.lat, p.lon = _float(row.get("lat")), _float(row.get("lon"))
        code_ids[row.get("pcode", "")] = p.area_id
        places.append(p)


def _load() -> tuple[list[_Place], str]:
    places: list[_Place] = []
    code_ids: dict[str, int] = {}
    _area_rows(_AREAS, places, code_ids)
    _area_rows(_DEMO, places, code_ids)
    shipped = sorted((_REPO / "bot" / "data" / "iraq").glob("villages*.csv"))
    if shipped:
        for path in shipped:
            _area_rows(path, places, code_ids)
        return places, f"shipped {', '.join(p.name for p in shipped)}"
    return places, "demo villages only"


# ------------------------------------------------------------------------------------------
# How people spell


_AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_LAT_LETTERS = "abdefghiklmnoqrstuwyz"


def _typo(rng: random.Random, s: str) -> str:
    """One slip of the finger: substitution, deletion, insertion or transposition."""
    idx = [i for i in range(1, len(s) - 1) if s[i].isalpha() and s[i - 1] != " "]
    if len(s) < 5 or not idx:
        return s
    i = rng.choice(idx)
    pool = _AR_LETTERS if is_arabic_script(s[i]) else _LAT_LETTERS
    kind = rng.randrange(4)
    if kind == 0:
        return s[:i] + rng.choice(pool) + s[i + 1 :]
    if kind == 1:
        return s[:i] + s[i + 1 :]
    if kind == 2:
        return s[:i] + rng.choice(pool) + s[i:]
    return s[: i - 1] + s[i] + s[i - 1] + s[i + 1 :]


def _ar_variants(rng: random.Random, s: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = [(s, "as written")]
    out.append((s[2:] if s.startswith("ال") else "ال" + s, "ال +/-"))
    if s[-1:] in "ةه":
        out.append((s[:-1] + ("ه" if s[-1] == "ة" else "ة"), "ة/ه"))
    if "ى" in s or s.endswith("ي"):
        out.append((s.replace("ى", "ي") if "ى" in s else s[:-1] + "ى", "ى/ي"))
    if any(ch in s for ch in "أإآ"):
        out.append((s.translate(str.maketrans("أإآ", "ااا")), "hamza"))
    elif s.startswith("ا"):
        out.append((rng.choice("أإ") + s[1:], "hamza"))
    if " " in s:
        out.append((s.replace(" ", "", 1), "spaces"))
    elif s.startswith("ال") and len(s) > 4:
        out.append(("ال " + s[2:], "spaces"))
    out.append((_typo(rng, s), "typo"))
    return out


_VOWEL_SWAPS = (("a", "e"), ("e", "a"), ("i", "ee"), ("i", "e"), ("u", "o"), ("o", "u"),
                ("ou", "u"), ("aa", "a"), ("y", "i"))
_CONSONANT_SWAPS = (("q", "k"), ("q", "g"), ("kh", "x"), ("kh", "h"), ("j", "g"),
                    ("sh", "ch"), ("dh", "z"), ("th", "s"))


def _latin_variants(rng: random.Random, s: str) -> list[tuple[str, str]]:
    low = s.lower()
    out: list[tuple[str, str]] = [(s, "as written")]
    for swaps, label in ((_VOWEL_SWAPS, "other vowels"), (_CONSONANT_SWAPS, "translit")):
        usable = [(a, b) for a, b in swaps if a in low]
        if usable:
            a, b = rng.choice(usable)
            at = [i for i in range(len(low)) if low.startswith(a, i)]
            i = rng.choice(at)
            out.append((low[:i] + b + low[i + len(a) :], label))
    if low.startswith(("al-", "al ", "el-", "el ")):
        out.append((s[3:], "al- +/-"))
    else:
        out.append(("Al-" + s, "al- +/-"))
    if low.endswith("ah"):
        out.append((s[:-1], "final h"))
    elif low.endswith("a"):
        out.append((s + "h", "final h"))
    if " " in s:
        out.append((s.replace(" ", "", 1), "spaces"))
    out.append((_typo(rng, s), "typo"))
    return out


# Frames: how a question about a place is put; "{}" is the name as typed.
_FRAMES: dict[str, tuple[str, ...]] = {
    "ar": (
        "{}", "شلون الوضع ب{}", "هل {} امان؟", "{} امان؟", "اكو الغام ب{}؟",
        "نكدر نرجع على {}", "قرية {}", "هل رجعوا أهل {}", "الوضع في قرية {} شلونه",
        "حي {}", "ناحية {}",
    ),
    "ckb": (
        "{}", "{} ئارامە؟", "مین لە {} هەیە؟", "گوندی {}", "دەتوانین بگەڕێینەوە بۆ {}؟",
        "گوند {} ئارامە",
    ),
    "ku": (
        "{}", "{} ewle ye?", "em dikarin vegerin {}?", "gundê {} ewle ye?", "gund {}",
        "mayin li {} hene?",
    ),
    "en": (
        "{}", "is {} safe", "{} safe?", "can we go back to {}", "are there mines in {}",
        "{} village", "is {} vilage safe", "hay {}", "hai {} safe?", "village of {}",
        "is the town {} cleared", "{} neighbourhood",
    ),
}


def _question(rng: random.Random, place: _Place) -> tuple[str, str, str] | None:
    """(text, language, variant) for one question about *place*."""
    langs = [lang for lang in CODES if place.names.get(lang)]
    if not langs:
        return None
    lang = rng.choice(langs)
    spellings = place.names[lang]
    name = spellings[0] if rng.random() < 0.6 else rng.choice(spellings)
    if is_arabic_script(name):
        variants = _ar_variants(rng, name)
        frames = _FRAMES["ckb" if lang == "ckb" else "ar"]
    else:
        variants = _latin_variants(rng, name)
        frames = _FRAMES["ku" if lang == "ku" else "en"]
    typed, variant = rng.choice(variants)
    return rng.choice(frames).format(typed), lang, variant


def _choose(rng: random.Random, places: list[_Place], n: int) -> Iterator[_Place]:
    villages = [p for p in places if p.level == "village"]
    towns = [p for p in places if p.level == "town"]
    admin = [p for p in places if p.level not in ("village", "town")]
    for _ in range(n):
        r = rng.random()
        pool = villages if r < 0.7 or not (towns or admin) else towns if r < 0.85 else admin
        yield rng.choice(pool or places)


def _names(places: list[_Place]) -> list[PlaceName]:
    kinds = {"ar": "name_ar", "ckb": "name_ckb", "ku": "name_ku", "en": "name_en"}
    out: list[PlaceName] = []
    for p in places:
        for lang, spellings in p.names.items():
            out.append(PlaceName(p.area_id, spellings[0], kinds[lang]))
            out.extend(PlaceName(p.area_id, s, "alias") for s in spellings[1:])
    return out


def build(seed: int = SEED) -> EvalSet:
    """The index names and the cases, deterministic for a given *seed* and data."""
    rng = random.Random(seed)
    places, source = _load()
    # Hold out villages none of whose spellings (folded, without spaces or without ال/al-)
    # is indexed otherwise: a place spelt exactly like another one is not unknown but
    # ambiguous, and only the data can tell them apart (both indexed: the bot asks).
    villages = [p for p in places if p.level == "village"]
    held = {p.area_id for p in rng.sample(villages, int(len(villages) * HOLD_OUT))}
    kept = [p for p in places if p.area_id not in held]
    generic = frozenset(w for lex in load_lexicons() for g in lex.place_generic
                        for w in fold(g).split())
    indexed = {
        k for p in kept for v in p.names.values() for s in v for k in _keys(s, generic)
    }
    out = [
        p for p in places
        if p.area_id in held and not any(
            k in indexed for v in p.names.values() for s in v for k in _keys(s, generic)
        )
    ]
    known: list[Case] = []
    for p in _choose(rng, kept, N_KNOWN):
        q = _question(rng, p)
        if q is not None:
            known.append(Case(q[0], p.area_id, q[1], q[2]))
    unknown: list[Case] = []
    for p in rng.choices(out, k=N_UNKNOWN) if out else ():
        q = _question(rng, p)
        if q is not None:
            unknown.append(Case(q[0], -1, q[1], q[2]))
    return EvalSet(tuple(_names(kept)), len(kept), source, tuple(known), tuple(unknown))


def _keys(s: str, generic: frozenset[str]) -> tuple[str, ...]:
    """The spellings the index cannot tell apart: folded, without spaces, without ال/al-,
    without a leading word for "village" ("Qaryat Tall al Lahm" is "Tall al Lahm")."""
    words = fold(s).split()
    while len(words) > 1 and words[0] in generic:
        words = words[1:]
    if not words:
        return ()
    return " ".join(words), "".join(words), Words(words).keys(0, len(words)).compact
