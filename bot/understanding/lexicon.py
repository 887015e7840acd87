"""Keyword lexicons (data files under ``bot/data/lexicon/*.toml``, edited by operators)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from types import MappingProxyType

from bot import resources
from bot.domain.categories import CATEGORIES
from bot.domain.languages import CODES

__all__ = [
    "INTENTS",
    "Lexicon",
    "LexiconError",
    "default_lexicon_dir",
    "load_lexicons",
]

INTENTS: tuple[str, ...] = (
    "services",
    "food",
    "safety",
    "help",
    "greeting",
    "alerts",
    "left_off_list",
    "language",
)

_WORD_LISTS = (
    "stop", "question", "suffixes", "place_generic", "as_written", "where", "common"
)
_CUES = ("left_off", "lack", "handout", "harm")


class LexiconError(ValueError):
    """A lexicon file is malformed (the message names the file and the key)."""


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: expected a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _table(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: expected a table")
    return value


@dataclass(frozen=True, eq=False, slots=True)
class Lexicon:
    """Keywords of one language. Compared and hashed by identity (it is cached by identity)."""

    language: str
    intents: Mapping[str, tuple[str, ...]]
    categories: Mapping[str, tuple[str, ...]]
    left_off_cues: tuple[str, ...]
    stop_words: tuple[str, ...]
    question_words: tuple[str, ...]
    suffixes: tuple[str, ...]
    place_generic: tuple[str, ...]
    # Keywords matched only as written, marks included: without them they are a common
    # word ("mîn", mines, is "min", my).
    as_written: tuple[str, ...] = ()
    # Category keywords that say where a need is rather than what it is ("tent" in "no
    # water in the tent"): they weigh less when another category is named.
    where: tuple[str, ...] = ()
    # Words that say something is missing ("ماكو", "نییە", "tune", "no"): the need named
    # next to one weighs more.
    lack_cues: tuple[str, ...] = ()
    # Food keywords that only say something is handed out ("توزيع", "distribution"): with
    # another need named, the distribution is of that ("توزيع بطانيات" is blankets).
    handout_cues: tuple[str, ...] = ()
    # Words of harm done to a person ("يضربني", "لێم دەدات", "beats me", "threatens"): the
    # resident is offered a person to talk to, never an answer about a place.
    harm_cues: tuple[str, ...] = ()
    # Everyday words that are also the whole name of a village ("حرارة", fever; "Hit"): alone
    # in a sentence they are the word, not the place, unless a safety word is there too.
    common: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Traversable) -> Lexicon:
        """Read a lexicon TOML file; raises ``LexiconError`` on unknown or malformed keys."""
        with path.open("rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise LexiconError(f"{path}: {exc}") from exc
        return cls.from_mapping(data, source=str(path))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "<lexicon>") -> Lexicon:
        """Build a lexicon from parsed TOML (see ``bot/data/lexicon/en.toml``)."""
        unknown = set(data) - {"language", "intents", "categories", "cues", "words"}
        if unknown:
            raise LexiconError(f"{source}: unknown top-level keys {sorted(unknown)}")
        language = data.get("language")
        if not isinstance(language, str) or not language:
            raise LexiconError(f"{source}: 'language' must be a non-empty string")
        intents = _table(data.get("intents", {}), f"{source} [intents]")
        categories = _table(data.get("categories", {}), f"{source} [categories]")
        cues = _table(data.get("cues", {}), f"{source} [cues]")
        words = _table(data.get("words", {}), f"{source} [words]")
        for name, known, table in (
            ("intents", INTENTS, intents),
            ("categories", CATEGORIES, categories),
            ("cues", _CUES, cues),
            ("words", _WORD_LISTS, words),
        ):
            bad = set(table) - set(known)
            if bad:
                raise LexiconError(f"{source} [{name}]: unknown keys {sorted(bad)}")
        return cls(
            language=language,
            intents=MappingProxyType(
                {k: _strings(v, f"{source} intents.{k}") for k, v in intents.items()}
            ),
            categories=MappingProxyType(
                {k: _strings(v, f"{source} categories.{k}") for k, v in categories.items()}
            ),
            left_off_cues=_strings(cues.get("left_off", []), f"{source} cues.left_off"),
            stop_words=_strings(words.get("stop", []), f"{source} words.stop"),
            question_words=_strings(words.get("question", []), f"{source} words.question"),
            suffixes=_strings(words.get("suffixes", []), f"{source} words.suffixes"),
            place_generic=_strings(
                words.get("place_generic", []), f"{source} words.place_generic"
            ),
            as_written=_strings(words.get("as_written", []), f"{source} words.as_written"),
            where=_strings(words.get("where", []), f"{source} words.where"),
            lack_cues=_strings(cues.get("lack", []), f"{source} cues.lack"),
            handout_cues=_strings(cues.get("handout", []), f"{source} cues.handout"),
            harm_cues=_strings(cues.get("harm", []), f"{source} cues.harm"),
            common=_strings(words.get("common", []), f"{source} words.common"),
        )


def default_lexicon_dir() -> Traversable:
    """The lexicons shipped with the bot (see :mod:`bot.resources`)."""
    return resources.data_file("lexicon")


def load_lexicons(directory: Traversable | None = None) -> tuple[Lexicon, ...]:
    """Load ``ar``, ``ckb``, ``ku`` and ``en`` lexicons (those present) from *directory*."""
    base = directory if directory is not None else default_lexicon_dir()
    return tuple(
        Lexicon.load(base / f"{lang}.toml")
        for lang in CODES
        if (base / f"{lang}.toml").is_file()
    )
