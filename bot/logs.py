"""Logging that never carries the bot token or residents' message text."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

__all__ = ["RedactingFormatter", "configure_logging"]

REDACTED = "**********"


class RedactingFormatter(logging.Formatter):
    """Removes secrets from the finished line, tracebacks included, whoever logged it."""

    def __init__(self, fmt: str, secrets: tuple[str, ...]) -> None:
        super().__init__(fmt)
        self._secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure_logging(level: str, secrets: tuple[str, ...], file: Path | None = None) -> None:
    handler: logging.Handler = (
        logging.FileHandler(file, encoding="utf-8") if file else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # PTB logs whole updates (with residents' text) at DEBUG: never let that through.
    logging.getLogger("telegram").setLevel(max(logging.getLevelName(level), logging.INFO))
    # aiosqlite logs every statement with its parameters at DEBUG: a case's words, chat ids.
    logging.getLogger("aiosqlite").setLevel(max(logging.getLevelName(level), logging.INFO))
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
