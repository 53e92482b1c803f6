"""The chaining of pairwise comparisons into lineages, on hand-built comparisons (no engine needed)."""

from __future__ import annotations

import os

import pytest

from draftdiff.changes import Change, Comparison, Flag, Kind
from draftdiff.errors import DraftdiffError
from draftdiff.history import (
    Fate,
    blame,
    build_history,
    cut_series,
    draft_files,
    find_lineage,
    natural_key,
    order_drafts,
    short_names,
    short_title,
)
from draftdiff.model import Draft, Point, draft_from_texts


def assert_partition(history) -> None:
    """Every point of every draft, at every depth, is in exactly one lineage; steps are in draft order."""
    seen: dict[tuple[int, str], str] = {}
    for ln in history.lineages:
        drafts = [s.draft for s in ln.steps]
        assert drafts == sorted(set(drafts)), (ln.id, drafts)
        for s in ln.steps:
            for pid in s.ids:
                assert (s.draft, pid) not in seen, (s.draft, pid, seen.get((s.draft, pid)), ln.id)
                seen[(s.draft, pid)] = ln.id
    for k, d in enumerate(history.drafts):
        ids = {p.id for p in d.walk()}
        assert {pid for (dk, pid) in seen if dk == k} == ids, k


def series(*texts_lists, tracks=None):
    out = []
    for n, texts in enumerate(texts_lists):
        d = draft_from_texts(texts, source=f"d{n + 1}.md")
        if tracks and n in tracks:
            pts = tuple(Point(p.id, p.label, p.text, track=tracks[n].get(p.id)) for p in d.points)
            d = Draft(source=d.source, points=pts)
        out.append(d)
    return out


def fixed(*comparisons_changes):
    """A compare function returning the given changes for each consecutive pair, in order."""
    it = iter(comparisons_changes)

    def run(old, new):
        return Comparison(old, new, tuple(next(it)))

    return run


def fates(ln):
    return [(s.draft, s.fate.value, s.ids) for s in ln.steps]


def test_chain_of_kept_reworded_revised():
    ds = series(["A a.", "B b."], ["A a.", "B bb."], ["A a2.", "B bb."])
    flag = Flag("number", "1", "2")
    h = build_history(
        ds,
        compare=fixed(
            [Change(Kind.UNCHANGED, ("1",), ("1",), 1.0), Change(Kind.REWORDED, ("2",), ("2",), 0.9)],
            [
                Change(Kind.REVISED, ("1",), ("1",), 0.7, flags=(flag,)),
                Change(Kind.UNCHANGED, ("2",), ("2",)),
            ],
        ),
        restore=False,
    )
    assert_partition(h)
    a, b = h.lineages
    assert fates(a) == [(0, "initial", ("1",)), (1, "unchanged", ("1",)), (2, "revised", ("1",))]
    assert a.steps[2].flags == (flag,) and a.steps[2].kind is Kind.REVISED
    assert fates(b) == [(0, "initial", ("2",)), (1, "reworded", ("2",)), (2, "unchanged", ("2",))]
    assert len(h.comparisons) == 2


def test_merge_continues_the_first_part_and_ends_the_others():
    ds = series(["A.", "B.", "C."], ["A and B.", "C."])
    h = build_history(
        ds,
        compare=fixed([Change(Kind.MERGED, ("2", "1"), ("1",), 0.8), Change(Kind.UNCHANGED, ("3",), ("2",))]),
        restore=False,
    )
    assert_partition(h)
    one, two, three = h.lineages
    assert fates(one)[-1] == (1, "merged", ("1",))
    assert one.steps[-1].partners == (two.id,)
    assert fates(two)[-1] == (1, "merged-into", ())
    assert two.steps[-1].into == one.id and two.steps[-1].to == ("1",)
    assert fates(three)[-1] == (1, "unchanged", ("2",))


