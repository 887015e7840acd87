"""``make bench`` suite: how often the bot understands what residents type, per language.

Why: the keyword lexicons are tuned by hand, and every word added for one dialect can
steal another's question ("هواية", a lot, is one letter from "هوية", ID). Without a fixed
set of real-looking questions, a fix for one message silently breaks ten others.

The evaluation set is ``bench/data/understanding/<language code>.tsv`` (UTF-8, one
question a line, tab-separated): a header line ``text  intent  category``, then the
question as a resident types it, the intent ``bot.understanding.intent`` should return
and, for a service question, its category (empty otherwise, or for services in general).
An optional fourth column ``held_out`` is ``1`` on rows kept out of the lexicon work, so
the score on them says how well the lexicons generalise. Every file in the folder is read
(``ar.tsv``, ``ku.tsv``, a new language's file…): the code before the first dot names the
language.

Per language the suite reports the number of questions, the share with the right intent,
with the right intent and category, the share answered directly with a WRONG intent (the
bot acts on a guess: confidence at or above ``SURE`` of ``handlers.residents.understand``,
or only one need to offer) and the share asked back ("Did you mean" buttons) — for all
questions and for the held-out ones. The place index is the product's with the shipped
villages, as the bot has it in the field.

Ordinary messages that name no place (greetings, health, family, complaints, thanks,
protection) are in ``<code>.ordinary.tsv`` (header ``text  kind``): with ~22,000 villages
indexed, ordinary words are also village names, and an answer about a village to "my child
has a fever" is the worst kind of wrong answer. Per language the suite reports the share of
them read as a place: answered as a safety question with places found (directly, or with
safety the only need offered), the share where a place is offered at all, and how many
of the ``protection`` messages (harm to a person) are offered a person to talk to.

Run ``python -m bench.understanding_eval [code]`` for the table and the misread questions.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.importing import parse_areas
from bot.places.gazetteer import load_iraq_gazetteer
from bot.places.index import PlaceIndex, PlaceName
from bot.understanding.intent import Understander, Understanding
from bot.understanding.lexicon import Lexicon, load_lexicons
from handlers.residents.understand import SURE

__all__ = [
    "EVAL_DIR",
    "Question",
    "Score",
    "judge",
    "load",
    "load_ordinary",
    "place_index",
    "read_as_place",
    "run",
]

_REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = _REPO / "bench" / "data" / "understanding"
_DATA = _REPO / "bot" / "data"
# The needs a "Did you mean" button can offer (handlers.residents.understand).
_ASKABLE = frozenset(
    ("services", "food", "left_off_list", "safety", "alerts", "help", "language")
)


@dataclass(frozen=True, slots=True)
class Question:
    """One typed question and what it asks."""

    text: str
    intent: str
    category: str  # "" when the question names no service category
    held_out: bool
    line: int


@dataclass(slots=True)
class Score:
    """The tally of one language's questions (or a part of them)."""

    total: int = 0
    intent: int = 0
    intent_category: int = 0
    wrong_direct: int = 0  # answered directly with the wrong intent
    asked_back: int = 0
    not_understood: int = 0
    misread: list[tuple[Question, Understanding]] = field(default_factory=list)

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0


def load(directory: Path = EVAL_DIR) -> dict[str, list[Question]]:
    """Every ``*.tsv`` file of *directory*, by language code (the name before the first dot)."""
    sets: dict[str, list[Question]] = {}
    for path in sorted(directory.glob("*.tsv")):
        if ".ordinary." in path.name:
            continue
        code = path.name.split(".", 1)[0]
        sets.setdefault(code, []).extend(_read(path, held_out=".heldout." in path.name))
    return sets


