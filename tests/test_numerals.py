"""One Roman-numeral parser for the reader and the linter (issue 13): strict, one case, 1 to 3999."""

from __future__ import annotations

import pytest

from draftdiff import lint
from draftdiff.numerals import roman_value, to_roman
from draftdiff.read import markdown as md
from draftdiff.read import parse_draft


@pytest.mark.parametrize(
    ("text", "value"),
    [("i", 1), ("IV", 4), ("ix", 9), ("XL", 40), ("xc", 90), ("CD", 400), ("mmmcmxcix", 3999)],
)
def test_strict_numerals(text: str, value: int) -> None:
    assert roman_value(text) == value
    assert to_roman(value, upper=text.isupper()) == text


@pytest.mark.parametrize("text", ["", "iiii", "ic", "vx", "iiv", "Iv", "xIV", "MMMM", "iv.", "ⅳ", "l1"])
def test_not_numerals(text: str) -> None:
    assert roman_value(text) is None


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_no_numeral_outside_the_range(n: int) -> None:
    with pytest.raises(ValueError):
        to_roman(n)


def test_reader_and_linter_use_the_one_parser() -> None:
    # the two used to disagree: the linter took mixed case ("Iv"), the reader took MMMM (4000)
    assert md.roman_value is roman_value and lint.roman_value is roman_value
    assert not hasattr(md, "_roman_value") and not hasattr(lint, "_roman_value")


def test_a_roman_list_reads_and_lints_in_one_voice() -> None:
    draft = parse_draft("i. First.\nii. Second.\niv. Fourth.\n", "r.md")
    assert [p.label for p in draft.points] == ["i", "ii", "iv"]
    found = lint.lint_text("i. First.\nii. Second.\niv. Fourth.\n", "r.md")
    assert [(f.code, f.line) for f in found] == [("DD102", 3)]
    assert "from ii to iv (iii missing" in found[0].message
