"""Configuration: every missing or invalid key is named; the token never shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import TOKEN_ENV, ConfigError, Secret, load_settings
from tests.conftest import REPO

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = f"""
[telegram]
token = "{TOKEN}"
[access]
admin_ids = [42]
[storage]
database = "data/daleel.sqlite3"
"""


def test_minimal_file_gets_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, MINIMAL), {})
    assert settings.token.reveal() == TOKEN
    assert settings.admin_ids == frozenset({42})
    assert settings.database == tmp_path / "data" / "daleel.sqlite3"
    assert settings.timezone.key == "Asia/Baghdad"
    assert settings.default_language == "ar"
    assert settings.mode == "polling"
    assert settings.webhook is None
    assert settings.rates.global_per_second == 30.0
    assert settings.rates.per_chat_per_second == 1.0
    assert settings.schedules.missed_grace_minutes == 60
    assert settings.schedules.food_reminder_time.isoformat() == "18:00:00"
    assert settings.api_base_url is None
    assert settings.bot_id == 123456789
    assert settings.safety.confirmation_hours == 48
    assert settings.safety.digest_time.isoformat() == "08:00:00"
    assert settings.feeds.poll_minutes == 60
    assert settings.feeds.timeout_seconds == 20.0
    assert settings.feeds.max_bytes == 5_000_000


def test_badini_can_be_the_default_language(tmp_path: Path) -> None:
    body = MINIMAL + "[locale]\ndefault_language = 'kmr_Arab'\n"
    assert load_settings(write(tmp_path, body), {}).default_language == "kmr_Arab"


def test_operator_settings_are_read(tmp_path: Path) -> None:
    body = MINIMAL + (
        "[safety]\nconfirmation_hours = 24\ndigest_time = '7:30'\n"
        "[feeds]\npoll_minutes = 15\ntimeout_seconds = 2.5\nmax_bytes = 100000\n"
    )
    settings = load_settings(write(tmp_path, body), {})
    assert settings.safety.confirmation_hours == 24
    assert settings.safety.digest_time.isoformat() == "07:30:00"
    assert (settings.feeds.poll_minutes, settings.feeds.timeout_seconds) == (15, 2.5)
    assert settings.feeds.max_bytes == 100_000


def test_environment_token_wins(tmp_path: Path) -> None:
    other = "987654321:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    settings = load_settings(write(tmp_path, MINIMAL), {TOKEN_ENV: other})
    assert settings.token.reveal() == other


def test_example_config_is_complete_and_commented() -> None:
    example = REPO / "config.example.toml"
    text = example.read_text(encoding="utf-8")
    settings = load_settings(example, {TOKEN_ENV: TOKEN})
    assert settings.timezone.key == "Asia/Baghdad"
    # Every key line is preceded by a comment line explaining it.
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            above = lines[:index]
            assert any(prev.startswith("#") for prev in above[-3:]), line


@pytest.mark.parametrize(
    ("body", "key", "problem"),
    [
        ("[access]\nadmin_ids=[1]\n[storage]\ndatabase='x'", "telegram.token", "is missing"),
        (MINIMAL.replace(TOKEN, "not-a-token"), "telegram.token", "not a bot token"),
        (MINIMAL.replace("admin_ids = [42]", "admin_ids = ['bob']"), "access.admin_ids", "list"),
        (MINIMAL.replace("admin_ids = [42]", ""), "access.admin_ids", "is missing"),
        (MINIMAL + "[locale]\ntimezone = 'Mars/Olympus'\n", "locale.timezone", "not a known"),
        (MINIMAL + "[locale]\ndefault_language = 'fr'\n", "locale.default_language", "one of"),
        # Badini's code is kmr_Arab: the tag gettext reads as Latin Kurmanji is refused.
        (MINIMAL + "[locale]\ndefault_language = 'ku_Arab'\n", "locale.default_language", "one of"),
        (MINIMAL + "[sending]\nglobal_per_second = 0\n", "sending.global_per_second", "> 0"),
        (MINIMAL + "[sending]\nglobal_per_second = 'fast'\n", "sending.global_per_second", "float"),
        (MINIMAL + "[sending]\npaid_broadcast = 1\n", "sending.paid_broadcast", "bool"),
        (MINIMAL + "[sending]\nmissed_grace_minutes = -1\n", "sending.missed_grace_minutes", "between"),
        (MINIMAL + "[sending]\nfood_reminder_time = '6pm'\n", "sending.food_reminder_time", "time"),
        (MINIMAL + "[sending]\nfood_reminder_time = '24:00'\n", "sending.food_reminder_time", "time"),
        (MINIMAL.replace('token = "', 'mode = "carrier"\ntoken = "'), "telegram.mode", "polling"),
        (MINIMAL.replace('token = "', 'mode = "webhook"\ntoken = "'), "telegram.webhook.public_url", "is missing"),
        (MINIMAL + "[safety]\nconfirmation_hours = 0\n", "safety.confirmation_hours", "between"),
        (MINIMAL + "[safety]\ndigest_time = 'dawn'\n", "safety.digest_time", "time"),
        (MINIMAL + "[feeds]\npoll_minutes = 0\n", "feeds.poll_minutes", "between"),
        (MINIMAL + "[feeds]\ntimeout_seconds = 0\n", "feeds.timeout_seconds", "between"),
        (MINIMAL + "[feeds]\nmax_bytes = 10\n", "feeds.max_bytes", "between"),
        (MINIMAL + "[feeds]\nurl = 'http://x'\n", "feeds.url", "not a known key"),
        (MINIMAL + "[storage.extra]\n", "storage.extra", "not a known key"),
        (MINIMAL + "[stroage]\ndatabase='x'\n", "stroage", "not a known section"),
        (MINIMAL.replace("[storage]", "[storage]\ndatbase = 'y'"), "storage.datbase", "not a known key"),
        (MINIMAL.replace('token = "', 'api_base_url = "ftp://x"\ntoken = "'), "telegram.api_base_url", "URL"),
    ],
)
def test_bad_key_is_named(tmp_path: Path, body: str, key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, body), {})
    assert caught.value.key == key
    assert problem.replace("> 0", "greater than 0") in caught.value.problem
    assert TOKEN not in str(caught.value)


def test_webhook_settings(tmp_path: Path) -> None:
    body = MINIMAL.replace('token = "', 'mode = "webhook"\ntoken = "') + (
        "[telegram.webhook]\nport = 8443\npublic_url = 'https://daleel.example.org/'\n"
        "secret_token = 'abcdefghijklmnop_1234'\n"
    )
    settings = load_settings(write(tmp_path, body), {})
    assert settings.webhook is not None
    assert settings.webhook.public_url == "https://daleel.example.org"
    assert "abcdefghijklmnop" not in repr(settings)


def test_broken_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[telegram\n"), {})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", {})
    with pytest.raises(ConfigError, match="cannot be read"):
        load_settings(tmp_path, {})  # a folder


def test_secret_never_prints() -> None:
    secret = Secret(TOKEN)
    assert TOKEN not in repr(secret)
    assert TOKEN not in str(secret)
    assert TOKEN not in f"{secret}"
    assert secret.reveal() == TOKEN


def test_the_example_webhook_secret_is_refused(tmp_path: Path) -> None:
    example = (Path(__file__).resolve().parents[2] / "config.example.toml").read_text()
    text = example.replace('mode = "polling"', 'mode = "webhook"').replace(
        'token = ""', 'token = "123456:ABCdefGhIJKlmnoPQRstuVWXyz0123456789"'
    )
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as refused:
        load_settings(path, {})
    assert "telegram.webhook.secret_token" in str(refused.value)
    assert "placeholder" in str(refused.value)
    path.write_text(text.replace("change-me-to-a-long-random-string", "k" * 32))
    assert load_settings(path, {}).webhook is not None


def test_a_proxy_is_read_and_never_shown(tmp_path: Path) -> None:
    example = (Path(__file__).resolve().parents[2] / "config.example.toml").read_text()
    text = example.replace('token = ""', 'token = "123456:ABCdefGhIJKlmnoPQRstuVWXyz0123456789"')
    path = tmp_path / "config.toml"
    for proxy in ("socks5://user:pa55word@10.0.0.1:1080", "http://proxy.lan:3128"):
        path.write_text(text.replace('proxy = ""', f'proxy = "{proxy}"'))
        settings = load_settings(path, {})
        assert settings.proxy is not None and settings.proxy.reveal() == proxy
        assert "pa55word" not in repr(settings)
    path.write_text(text.replace('proxy = ""', 'proxy = "ftp://proxy.lan"'))
    with pytest.raises(ConfigError) as refused:
        load_settings(path, {})
    assert "telegram.proxy" in str(refused.value)
