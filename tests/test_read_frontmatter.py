"""Front matter: the YAML subset, TOML blocks, where each key lands on the Draft, and errors with lines."""

from __future__ import annotations

import pytest

from draftdiff.errors import InputError
from draftdiff.read import parse_draft


def test_yaml_subset_keys_and_values():
    src = """---
title: "Plan: revised"
date: 2025-11-20
version: 1.10
source: 'Envoys'' notes'
note: >
  Paraphrase of the leaked text,
  our wording.
faithfulness: |
  line one
  line two
reconstruction: true
draft: false
empty:
withdrawn:
  - 3
  - "26"
tracks: [annex b, side letters]   # extra cue words
# a comment
---
# Heading title

1. One
"""
    d = parse_draft(src, "p.md")
    assert d.title == "Plan: revised"  # front matter wins over the first heading
    assert d.date == "2025-11-20" and d.version == "1.10"
    m = d.metadata
    assert m["source"] == "Envoys' notes"
    assert m["note"] == "Paraphrase of the leaked text, our wording."
    assert m["faithfulness"] == "line one\nline two"
    assert m["reconstruction"] is True and m["draft"] is False and m["empty"] is None
    assert m["withdrawn"] == ["3", "26"] and d.withdrawn == ("3", "26")
    assert m["tracks"] == ["annex b", "side letters"]
    assert d.points[0].line == 23  # line numbers count the front matter


def test_toml_front_matter_dates_become_strings():
    d = parse_draft('+++\ntitle = "T"\ndate = 2025-11-24\nwithdrawn = [7]\n+++\n1. a\n', "p.md")
    assert d.title == "T" and d.date == "2025-11-24"
    assert d.metadata["date"] == "2025-11-24"
    assert d.withdrawn == ("7",)
    assert d.points[0].line == 6


def test_title_falls_back_to_first_heading_and_date_is_not_validated():
    d = parse_draft("---\ndate: 20 Nov 2025\n---\n# The Plan\n\n1. a\n", "p.md")
    assert d.title == "The Plan" and d.date == "20 Nov 2025"


def test_extra_track_cue_words_from_front_matter():
    d = parse_draft("---\ntracks: [side letters]\n---\n1. a\n\n## Side letters\n\n2. b\n", "p.md")
    assert d.point("2").track == "Side letters"
    assert d.point("1").track is None


def test_a_leading_thematic_break_is_not_front_matter():
    d = parse_draft("---\n\n1. a\n2. b\n", "p.md")
    assert [p.id for p in d.points] == ["1", "2"] and d.metadata == {}


@pytest.mark.parametrize(
    "src, line, message",
    [
        ("---\ntitle: x\nnot a key line\n---\n1. a\n", 3, "not 'key: value'"),
        ("---\ntitle: x\n  nested: y\n---\n1. a\n", 3, "indented"),
        ('---\ntitle: "open\n---\n1. a\n', 2, "unterminated"),
        ("---\ntags: [a, b\n---\n1. a\n", 2, "not closed"),
        ("---\ntitle: a\ntitle: b\n---\n1. a\n", 3, "appears twice"),
        ("---\nparties:\n  us: yes\n---\n1. a\n", 3, "nested mappings"),
        ("---\ntitle: x\n1. a\n", 1, "never closed"),
        ('+++\ntitle = \n+++\n1. a\n', 2, "not valid TOML"),
    ],
)
def test_malformed_front_matter_names_the_line(src, line, message):
    with pytest.raises(InputError, match=message) as exc:
        parse_draft(src, "p.md")
    assert exc.value.line == line


def test_front_matter_without_a_draft():
    with pytest.raises(InputError, match="front matter but no draft"):
        parse_draft("---\ntitle: x\n---\n\n", "p.md")


def test_a_leading_thematic_break_before_a_heading_is_not_front_matter():
    d = parse_draft("---\n\n# Plan\n\n1. a\n", "p.md")
    assert d.title == "Plan" and d.metadata == {}


def test_headings_between_two_rules_are_not_front_matter():
    d = parse_draft("---\n\n# Plan\n\n---\n1. a\n", "p.md")
    assert d.title == "Plan" and d.metadata == {}
    assert parse_draft("---\n# a comment\ntitle: T\n---\n1. a\n", "p.md").title == "T"
