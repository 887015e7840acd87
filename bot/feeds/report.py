"""What operators read about a feed's poll: the full report, and the short line of ``/feeds``.

Every failure says that nothing was changed; row errors are quoted as the importer words
them (they name rows and columns of the operator's own file).
"""

from __future__ import annotations

from bot.feeds.outcome import PollOutcome
from bot.i18n.catalogues import N_, Markup, Translator

__all__ = ["render_outcome", "render_poll"]

_SHORT = {
    "not_modified": N_("not modified"),
    "same_body": N_("the same content as before"),
    "unreachable": N_("could not be reached"),
    "timeout": N_("timed out"),
    "redirect": N_("redirect refused"),
    "too_large": N_("too large"),
}
_URL_SHOWN = 80


def _http(status: int | None) -> str:
    return f"HTTP {status or '?'}"


def _proposals(tr: Translator, name: str, outcome: PollOutcome) -> str:
    if outcome.urgent:
        return tr.ngettext(
            "Feed {name}: {n} change waiting for review ({urgent} urgent: toward danger). "
            "/pending to review.",
            "Feed {name}: {n} changes waiting for review ({urgent} urgent: toward danger). "
            "/pending to review.",
            outcome.proposed, name=name, urgent=outcome.urgent,
        )
    return tr.ngettext(
        "Feed {name}: {n} change waiting for review. /pending to review.",
        "Feed {name}: {n} changes waiting for review. /pending to review.",
        outcome.proposed, name=name,
    )


def _malformed(tr: Translator, name: str, outcome: PollOutcome) -> str:
    lines = [
        tr.ngettext(
            "Feed {name} cannot be used: {n} problem was found. Nothing was changed.",
            "Feed {name} cannot be used: {n} problems were found. Nothing was changed.",
            outcome.error_count, name=name,
        )
    ]
    lines += [tr.gettext("• {problem}", problem=error) for error in outcome.errors]
    more = outcome.error_count - len(outcome.errors)
    if more > 0:
        lines.append(tr.ngettext("… and {n} more.", "… and {n} more.", more))
    return "\n".join(lines)


def render_poll(tr: Translator, name: str, outcome: PollOutcome) -> str:
    """The report of one poll, as HTML (values escaped)."""
    kind = outcome.kind
    if kind == "ok" and outcome.proposed:
        return _proposals(tr, name, outcome)
    if kind == "ok":
        return tr.gettext(
            "Feed {name}: nothing new. Every row says what residents are already told, "
            "or is already waiting for review.",
            name=name,
        )
    if kind == "not_modified":
        return tr.gettext("Feed {name}: not modified since the last check.", name=name)
    if kind == "same_body":
        return tr.gettext(
            "Feed {name}: the same content as at the last check; nothing to do.", name=name
        )
    if kind == "unreachable":
        return tr.gettext(
            "Feed {name}: the server could not be reached. Nothing was changed.", name=name
        )
    if kind == "timeout":
        return tr.gettext(
            "Feed {name}: the server did not answer within {seconds} seconds. "
            "Nothing was changed.",
            name=name, seconds=outcome.seconds or 0,
        )
    if kind == "http_error":
        return tr.gettext(
            "Feed {name}: the server answered with an error ({status}). Nothing was changed.",
            name=name, status=_http(outcome.status),
        )
    if kind == "redirect" and outcome.location:
        return tr.gettext(
            "Feed {name}: the server redirected to {location}, which does not use the same "
            "protocol as the feed's address; Daleel does not follow such redirects. "
            "Nothing was changed.",
            name=name, location=outcome.location[:_URL_SHOWN],
        )
    if kind == "redirect":
        return tr.gettext(
            "Feed {name}: the server redirected too many times. Nothing was changed.", name=name
        )
    if kind == "too_large":
        return tr.gettext(
            "Feed {name} is larger than the limit of {limit} bytes. Nothing was changed.",
            name=name, limit=outcome.limit or 0,
        )
    if kind == "malformed":
        return _malformed(tr, name, outcome)
    shown = ", ".join(outcome.unknown)
    if outcome.unknown_count > len(outcome.unknown):
        shown += ", …"
    return tr.ngettext(
        "Feed {name} names {n} area Daleel does not know: {codes}. Nothing was changed.",
        "Feed {name} names {n} areas Daleel does not know: {codes}. Nothing was changed.",
        outcome.unknown_count, name=name, codes=shown,
    )


def render_outcome(tr: Translator, outcome: PollOutcome) -> Markup:
    """The last outcome in a few words, for ``/feeds``."""
    kind = outcome.kind
    if kind == "ok" and outcome.proposed:
        text = tr.ngettext(
            "{n} change sent for review", "{n} changes sent for review", outcome.proposed
        )
    elif kind == "ok":
        text = tr.gettext("nothing new")
    elif kind == "http_error":
        text = tr.gettext("server error ({status})", status=_http(outcome.status))
    elif kind == "malformed":
        text = tr.ngettext(
            "rejected: {n} problem", "rejected: {n} problems", outcome.error_count
        )
    elif kind == "unknown_areas":
        text = tr.ngettext(
            "rejected: {n} unknown area", "rejected: {n} unknown areas", outcome.unknown_count
        )
    else:
        text = tr.gettext(_SHORT[kind])
    return Markup(text)
