"""The wheel of `pip install .` is Daleel alone, with its data, and starts when installed.

The wheels are built from a copy of the tree without the compiled ``.mo`` (as a fresh
clone is) and installed into a new virtual environment; the third-party packages come
from the environment running the tests (a ``.pth`` line: no network, no index). Only
``bot``, ``handlers`` and ``locales`` of the wheel are importable there: the repository
is not on the path.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.i18n.catalogues import LANGUAGES
from sandbox import Limits, Sandbox, SandboxClient

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TOKEN = "5550002:TEST_token_for_the_wheel_test_only"
# Copied to build from: what the wheel needs, plus the sandbox and tests it must leave out.
TREE = ("pyproject.toml", "README.md", "bot", "handlers", "locales", "sandbox", "tests")
NOT_IN_A_CLONE = shutil.ignore_patterns("*.mo", "__pycache__", "*.egg-info", "build")


@dataclass(frozen=True)
class Wheels:
    daleel: Path
    sandbox: Path


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=_clean_env(), capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DALEEL_BOT_TOKEN"}}


def _pip(*args: str | Path, cwd: Path) -> str:
    return _run(sys.executable, "-m", "pip", "--disable-pip-version-check", *args, cwd=cwd)


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Wheels:
    """`pip wheel .` and `pip wheel ./sandbox` of a tree as a fresh clone has it."""
    root = tmp_path_factory.mktemp("wheels")
    src = root / "src"
    src.mkdir()
    for name in TREE:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=NOT_IN_A_CLONE)
        else:
            shutil.copy2(REPO / name, src / name)
    dist = root / "dist"
    for project in (".", "./sandbox"):
        _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", dist,
             project, cwd=src)
    return Wheels(next(dist.glob("daleel-*.whl")), next(dist.glob("daleel_sandbox-*.whl")))


def _new_venv(where: Path, *wheel_files: Path) -> Path:
    """A new environment with these wheels; third-party packages from this one's path."""
    _run(sys.executable, "-m", "venv", "--without-pip", where, cwd=where.parent)
    python = where / "bin" / "python"
    _pip("--python", python, "install", "--no-deps", "--no-index", "-q", *wheel_files,
         cwd=where.parent)
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                   cwd=where.parent).strip()
    third_party = [p for p in sys.path if p.endswith("site-packages")]
    # After the wheel's own packages: a .pth adds its lines at the end of sys.path.
    (Path(purelib) / "zz_test_dependencies.pth").write_text("\n".join(third_party) + "\n")
    return where / "bin"


@pytest.fixture(scope="module")
def installed(wheels: Wheels, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install .`: the bin directory of an environment with Daleel alone."""
    return _new_venv(tmp_path_factory.mktemp("daleel") / "venv", wheels.daleel)


def test_the_wheel_holds_the_bot_and_its_data_and_nothing_else(wheels: Wheels) -> None:
    names = set(zipfile.ZipFile(wheels.daleel).namelist())
    assert {n.split("/")[0] for n in names} == {"bot", "handlers", "locales",
                                                "daleel-0.1.0.dist-info"}
    data = {
        path.relative_to(REPO).as_posix()
        for folder in ("bot/data", "bot/storage/migrations")
        for path in (REPO / folder).rglob("*") if path.is_file()
    }
    assert {"bot/data/lexicon/ckb.toml", "bot/data/safety/sources.toml",
            "bot/data/iraq/areas.csv", "bot/data/demo/services_demo.csv"} <= data
    assert data <= names
    for lang in LANGUAGES:
        assert f"locales/{lang.code}/LC_MESSAGES/messages.po" in names
    assert not any(n.endswith(".mo") for n in names)  # built from a tree without them


def test_installed_daleel_answers_help_from_its_own_files(installed: Path) -> None:
    outside = installed.parent.parent
    assert "{run,backup,import,export,demo}" in _run(installed / "daleel", "--help", cwd=outside)
    where = _run(
        installed / "python", "-c",
        "import importlib.util as u, bot, handlers, locales\n"
        "print(bot.__file__, handlers.__file__, locales.__file__)\n"
        "print(u.find_spec('sandbox'), u.find_spec('tests'))",
        cwd=outside,
    ).split()
    assert all(Path(f).is_relative_to(installed.parent) for f in where[:3]), where
    assert where[3:] == ["None", "None"]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(TOKEN, limits=Limits.disabled()) as box:
        yield box


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(sandbox.url) as c:
        yield c


async def _polls(client: SandboxClient) -> int:
    entry = (await client.stats()).methods.get("getUpdates")
    return entry.calls + entry.in_flight if entry else 0


async def test_installed_daleel_runs_against_a_sandbox(
    installed: Path, sandbox: Sandbox, client: SandboxClient, tmp_path: Path
) -> None:
    """Catalogues (from the .po), lexicons, sources and migrations load; /start is answered."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\napi_base_url = "{sandbox.url}"\n[access]\nadmin_ids = [900001]\n'
        f'[storage]\ndatabase = "{tmp_path / "daleel.sqlite3"}"\n', encoding="utf-8",
    )
    log = tmp_path / "daleel.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            installed / "daleel", "--config", config, "run", cwd=tmp_path,
            stdout=sink, stderr=sink, env={**_clean_env(), "DALEEL_BOT_TOKEN": TOKEN},
        )
    try:
        async with asyncio.timeout(30):
            while not await _polls(client):
                assert process.returncode is None, log.read_text(errors="replace")
                await asyncio.sleep(0.05)
        user = client.user(9101)
        await user.send("/start")
        assert "العربية" in (await user.reply()).button_texts
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(15):
            assert await process.wait() == 0, log.read_text(errors="replace")
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_installed_demo_with_the_sandbox_wheel(wheels: Wheels, tmp_path: Path) -> None:
    """`pip install . ./sandbox`, then `daleel demo` scripted from stdin."""
    bin_dir = _new_venv(tmp_path / "venv", wheels.daleel, wheels.sandbox)
    process = await asyncio.create_subprocess_exec(
        bin_dir / "daleel", "demo", "--wait", "10", "--no-villages", cwd=tmp_path,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=_clean_env(),
    )
    async with asyncio.timeout(60):
        out, err = await process.communicate(b"/start\n1\n/language\n3\n")
    assert process.returncode == 0, err.decode()
    text = out.decode()
    assert "أصبحت لغتك الآن العربية." in text  # Arabic, from the .po compiled at start-up
    assert "Zimanê te niha Kurmancî e." in text
    assert "[1] 🏥 Xizmetên kampê" in text
