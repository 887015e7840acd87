"""Placeholder: this feature is being built (issue 3)."""

from __future__ import annotations

from bot.context import DaleelApp

__all__ = ["register"]


def register(app: DaleelApp) -> None:
    """Nothing yet."""
