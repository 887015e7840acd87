"""The one sentence that marks demo data, the same on every screen that shows any.

Residents must never take invented services, distributions or statuses for real ones, and
one wording per language is recognised at a glance; every screen uses this msgid.
"""

from __future__ import annotations

from bot.i18n.catalogues import N_, Translator

__all__ = ["DEMO_NOTICE", "demo_notice"]

DEMO_NOTICE = N_("🧪 <b>Demo data — not real information.</b>")


def demo_notice(tr: Translator) -> str:
    """The notice in the reader's language."""
    return tr.gettext(DEMO_NOTICE)