def test_split_continues_in_the_first_part_and_starts_split_from_lineages():
    ds = series(["A and B.", "C."], ["A.", "C.", "B."])
    h = build_history(
        ds,
        compare=fixed([Change(Kind.SPLIT, ("1",), ("3", "1"), 0.8), Change(Kind.UNCHANGED, ("2",), ("2",))]),
        restore=False,
    )
    assert_partition(h)
    first = h.owner(0, "1")
    assert fates(first) == [(0, "initial", ("1",)), (1, "split", ("1",))]
    other = h.owner(1, "3")
    assert fates(other) == [(1, "split-from", ("3",))]
    assert other.steps[0].origin == first.id and first.steps[-1].partners == (other.id,)
    # the split-off part is shown after the point before it in the new draft (C)
    assert [ln.id for ln in h.lineages].index(other.id) > [ln.id for ln in h.lineages].index(
        h.owner(0, "2").id
    )


def test_deferred_to_a_track_and_back_is_restored():
    ds = series(["A.", "B."], ["A.", "B."], ["A.", "B."], tracks={1: {"2": "Deferred to leaders' talks"}})
    h = build_history(
        ds,
        compare=fixed(
            [Change(Kind.UNCHANGED, ("1",), ("1",)), Change(Kind.DEFERRED, ("2",), ("2",), track="Deferred")],
            [Change(Kind.UNCHANGED, ("1",), ("1",)), Change(Kind.UNCHANGED, ("2",), ("2",))],
        ),
        restore=False,
    )
    b = h.owner(0, "2")
    assert [s.fate for s in b.steps] == [Fate.INITIAL, Fate.DEFERRED, Fate.RESTORED]
    assert b.steps[1].track == "Deferred to leaders' talks" and b.steps[2].track is None
    assert b.steps[2].source == "compare"  # seen in the neighbouring comparison, not the restore look-up
    s = h.summary()
    assert (
        s["deferred"][0]["track"] == "Deferred to leaders' talks" and s["deferred"][0]["still_deferred"] == []
    )


def _candidates(draft):
    """The restore look-up's own points: dropped (r1, r2 ...) or added (a1 ...), not the context (c1 ...)."""
    return [p for p in draft.points if not p.id.startswith("c")]


def _restore_fn(similarity, kind=Kind.REWORDED, matched_by="fuzzy"):
    calls = []

    def run(old, new):
        dropped, added = _candidates(old), _candidates(new)
        calls.append(([p.text for p in dropped], [p.text for p in added]))
        return Comparison(
            old, new, (Change(kind, (dropped[0].id,), (added[0].id,), similarity, matched_by=matched_by),)
        )

    return run, calls


def _drop_then_add(ds, restore):
    """Point 2 of the first draft dropped in the second, a point 2 added in the third."""
    return build_history(
        ds,
        compare=fixed(
            [Change(Kind.UNCHANGED, ("1",), ("1",)), Change(Kind.DROPPED, ("2",))],
            [Change(Kind.UNCHANGED, ("1",), ("1",)), Change(Kind.ADDED, (), ("2",))],
        ),
        restore_compare=restore,
        threshold=0.5,
    )


def test_dropped_then_restored_is_one_lineage():
    ds = series(["A.", "Amnesty for all."], ["A."], ["A.", "Amnesty for everyone."])
    restore, calls = _restore_fn(0.8)
    h = _drop_then_add(ds, restore)
    assert_partition(h)
    assert len(h.lineages) == 2
    amnesty = h.owner(0, "2")
    assert fates(amnesty) == [(0, "initial", ("2",)), (1, "dropped", ()), (2, "restored", ("2",))]
    back = amnesty.steps[-1]
    assert back.source == "restore" and back.since == 0 and back.kind is Kind.REWORDED
    # the look-up compared the dropped point's last text with the added one
    assert calls == [(["Amnesty for all."], ["Amnesty for everyone."])]
    assert h.summary()["dropped"] == 1 and h.summary()["restored"] == 1


