"""A point too long to diff word by word is compared by blocks (sentences), and the report says so
(issue 12): time stays near-linear, the diff still joins back to both texts."""

from __future__ import annotations

import io
import json

import jsonschema

from conftest import REPO
from draftdiff.changes import Kind
from draftdiff.cli.common import ColorMode, make_console
from draftdiff.compare import compare
from draftdiff.model import Draft, Point
from draftdiff.render.json import comparison_to_json
from draftdiff.render.markdown import render_markdown
from draftdiff.render.terminal import CompareReport
from draftdiff.worddiff import DIFF_TOKENS, diff_words, new_text, old_text

CLAUSES = [
    f"Clause {k} obliges the party of district {k % 11} to report by day {k % 28 + 1}." for k in range(3_000)
]


def long_pair() -> tuple[str, str]:
    new = list(CLAUSES)
    new[5] = "The first change stands near the beginning."
    new[-5] = "The last change stands near the end."
    del new[1500]
    return " ".join(CLAUSES), " ".join(new)


def test_a_long_text_is_diffed_by_sentences_and_joins_back() -> None:
    a, b = long_pair()
    assert len(a.split()) > DIFF_TOKENS // 2
    ops, by = diff_words(a, b)
    assert by == "blocks"
    assert old_text(ops) == a and new_text(ops) == b
    changed = [op for op in ops if op.op != "equal"]
    # three edits, each a whole sentence or two: not one deletion of everything and one insertion
    assert 3 <= len(changed) <= 8
    assert sum(len(op.text) for op in changed) < len(a) // 50
    assert any("The first change" in op.text for op in changed if op.op == "insert")


def test_a_short_text_is_diffed_word_by_word() -> None:
    ops, by = diff_words("Troops withdraw by May.", "Troops withdraw by June.")
    assert by == "words" and [op.text for op in ops if op.op != "equal"] == ["May", "June"]


def test_the_report_and_json_say_the_diff_was_made_by_blocks() -> None:
    a, b = long_pair()
    old = Draft("old.md", (Point("1", "1", "A short first point."), Point("2", "2", a)))
    new = Draft("new.md", (Point("1", "1", "A short first point."), Point("2", "2", b)))
    cmp = compare(old, new)
    change = next(c for c in cmp.changes if c.old == ("2",))
    assert change.kind is not Kind.DROPPED and change.diff_by == "blocks"
    data = json.loads(comparison_to_json(cmp))
    by_old = {tuple(c["old"]): c for c in data["changes"]}
    assert by_old[("2",)]["diff_by"] == "blocks" and "diff_by" not in by_old[("1",)]
    schema = json.loads((REPO / "src" / "draftdiff" / "schemas" / "compare.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    buf = io.StringIO()
    make_console(ColorMode.never, file=buf, width=120).print(CompareReport(cmp))
    assert "too long to diff word by word: compared by sentences" in buf.getvalue()
    assert "too long to diff word by word: compared by sentences" in render_markdown(cmp)
