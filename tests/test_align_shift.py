"""The offset rule of the structure pass (align/structure.py, issue 11): when a deleted or inserted point
shifts the numbers, points reworded in the shifted stretch link by their place under the offset the
linked neighbours show, instead of dropped + added."""

from __future__ import annotations

from pathlib import Path

from draftdiff.align.structure import plan_slot
from draftdiff.changes import Kind
from draftdiff.compare import compare
from draftdiff.model import draft_from_texts
from draftdiff.read import read_draft

TEXTS = Path(__file__).resolve().parent.parent / "bench" / "texts"

BAY = "Fishing quotas in the northern bay shall be set every spring by the joint board."
FERRY = "Ferries between the two harbours run twice daily from April to October."
BRIDGE = "The customs posts on the river bridge shall stay open day and night."
TOLLS = "Tolls on the coastal road are abolished for residents of the border villages."


#: old 2 is deleted in the new drafts below, old 4 rewritten in place (no word in common with new 3)
REWRITE_OLD = [
    BAY,
    "Lighthouses along the northern coast are to be repaired.",
    FERRY,
    "Sailors held by either side go home before the winter storms.",
    BRIDGE,
]


def flat(cmp):
    out = []
    stack = list(cmp.changes)
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(c.children)
    return out


def by_old(cmp, pid):
    return next(c for c in flat(cmp) if pid in c.old)


def test_a_rewrite_in_a_shifted_stretch_links_under_the_offset():
    # old 2 deleted: old 3..5 are new 2..4; old 4 is rewritten in place (no word in common). Its
    # neighbours old 3 -> new 2 and old 5 -> new 4 both say "old n is new n - 1": so is old 4 -> new 3
    old = REWRITE_OLD
    new = [BAY, FERRY, "Salt may be exported free of duty through the southern ports.", BRIDGE]
    cmp = compare(draft_from_texts(old), draft_from_texts(new))
    c = by_old(cmp, "4")
    assert c.new == ("3",) and c.matched_by == "structure" and c.kind is Kind.REVISED
    assert by_old(cmp, "2").kind is Kind.DROPPED
    assert [ch.kind for ch in cmp.changes].count(Kind.ADDED) == 0


def test_a_step_the_words_cannot_place_links_nothing():
    # the same rewrite, but a point is inserted too: old 3 -> new 2 (offset -1), old 5 -> new 5 (offset
    # 0), and old 4 faces new 3 and 4. Old 4 is new 3 under the left offset or new 4 under the right
    # one; it shares no word with either: the place proves nothing, dropped + added as before
    old = REWRITE_OLD
    new = [
        BAY,
        FERRY,
        "Salt may be exported free of duty through the southern ports.",
        "A school of navigation opens in the capital.",
        BRIDGE,
    ]
    cmp = compare(draft_from_texts(old), draft_from_texts(new))
    assert by_old(cmp, "4").kind is Kind.DROPPED


def test_a_deletion_inside_the_stretch_is_placed_by_the_words():
    # old 2 deleted and old 3, 4 reworded between old 1 -> new 1 (offset 0) and old 5 -> new 4
    # (offset -1): one old point too many, the neighbours step by one. The words, weak as they are,
    # say old 2 is the deleted one (new 2 shares "harbour" with old 3 only, new 3 "villages" with old 4)
    old = [
        BAY,
        "Lighthouses along the northern coast are to be repaired.",
        "Pilots for the harbour are trained at the public expense.",
        "Wells in the border villages are dug again by the engineers.",
        TOLLS,
    ]
    new = [
        BAY,
        "The state pays for the schooling of harbour pilots.",
        "Army engineers restore the drinking water of the villages near the border.",
        TOLLS,
    ]
    cmp = compare(draft_from_texts(old), draft_from_texts(new))
    assert [(c.old, c.new) for c in cmp.changes if c.kind not in (Kind.DROPPED, Kind.ADDED)] == [
        (("1",), ("1",)),
        (("3",), ("2",)),
        (("4",), ("3",)),
        (("5",), ("4",)),
    ]
    assert by_old(cmp, "2").kind is Kind.DROPPED