@pytest.mark.parametrize(
    "similarity, matched_by, kind",
    [
        (0.3, "fuzzy", Kind.REWORDED),
        (0.9, "order", Kind.REWORDED),
        (None, "fuzzy", Kind.REWORDED),
        (0.55, "fuzzy", Kind.REVISED),  # a revised pair needs the threshold + RESTORE_REVISED_EXTRA
        (0.9, "fuzzy", Kind.DROPPED),
    ],
)
def test_a_weak_restore_pair_is_not_linked(similarity, matched_by, kind):
    ds = series(["A.", "Amnesty for all combatants."], ["A."], ["A.", "Amnesty for all fighters."])
    restore, calls = _restore_fn(similarity, kind=kind, matched_by=matched_by)
    h = _drop_then_add(ds, restore)
    assert len(calls) == 1  # the look-up was asked, and its answer refused
    assert_partition(h)
    assert len(h.lineages) == 3
    assert fates(h.owner(2, "2")) == [(2, "added", ("2",))]


def test_a_revised_restore_above_the_raised_bar_is_linked():
    ds = series(
        ["A.", "Crossings reopen within 10 days."], ["A."], ["A.", "Crossings reopen within 20 days."]
    )
    restore, _ = _restore_fn(0.65, kind=Kind.REVISED)
    h = _drop_then_add(ds, restore)
    assert h.owner(2, "2") is h.owner(0, "2") and h.owner(2, "2").last.kind is Kind.REVISED


def test_a_dropped_point_sharing_no_words_with_the_additions_is_not_compared():
    ds = series(
        ["A.", "Amnesty for all combatants."], ["A."], ["A.", "Grain exports resume through the ports."]
    )
    restore, calls = _restore_fn(0.9)
    h = _drop_then_add(ds, restore)
    assert calls == [] and len(h.lineages) == 3


def test_a_point_dropped_in_the_same_step_is_not_a_restore_candidate():
    # dropped and added by the same comparison: the engine decided they differ; the look-up is not asked
    ds = series(["A.", "B."], ["A.", "C."])
    restore, calls = _restore_fn(0.9)
    h = build_history(
        ds,
        compare=fixed(
            [
                Change(Kind.UNCHANGED, ("1",), ("1",)),
                Change(Kind.DROPPED, ("2",)),
                Change(Kind.ADDED, (), ("2",)),
            ]
        ),
        restore_compare=restore,
        threshold=0.5,
    )
    assert calls == [] and len(h.lineages) == 3


def _tree(source, spec):
    """spec: [(label, text, [(sublabel, text), ...]), ...]"""
    pts = []
    for label, text, subs in spec:
        children = tuple(Point(f"{label}.{sl}", sl, st) for sl, st in subs)
        pts.append(Point(label, label, text, points=children))
    return Draft(source=source, points=tuple(pts))


def test_sub_points_follow_their_parent_when_the_comparison_does_not_mention_them():
    old = _tree("a.md", [("1", "One.", [("a", "one a"), ("b", "one b")]), ("2", "Two.", [])])
    new = _tree("b.md", [("1", "Uno.", []), ("3", "Three.", [("a", "three a")])])
    h = build_history(
        [old, new],
        compare=fixed(
            [
                Change(Kind.DROPPED, ("1",)),
                Change(Kind.DROPPED, ("2",)),
                Change(Kind.ADDED, (), ("1",)),
                Change(Kind.ADDED, (), ("3",)),
            ]
        ),
        restore=False,
    )
    assert_partition(h)
    sub = h.owner(0, "1.a")
    assert fates(sub) == [(0, "initial", ("1.a",)), (1, "dropped", ())]
    assert sub.steps[-1].source == "parent" and sub.parent == h.owner(0, "1").id and sub.depth == 1
    added_sub = h.owner(1, "3.a")
    assert added_sub.steps[0].fate is Fate.ADDED and added_sub.steps[0].source == "parent"
    assert added_sub.parent == h.owner(1, "3").id
    # display order keeps sub-points under their parent
    order = [ln.id for ln in h.lineages]
    assert order.index(h.owner(1, "3").id) + 1 == order.index(added_sub.id)


