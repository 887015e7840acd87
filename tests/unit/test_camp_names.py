"""Camp words are generic in every language, misspelt too: they say a message names a camp
(issue 13, item 3), and they never decide which camp."""

from __future__ import annotations

import pytest

from bot.camps.names import mentions_camp


@pytest.mark.parametrize(
    "text",
    ["Debaga camp", "camp Debaga", "Debaga cmap", "Debaga camb", "مخيم ديبكة", "المخيم",
     "کەمپی دیبەگە", "کامپی دیبەگە", "kampa Dîbege", "kampê", "mukhayam debaga"],
)
def test_a_camp_word_in_any_language_is_seen(text: str) -> None:
    assert mentions_camp(text)


@pytest.mark.parametrize("text", ["Debaga", "دیبەگە", "ديبكة", "Khanke 1", "Dibaga sub-district"])
def test_a_name_alone_is_not_a_camp_word(text: str) -> None:
    assert not mentions_camp(text)