def load_ordinary(directory: Path = EVAL_DIR) -> dict[str, list[tuple[str, str]]]:
    """The ordinary messages (text, kind) of every ``<code>.ordinary.tsv`` of *directory*,
    by language."""
    sets: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(directory.glob("*.ordinary.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        if not rows or rows[0][:2] != ["text", "kind"]:
            raise ValueError(f"{path}: the first line must be 'text<TAB>kind'")
        code = path.name.split(".", 1)[0]
        sets.setdefault(code, []).extend(
            (r[0], (r[1:] or [""])[0].strip()) for r in rows[1:] if r and r[0].strip()
        )
    return sets


def read_as_place(u: Understanding) -> bool:
    """*u* is answered about a place: safety with places found, acted on without asking."""
    return u.intent == "safety" and bool(u.place_matches) and answered_directly(u)


def _ordinary_rows(
    sets: dict[str, list[tuple[str, str]]],
    understander: Understander,
    places: PlaceIndex,
    only: Sequence[str],
    *,
    show: bool,
) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for code, texts in sets.items():
        if only and code not in only:
            continue
        direct = offered = harm = harmful = 0
        for text, kind in texts:
            u = understander.understand(text, places)
            if kind == "protection":
                harmful += 1
                harm += u.harm and u.intent != "safety"
            as_place = read_as_place(u)
            direct += as_place
            offered += bool(u.place_matches) and "safety" in (u.intent, *u.alternatives)
            if show and u.place_matches:
                print(
                    f"{code} ordinary: {text!r} -> {u.intent} ({u.confidence:.2f}) "
                    f"{[m.matched for m in u.place_matches[:3]]}"
                    f"{' READ AS A PLACE' if as_place else ''}",
                    file=sys.stderr,
                )
        n = max(len(texts), 1)
        rows.append(
            (
                f"{code} ordinary (no place named): messages / read as a place / place offered",
                f"{len(texts)} / {direct / n:.1%} / {offered / n:.1%}",
            )
        )
        rows.append(
            (
                f"{code} ordinary: harm to a person offered a person (protection messages)",
                f"{harm} of {harmful}",
            )
        )
    return rows


def _read(path: Path, *, held_out: bool) -> list[Question]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0][:3] != ["text", "intent", "category"]:
        raise ValueError(f"{path}: the first line must be 'text<TAB>intent<TAB>category'")
    out: list[Question] = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        if len(row) < 2:
            raise ValueError(f"{path}:{number}: a question needs its intent")
        cells = [*row, "", ""]
        out.append(
            Question(
                text=cells[0],
                intent=cells[1].strip(),
                category=cells[2].strip(),
                held_out=held_out or cells[3].strip() == "1",
                line=number,
            )
        )
    return out


def answered_directly(u: Understanding) -> bool:
    """The bot acts on *u* without asking back (as ``handlers.residents.understand``)."""
    if u.intent is None:
        return False
    offered = {i for i in (u.intent, *u.alternatives) if i in _ASKABLE}
    return u.confidence >= SURE or len(offered) < 2


def judge(
    questions: Iterable[Question], understander: Understander, places: PlaceIndex | None
) -> Score:
    """Read every question as the bot would and count what it made of it."""
    score = Score()
    for q in questions:
        u = understander.understand(q.text, places)
        score.total += 1
        right = u.intent == q.intent
        category_right = q.intent != "services" or (u.category or "") == q.category
        score.intent += right
        score.intent_category += right and category_right
        if u.intent is None:
            score.not_understood += 1
        elif not answered_directly(u):
            score.asked_back += 1
        elif not right:
            score.wrong_direct += 1
        if not (right and category_right):
            score.misread.append((q, u))
    return score


def place_index(lexicons: Sequence[Lexicon], *, villages: bool = True) -> PlaceIndex:
    """The shipped areas and camps, the demo villages and (if *villages*) the villages."""
    names = list(load_iraq_gazetteer().names)
    files = [_DATA / "demo" / "areas_demo.csv"]
    if villages:
        files += sorted((_DATA / "iraq").glob("villages*.csv"))
    for path in files:
        for area in parse_areas(path.read_bytes()).records:
            area_id = len(names) + 1_000_000
            names.extend(PlaceName(area_id, t, f"name_{lang}") for lang, t in area.names.items())
            names.extend(PlaceName(area_id, alias, "alias") for alias in area.aliases)
    generic = [w for lex in lexicons for w in lex.place_generic]
    return PlaceIndex.build(names, generic_words=generic)


def _rows(code: str, part: str, s: Score) -> list[tuple[str, str]]:
    p = s.share
    return [
        (
            f"{code} {part}: questions / intent right / intent+category right",
            f"{s.total} / {p(s.intent):.1%} / {p(s.intent_category):.1%}",
        ),
        (
            f"{code} {part}: WRONG intent answered directly / asked back / not understood",
            f"{p(s.wrong_direct):.1%} / {p(s.asked_back):.1%} / {p(s.not_understood):.1%}",
        ),
    ]


def evaluate(
    only: Sequence[str] = (), *, show: bool = False, villages: bool = True
) -> list[tuple[str, str]]:
    """The suite's rows; *show* prints every misread question to standard error."""
    lexicons = load_lexicons()
    understander = Understander.build(lexicons)
    index = place_index(lexicons, villages=villages)
    rows: list[tuple[str, str]] = []
    for code, questions in load().items():
        if only and code not in only:
            continue
        tuned = judge((q for q in questions if not q.held_out), understander, index)
        held = judge((q for q in questions if q.held_out), understander, index)
        rows += _rows(code, "tuned", tuned) + _rows(code, "held-out", held)
        if show:
            for part, s in (("tuned", tuned), ("held-out", held)):
                for q, u in s.misread:
                    print(
                        f"{code} {part} line {q.line}: {q.text!r} want {q.intent}/"
                        f"{q.category or '-'} got {u.intent}/{u.category or '-'} "
                        f"({u.confidence:.2f}, {'/'.join(u.alternatives)})",
                        file=sys.stderr,
                    )
    rows += _ordinary_rows(load_ordinary(), understander, index, only, show=show)
    return rows


def run() -> list[tuple[str, str]]:
    """The suite's rows (CPU-bound; ``bench.__main__`` runs it off the event loop)."""
    return evaluate()


if __name__ == "__main__":
    for key, value in evaluate(sys.argv[1:], show=True):
        print(f"{key:<80}  {value}")
