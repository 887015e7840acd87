"""What a distribution round gives out, named as what it is: a kerosene round read as
"food" sends families to the warehouse with the wrong bags, or not at all."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from bot.i18n.catalogues import N_, Translator

__all__ = ["kind_line"]

_LINES: Mapping[str, str] = MappingProxyType(
    {
        "food": N_("🍞 Food basket"),
        "kerosene": N_("🛢️ Kerosene"),
        "hygiene": N_("🧼 Hygiene items"),
        "cash": N_("💵 Cash assistance"),
    }
)


def kind_line(tr: Translator, kind: str) -> str:
    """The round's kind as a line of its block (a kind this build does not know: food's)."""
    return tr.gettext(_LINES.get(kind, _LINES["food"]))
