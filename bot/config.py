"""Typed settings read from a TOML file (plus ``DALEEL_BOT_TOKEN`` from the environment).

Every problem is reported as one :class:`ConfigError` naming the key and what is wrong, so
start-up can stop with a single clear line. The token is a :class:`Secret` and never prints.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.cases.settings import FeedbackSettings
from bot.domain.languages import CODES

__all__ = [
    "TOKEN_ENV",
    "ConfigError",
    "FeedSettings",
    "FeedbackSettings",
    "RateLimits",
    "SafetySettings",
    "ScheduleSettings",
    "Secret",
    "Settings",
    "StorageSettings",
    "WebhookSettings",
    "load_settings",
    "load_storage_settings",
]

TOKEN_ENV = "DALEEL_BOT_TOKEN"
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_TOKEN_RE = re.compile(r"^[0-9]{1,20}:[A-Za-z0-9_-]{20,80}$")

T = TypeVar("T")


class ConfigError(Exception):
    """A configuration key is missing or invalid."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem


@dataclass(frozen=True)
class Secret:
    """A string that never appears in ``repr``, ``str`` or logs."""

    _value: str = field(repr=False)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__


@dataclass(frozen=True)
class WebhookSettings:
    listen: str
    port: int
    public_url: str
    secret_token: Secret
    path: str


@dataclass(frozen=True)
class RateLimits:
    global_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    paid_broadcast: bool = False
    paid_per_second: float = 1000.0


@dataclass(frozen=True)
class SafetySettings:
    """How old a status may be before it is flagged, how long a change that lowers the
    warning or releases the land waits for a second operator, and when operators get the
    daily staleness digest."""

    stale_after_days: int = 30
    confirmation_hours: int = 48
    digest_time: time = time(8, 0)


@dataclass(frozen=True)
class FeedSettings:
    """Status feeds: how often they are polled, how long a request may take, how big a
    body may be."""

    poll_minutes: float = 60.0
    timeout_seconds: float = 20.0
    max_bytes: int = 5_000_000
    allow_private_addresses: bool = False


@dataclass(frozen=True)
class ScheduleSettings:
    """Schedules missed while the bot was down fire on start within the grace period;
    food reminders go out the evening before a distribution at this camp time."""

    missed_grace_minutes: int = 60
    food_reminder_time: time = time(18, 0)


@dataclass(frozen=True)
class Settings:
    token: Secret
    admin_ids: frozenset[int]
    database: Path
    timezone: ZoneInfo
    default_language: str
    api_base_url: str | None
    mode: Literal["polling", "webhook"]
    webhook: WebhookSettings | None
    rates: RateLimits = RateLimits()
    safety: SafetySettings = SafetySettings()
    log_level: str = "INFO"
    schedules: ScheduleSettings = ScheduleSettings()
    feeds: FeedSettings = FeedSettings()
    # Every request to Telegram (replies and broadcasts) goes through it when set.
    proxy: Secret | None = None
    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)

    @property
    def bot_id(self) -> int:
        return int(self.token.reveal().split(":", 1)[0])


@dataclass(frozen=True)
class StorageSettings:
    """What the commands that work on the database alone (``daleel import``, ``export``,
    ``backup``) need: no token, no Telegram. The time zone dates an import ("today"); the
    confirmation hours bound the proposals an import of statuses makes."""

    database: Path
    timezone: ZoneInfo
    confirmation_hours: int = 48
    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)


_SCHEMA: dict[str, frozenset[str]] = {
    "telegram": frozenset({"token", "api_base_url", "mode", "proxy"}),
    "telegram.webhook": frozenset({"listen", "port", "public_url", "secret_token", "path"}),
    "access": frozenset({"admin_ids"}),
    "storage": frozenset({"database"}),
    "locale": frozenset({"timezone", "default_language"}),
    "sending": frozenset(
        {
            "global_per_second",
            "per_chat_per_second",
            "paid_broadcast",
            "paid_per_second",
            "missed_grace_minutes",
            "food_reminder_time",
        }
    ),
    "safety": frozenset({"stale_after_days", "confirmation_hours", "digest_time"}),
    "feeds": frozenset({"poll_minutes", "timeout_seconds", "max_bytes", "allow_private_addresses"}),
    "feedback": frozenset({"retention_days", "answer_within_hours", "hotline"}),
    "logging": frozenset({"level"}),
}


