"""The Telegram surface. Each feature module exposes ``register(app)``.

Order matters: the middleware comes first (group -1) and the fallback last, so it only
answers what no feature claimed.
"""

from __future__ import annotations

from types import ModuleType

from bot.app import Features
from bot.context import DaleelApp
from handlers import (
    admin,
    commands,
    errors,
    fallback,
    language,
    membership,
    menu,
    middleware,
    privacy,
    start,
)

__all__ = ["FEATURES", "features", "register_all"]

FEATURES: tuple[ModuleType, ...] = (
    middleware,
    start,
    language,
    menu,
    privacy,
    membership,
    admin,
    errors,
    fallback,  # keep last
)


def register_all(app: DaleelApp) -> None:
    for feature in FEATURES:
        feature.register(app)


async def on_started(app: DaleelApp) -> None:
    await commands.publish_command_menus(app)


def features() -> Features:
    return Features(register=register_all, on_started=on_started)
