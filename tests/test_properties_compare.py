"""Properties of compare() on generated drafts (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draftdiff.changes import Kind
from draftdiff.compare import CompareOptions, compare
from draftdiff.model import Draft, Point
from test_align_depth import check_tree

SUBJECTS = [
    "Ukraine",
    "Russia",
    "The United States",
    "Europe",
    "NATO",
    "The Peace Council",
    "Poland",
    "The parties",
]
VERBS = ["shall withdraw", "may deploy", "must fund", "will monitor", "should rebuild", "shall not block"]
OBJECTS = [
    "the grain corridor on the Dnipro", "heavy weapons near Kherson", "a reconstruction fund of 100 billion",
    "elections within 100 days", "the Zaporizhzhia power plant", "prisoner exchanges every month",
    "a demilitarised zone of 30 kilometres", "sanctions relief in stages", "a humanitarian committee",
    "the frozen assets in Europe", "free trade with the European Union", "an amnesty for all combatants",
]  # fmt: skip
SENTENCE = st.builds(
    lambda s, v, o: f"{s} {v} {o}.",
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS),
)


@st.composite
def drafts(draw, max_points=8, depth=1, prefix=""):
    texts = draw(st.lists(SENTENCE, min_size=0, max_size=max_points, unique=True))
    points = []
    for k, text in enumerate(texts, 1):
        pid = f"{prefix}{k}"
        subs = ()
        if depth and draw(st.booleans()):
            subs = draw(drafts(max_points=3, depth=depth - 1, prefix=pid + ".")).points
        points.append(Point(pid, str(k), text, points=subs))
    return Draft("generated", tuple(points))


def check_partition(changes, old_points, new_points):
    olds = [i for c in changes for i in c.old]
    news = [i for c in changes for i in c.new]
    assert sorted(olds) == sorted(p.id for p in old_points), (olds, [p.id for p in old_points])
    assert sorted(news) == sorted(p.id for p in new_points)
    old_at = {p.id: p for p in old_points}
    new_at = {p.id: p for p in new_points}
    for c in changes:
        check_partition(
            c.children,
            [s for i in c.old for s in old_at[i].points],
            [s for i in c.new for s in new_at[i].points],
        )


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(drafts())
def test_a_draft_against_itself_is_all_unchanged(d):
    cmp = compare(d, d)
    assert all(c.kind is Kind.UNCHANGED and not c.moved and not c.renumbered for c in cmp.walk())
    assert not cmp.has_differences


@FAST
@given(drafts(), drafts())
def test_every_id_in_exactly_one_change_at_every_level(a, b):
    # per level, as the levels are aligned (before links across the tree)
    cmp = compare(a, b, CompareOptions(across_tree=False))
    check_partition(cmp.changes, a.points, b.points)


@FAST
@given(drafts(max_points=6, depth=2), drafts(max_points=6, depth=2))
def test_every_id_in_exactly_one_change_over_the_tree(a, b):
    """With links across depths (the default): the partition holds over the whole tree, each change
    stands where its new points stand, and a pair that is not relocated has its old points in place."""
    cmp = compare(a, b)
    check_tree(cmp.changes, a, b)


@FAST
@given(drafts(max_points=6, depth=2), drafts(max_points=6, depth=2))
def test_links_across_depths_mirror(a, b):
    """compare(a, b) and compare(b, a) link the same points across the tree, depths swapped; what one
    way drops (at any depth) the other way adds."""
    forward, backward = compare(a, b), compare(b, a)
    links = {(c.old, c.new, c.relocated) for c in forward.walk() if c.relocated}
    mirrored = {(c.new, c.old, (c.relocated[1], c.relocated[0])) for c in backward.walk() if c.relocated}
    assert links == mirrored
    dropped = {i for c in forward.walk() if c.kind is Kind.DROPPED for i in c.old}
    added = {i for c in backward.walk() if c.kind is Kind.ADDED for i in c.new}
    assert dropped == added


@FAST
@given(drafts(), drafts())
def test_dropped_one_way_are_added_the_other_way(a, b):
    forward = compare(a, b)
    backward = compare(b, a)
    dropped = {i for c in forward.changes if c.kind is Kind.DROPPED for i in c.old}
    added = {i for c in backward.changes if c.kind is Kind.ADDED for i in c.new}
    assert dropped == added


@FAST
@given(drafts(max_points=10), st.randoms(use_true_random=False))
def test_renumbering_and_reordering_alone_change_no_substance(d, rnd):
    points = list(d.points)
    rnd.shuffle(points)
    # new labels and ids, the texts and sub-points as they were
    relabelled = tuple(
        Point(
            f"n{k}", str(k), p.text, points=tuple(Point(f"n{k}.{s.label}", s.label, s.text) for s in p.points)
        )
        for k, p in enumerate(points, 1)
    )
    cmp = compare(d, Draft("reordered", relabelled))
    kinds = {c.kind for c in cmp.walk()}
    assert kinds <= {Kind.UNCHANGED}


@FAST
@given(drafts(), drafts())
def test_deterministic(a, b):
    assert compare(a, b) == compare(a, b)


@st.composite
def edited(draw):
    """A draft and an edit of it with merges, splits, drops, additions, empty texts and a deferral."""
    base = draw(drafts(max_points=8))
    texts = [p.text for p in base.points]
    out: list[tuple[str, str | None]] = []
    k = 0
    while k < len(texts):
        op = draw(st.sampled_from(["keep", "keep", "merge", "split", "drop", "add", "empty", "defer"]))
        if op == "merge" and k + 1 < len(texts):
            out.append((texts[k] + " " + texts[k + 1], None))
            k += 2
            continue
        if op == "split":
            words = texts[k].split()
            half = max(1, len(words) // 2)
            out += [(" ".join(words[:half]), None), (" ".join(words[half:]) or "and more.", None)]
        elif op == "add":
            out += [(texts[k], None), (draw(SENTENCE), None)]
        elif op == "empty":
            out.append(("", None))
        elif op == "defer":
            out.append((texts[k], "Deferred to leaders' talks"))
        elif op == "keep":
            out.append((texts[k], None))
        k += 1
    new = Draft("edited", tuple(Point(f"n{i}", str(i), t, track=tr) for i, (t, tr) in enumerate(out, 1)))
    return base, new


@FAST
@given(edited())
def test_partition_holds_through_merges_splits_and_tracks(pair):
    old, new = pair
    cmp = compare(old, new)
    check_tree(cmp.changes, old, new)
    for c in cmp.walk():
        assert (c.kind is Kind.MERGED) == (len(c.old) > 1)
        assert (c.kind is Kind.SPLIT) == (len(c.new) > 1)
        if c.kind is Kind.DEFERRED:
            assert c.track
        assert bool(c.old) or c.kind is Kind.ADDED
        assert bool(c.new) or c.kind is Kind.DROPPED
