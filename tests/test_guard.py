"""The guard on drafts built by hand (the engine decides what was dropped; the guard decides what was
dropped *silently*): top-level and sub-point drops, withdrawals, deferrals."""

from __future__ import annotations

from draftdiff.guard import guard_drafts
from draftdiff.model import Draft, Point, draft_from_texts

TEXTS = [
    "The sovereignty of Ukraine shall be confirmed.",
    "A full amnesty shall apply to all parties for acts committed during the war.",
    "Ukraine shall hold elections within one hundred days of the signature.",
    "Frozen assets shall be invested in the reconstruction of Ukraine.",
]


def test_silent_drop_is_named_with_old_id_text_and_line() -> None:
    old = draft_from_texts(TEXTS)
    old = Draft("old.md", tuple(Point(p.id, p.label, p.text, line=10 + i) for i, p in enumerate(old.points)))
    new = draft_from_texts([TEXTS[0], TEXTS[2], TEXTS[3]])
    report = guard_drafts(old, new)
    assert [(d.id, d.text, d.line) for d in report.dropped] == [("2", TEXTS[1], 11)]
    assert report.acknowledged == ()


def test_nothing_dropped_when_points_are_only_renumbered_or_reworded() -> None:
    old = draft_from_texts(TEXTS)
    new = draft_from_texts([TEXTS[3], TEXTS[0], TEXTS[1].replace("full", "complete"), TEXTS[2]])
    assert guard_drafts(old, new).dropped == ()


def test_withdrawn_in_the_new_draft_acknowledges_the_drop() -> None:
    old = draft_from_texts(TEXTS)
    new = draft_from_texts([TEXTS[0], TEXTS[2], TEXTS[3]], withdrawn=("2",))
    report = guard_drafts(old, new)
    assert report.dropped == ()
    assert [(a.id, a.how) for a in report.acknowledged] == [("2", "withdrawn")]
    # Withdrawing another id does not cover this one.
    other = draft_from_texts([TEXTS[0], TEXTS[2], TEXTS[3]], withdrawn=("4",))
    assert [d.id for d in guard_drafts(old, other).dropped] == ["2"]


def test_moving_to_a_deferred_track_acknowledges_the_drop() -> None:
    track = "Deferred to leaders' talks"
    old = draft_from_texts(TEXTS)
    kept = draft_from_texts([TEXTS[0], TEXTS[2], TEXTS[3]]).points
    deferred = Point("4", "4", TEXTS[1], section=track, track=track, marker="4.", style="decimal")
    report = guard_drafts(old, Draft("new.md", (*kept, deferred)))
    assert report.dropped == ()
    assert [(a.id, a.how, a.track) for a in report.acknowledged] == [("2", "deferred", track)]


def _with_subs(subs: list[str], pid: str = "2") -> Point:
    children = tuple(
        Point(f"{pid}.{chr(97 + i)}", chr(97 + i), t, marker=f"{chr(97 + i)}.", style="alpha")
        for i, t in enumerate(subs)
    )
    return Point(pid, pid, "The guarantee shall be subject to the following conditions:", points=children)


SUBS = [
    "the guarantor shall be compensated for providing it;",
    "the guarantee shall lapse if Ukraine attacks first without provocation;",
    "a coordinated military response shall follow any renewed invasion.",
]


def test_a_dropped_sub_point_is_named_by_its_full_id() -> None:
    first = Point("1", "1", TEXTS[0])
    old = Draft("old.md", (first, _with_subs(SUBS)))
    new = Draft("new.md", (first, _with_subs([SUBS[0], SUBS[2]])))
    report = guard_drafts(old, new)
    assert [(d.id, d.text) for d in report.dropped] == [("2.b", SUBS[1])]
    assert guard_drafts(old, Draft("new.md", new.points, withdrawn=("2.b",))).dropped == ()


def test_a_dropped_parent_is_reported_once_with_its_sub_points() -> None:
    first = Point("1", "1", TEXTS[0])
    old = Draft("old.md", (first, _with_subs(SUBS)))
    report = guard_drafts(old, Draft("new.md", (first,)))
    assert [(d.id, d.subpoints) for d in report.dropped] == [("2", 3)]
    # Withdrawing the parent covers its sub-points.
    assert guard_drafts(old, Draft("new.md", (first,), withdrawn=("2",))).dropped == ()


def test_merged_points_are_not_dropped() -> None:
    old = draft_from_texts(
        ["Sanctions shall be lifted in stages.", "Sanctions shall be lifted case by case."]
    )
    new = draft_from_texts(["Sanctions shall be lifted in stages and case by case."])
    assert guard_drafts(old, new).dropped == ()
