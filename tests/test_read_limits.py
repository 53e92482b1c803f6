"""The reader's limits: deep nesting, huge lines, many points, pathological markup, --max-bytes.

Each input is either read correctly or refused with one InputError; none may raise RecursionError or
take long (the inputs are sized so that a quadratic reader would be noticeably slow; no timing asserts).
"""

from __future__ import annotations

import json

import pytest

from draftdiff.errors import InputError
from draftdiff.jsonform import draft_to_dict
from draftdiff.read import MAX_DEPTH, parse_draft, read_draft


def test_ten_thousand_levels_of_nesting_are_refused_cleanly():
    src = "".join("  " * i + "- x\n" for i in range(10_000))
    with pytest.raises(InputError, match=f"nested deeper than {MAX_DEPTH} levels") as exc:
        parse_draft(src, "deep.md")
    assert exc.value.line == MAX_DEPTH + 1


def test_nesting_up_to_the_limit_is_read_and_serialised():
    src = "".join("  " * i + f"{i + 1}. level\n" for i in range(MAX_DEPTH))
    d = parse_draft(src, "deep.md")
    deepest = list(d.walk())[-1]
    assert deepest.id.count(".") == MAX_DEPTH - 1
    text = json.dumps(draft_to_dict(d, with_schema=True))
    assert parse_draft(text, "deep.json", path="deep.json").points == d.points


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_deep_structured_input_is_refused_cleanly(fmt):
    if fmt == "json":
        src = '{"points": ' + '[{"text": "a", "points": ' * 5000 + "[]" + "}]" * 5000 + "}"
    else:
        src = "points = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(InputError, match="nested"):
        parse_draft(src, f"deep.{fmt}", path=f"deep.{fmt}")


def test_json_points_deeper_than_the_limit_name_the_path():
    node: dict = {"text": "leaf"}
    for _ in range(MAX_DEPTH + 5):
        node = {"text": "x", "points": [node]}
    with pytest.raises(InputError, match=r"points\[0\](\.points\[0\])+: points nested deeper"):
        parse_draft(json.dumps({"points": [node]}), "d.json", path="d.json")


def test_one_ten_megabyte_line():
    src = "1. " + "word " * 2_000_000 + "\n2. next\n"
    d = parse_draft(src, "long.md")
    assert [p.id for p in d.points] == ["1", "2"]
    assert len(d.points[0].text) == 10_000_000 - 1


def test_a_hundred_thousand_points():
    src = "".join(f"{i}. provision {i}\n" for i in range(1, 100_001))
    d = parse_draft(src, "many.md")
    assert len(d.points) == 100_000
    assert d.points[-1].id == "100000" and d.points[-1].line == 100_000


PATHOLOGICAL = {
    "brackets": "1. " + "[" * 1_000_000,
    "stars": "*" * 1_000_000 + "\n1. a\n",
    "hashes": "#" * 1_000_000 + "\n1. a\n",
    "dashes": "- " * 500_000 + "\n1. a\n",
    "number-dots": "1." * 500_000 + " a\n1. a\n",
    "parens": "(" * 1_000_000 + "\n1. a\n",
    "open-tags": "1. " + "[deferred" * 200_000 + "\n",
    "dotted-heading": "# " + "1." * 300_000 + " x\n1. a\n",
    "front-matter-list": "---\n" + "key: [" + "a, " * 300_000 + "\n---\n1. a\n",
    "quotes": "> " * 500_000 + "\n1. a\n",
    "indent": "1. a\n" + "   " * 300_000 + "b\n",
    "fences": "```\n" * 100_001 + "1. a\n",
    "heading-brackets": "# " + "[" * 1_000_000 + "\n1. a\n",
    "heading-links": "## " + "[a](" * 300_000 + "\n1. a\n",
    "tag-openers": "1. " + "[deferred:" * 300_000 + "\n",
    "underscores-in-a-word": "## a" + "_" * 200_000 + "a\n\n1. a\n",
    "section-brackets": "1. a\n\n## Deferred " + "[x" * 500_000 + "\n\n2. b\n",
}


@pytest.mark.parametrize("src", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markup_is_linear(src):
    try:
        d = parse_draft(src, "p.md")
    except InputError:
        return
    assert d.points


def test_max_bytes(tmp_path):
    path = tmp_path / "d.md"
    path.write_text("1. a\n2. b\n", encoding="utf-8")
    assert len(read_draft(str(path), max_bytes=10).points) == 2
    with pytest.raises(InputError, match="larger than max_bytes"):
        read_draft(str(path), max_bytes=9)


def test_many_restarting_lists_in_one_section_are_qualified_in_linear_time():
    d = parse_draft("## S\n\n" + "1. x\n\npara\n\n" * 20_000, "lists.md")
    ids = [p.id for p in d.points]
    assert ids[:3] == ["1", "s/1", "s-2/1"] and ids[-1] == "s-19999/1"
    assert len(set(ids)) == len(ids)
