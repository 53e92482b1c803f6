"""Fuzzing compare (hypothesis): random pairs of drafts, read by the real reader, keep the invariants.

A pair is a random draft and an edit of it (points dropped, added, reworded, renumbered, moved, merged,
split, deferred to a track, duplicated, emptied, or soiled with junk Unicode and control characters), both
written as Markdown and read with :func:`draftdiff.read.parse_draft`, so the engine sees what users give
it. The invariants, at every level of the tree:

- every point id of either draft is in exactly one change;
- each kind has its shape (dropped: old only, its sub-points dropped with it; added: new only; merged:
  several old, one new; split: one old, several new; deferred: old and new, and the track's name;
  the rest one and one); similarity and confidence in 0..1;
- a draft against itself is all unchanged;
- compare is deterministic (twice, and on drafts read again), and its JSON matches its schema.

(tests/test_properties_compare.py checks the partition on hand-built point trees; these go through the
reader with hostile text.) Bounded here; ``bench/fuzz.py`` runs the same properties for minutes.
"""

from __future__ import annotations

import functools
import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from draftdiff.changes import Change, Comparison, Kind
from draftdiff.compare import CompareOptions, compare
from draftdiff.model import Draft, Point
from draftdiff.read import parse_draft
from test_align_depth import check_tree
from test_fuzz_read import Stats, examples

STATS = Stats("fuzz_compare")


@pytest.fixture(scope="module", autouse=True)
def _summary():  # type: ignore[no-untyped-def]
    yield
    STATS.write()


# --------------------------------------------------------------------------------------------------------
# drafts as data: items (text, sub-point texts, on the deferred track?) written out as Markdown

SUBJECTS = [
    "The parties",
    "Ukraine",
    "Russia",
    "The United States",
    "Europe",
    "A joint commission",
    "Observers",
]
VERBS = ["shall withdraw", "may deploy", "must fund", "will monitor", "shall not block", "agree to review"]
OBJECTS = [
    "heavy weapons from the line of contact", "a reconstruction fund of 100 billion", "elections within 100 days",
    "the power plant and its cooling ponds", "prisoner exchanges every month", "a zone of 30 kilometres",
    "sanctions relief in stages", "the grain corridor", "an amnesty for all combatants", "the frozen assets",
]  # fmt: skip
JUNK = [
    "", "", "", " \x1b[31m", " \u202e", " [bold]x[/]", " \x07", " café Київ", " \u200b", " **bold**", " `code`",
    " [deferred: later]", " \x9b", " 2.1", " (a)", " - ", " #", " \U0001f600", " \ufffd", " \\", " |",
]  # fmt: skip
TRACK = "## Deferred to leaders' talks"

sentence = st.builds(
    lambda s, v, o, j: f"{s} {v} {o}.{j}",
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS),
    st.sampled_from(JUNK),
)
item = st.tuples(sentence, st.lists(sentence, max_size=3), st.integers(0, 5).map(lambda n: n == 0))
items = st.lists(item, min_size=1, max_size=9)


def to_markdown(its: list[tuple[str, list[str], bool]], labels: list[int] | None = None) -> str:
    """Main points numbered 1. 2. ... (or by labels); sub-points a) b) ...; deferred ones under TRACK."""
    main = [it for it in its if not it[2]]
    parked = [it for it in its if it[2]]
    lines = ["# Draft", ""]

    def write(group: list[tuple[str, list[str], bool]], start: int) -> None:
        for k, (text, subs, _) in enumerate(group):
            label = labels[start + k] if labels and start + k < len(labels) else start + k + 1
            lines.append(f"{label}. {text}")
            lines.extend(f"   {chr(97 + s)}) {sub}" for s, sub in enumerate(subs))

    write(main, 0)
    if parked:
        lines += ["", TRACK, ""]
        write(parked, len(main))
    return "\n".join(lines) + "\n"


@st.composite
def edited(draw: st.DrawFn, its: list) -> list:
    """An edit of items: a few random operations."""
    its = [(t, list(s), d) for t, s, d in its]
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(
            ["drop", "add", "reword", "number", "move", "merge", "split", "defer", "duplicate", "empty", "subs"]
        ))  # fmt: skip
        if not its:
            its.append(draw(item))
            continue
        k = draw(st.integers(0, len(its) - 1))
        text, subs, deferred = its[k]
        if op == "drop":
            del its[k]
        elif op == "add":
            its.insert(k, draw(item))
        elif op == "reword":
            its[k] = (text.replace("shall", "will").replace("The ", "All the "), subs, deferred)
        elif op == "number":
            its[k] = (text.replace("100", "150").replace("30", "15") + " 2027", subs, deferred)
        elif op == "move":
            its.insert(draw(st.integers(0, len(its) - 1)), its.pop(k))
        elif op == "merge" and k + 1 < len(its):
            nxt = its.pop(k + 1)
            its[k] = (text.rstrip(".") + " and " + nxt[0][:1].lower() + nxt[0][1:], subs + nxt[1], deferred)
        elif op == "split":
            half = len(text) // 2
            cut = text.find(" ", half)
            if cut > 0:
                its[k : k + 1] = [
                    (text[:cut] + ".", subs, deferred),
                    (text[cut + 1 :].capitalize(), [], deferred),
                ]
        elif op == "defer":
            its[k] = (text, subs, not deferred)
        elif op == "duplicate":
            its.insert(k, (text, list(subs), deferred))
        elif op == "empty":
            its[k] = ("", subs, deferred)
        elif op == "subs" and subs:
            its[k] = (text, subs[::-1][: draw(st.integers(0, len(subs)))], deferred)
    return its


