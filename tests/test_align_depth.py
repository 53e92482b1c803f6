"""Links across depths (issue 11): a flat list regrouped into sections, and sections flattened.

The texts are written for these tests: a short charter whose clauses are regrouped under two headings.
"""

from __future__ import annotations

import json

import jsonschema

from conftest import REPO
from draftdiff.align.depth import link_across
from draftdiff.changes import Change, Kind
from draftdiff.compare import CompareOptions, compare
from draftdiff.model import Draft, Point
from draftdiff.render.json import change_to_dict, comparison_to_json
from draftdiff.render.markdown import render_markdown
from draftdiff.render.report import build_report

CLAUSES = [
    "Members publish their annual accounts before the general assembly in spring.",
    "The treasurer keeps the membership register and reports on unpaid fees.",
    "Any member may inspect the minutes of the board at the secretariat.",
    "The board meets at least four times a year and keeps written minutes.",
    "A member who breaches the code may be suspended by a two-thirds vote.",
    "Disputes between members go first to the mediation panel of three elders.",
]


def flat() -> Draft:
    return Draft("flat.md", tuple(Point(str(k), str(k), t) for k, t in enumerate(CLAUSES, 1)))


def nested() -> Draft:
    """Clauses 1, 2 and 4 under "Finances and governance" (I), 3, 5 and 6 (3 reworded) under "Members" (II)."""
    first = [CLAUSES[0], CLAUSES[1], CLAUSES[3]]
    second = [
        "Every member may consult the board's minutes at the secretariat.",
        CLAUSES[4],
        CLAUSES[5],
    ]
    heads = []
    for k, (title, texts) in zip(("I", "II"), (("Finances and governance", first), ("Members", second))):
        subs = tuple(Point(f"{k}.{m}", str(m), t) for m, t in enumerate(texts, 1))
        heads.append(Point(k, k, title, points=subs))
    return Draft("nested.md", tuple(heads))


def fates(cmp) -> dict[tuple[tuple[str, ...], tuple[str, ...]], Change]:
    return {(c.old, c.new): c for c in cmp.walk()}


def check_tree(changes: tuple[Change, ...], old: Draft, new: Draft) -> None:
    """The partition rule over the whole tree: every point of either draft in exactly one change; a change
    stands where its new points stand (under the change of their parent); a change that is not relocated
    also has its old points under the change of their old parent."""
    walk = [c for top in changes for c in top.walk()]
    assert sorted(i for c in walk for i in c.old) == sorted(p.id for p in old.walk())
    assert sorted(i for c in walk for i in c.new) == sorted(p.id for p in new.walk())
    old_at = {p.id: p for p in old.walk()}
    new_at = {p.id: p for p in new.walk()}

    def level(cs, old_ids: set[str], new_ids: set[str]) -> None:
        for c in cs:
            assert set(c.new) <= new_ids, c
            if c.relocated is None:
                assert set(c.old) <= old_ids, c
            else:
                assert len(c.old) == len(c.new) == 1 and c.moved and c.matched_by == "across", c
            level(
                c.children,
                {s.id for i in c.old for s in old_at[i].points},
                {s.id for i in c.new for s in new_at[i].points},
            )

    level(changes, {p.id for p in old.points}, {p.id for p in new.points})


def test_flat_to_nested_links_every_clause_to_its_new_place() -> None:
    cmp = compare(flat(), nested())
    got = fates(cmp)
    for o, n in (("1", "I.1"), ("2", "I.2"), ("4", "I.3"), ("5", "II.2"), ("6", "II.3")):
        c = got[((o,), (n,))]
        assert c.kind is Kind.UNCHANGED and c.relocated == (1, 2) and c.moved
    assert got[(("3",), ("II.1",))].kind is Kind.REWORDED
    # the headings are new; nothing of the old draft is dropped
    assert {c.new for c in cmp.walk() if c.kind is Kind.ADDED} == {("I",), ("II",)}
    assert not [c for c in cmp.walk() if c.kind is Kind.DROPPED]
    # each relocated change stands under the new heading it moved to
    heads = {c.new: c for c in cmp.changes}
    assert [k.new for k in heads[("I",)].children] == [("I.1",), ("I.2",), ("I.3",)]
    check_tree(cmp.changes, flat(), nested())


