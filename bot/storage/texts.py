"""Texts in several languages as the database keeps them: one column per language, named
``<prefix>_<code>`` and always in the order of :data:`bot.domain.languages.ENGLISH_FIRST`
(``name_en, name_ar, name_ckb, name_ku``), so no query lists the languages itself."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.languages import ENGLISH_FIRST
from bot.domain.records import Texts

__all__ = ["COLUMN_ORDER", "columns", "texts_at", "values"]

COLUMN_ORDER: tuple[str, ...] = ENGLISH_FIRST
"""The languages of a group of text columns, in column order."""


def columns(prefix: str) -> str:
    """``"name_en, name_ar, name_ckb, name_ku"`` for ``prefix="name"``."""
    return ", ".join(f"{prefix}_{lang}" for lang in COLUMN_ORDER)


def texts_at(row: Sequence[object], start: int) -> Texts:
    """The texts in the group of columns that begins at ``row[start]`` (empty ones dropped)."""
    cells = row[start : start + len(COLUMN_ORDER)]
    return Texts({lang: str(cell) for lang, cell in zip(COLUMN_ORDER, cells, strict=True) if cell})


def values(texts: Texts) -> tuple[str | None, ...]:
    """The parameters for a group of text columns, in column order (None where missing)."""
    return tuple(texts.get(lang) for lang in COLUMN_ORDER)
