"""How long a case has waited, as staff read it in the queue: never "0 hours"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.i18n.catalogues import Catalogues
from handlers.helpdesk.render import age

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("waited", "expected"),
    [
        (timedelta(minutes=5), "less than an hour"),
        (timedelta(minutes=59), "less than an hour"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=47), "47 hours"),
        (timedelta(days=3, hours=5), "3 days"),
    ],
)
def test_age_in_the_queue(catalogues: Catalogues, waited: timedelta, expected: str) -> None:
    tr = catalogues.translator("en")
    assert age(tr, (NOW - waited).isoformat(), NOW) == expected


def test_under_an_hour_in_arabic(catalogues: Catalogues) -> None:
    assert age(catalogues.translator("ar"), (NOW - timedelta(minutes=3)).isoformat(), NOW) == (
        "أقل من ساعة"
    )
