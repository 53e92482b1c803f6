"""The one JSON escaper (jsonform.escape_json_text) behind every JSON writer."""

from __future__ import annotations

import json
import unicodedata

from draftdiff.jsonform import escape_json_text
from draftdiff.textsafe import UNSAFE_CATEGORIES, escape_control

SAMPLE = [chr(o) for o in range(0x10000)] + ["\U0001f600", "\U000e0041", "\U0010ffff", "\U00020000"]


def test_every_character_keeps_its_data_and_no_unsafe_one_stays_raw() -> None:
    for ch in SAMPLE:
        text = json.dumps(f"a{ch}b", ensure_ascii=False)
        safe = escape_json_text(text)
        assert json.loads(safe) == f"a{ch}b"
        raw = {c for c in safe if c != "\n" and unicodedata.category(c) in UNSAFE_CATEGORIES}
        assert raw == set(), hex(ord(ch))


def test_the_draft_json_differs_only_in_keeping_the_soft_hyphen() -> None:
    """show --format json keeps U+00AD (like its text form and escape_control); the rest escape it."""
    differ = [
        ch
        for ch in SAMPLE
        if escape_json_text(json.dumps(ch, ensure_ascii=False))
        != escape_json_text(json.dumps(ch, ensure_ascii=False), keep_soft_hyphen=True)
    ]
    assert differ == ["\u00ad"] and escape_control("\u00ad") == "\u00ad"


def test_lone_surrogates_and_astral_characters() -> None:
    assert escape_json_text('"\udc80\ud800"') == '"\\udc80\\ud800"'
    assert escape_json_text('"\U000e0041 \U0001f600"') == '"\\udb40\\udc41 \U0001f600"'
    assert escape_json_text('"\u2028\u2029\u202e\u200b\ufeff\x85\x7f"') == (
        '"\\u2028\\u2029\\u202e\\u200b\\ufeff\\u0085\\u007f"'
    )


def test_plain_ascii_comes_back_as_the_same_object() -> None:
    text = json.dumps({"a": ["b", 1, None]}, indent=2)
    assert escape_json_text(text) is text


def test_long_lines_are_escaped_across_piece_boundaries() -> None:
    """Lines are looked at in pieces; an unsafe character on either side of a cut is still escaped."""
    for at in (0, 1, 510, 511, 512, 513, 1023, 1024):
        text = "ї" * 2000
        text = text[:at] + "\u202e" + text[at:] + "\n" + "\U000e0041" * 600 + "\n\u00a0"
        safe = escape_json_text(text)
        assert safe == text.replace("\u202e", "\\u202e").replace("\U000e0041", "\\udb40\\udc41")
