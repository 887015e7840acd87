"""Each vocabulary is defined once, in bot/domain, and the database's CHECK constraints agree.

A second copy of a word list drifts: a language added to one list and not another, a status
the importer accepts and the answers do not know. The source tree is read with ``ast`` for
literal lists of words that equal a vocabulary (in any order); the numbered migrations are
history and keep their own copy, so their CHECK lists are compared with the Python ones.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

import pytest

from bot.domain import (
    announcements,
    areas,
    cases,
    categories,
    distributions,
    languages,
    roles,
    statuses,
)
from bot.domain.records import Texts

REPO = Path(__file__).resolve().parents[2]
SCANNED = ("bot", "handlers", "sandbox", "tools", "bench", "bot.py")
DOMAIN = REPO / "bot" / "domain"
MIGRATIONS = REPO / "bot" / "storage" / "migrations"

VOCABULARIES: Mapping[str, Collection[str]] = {
    "languages": languages.CODES,
    "data languages": languages.DATA_CODES,
    "statuses": statuses.STATUSES,
    "origins": statuses.ORIGINS,
    "categories": categories.CATEGORIES,
    "levels": areas.LEVELS,
    "distribution statuses": distributions.DISTRIBUTION_STATUSES,
    "distribution kinds": distributions.DISTRIBUTION_KINDS,
    "roles": roles.ROLES,
    "grantable roles": roles.GRANTABLE,
    "priorities": announcements.PRIORITIES,
    "case topics": cases.TOPICS,
    "case states": cases.CASE_STATES,
    "case outcomes": cases.OUTCOMES,
    "genders": cases.GENDERS,
    "case message authors": cases.AUTHORS,
    "audience kinds": announcements.AUDIENCE_KINDS,
}

# (table, column) -> the vocabulary its CHECK (column IN (...)) must list.
CHECKED_COLUMNS: Mapping[tuple[str, str], Collection[str]] = {
    ("residents", "language"): languages.CODES,
    ("areas", "level"): areas.LEVELS,
    ("area_status_history", "status"): statuses.STATUSES,
    ("area_status_history", "origin"): statuses.ORIGINS,
    ("status_proposals", "status"): statuses.STATUSES,
    ("status_proposals", "origin"): statuses.ORIGINS,
    ("services", "category"): categories.CATEGORIES,
    ("distributions", "status"): distributions.DISTRIBUTION_STATUSES,
    ("distributions", "kind"): distributions.DISTRIBUTION_KINDS,
    ("roles", "role"): roles.GRANTABLE,
    ("announcements", "audience"): announcements.AUDIENCE_KINDS,
    ("announcements", "priority"): announcements.PRIORITIES,
    ("cases", "topic"): cases.TOPICS,
    ("cases", "state"): cases.CASE_STATES,
    ("cases", "outcome"): cases.OUTCOMES,
    ("cases", "gender_wanted"): cases.GENDERS,
    ("focal_points", "gender"): cases.GENDERS,
    ("case_messages", "author"): cases.AUTHORS,
}


def _words(node: ast.AST) -> frozenset[str] | None:
    """The strings of a literal tuple, list or set of strings only (else None)."""
    if not isinstance(node, ast.Tuple | ast.List | ast.Set) or len(node.elts) < 2:
        return None
    words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return frozenset(words) if len(words) == len(node.elts) else None


def _literals(tree: ast.AST) -> Iterator[tuple[int, frozenset[str]]]:
    """Every literal list of words: tuples (so ``Literal["a", "b"]`` too), lists and sets."""
    for node in ast.walk(tree):
        words = _words(node)
        if words is not None:
            yield node.lineno, words


def copies(tree: ast.AST, where: str) -> list[str]:
    """``"where:line: a second copy of the <vocabulary>"`` for each literal equal to one."""
    by_words = {frozenset(words): name for name, words in VOCABULARIES.items()}
    found = []
    for line, words in _literals(tree):
        if words in by_words:
            found.append(f"{where}:{line}: a second copy of the {by_words[words]}")
    return found


def _sources() -> Iterator[Path]:
    for name in SCANNED:
        path = REPO / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def test_each_vocabulary_has_one_definition() -> None:
    found = []
    for path in _sources():
        if path.is_relative_to(DOMAIN):
            continue
        found += copies(ast.parse(path.read_text(encoding="utf-8")), str(path.relative_to(REPO)))
    assert not found, "import these from bot.domain instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        'LANGS = ("en", "ku", "ar", "ckb")',  # the same languages in another order
        'LANGS = ["kmr_Arab", "en", "ku", "ar", "ckb"]',
        "ok = status in {'cleared', 'cancelled', 'unknown', 'suspected', 'confirmed',"
        " 'in_progress'}",
        'Priority = Literal["routine", "urgent"]',
        'choices = ["governorate", "district", "subdistrict", "town", "village"]',
    ],
)
def test_a_second_copy_is_found_and_named(source: str) -> None:
    assert copies(ast.parse(source), "x.py") != []
    assert copies(ast.parse(source), "x.py")[0].startswith("x.py:1: a second copy of the ")


def test_a_subset_or_a_mapping_is_not_a_copy() -> None:
    source = (
        'RETURN = frozenset({"cleared", "cancelled"})\n'
        'LABELS = {"ar": "a", "ckb": "b", "ku": "c", "en": "d"}\n'
        'RTL = ("ar", "ckb")\n'
    )
    assert copies(ast.parse(source), "x.py") == []


def _check_lists() -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, column) -> the words of its ``CHECK (column IN (...))``; later migrations win."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    check_re = re.compile(r"CHECK \((\w+) IN\s*\(([^)]*)\)\)")
    for sql in sorted(MIGRATIONS.glob("*.sql")):
        # ["", table, its definition and what follows up to the next table, table, ...]
        parts = re.split(r"(?:CREATE|ALTER) TABLE (\w+)", sql.read_text(encoding="utf-8"))
        for table, body in zip(parts[1::2], parts[2::2], strict=True):
            renamed = re.match(r"\s+RENAME TO (\w+)", body)  # a table rebuilt the SQLite way
            if renamed:
                for key in [key for key in found if key[0] == table]:
                    found[(renamed[1], key[1])] = found.pop(key)
            for column, listed in check_re.findall(body):
                words = tuple(re.findall(r"'(\w+)'", listed))
                if words:
                    found[(table, column)] = words
    return found


def test_the_migrations_check_constraints_agree_with_the_vocabularies() -> None:
    checks = _check_lists()
    assert set(CHECKED_COLUMNS) <= set(checks), "a CHECK constraint was not found"
    differ = {
        key: (checks[key], tuple(words))
        for key, words in CHECKED_COLUMNS.items()
        if set(checks[key]) != set(words)
    }
    assert not differ, f"(database, Python) differ: {differ}"


def test_every_word_list_in_a_check_constraint_is_checked_if_it_is_a_vocabulary() -> None:
    """A CHECK list equal to a vocabulary but missing from CHECKED_COLUMNS: add it there."""
    vocabularies = {frozenset(words) for words in VOCABULARIES.values()}
    unlisted = [
        key for key, words in _check_lists().items()
        if frozenset(words) in vocabularies and key not in CHECKED_COLUMNS
    ]
    assert not unlisted


def test_the_statuses_that_release_land_are_cleared_and_cancelled_only() -> None:
    assert frozenset({"cleared", "cancelled"}) == statuses.RETURN_STATUSES
    assert set(statuses.STATUSES) == statuses.DANGER_STATUSES | statuses.RETURN_STATUSES
    assert not statuses.DANGER_STATUSES & statuses.RETURN_STATUSES
    assert statuses.NO_INFORMATION not in statuses.STATUSES


def test_each_language_falls_back_on_every_other_once() -> None:
    for code, order in languages.FALLBACK.items():
        assert order[0] == code
        assert sorted(order) == sorted(languages.CODES), code
    assert languages.ENGLISH_FIRST[0] == "en"
    assert sorted(languages.ENGLISH_FIRST) == sorted(languages.DATA_CODES)
    assert set(languages.DATA_CODES) < set(languages.CODES)
    for code in set(languages.CODES) - set(languages.DATA_CODES):  # reads names of others
        assert languages.language(code).fallback[0] in languages.DATA_CODES


def test_texts_keep_only_known_languages_in_one_order() -> None:
    assert list(Texts(en="a", ar="b")) == ["ar", "en"]
    assert Texts(en="a", ar="b") == Texts(ar="b", en="a")
    with pytest.raises(ValueError, match="xx"):
        Texts(xx="a")


def _imports(package: Path) -> Iterator[tuple[str, str]]:
    """(file, imported module) for every import in a package."""
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                yield path.name, node.module
            elif isinstance(node, ast.Import):
                yield from ((path.name, alias.name) for alias in node.names)


def test_the_domain_imports_nothing_else_of_the_bot() -> None:
    outside = [
        (name, module) for name, module in _imports(DOMAIN)
        if module.split(".")[0] in {"bot", "handlers", "sandbox"}
        and not module.startswith("bot.domain")
    ]
    assert not outside


def test_storage_does_not_import_the_importers() -> None:
    """The records storage writes are the domain's: importing uses storage, not the reverse."""
    storage = REPO / "bot" / "storage"
    assert not [(n, m) for n, m in _imports(storage) if m.startswith("bot.importing")]