def test_plan_slot_step_rule_needs_both_neighbours_and_a_clear_place():
    sims = [[0.3, 0.0], [0.3, 0.0], [0.0, 0.4]]
    sim = lambda q, r: sims[q][r]
    # old 3 or old 4 left out score the same (0.7): no clear place, nothing linked
    assert plan_slot(["3", "4", "5"], ["3", "4"], 0, -1, sim) is None
    sims[1][0] = 0.1
    assert plan_slot(["3", "4", "5"], ["3", "4"], 0, -1, sim) == [(0, 0), (2, 1)]
    assert plan_slot(["3", "4", "5"], ["3", "4"], None, -1, sim) is None  # one neighbour: no step
    assert plan_slot(["3", "4", "5"], ["3", "4"], 0, 0, sim) is None  # the neighbours show no deletion
    # an insertion: one new point too many, the offset steps up
    assert plan_slot(["3", "4"], ["3", "4", "5"], 0, 1, lambda q, r: float(r == q + 1)) == [(0, 1), (1, 2)]
    # bullets and labels that do not count take no offset
    assert plan_slot(["", ""], ["", ""], -1, -1, sim) is None
    assert plan_slot(["iv", "v"], ["iii", "iv"], -1, -1, sim) is None


def test_peace_wording_a_to_b_shift_links_the_shifted_points():
    # bench/texts/peace: wording B with point 3 deleted and a point inserted after 18: old 4..19 are new
    # 3..18 in other words; without the offset rule old 4, 5, 6, 9, 10 (with its sub-points) and 11
    # were dropped and old 8 linked to new 5
    cmp = compare(read_draft(str(TEXTS / "peace" / "a.md")), read_draft(str(TEXTS / "peace" / "b-shift.md")))
    links = {(c.old, c.new) for c in flat(cmp) if c.kind not in (Kind.DROPPED, Kind.ADDED)}
    for n in range(4, 20):
        assert ((str(n),), (str(n - 1),)) in links
    for letter in "abcd":
        assert (("10." + letter,), ("9." + letter,)) in links
    assert by_old(cmp, "3").kind is Kind.DROPPED
    assert any(c.kind is Kind.ADDED and c.new == ("19",) for c in cmp.changes)


def test_a_section_head_rewritten_beside_an_insertion_is_placed_by_its_shape():
    # old 3 is a section head with two sub-points; new 3 is an inserted leaf and new 4 the head, reworded
    # (no word in common with old 3 beyond its sub-points). The neighbours step from offset 0 to +1, so
    # old 3 is new 3 or new 4; the words barely say (0.0 against a little), the shape does: the head
    # that still heads two sub-points. Without the shape it stays dropped + added.
    from draftdiff.read import parse_draft

    old = parse_draft(
        "1. " + BAY + "\n2. " + FERRY + "\n3. Property:\n    a) the board keeps the harbour records;\n"
        "    b) the ferry company owns its timetables.\n4. " + BRIDGE + "\n5. " + TOLLS + "\n"
    )
    new = parse_draft(
        "1. " + BAY + "\n2. " + FERRY + "\n3. Salt may be exported free of duty through the southern ports.\n"
        "4. Ownership is shared out thus:\n    a) harbour records stay with the board;\n"
        "    b) timetables belong to the ferry company.\n5. " + BRIDGE + "\n6. " + TOLLS + "\n"
    )
    cmp = compare(old, new)
    head = by_old(cmp, "3")
    assert head.new == ("4",) and head.kind is not Kind.DROPPED
    assert {c.new for c in head.children} == {("4.a",), ("4.b",)}
    assert [c.new for c in cmp.changes if c.kind is Kind.ADDED] == [("3",)]
