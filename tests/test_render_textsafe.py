"""draftdiff.textsafe.escape_control: what reaches a terminal, a Markdown file or a page is inert."""

from __future__ import annotations

import pytest

from draftdiff.textsafe import escape_control

HOSTILE = [
    ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),  # CSI colour
    ("\x1b]8;;https://evil.example\x07click\x1b]8;;\x07", "\\x1b]8;;https://evil.example\\x07click\\x1b]8;;\\x07"),
    ("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),  # OSC 0 window title
    ("\x9b31m", "\\x9b31m"),  # C1 CSI
    ("price \u202e0001\u202c", "price \\u202e0001\\u202c"),  # bidi override and pop
    ("a\u2066b\u2069", "a\\u2066b\\u2069"),  # bidi isolates
    ("zero\u200bwidth", "zero\\u200bwidth"),
    ("tag\U000e0041", "tag\\U000e0041"),  # invisible tag character
    ("bell\x07 back\x08 cr\r del\x7f", "bell\\x07 back\\x08 cr\\r del\\x7f"),
    ("nul\x00", "nul\\x00"),
    ("sep\u2028par\u2029", "sep\\u2028par\\u2029"),
    ("lone \udcff surrogate", "lone \\udcff surrogate"),
]


@pytest.mark.parametrize(("raw", "shown"), HOSTILE)
def test_hostile_characters_become_visible_escapes(raw: str, shown: str) -> None:
    assert escape_control(raw) == shown


@pytest.mark.parametrize(
    "text",
    ["[bold red]not markup[/]", "Україна — мир", "中文 العربية עברית", "600,000 € \u00a0nbsp", "soft\u00adhyphen", ""],
)
def test_printable_text_is_unchanged(text: str) -> None:
    assert escape_control(text) == text


def test_tabs_and_newlines() -> None:
    assert escape_control("a\tb") == "a b"
    assert escape_control("a\nb") == "a\\nb"
    assert escape_control("a\nb\x1b", newlines=True) == "a\nb\\x1b"


def test_output_never_holds_an_escape_or_format_character() -> None:
    import unicodedata

    every = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
    out = escape_control(every)
    bad = {ch for ch in out if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") and ch != "\u00ad"}
    assert bad == set()
