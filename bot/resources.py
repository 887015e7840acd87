"""Where the files the bot reads are: package data, found through ``importlib.resources``.

An installed bot has no repository around it, so nothing may be found by walking up from
``__file__``. Two packages carry the data, the same way in a checkout (tests, ``python
bot.py``, the editable install of ``make``) and in a wheel:

- ``locales`` — the gettext catalogues. The directory stays at the top of the repository
  (translators and ``tools/catalogues.py`` work there); a one-line ``__init__.py`` makes
  it a package so the wheel ships it and ``files("locales")`` finds it.
- ``bot/data/`` — the files operators edit: keyword lexicons (``lexicon/*.toml``), known
  sources (``safety/sources.toml``), real places and camps (``iraq/*.csv``) and the demo
  data (``demo/*.csv``), shipped as package data of ``bot``.

Everything returned is a :class:`~importlib.resources.abc.Traversable` (a plain ``Path``
when the packages are directories, as they are in a checkout and an unpacked wheel).
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["data_file", "locales_dir"]


def locales_dir() -> Traversable:
    """The catalogues: ``<lang>/LC_MESSAGES/messages.po`` (and ``.mo`` where compiled)."""
    return files("locales")


def data_file(relative: str) -> Traversable:
    """A file under ``bot/data``, e.g. ``data_file("lexicon/ar.toml")``."""
    return files("bot").joinpath("data", *relative.split("/"))
