"""Text formatting like Telegram: HTML/MarkdownV2 parsing, entity errors, length limits."""

from __future__ import annotations

import html

import pytest
import telegram
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.helpers import escape_markdown

from sandbox import SandboxClient
from sandbox.errors import ApiError
from sandbox.formatting import format_text
from sandbox.html_text import parse_html
from sandbox.markdown_text import parse_markdown
from sandbox.text_units import EntityParseError
from tests.sandbox.conftest import USER, start_chat


def test_html_tags_become_entities() -> None:
    text, entities = parse_html(
        '<b>Clinic</b> <i>open</i> <a href="https://example.org/?a=1&amp;b=2">map</a> '
        '<span class="tg-spoiler">x</span> <pre><code class="language-csv">a,b</code></pre>'
    )
    assert text == "Clinic open map x a,b"
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("bold", 0, 6),
        ("italic", 7, 4),
        ("text_link", 12, 3),
        ("spoiler", 16, 1),
        ("pre", 18, 3),
    ]
    assert entities[2]["url"] == "https://example.org/?a=1&b=2"
    assert entities[4]["language"] == "csv"


def test_html_entities_and_utf16_offsets() -> None:
    text, entities = parse_html("&lt;&gt;&amp;&quot;&#1605;&#x1F600; <b>مخيم 😀</b>")
    assert text == '<>&"م😀 مخيم 😀'
    # The emoji before the bold part counts as two UTF-16 code units.
    assert entities == [{"offset": 8, "length": 7, "type": "bold"}]


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", "Unmatched end tag at byte offset 7"),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("Tom & Jerry", "Character '&' at byte offset 4"),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
        ('<a href="x"', "Unclosed start tag at byte offset 0"),
    ],
)
def test_html_errors(source: str, reason: str) -> None:
    with pytest.raises(EntityParseError, match=reason):
        parse_html(source)


def test_escaped_user_text_always_parses() -> None:
    hostile = '<script>&amp; 5 < 6 > 4 & "q" </b>'
    text, entities = parse_html(f"<b>Name:</b> {html.escape(hostile)}")
    assert text == f"Name: {hostile}"
    assert entities == [{"offset": 0, "length": 5, "type": "bold"}]


def test_markdown_v2() -> None:
    text, entities = parse_markdown(
        r"*bold* _it_ __under__ ~s~ ||sp|| `c\`` [link](https://x.org/a\)b) 1\.5", v2=True
    )
    assert text == "bold it under s sp c` link 1.5"
    assert [e["type"] for e in entities] == [
        "bold", "italic", "underline", "strikethrough", "spoiler", "code", "text_link",
    ]  # fmt: skip
    assert entities[-1]["url"] == "https://x.org/a)b"
    with pytest.raises(EntityParseError, match=r"Character '\.' is reserved"):
        parse_markdown("Done.", v2=True)
    with pytest.raises(EntityParseError, match="Can't find end of Bold entity at byte offset 0"):
        parse_markdown("*open", v2=True)
    user = "1+1=2 (really!) _x_ [y]"
    assert parse_markdown(escape_markdown(user, version=2), v2=True) == (user, [])


def test_markdown_v2_pre_and_blockquote() -> None:
    text, entities = parse_markdown("```python\nprint(1)\n```\n>quoted\n>more\nafter", v2=True)
    assert text == "print(1)\n\nquoted\nmore\nafter"
    assert entities[0] == {"offset": 0, "length": 9, "type": "pre", "language": "python"}
    assert entities[1]["type"] == "blockquote"


def test_limits_and_trimming() -> None:
    assert format_text("  <b> hi </b>\n", "HTML").text == "hi"
    assert format_text("x" * 4096, None).text == "x" * 4096
    with pytest.raises(ApiError, match="message is too long"):
        format_text("<b>" + "x" * 4097 + "</b>", "HTML")
    # Tags do not count: 4096 characters of text in bold is fine.
    assert len(format_text("<b>" + "x" * 4096 + "</b>", "HTML").text) == 4096
    with pytest.raises(ApiError, match="message text is empty"):
        format_text("<b> </b>", "HTML")
    with pytest.raises(ApiError, match="message caption is too long"):
        format_text("y" * 1025, None, caption=True)


async def test_parse_errors_reach_ptb(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    with pytest.raises(BadRequest, match="Can't parse entities: unsupported start tag"):
        await bot.send_message(USER, "Water at 5 <-- 6pm", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(USER, "Rations: rice & oil", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(USER, "Ends at 5.", parse_mode=ParseMode.MARKDOWN_V2)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(USER, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(USER, "   ")
    assert await client.messages(USER) == [], "refused messages are not delivered"


async def test_stores_plain_raw_and_parse_mode(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    sent = await bot.send_message(USER, "<b>Debaga</b> &amp; Khazer", parse_mode=ParseMode.HTML)
    assert sent.text == "Debaga & Khazer"
    assert sent.entities[0].type == "bold"
    (stored,) = await client.messages(USER)
    assert stored.text == "Debaga & Khazer"
    assert stored.raw_text == "<b>Debaga</b> &amp; Khazer"
    assert stored.parse_mode == "HTML"
    assert stored.entities[0].type == "bold"
