"""The bot as a real process: restart keeps languages, bad configs stop it cleanly,
webhook mode works, backups run beside it, and logs never carry text or the token."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Settings
from bot.storage import Database
from bot.storage.residents import count_by_language
from sandbox import SandboxClient
from tests.e2e.conftest import (
    NATIVE,
    REPO,
    TOKEN,
    bot_process,
    choose_language,
    eventually,
    plain,
    write_config,
)


async def run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "bot.py", *args, cwd=REPO,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**{k: v for k, v in os.environ.items() if k != "DALEEL_BOT_TOKEN"}, **(env or {})},
    )
    async with asyncio.timeout(30):
        out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_language_persists_across_a_restart(
    tmp_path: Path, client: SandboxClient, settings: Settings
) -> None:
    config = write_config(tmp_path / "config.toml", settings)
    user = client.user(9001)
    async with bot_process(config, client) as bot:
        await choose_language(user, "ckb")
        assert await bot.stop() == 0
    async with bot_process(config, client) as bot:
        await user.send("/start")
        menu = await user.reply()
        assert "🏥 خزمەتگوزارییەکانی کەمپ" in menu.button_texts  # no language question
        await user.send("/language")
        await user.reply()
        await user.press("Kurmancî")
        await user.reply(predicate=lambda m: len(m.buttons) == 6)
        assert await bot.stop() == 0
    async with bot_process(config, client) as bot:
        await user.send("/help")
        assert "lîsteya sereke" in (await user.reply()).text
        await bot.stop()


async def test_logs_carry_neither_token_nor_message_text(
    tmp_path: Path, client: SandboxClient, settings: Settings
) -> None:
    config = write_config(tmp_path / "config.toml", settings, level="DEBUG")
    user = client.user(9002)
    secret_words = "my village is Kocho and my name is Layla"
    async with bot_process(config, client) as bot:
        await choose_language(user, "en")
        await user.send(secret_words)
        await user.reply()  # whatever the answer, the words must not reach the log
        await bot.stop()
    log = bot.log.read_text(encoding="utf-8")
    assert "Daleel started" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert "Kocho" not in log and "Layla" not in log


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[telegram]\n", "telegram.token: is missing"),
        ('[telegram]\ntoken = "nope"\n', "telegram.token: is not a bot token"),
        ("[telegram\n", "is not valid TOML"),
        (
            f'[telegram]\ntoken = "{TOKEN}"\n[access]\nadmin_ids = []\n[storage]\n'
            'database = "x.sqlite3"\n[locale]\ntimezone = "Asia/Nowhere"\n',
            "locale.timezone: 'Asia/Nowhere' is not a known time zone",
        ),
        (
            f'[telegram]\ntoken = "{TOKEN}"\n[access]\nadmin_ids = []\n[storage]\n'
            'database = "x.sqlite3"\n[sending]\nglobal_per_second = -3\n',
            "sending.global_per_second: must be greater than 0",
        ),
    ],
)
async def test_bad_config_stops_with_one_clear_line(
    tmp_path: Path, body: str, expected: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(body, encoding="utf-8")
    status, out, err = await run_cli("--config", str(config), "run")
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("daleel: configuration error:")
    assert expected in lines[0]
    assert TOKEN not in err and TOKEN not in out


async def test_missing_config_file(tmp_path: Path) -> None:
    status, _, err = await run_cli("--config", str(tmp_path / "none.toml"), "run")
    assert status == 2 and "none.toml: does not exist" in err
    assert len(err.strip().splitlines()) == 1


async def test_make_run_without_config_toml_says_to_copy_the_example(tmp_path: Path) -> None:
    """The repository's own config.toml is missing on a fresh clone."""
    (tmp_path / "config.example.toml").write_text((REPO / "config.example.toml").read_text())
    status, _, err = await run_cli("--config", str(tmp_path / "config.toml"), "run")
    assert status == 2
    assert err.strip().splitlines() == [
        f"daleel: configuration error: {tmp_path / 'config.toml'}: does not exist: "
        "copy config.example.toml to config.toml and fill it in"
    ]


