"""Operators add areas missing from the data, and the spellings residents use.

- ``/addarea [town] <parent> | <English> | <Arabic> | <Sorani> | <Kurmanji> [| aliases]``:
  a village (or, with ``town``, a town) under an existing area. The parent is found by
  name; when unsure, up to five buttons. A preview with "Add" / "Cancel" comes before
  anything is written.
- ``/alias <area> | <alias>`` adds another spelling, ``/unalias <area> | <alias>`` removes
  one, ``/aliases <area>`` lists an area's names and spellings.

Every command and button checks the operator role at that moment and is audited
(:func:`bot.access.requires`). Buttons carry only a one-use token bound to the operator:
what is pending (the whole addition, the alias, the areas offered) stays on the server.
After every change the place index is rebuilt, so residents find the new names at once.

This module registers the commands and buttons: /addarea is in
:mod:`handlers.operators.area_add`, the spellings in :mod:`handlers.operators.area_aliases`,
what both share (payloads, finding and offering areas, replies) in
:mod:`handlers.operators.area_screens`.
"""

from __future__ import annotations

from telegram.ext import CommandHandler, filters

from handlers.kit import buttons
from handlers.kit.context import DaleelApp
from handlers.operators.alias_suggestions import LearnSpelling, on_learn
from handlers.operators.area_add import addarea_command, on_add, on_cancel, on_parent
from handlers.operators.area_aliases import (
    alias_command,
    aliases_command,
    on_choice,
    unalias_command,
)
from handlers.operators.area_screens import (
    FEATURE,
    AddArea,
    CancelArea,
    PickAlias,
    PickList,
    PickParent,
    PickUnalias,
)

__all__ = ["register", "start"]


def register(app: DaleelApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("addarea", addarea_command, private))
    app.add_handler(CommandHandler("alias", alias_command, private))
    app.add_handler(CommandHandler("unalias", unalias_command, private))
    app.add_handler(CommandHandler("aliases", aliases_command, private))
    add = "area.add"
    buttons.on_guarded(app, PickParent, on_parent, role="operator", action=add,
                       audit_success=False)
    buttons.on_guarded(app, AddArea, on_add, role="operator", action=add)
    buttons.on_guarded(app, CancelArea, on_cancel, role="operator", action=add,
                       audit_success=False)
    buttons.on_guarded(app, PickAlias, on_choice, role="operator", action="area.alias")
    buttons.on_guarded(app, PickUnalias, on_choice, role="operator", action="area.unalias")
    buttons.on_guarded(app, PickList, on_choice, role="operator", action="area.aliases")
    buttons.on_guarded(app, LearnSpelling, on_learn, role="operator", action="area.alias")
    buttons.on_unknown(app, FEATURE, role="operator", action="area.button")


async def start(app: DaleelApp) -> None:
    """Nothing to start: every step waits on an operator's command or button."""