def test_the_order_of_warning_runs_from_release_to_confirmed_danger() -> None:
    rank = statuses.warning_rank
    assert rank("cleared") == rank("cancelled") < rank("unknown") == rank(statuses.NO_INFORMATION)
    assert rank("unknown") < rank("suspected") < rank("in_progress") < rank("confirmed")
    assert set(statuses.WARNING_RANK) == {*statuses.STATUSES, statuses.NO_INFORMATION}
    assert rank("safe") == rank(statuses.NO_INFORMATION)  # nothing unknown ranks as release
    assert max(rank(s) for s in statuses.RETURN_STATUSES) < min(
        rank(s) for s in statuses.DANGER_STATUSES
    )


@pytest.mark.parametrize(("before", "after"), [
    ("confirmed", "suspected"), ("confirmed", "unknown"), ("confirmed", "in_progress"),
    ("in_progress", "suspected"), ("in_progress", "unknown"), ("suspected", "unknown"),
    ("confirmed", "cleared"), ("none", "cancelled"), ("unknown", "cleared"),
    ("cleared", "cancelled"), ("cleared", "cleared"),  # every release is checked by two
])
def test_lowering_the_warning_or_releasing_needs_a_second_operator(
    before: str, after: str
) -> None:
    assert statuses.needs_second_operator(before, after)


@pytest.mark.parametrize(("before", "after"), [
    ("none", "unknown"), ("none", "suspected"), ("unknown", "unknown"), ("unknown", "suspected"),
    ("suspected", "in_progress"), ("suspected", "confirmed"), ("in_progress", "confirmed"),
    ("confirmed", "confirmed"), ("cleared", "unknown"), ("cancelled", "suspected"),
    ("bogus", "unknown"),
])
def test_raising_or_keeping_the_warning_takes_effect_at_once(before: str, after: str) -> None:
    assert not statuses.needs_second_operator(before, after)
    assert not statuses.lowers_warning(before, after)
