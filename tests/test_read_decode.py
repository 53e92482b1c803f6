"""Decoding: encodings, byte-order marks, binary data, invalid UTF-8, line endings, empty input."""

from __future__ import annotations

import pytest

from draftdiff.errors import InputError
from draftdiff.read import parse_draft
from draftdiff.read.decode import decode_text

TEXT = "# Plan\n\n1. Cease­fire – now\n2. Talks «soon»\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # BOM, native order
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM: found by the NUL pattern
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.replace("\n", "\r\n").encode(),
        TEXT.replace("\n", "\r").encode(),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32", "crlf", "cr"],
)
def test_encodings_and_line_endings_read_the_same(data):
    d = parse_draft(data, "d.md")
    assert d.title == "Plan"
    assert [(p.id, p.text, p.line) for p in d.points] == [
        ("1", "Cease­fire – now", 3),
        ("2", "Talks «soon»", 4),
    ]


def test_mixed_line_endings_keep_line_numbers():
    d = parse_draft(b"1. a\r\n2. b\r3. c\n4. d", "d.md")
    assert [p.line for p in d.points] == [1, 2, 3, 4]


def test_invalid_utf8_names_line_and_byte():
    with pytest.raises(InputError) as exc:
        parse_draft(b"1. ok\n2. fine\n3. caf\xff\n", "plan.md")
    assert exc.value.line == 3
    assert str(exc.value) == "plan.md:3: not valid UTF-8 (byte 0xff at column 7); re-save the file as UTF-8"


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00\xff\xfe", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", b"\x7fELF\x02\x01\x01\x00\x00\x00"])
def test_binary_data_is_refused(data):
    with pytest.raises(InputError, match="binary data"):
        parse_draft(data, "x.bin")


@pytest.mark.parametrize("data, what", [(b"", "empty"), (b"  \n\t\n\r\n", "whitespace"), (b"\xef\xbb\xbf", "empty")])
def test_empty_and_blank_input(data, what):
    with pytest.raises(InputError, match=what):
        parse_draft(data, "x.md")


def test_text_input_is_accepted_too():
    assert decode_text("\ufeffa\r\nb", "s") == "a\nb"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_a_non_latin_script(codec):
    src = "# План\n\n1. Суверенитет Украины подтверждается.\n2. Перемирие вступает в силу.\n"
    d = parse_draft(src.encode(codec), "d.md")
    assert d.title == "План" and [p.text for p in d.points][1] == "Перемирие вступает в силу."