def test_sub_point_changes_under_a_matched_pair():
    old = _tree("a.md", [("1", "One.", [("a", "one a"), ("b", "one b")])])
    new = _tree("b.md", [("1", "One.", [("a", "one a changed")])])
    child = (Change(Kind.REVISED, ("1.a",), ("1.a",), 0.7), Change(Kind.DROPPED, ("1.b",)))
    h = build_history(
        [old, new], compare=fixed([Change(Kind.UNCHANGED, ("1",), ("1",), children=child)]), restore=False
    )
    assert_partition(h)
    assert fates(h.owner(0, "1.a"))[-1] == (1, "revised", ("1.a",))
    assert h.owner(0, "1.b").steps[-1].source == "compare"


def test_restored_parent_brings_its_sub_points_back():
    a = _tree("a.md", [("1", "One.", []), ("2", "Amnesty.", [("a", "for all"), ("b", "for some")])])
    b = _tree("b.md", [("1", "One.", [])])
    c = _tree("c.md", [("1", "One.", []), ("2", "Amnesty!", [("a", "for all"), ("b", "new")])])

    def restore(old, new):
        r, n = _candidates(old)[0], _candidates(new)[0]
        kids = (
            Change(Kind.UNCHANGED, (r.points[0].id,), (n.points[0].id,), 1.0),
            Change(Kind.DROPPED, (r.points[1].id,)),
            Change(Kind.ADDED, (), (n.points[1].id,)),
        )
        return Comparison(
            old, new, (Change(Kind.REWORDED, (r.id,), (n.id,), 0.9, matched_by="fuzzy", children=kids),)
        )

    h = _drop_then_add([a, b, c], restore)
    assert_partition(h)
    assert h.owner(2, "2") is h.owner(0, "2")
    assert h.owner(2, "2.a") is h.owner(0, "2.a")
    assert fates(h.owner(0, "2.a"))[-1] == (2, "restored", ("2.a",))
    assert h.owner(0, "2.b").steps[-1].fate is Fate.DROPPED  # never came back
    assert h.owner(2, "2.b").steps[0].fate is Fate.ADDED


def test_withdrawn_drop_is_marked():
    a = draft_from_texts(["A.", "B."], source="a.md")
    b = Draft(source="b.md", points=draft_from_texts(["A."]).points, withdrawn=("2",))
    h = build_history(
        [a, b],
        compare=fixed([Change(Kind.UNCHANGED, ("1",), ("1",)), Change(Kind.DROPPED, ("2",))]),
        restore=False,
    )
    assert h.owner(0, "2").steps[-1].withdrawn is True


def test_blame_introduced_and_last_substantive_change():
    ds = series(["A.", "B and C."], ["A!", "B.", "C."], ["A!!", "B.", "C changed."])
    h = build_history(
        ds,
        compare=fixed(
            [Change(Kind.REVISED, ("1",), ("1",), 0.7), Change(Kind.SPLIT, ("2",), ("2", "3"), 0.8)],
            [
                Change(Kind.REWORDED, ("1",), ("1",), 0.9),
                Change(Kind.UNCHANGED, ("2",), ("2",)),
                Change(Kind.REVISED, ("3",), ("3",), 0.6),
            ],
        ),
        restore=False,
    )
    rows = {e.point.id: (e.introduced, e.changed, e.change.value) for e in blame(h)}
    assert rows == {"1": (0, 1, "revised"), "2": (0, 1, "split"), "3": (0, 2, "revised")}