@st.composite
def draft_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """(old Markdown, new Markdown): a random draft and an edit of it, labels renumbered or kept."""
    old_items = draw(items)
    new_items = draw(edited(old_items))
    labels = None
    if draw(st.booleans()):  # keep gaps / odd numbering in the new draft
        labels = draw(st.lists(st.integers(1, 40), min_size=len(new_items), max_size=len(new_items)))
    return to_markdown(old_items), to_markdown(new_items, labels) if new_items else "Nothing left.\n"


def read(md: str, name: str) -> Draft:
    return parse_draft(md, name, paragraphs=True)


# --------------------------------------------------------------------------------------------------------
# the invariants


ONE_ONE = {Kind.UNCHANGED, Kind.REWORDED, Kind.REVISED}


def check_level(
    changes: tuple[Change, ...], old_points: tuple[Point, ...], new_points: tuple[Point, ...]
) -> None:
    """Every id of either side in exactly one change; shapes of kinds; then the sub-points of each pair."""
    olds = [i for c in changes for i in c.old]
    news = [i for c in changes for i in c.new]
    assert sorted(olds) == sorted(p.id for p in old_points), (olds, [p.id for p in old_points])
    assert sorted(news) == sorted(p.id for p in new_points), (news, [p.id for p in new_points])
    old_at = {p.id: p for p in old_points}
    new_at = {p.id: p for p in new_points}
    for c in changes:
        assert isinstance(c.kind, Kind)
        shape = (len(c.old), len(c.new))
        if c.kind is Kind.DROPPED:
            assert shape[0] >= 1 and shape[1] == 0, c
        elif c.kind is Kind.ADDED:
            assert shape[0] == 0 and shape[1] >= 1, c
        elif c.kind is Kind.MERGED:
            assert shape[0] >= 2 and shape[1] == 1, c
        elif c.kind is Kind.SPLIT:
            assert shape[0] == 1 and shape[1] >= 2, c
        elif c.kind is Kind.DEFERRED:  # one to one, or merged / split on the way to the track
            assert shape[0] >= 1 and shape[1] >= 1 and c.track, c
        else:
            assert c.kind in ONE_ONE and shape == (1, 1), c
        for value in (c.similarity, c.confidence):
            assert value is None or 0.0 <= value <= 1.0, c
        check_level(
            c.children,
            tuple(s for i in c.old for s in old_at[i].points),
            tuple(s for i in c.new for s in new_at[i].points),
        )


@functools.cache
def compare_schema() -> jsonschema.protocols.Validator:
    schema = json.loads((REPO / "src" / "draftdiff" / "schemas" / "compare.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def check_comparison(cmp: Comparison, old: Draft, new: Draft) -> None:
    if any(c.relocated for c in cmp.walk()):  # links across the tree: the partition holds over the tree
        check_tree(cmp.changes, old, new)
        check_level(compare(old, new, CompareOptions(across_tree=False)).changes, old.points, new.points)
    else:
        check_level(cmp.changes, old.points, new.points)
    from draftdiff.render.json import comparison_to_json

    compare_schema().validate(json.loads(comparison_to_json(cmp)))


def pair_property(old_md: str, new_md: str) -> None:
    old, new = read(old_md, "old.md"), read(new_md, "new.md")
    cmp = compare(old, new)
    check_comparison(cmp, old, new)
    assert compare(old, new) == cmp  # deterministic
    assert compare(read(old_md, "old.md"), read(new_md, "new.md")) == cmp  # on drafts read again too


def self_property(md: str) -> None:
    draft = read(md, "d.md")
    cmp = compare(draft, draft)
    check_comparison(cmp, draft, draft)
    assert all(c.kind is Kind.UNCHANGED and not c.moved and not c.renumbered for c in cmp.walk()), [
        (c.kind, c.old, c.new) for c in cmp.walk() if c.kind is not Kind.UNCHANGED
    ]


# --------------------------------------------------------------------------------------------------------
# the bounded runs of the suite


@examples(60)
@given(draft_pairs())
def test_pairs_of_read_drafts_keep_the_invariants(pair: tuple[str, str]) -> None:
    STATS.run(pair_property, *pair)


@examples(30)
@given(items.map(to_markdown))
def test_a_read_draft_against_itself_is_all_unchanged(md: str) -> None:
    STATS.run(self_property, md)