class _Reader:
    """Typed access to the parsed TOML, raising ConfigError with dotted key names."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    def table(self, name: str) -> Mapping[str, Any]:
        node: Any = self._data
        for part in name.split("."):
            node = node.get(part, {}) if isinstance(node, Mapping) else None
            if not isinstance(node, Mapping):
                raise ConfigError(name, "must be a table")
        table: Mapping[str, Any] = node
        return table

    def get(self, key: str, kind: type[T], default: T | None = None) -> T:
        table_name, _, leaf = key.rpartition(".")
        table = self.table(table_name)
        if leaf not in table:
            if default is None:
                raise ConfigError(key, "is missing")
            return default
        value = table[leaf]
        # bool is an int subclass: accept it only where a bool is wanted.
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise ConfigError(key, f"must be a {kind.__name__}, got {type(value).__name__}")
        return value

    def check_unknown(self) -> None:
        sections = {name.split(".")[0] for name in _SCHEMA}
        for top in self._data:
            if top not in sections:
                raise ConfigError(top, "is not a known section")
        for name, allowed in _SCHEMA.items():
            table = self.table(name)
            for key, value in table.items():
                if f"{name}.{key}" in _SCHEMA and isinstance(value, Mapping):
                    continue
                if key not in allowed:
                    raise ConfigError(f"{name}.{key}", "is not a known key")


def _check(key: str, ok: bool, problem: str) -> None:
    if not ok:
        raise ConfigError(key, problem)


def _positive(key: str, value: float) -> float:
    _check(key, value > 0, "must be greater than 0")
    return value


# HTTP(S) proxies and SOCKS5 (socks5h: the proxy resolves names, as where DNS is filtered).
_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def _url(key: str, value: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(value)
    _check(
        key,
        parts.scheme in schemes and bool(parts.netloc),
        f"must be a {' or '.join(schemes)} URL",
    )
    return value.rstrip("/")


def _token(reader: _Reader, environ: Mapping[str, str]) -> Secret:
    raw = environ.get(TOKEN_ENV) or reader.get("telegram.token", str, "")
    source = TOKEN_ENV if environ.get(TOKEN_ENV) else "telegram.token"
    _check(source, bool(raw), f"is missing (set it in the file or in {TOKEN_ENV})")
    # The problem text must never quote the token itself.
    _check(source, bool(_TOKEN_RE.match(raw)), "is not a bot token of the form 123456:ABC...")
    return Secret(raw)


def _admin_ids(reader: _Reader) -> frozenset[int]:
    ids = reader.get("access.admin_ids", list)
    for value in ids:
        _check(
            "access.admin_ids",
            isinstance(value, int) and not isinstance(value, bool) and value > 0,
            "must be a list of positive Telegram user ids",
        )
    return frozenset(ids)


def _webhook(reader: _Reader) -> WebhookSettings:
    listen = reader.get("telegram.webhook.listen", str, "127.0.0.1")
    try:
        ipaddress.ip_address(listen)
    except ValueError:
        raise ConfigError("telegram.webhook.listen", "must be an IP address") from None
    port = reader.get("telegram.webhook.port", int, 8443)
    _check("telegram.webhook.port", 0 < port < 65536, "must be a port number 1-65535")
    public_url = _url(
        "telegram.webhook.public_url",
        reader.get("telegram.webhook.public_url", str),
        ("https", "http"),
    )
    # Telegram only calls HTTPS; plain HTTP is for a local Bot API server on this machine.
    _check(
        "telegram.webhook.public_url",
        public_url.startswith("https://") or urlsplit(public_url).hostname in _LOOPBACK,
        "must be an https URL (http only for a local Bot API server on 127.0.0.1)",
    )
    secret = reader.get("telegram.webhook.secret_token", str)
    _check(
        "telegram.webhook.secret_token",
        re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret) is not None,
        "must be 16-256 characters of A-Z, a-z, 0-9, _ and -",
    )
    # The example's value is public: anyone could forge Telegram's calls with it.
    _check(
        "telegram.webhook.secret_token",
        "change-me" not in secret.lower(),
        "is the example's placeholder: make a random one, e.g. with "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'",
    )
    path = reader.get("telegram.webhook.path", str, "telegram")
    _check("telegram.webhook.path", re.fullmatch(r"[A-Za-z0-9_/-]{1,64}", path) is not None,
           "must be a short URL path")
    return WebhookSettings(listen, port, public_url, Secret(secret), path.strip("/"))


def _rates(reader: _Reader) -> RateLimits:
    def number(key: str, default: float) -> float:
        return _positive(key, reader.get(key, float, default))

    return RateLimits(
        global_per_second=number("sending.global_per_second", 30.0),
        per_chat_per_second=number("sending.per_chat_per_second", 1.0),
        paid_broadcast=reader.get("sending.paid_broadcast", bool, False),
        paid_per_second=number("sending.paid_per_second", 1000.0),
    )


def _clock_time(reader: _Reader, key: str, default: str) -> time:
    text = reader.get(key, str, default)
    match = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", text)
    _check(key, match is not None, f"must be a time like \"{default}\"")
    assert match is not None
    return time(int(match[1]), int(match[2]))


def _schedules(reader: _Reader) -> ScheduleSettings:
    grace = reader.get("sending.missed_grace_minutes", int, 60)
    _check("sending.missed_grace_minutes", 0 <= grace <= 10080, "must be between 0 and 10080")
    return ScheduleSettings(grace, _clock_time(reader, "sending.food_reminder_time", "18:00"))


def _safety(reader: _Reader) -> SafetySettings:
    stale = reader.get("safety.stale_after_days", int, 30)
    _check("safety.stale_after_days", 0 < stale <= 3650, "must be between 1 and 3650")
    hours = reader.get("safety.confirmation_hours", int, 48)
    _check("safety.confirmation_hours", 1 <= hours <= 720, "must be between 1 and 720")
    digest = _clock_time(reader, "safety.digest_time", "08:00")
    return SafetySettings(stale_after_days=stale, confirmation_hours=hours, digest_time=digest)


def _feeds(reader: _Reader) -> FeedSettings:
    minutes = reader.get("feeds.poll_minutes", int, 60)
    _check("feeds.poll_minutes", 1 <= minutes <= 10080, "must be between 1 and 10080")
    timeout = reader.get("feeds.timeout_seconds", float, 20.0)
    _check("feeds.timeout_seconds", 0 < timeout <= 300, "must be between 0 and 300 seconds")
    size = reader.get("feeds.max_bytes", int, 5_000_000)
    _check("feeds.max_bytes", 1_000 <= size <= 100_000_000, "must be between 1000 and 100000000")
    private = reader.get("feeds.allow_private_addresses", bool, False)
    return FeedSettings(
        poll_minutes=float(minutes), timeout_seconds=float(timeout), max_bytes=size,
        allow_private_addresses=private,
    )


def _feedback(reader: _Reader) -> FeedbackSettings:
    days = reader.get("feedback.retention_days", int, 180)
    _check("feedback.retention_days", 1 <= days <= 3650, "must be between 1 and 3650")
    hours = reader.get("feedback.answer_within_hours", int, 72)
    _check("feedback.answer_within_hours", 1 <= hours <= 720, "must be between 1 and 720")
    hotline = reader.get("feedback.hotline", str, "80069999").strip()
    _check("feedback.hotline", re.fullmatch(r"\+?[0-9]{3,15}", hotline) is not None,
           "must be a phone number of 3 to 15 digits")
    return FeedbackSettings(retention_days=days, answer_within_hours=hours, hotline=hotline)


def _zone(reader: _Reader) -> ZoneInfo:
    zone_name = reader.get("locale.timezone", str, "Asia/Baghdad")
    try:
        return ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("locale.timezone", f"{zone_name!r} is not a known time zone") from None


def _database(reader: _Reader, base: Path) -> Path:
    database = Path(reader.get("storage.database", str))
    _check("storage.database", str(database) != "", "must be a file path")
    return database if database.is_absolute() else base / database


def _parse(data: Mapping[str, Any], environ: Mapping[str, str], base: Path) -> Settings:
    reader = _Reader(data)
    reader.check_unknown()
    token = _token(reader, environ)
    zone = _zone(reader)
    language = reader.get("locale.default_language", str, "ar")
    _check(
        "locale.default_language",
        language in CODES,
        f"must be one of {', '.join(CODES)}",
    )
    api = reader.get("telegram.api_base_url", str, "")
    proxy = reader.get("telegram.proxy", str, "")
    mode = reader.get("telegram.mode", str, "polling")
    _check("telegram.mode", mode in ("polling", "webhook"), "must be 'polling' or 'webhook'")
    database = _database(reader, base)
    level = reader.get("logging.level", str, "INFO").upper()
    _check("logging.level", level in ("DEBUG", "INFO", "WARNING", "ERROR"),
           "must be DEBUG, INFO, WARNING or ERROR")
    return Settings(
        token=token,
        admin_ids=_admin_ids(reader),
        database=database,
        timezone=zone,
        default_language=language,
        api_base_url=_url("telegram.api_base_url", api, ("http", "https")) if api else None,
        mode="webhook" if mode == "webhook" else "polling",
        webhook=_webhook(reader) if mode == "webhook" else None,
        rates=_rates(reader),
        safety=_safety(reader),
        log_level=level,
        schedules=_schedules(reader),
        feeds=_feeds(reader),
        feedback=_feedback(reader),
        proxy=Secret(_url("telegram.proxy", proxy, _PROXY_SCHEMES)) if proxy else None,
    )


def load_settings(path: Path, environ: Mapping[str, str]) -> Settings:
    """Read and validate the config file; relative paths are relative to the file."""
    return _parse(_read(path), environ, path.resolve().parent)


def load_storage_settings(path: Path) -> StorageSettings:
    """Only what works on the database needs: ``[storage] database`` (required),
    ``[locale] timezone``, ``[safety] confirmation_hours`` and ``[feedback]`` (the export
    of cases counts answers within ``answer_within_hours``). Other keys may be there
    (the bot's full config file serves too) but are not required nor checked, the token
    least of all: a data manager's config need not hold it."""
    reader = _Reader(_read(path))
    reader.check_unknown()
    return StorageSettings(
        database=_database(reader, path.resolve().parent),
        timezone=_zone(reader),
        confirmation_hours=_safety(reader).confirmation_hours,
        feedback=_feedback(reader),
    )


def _read(path: Path) -> Mapping[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        example = path.with_name("config.example.toml")
        hint = f": copy {example.name} to {path.name} and fill it in" if example.is_file() else ""
        raise ConfigError(str(path), f"does not exist{hint}") from None
    except OSError as exc:
        raise ConfigError(str(path), f"cannot be read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(str(path), f"is not valid TOML ({exc})") from None
    return data