async def test_daleel_command_and_bot_py_agree() -> None:
    status, out, _ = await run_cli("--help")
    daleel = Path(sys.executable).with_name("daleel")
    process = await asyncio.create_subprocess_exec(
        str(daleel), "--help", stdout=asyncio.subprocess.PIPE, cwd=REPO
    )
    console_out, _ = await process.communicate()
    assert status == 0 and process.returncode == 0
    assert out == console_out.decode()
    assert "backup" in out and "demo" in out


async def test_backup_while_the_bot_runs(
    tmp_path: Path, client: SandboxClient, settings: Settings
) -> None:
    config = write_config(tmp_path / "config.toml", settings)
    async with bot_process(config, client) as bot:
        for chat, code in ((9101, "ar"), (9102, "ku")):
            await choose_language(client.user(chat), code)
        status, _, err = await run_cli(
            "--config", str(config), "backup", str(tmp_path / "copy.sqlite3"),
            env={"DALEEL_BOT_TOKEN": TOKEN},
        )
        assert status == 0, err
        # The bot is still answering while and after the copy is taken.
        user = client.user(9101)
        await user.send("/menu")
        assert len((await user.reply()).buttons) == 6
        await bot.stop()
    copy = await Database.open(tmp_path / "copy.sqlite3", migrate=False)
    try:
        assert await count_by_language(copy) == {"ar": 1, "ku": 1}
    finally:
        await copy.close()


async def test_webhook_mode(tmp_path: Path, client: SandboxClient, settings: Settings) -> None:
    port = _free_port()
    config = write_config(
        tmp_path / "config.toml",
        settings,
        extra=(
            f'[telegram.webhook]\nlisten = "127.0.0.1"\nport = {port}\n'
            f'public_url = "http://127.0.0.1:{port}"\nsecret_token = "sandbox_secret_123456"\n'
        ),
    )
    text = config.read_text().replace("[telegram]\n", '[telegram]\nmode = "webhook"\n')
    config.write_text(text)
    log = tmp_path / "webhook.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "bot.py", "--config", str(config), "run", cwd=REPO,
            stdout=sink, stderr=sink, env={**os.environ, "DALEEL_BOT_TOKEN": TOKEN},
        )
    try:
        async def webhook_set() -> bool:
            return bool((await client.webhook_info()).get("url"))

        await eventually(webhook_set, within=20, process=process, log=log)
        info = await client.webhook_info()
        assert info["url"] == f"http://127.0.0.1:{port}/telegram"
        user = client.user(9201)
        await user.send("/start")
        first = await user.reply(timeout=10)
        assert set(first.button_texts) == set(NATIVE.values())
        await user.press("العربية")
        menu = await user.reply(predicate=lambda m: len(m.buttons) == 6, timeout=10)
        assert "أهلًا بك في «دليل»." in plain(menu.text)
    finally:
        if process.returncode is None:
            process.terminate()
        async with asyncio.timeout(15):
            await process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("place", ["file", "proc"])
async def test_a_database_in_a_place_that_cannot_be_written_stops_with_one_clear_line(
    tmp_path: Path, settings: Settings, place: str
) -> None:
    """Root may write anywhere a plain read-only folder would stop others, so the places
    here cannot be written by anyone: under a regular file, and in /proc."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    database = blocker / "daleel.sqlite3" if place == "file" else Path("/proc/daleel.sqlite3")
    config = write_config(tmp_path / "config.toml", replace(settings, database=database))
    status, out, err = await run_cli("--config", str(config), "run",
                                     env={"DALEEL_BOT_TOKEN": TOKEN})
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("daleel: cannot use the database") and str(database) in lines[0]
    assert "Traceback" not in err and TOKEN not in err and TOKEN not in out