def test_summary_line_counts_and_names_deferred_provisions():
    ds = series(
        ["**Territory.** Lines.", "NATO will not expand.", "Amnesty.", "D."],
        ["**Territory.** Lines.", "NATO will not expand.", "D."],
        tracks={1: {"1": "leaders' talks", "2": "leaders' talks"}},
    )
    h = build_history(
        ds,
        compare=fixed(
            [
                Change(Kind.DEFERRED, ("1",), ("1",)),
                Change(Kind.DEFERRED, ("2",), ("2",)),
                Change(Kind.DROPPED, ("3",)),
                Change(Kind.UNCHANGED, ("4",), ("3",)),
            ]
        ),
        restore=False,
    )
    assert h.point_counts() == (4, 1)
    from draftdiff.render.history import series_sentence

    assert series_sentence(h) == (
        "4 -> 1 points; 1 provision dropped along the way; "
        "Territory and NATO will not expand deferred to leaders' talks"
    )


def test_fewer_than_two_drafts_is_an_error():
    with pytest.raises(DraftdiffError, match="at least 2 drafts"):
        build_history([draft_from_texts(["A."])])


def test_short_title():
    assert short_title("**Amnesty**: all parties ...") == "Amnesty"
    assert short_title("__Jets.__ European fighter jets") == "Jets"
    assert short_title("One two three four five six") == "One two three four five..."
    assert short_title("") == ""


def test_series_helpers(tmp_path):
    for name in ["v10.md", "v2.md", "v1.txt", "README.md", "readme.txt", ".hidden.md", "notes.pdf", "x.json"]:
        (tmp_path / name).write_text("1. A.\n", encoding="utf-8")
    (tmp_path / "sub.md").mkdir()
    assert [os.path.basename(p) for p in draft_files(str(tmp_path))] == [
        "v1.txt",
        "v2.md",
        "v10.md",
        "x.json",
    ]
    assert sorted(["a10", "a9", "a1"], key=natural_key) == ["a1", "a9", "a10"]
    dated = [
        Draft("b.md", date="2025-12-23"),
        Draft("a.md", date="2025-11-20"),
        Draft("c.md", date="2025-11-24"),
    ]
    assert [d.source for d in order_drafts(dated)] == ["a.md", "c.md", "b.md"]
    assert [d.source for d in order_drafts(dated, "given")] == ["b.md", "a.md", "c.md"]
    with pytest.raises(DraftdiffError, match="no readable front-matter date"):
        order_drafts([Draft("a.md"), Draft("b.md", date="2025-01-01")], "date")
    assert short_names([Draft("x/1.md", version="v1"), Draft("x/2.md", version="v2")]) == ("v1", "v2")
    assert short_names([Draft("x/a.md"), Draft("y/a.md")]) == ("a", "a#2")
    ds = [
        Draft(f"s/{n}.md", date=d)
        for n, d in [("one", "2025-11-20"), ("two", "2025-11-23"), ("three", "2025-12-23")]
    ]
    names = short_names(ds)
    assert cut_series(ds, names, since="2025-11-21")[1] == ["2025-11-23", "2025-12-23"]
    assert cut_series(ds, names, until="two")[1] == ["2025-11-20", "2025-11-23"]
    assert cut_series(ds, names, since="2025-11-23", until="2025-11-23")[1] == ["2025-11-23"]
    with pytest.raises(DraftdiffError, match="names no draft"):
        cut_series(ds, names, since="nonsense")


def test_find_lineage():
    ds = series(["A.", "B."], ["A.", "B.", "C."])
    h = build_history(
        ds,
        compare=fixed(
            [
                Change(Kind.UNCHANGED, ("1",), ("1",)),
                Change(Kind.UNCHANGED, ("2",), ("2",)),
                Change(Kind.ADDED, (), ("3",)),
            ]
        ),
        restore=False,
    )
    assert find_lineage(h, "3") is h.owner(1, "3")
    assert find_lineage(h, "d2:2") is h.owner(0, "2")
    assert find_lineage(h, "d1:1") is h.owner(0, "1")
    with pytest.raises(DraftdiffError, match="no point"):
        find_lineage(h, "d1:3")
    with pytest.raises(DraftdiffError, match="no draft of the series"):
        find_lineage(h, "9")