def test_nested_to_flat_mirrors_flat_to_nested() -> None:
    forward, backward = compare(flat(), nested()), compare(nested(), flat())
    dropped = {c.old for c in backward.walk() if c.kind is Kind.DROPPED}
    added = {c.new for c in forward.walk() if c.kind is Kind.ADDED}
    assert dropped == added == {("I",), ("II",)}
    links = {(c.old, c.new, c.relocated) for c in forward.walk() if c.relocated}
    mirrored = {(c.new, c.old, (c.relocated[1], c.relocated[0])) for c in backward.walk() if c.relocated}
    assert links == mirrored and len(links) == 6
    # flattened: the relocated changes are top-level changes in the flat draft's order
    assert [c.new for c in backward.changes if c.relocated] == [(str(k),) for k in range(1, 7)]
    check_tree(backward.changes, nested(), flat())


def test_across_tree_off_keeps_the_per_level_answer() -> None:
    off = compare(flat(), nested(), CompareOptions(across_tree=False))
    assert not [c for c in off.walk() if c.relocated or c.matched_by == "across"]
    # the per-level answer: the flat clauses merged into the headings whose sub-points hold their words
    assert [(c.kind, c.old, c.new) for c in off.changes] == [
        (Kind.MERGED, ("1", "2", "4"), ("I",)),
        (Kind.DROPPED, ("3",), ()),
        (Kind.MERGED, ("5", "6"), ("II",)),
    ]
    # and the two answers agree wherever the pass linked nothing
    same = compare(flat(), flat())
    assert same == compare(flat(), flat(), CompareOptions(across_tree=False))


def test_a_dropped_sections_kept_sub_points_leave_it_and_the_rest_stay_dropped() -> None:
    old = Draft(
        "old.md",
        (
            Point("1", "1", "The association is founded for the study of rivers."),
            Point(
                "T",
                "T",
                "Transitional rules",
                points=(
                    Point("T.a", "a", CLAUSES[0]),
                    Point("T.b", "b", CLAUSES[1]),
                    Point("T.c", "c", "Founding members pay no fee in the first year of operation."),
                ),
            ),
        ),
    )
    new = Draft(
        "new.md",
        (
            Point("1", "1", "The association is founded for the study of rivers."),
            Point("2", "2", CLAUSES[0]),
            Point("3", "3", CLAUSES[1]),
        ),
    )
    cmp = compare(old, new)
    got = fates(cmp)
    assert got[(("T.a",), ("2",))].relocated == (2, 1)
    assert got[(("T.b",), ("3",))].relocated == (2, 1)
    section = got[(("T",), ())]
    assert section.kind is Kind.DROPPED and [k.old for k in section.children] == [("T.c",)]
    check_tree(cmp.changes, old, new)


def test_a_single_look_alike_under_a_dropped_provision_is_not_linked() -> None:
    """One sub-point of a dropped provision resembling an added point is no restructuring (weak evidence)."""
    old = Draft(
        "old.md",
        (
            Point("1", "1", CLAUSES[0]),
            Point(
                "2",
                "2",
                "Relief is delivered in stages:",
                points=(
                    Point("2.a", "a", "the repair of bridges across the northern valley;"),
                    Point("2.b", "b", "the clearance of mines around the old port."),
                ),
            ),
        ),
    )
    new = Draft(
        "new.md",
        (Point("1", "1", CLAUSES[0]), Point("2", "2", "the repair of bridges across the southern district.")),
    )
    cmp = compare(old, new)
    assert not [c for c in cmp.walk() if c.relocated]
    check_tree(cmp.changes, old, new)


