"""The layout's import rules and module sizes, read from the source with ``ast``.

- ``bot/`` is the core: it never imports ``telegram.ext``, ``handlers`` or ``sandbox``, and
  only the delivery engine (``bot/delivery``) imports ``telegram`` at all.
- A feature (a module in ``handlers.FEATURES``, the kit aside) imports no other feature,
  and no helper of another audience package; helpers import no feature.
- ``handlers/kit`` imports nothing of ``handlers`` but the kit.
- No module is over ``MAX_LINES`` lines (``tools/`` excepted).

Imports inside functions count. Each check reads a list of (module, import) pairs, so a
failure names both.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import handlers

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 450
SIZED = ("bot", "handlers", "sandbox", "bench", "tests")
# Still to split (by responsibility), with the length they may not grow past: remove each
# entry when its module is split.
NOT_YET_SPLIT: dict[str, int] = {}


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(package: str, root: Path = ROOT) -> dict[str, Path]:
    return {_module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_of(source: str, module: str) -> Iterator[str]:
    """Every module ``source`` imports (``from a import b`` gives ``a.b`` when ``b`` is a
    module of this repository, else ``a``), at any depth of the tree."""
    package = module.split(".")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package
                anchor = package[: len(package) - node.level]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if _is_module(candidate) else base


def _edges(package: str) -> list[tuple[str, str]]:
    return [
        (module, imported)
        for module, path in _modules(package).items()
        for imported in imports_of(path.read_text(encoding="utf-8"), module)
    ]


def _within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(f"{p}.") for p in prefixes)


def core_violations(edges: list[tuple[str, str]]) -> list[str]:
    found = []
    for module, imported in edges:
        if _within(imported, "telegram.ext", "handlers", "sandbox"):
            found.append(f"{module} imports {imported} (the core never imports the surface)")
        elif _within(imported, "telegram") and not _within(module, "bot.delivery"):
            found.append(f"{module} imports {imported} (only bot.delivery talks to Telegram)")
    return found


def _features() -> frozenset[str]:
    return frozenset(
        m.__name__ for m in handlers.FEATURES if not _within(m.__name__, "handlers.kit")
    )


def _audience(module: str) -> str:
    return ".".join(module.split(".")[:2])


def surface_violations(edges: list[tuple[str, str]], features: frozenset[str]) -> list[str]:
    found = []
    for module, imported in edges:
        if not _within(imported, "handlers") or imported in ("handlers", module):
            continue
        if module in ("handlers", "handlers.main"):
            continue  # the composition root lists every feature
        if _within(module, "handlers.kit"):
            if not _within(imported, "handlers.kit"):
                found.append(f"{module} imports {imported} (the kit imports only the kit)")
        elif _within(imported, "handlers.kit"):
            continue
        elif imported in features:
            found.append(f"{module} imports {imported} (a feature; no feature imports one)")
        elif _audience(module) != _audience(imported):
            found.append(f"{module} imports {imported} (a helper of another audience)")
    return found


def long_modules(
    packages: tuple[str, ...], root: Path = ROOT, waiting: dict[str, int] | None = None
) -> list[str]:
    found = []
    for package in packages:
        for module, path in _modules(package, root).items():
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > max(MAX_LINES, (waiting or {}).get(module, 0)):
                found.append(f"{module}: {lines} lines (at most {MAX_LINES})")
    return found


def test_the_core_never_imports_the_surface() -> None:
    assert core_violations(_edges("bot")) == []


def test_no_feature_imports_another_and_the_kit_imports_only_the_kit() -> None:
    features = _features()
    assert "handlers.camp.food" in features  # the list is read, not empty
    assert surface_violations(_edges("handlers"), features) == []


def test_no_module_is_too_long() -> None:
    assert long_modules(SIZED, waiting=NOT_YET_SPLIT) == []


# --- each check can fail ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "source", "imported"),
    [
        ("bot.feeds.poll", "from telegram.ext import JobQueue", "telegram.ext"),
        (
            "bot.safety.staleness",
            "def f():\n    from handlers.kit import notify\n",
            "handlers.kit.notify",
        ),
        ("bot.cli", "import sandbox.demo", "sandbox.demo"),
        ("bot.safety.notices", "from telegram import InlineKeyboardMarkup", "telegram"),
    ],
)
def test_core_check_names_module_and_import(module: str, source: str, imported: str) -> None:
    [found] = core_violations([(module, i) for i in imports_of(source, module)])
    assert found.startswith(f"{module} imports {imported} ")


def test_delivery_may_use_telegram_but_not_its_ext() -> None:
    ok = [("bot.delivery.sender", "telegram"), ("bot.delivery.flood", "telegram.error")]
    assert core_violations(ok) == []
    assert core_violations([("bot.delivery.sender", "telegram.ext")]) != []


@pytest.mark.parametrize(
    ("module", "source", "imported"),
    [
        ("handlers.camp.services", "from handlers.camp import food", "handlers.camp.food"),
        (
            "handlers.residents.understand",
            "async def f():\n    from handlers.safety.answers import answer_area\n",
            "handlers.safety.answers",
        ),
        (
            "handlers.kit.screens",
            "from handlers.residents import start",
            "handlers.residents.start",
        ),
        ("handlers.camp.food", "from handlers.operators.common import TOKEN_MAX_AGE",
         "handlers.operators.common"),
        ("handlers.staff.announce_ui", "from handlers.staff import schedules",
         "handlers.staff.schedules"),
    ],
)
def test_surface_check_names_module_and_import(module: str, source: str, imported: str) -> None:
    [found] = surface_violations([(module, i) for i in imports_of(source, module)], _features())
    assert found.startswith(f"{module} imports {imported} ")


def test_helpers_and_the_kit_are_allowed() -> None:
    allowed = [
        ("handlers.operators.status", "handlers.operators.review"),  # a helper of its own
        ("handlers.camp.food", "handlers.kit.ui"),
        ("handlers.kit.buttons", "handlers.kit.screens"),
        ("handlers", "handlers.camp.food"),  # the composition root
    ]
    assert surface_violations(allowed, _features()) == []


def test_size_check_names_the_long_module(tmp_path: Path) -> None:
    (tmp_path / "bot" / "places").mkdir(parents=True)
    (tmp_path / "bot" / "places" / "short.py").write_text("x = 1\n" * MAX_LINES)
    (tmp_path / "bot" / "places" / "index.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert long_modules(("bot",), tmp_path) == [
        f"bot.places.index: {MAX_LINES + 1} lines (at most {MAX_LINES})"
    ]