def test_link_across_skips_pairs_of_paired_parents_and_forbidden_pairs() -> None:
    old = [Point("1", "1", CLAUSES[0]), Point("2", "2", CLAUSES[1])]
    new = [Point("I.1", "1", CLAUSES[0]), Point("I.2", "2", CLAUSES[1])]
    lone = (("1", "2"), ("I.1", "I.2"))
    assert [
        (i, j) for i, j, _, _ in link_across(old, new, [None, None], ["1", "1"], {(None, None)}, lone)
    ] == [
        (0, 0),
        (1, 1),
    ]
    # the same parents, paired with each other: the aligner already weighed these pairs
    assert link_across(old, new, ["p", "p"], ["1", "1"], {("p", "1")}, lone) == []
    forbid = {("1", "I.1")}
    got = link_across(old, new, [None, None], ["1", "1"], {(None, None)}, lone, forbid=forbid)
    assert [(i, j) for i, j, _, _ in got] == [(1, 1)]


def test_relocated_in_json_and_in_the_report() -> None:
    cmp = compare(flat(), nested())
    data = json.loads(comparison_to_json(cmp))
    kids = data["changes"][0]["children"]
    assert kids[0]["relocated"] == {"old_depth": 1, "new_depth": 2}
    assert kids[0]["matched_by"] == "across"
    schema = json.loads((REPO / "src" / "draftdiff" / "schemas" / "compare.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    # absent, not null, on every other change
    assert "relocated" not in data["changes"][0]
    assert "relocated" not in change_to_dict(compare(flat(), flat()).changes[0])
    assert "moved to another section (depth 1 -> 2)" in render_markdown(cmp)
    report = build_report(cmp)
    notes = [n for g in report.groups for e in g.entries for x in (e, *e.children) for n in x.notes]
    assert "moved to another section (depth 1 -> 2)" in notes


def test_a_relocated_sub_point_prints_once_not_also_in_its_added_sections_text() -> None:
    # the added heads I and II hold clauses that are changes of their own (relocated): each clause is
    # shown in its own entry, not a second time in the whole text of the head it now stands under
    import io

    from draftdiff.cli.common import ColorMode, make_console
    from draftdiff.render.terminal import CompareReport

    cmp = compare(flat(), nested())
    buf = io.StringIO()
    console = make_console(ColorMode.never, file=buf, width=200)
    console.print(CompareReport(cmp))
    text = buf.getvalue()
    md = render_markdown(cmp)
    for clause in (CLAUSES[0], CLAUSES[1], CLAUSES[4]):
        assert text.count(clause) == 1, clause
        assert md.count(clause) == 1, clause
    assert "Finances and governance" in text and "Members" in text


def test_a_clause_repeated_word_for_word_under_a_new_section_links_to_it_not_to_the_heading() -> None:
    # bench/texts/peace: nested.md regroups a.md's points under six new headings. Old 15 stands word for
    # word as new 2.1 and old 21 ("On territory:") as new 3.1; the levels used to pair old 15 (with 17)
    # into the heading 2 and old 21 with the heading 3, leaving 2.1 and 3.1 added
    from draftdiff.read import read_draft

    texts = REPO / "bench" / "texts" / "peace"
    old, new = read_draft(str(texts / "a.md")), read_draft(str(texts / "nested.md"))
    got = fates(compare(old, new))
    assert got[(("15",), ("2.1",))].relocated == (1, 2)
    assert got[(("21",), ("3.1",))].relocated == (1, 2)
    assert (("21",), ("3",)) not in got and not any("15" in o for o, _ in got if len(o) > 1)
    check_tree(compare(old, new).changes, old, new)
    off = fates(compare(old, new, CompareOptions(across_tree=False)))
    assert (("15",), ("2.1",)) not in off
