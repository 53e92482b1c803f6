"""The example series in drafts/ reads as the fact sheet describes it, and the engine sees its changes.

The files are our own paraphrases of the 2025 plan series (see drafts/README.md). These tests pin what
the rest of the project relies on: point counts, ids, sub-points, tracks, withdrawn ids and dates, and
the headline findings of the comparisons (issue 3: US -> E3 drops point 3 and revises the army cap
with a number flag 600,000 -> 800,000; E3 -> Geneva defers territory and NATO to leaders' talks).
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from conftest import DRAFTS
from draftdiff.changes import Kind
from draftdiff.jsonform import draft_to_dict
from draftdiff.model import Draft, Point
from draftdiff.read import parse_draft, read_draft

US = "01-us-28-point-plan.md"
E3 = "02-e3-counter-proposal.md"
GENEVA = "03-geneva-19-point-reconstruction.md"
FRAMEWORK = "04-20-point-framework.md"
SERIES = (US, E3, GENEVA, FRAMEWORK)


@cache
def load(name: str) -> Draft:
    return read_draft(str(DRAFTS / name))


def main_points(draft: Draft) -> list[Point]:
    """The points of the main text (not on a deferred or separate track)."""
    return [p for p in draft.points if p.track is None]


def track_points(draft: Draft) -> list[Point]:
    return [p for p in draft.points if p.track is not None]


def ids(points) -> list[str]:
    return [p.id for p in points]


def numbered(*numbers) -> list[str]:
    return [str(n) for n in numbers]


def point_with(draft: Draft, words: str) -> Point:
    """The single top-level point whose text contains these words (case-insensitive)."""
    hits = [p for p in draft.points if words.lower() in p.text.lower()]
    assert len(hits) == 1, f"{draft.source}: {len(hits)} points contain {words!r}: {ids(hits)}"
    return hits[0]


# --------------------------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("name", "expected_main"),
    [
        (US, numbered(*range(1, 29))),
        (E3, numbered(*(n for n in range(1, 29) if n not in (3, 26)))),
        (GENEVA, numbered(*range(1, 20))),
        (FRAMEWORK, numbered(*range(1, 21))),
    ],
)
def test_main_text_has_the_reported_number_of_points(name, expected_main):
    draft = load(name)
    assert ids(main_points(draft)) == expected_main
    assert all(p.style == "decimal" for p in main_points(draft))


@pytest.mark.parametrize("name", SERIES)
def test_front_matter_is_complete(name):
    draft = load(name)
    assert draft.title
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", draft.date or ""), draft.date
    assert draft.version
    for key in ("source", "faithfulness"):
        assert str(draft.metadata.get(key, "")).strip(), f"{name}: front matter lacks {key}"


def test_dates_follow_the_file_order():
    dates = [load(name).date for name in SERIES]
    assert dates == ["2025-11-20", "2025-11-23", "2025-11-24", "2025-12-23"]
    assert dates == sorted(dates)


@pytest.mark.parametrize("name", SERIES)
def test_confidence_marks_stay_out_of_point_texts(name):
    # [C]/[1]/[I] belong in drafts/README.md; inside a point they would show up in every diff.
    for p in load(name).walk():
        assert not re.search(r"\[(?:C|I|1)\]", p.text), (name, p.id, p.text)


US_SUB_POINTS = {"10": "abcd", "12": "abcdef", "13": "abc", "20": "abc", "21": "abcd", "24": "abcd"}


def test_us_plan_sub_points():
    us = load(US)
    for p in us.points:
        letters = US_SUB_POINTS.get(p.id, "")
        assert ids(p.points) == [f"{p.id}.{c}" for c in letters], p.id
        assert [c.label for c in p.points] == list(letters)
    assert "Moscow" in us.point("10.d").text
    assert "World Bank" in us.point("12.f").text


def test_us_plan_numbers_the_substance_checks_rely_on():
    us = load(US)
    assert "600,000" in us.point("6").text
    assert "100 days" in us.point("25").text
    assert "Europe" in us.point("2").text
    assert "amnesty" in us.point("26").text


def test_e3_edit_keeps_the_us_numbering_with_declared_gaps():
    e3 = load(E3)
    assert sorted(e3.withdrawn, key=int) == ["3", "26"]
    present = {p.id for p in e3.points}
    assert not present & set(e3.withdrawn)
    assert set(e3.withdrawn) <= {p.id for p in load(US).points}
    assert not track_points(e3)


def test_e3_sub_points_and_changed_points():
    e3 = load(E3)
    assert ids(e3.point("10").points) == ["10.a", "10.b", "10.c"]
    assert ids(e3.point("12").points) == [f"12.{c}" for c in "abcdef"]
    assert ids(e3.point("20").points) == ["20.a", "20.b"]
    assert e3.point("21").points == ()
    assert "800,000" in e3.point("6").text and "peacetime" in e3.point("6").text
    assert "600,000" not in e3.point("6").text
    assert "NATO" in e3.point("2").text and "Europe" not in e3.point("2").text
    assert "100 days" not in e3.point("25").text


def test_e3_kept_points_are_copied_from_the_us_file():
    us, e3 = load(US), load(E3)
    for pid in ("1", "11", "12", "13", "15", "16", "17", "18", "19", "22", "23", "24"):
        assert e3.point(pid).text == us.point(pid).text, pid
        assert [c.text for c in e3.point(pid).points] == [c.text for c in us.point(pid).points], pid


def test_geneva_reconstruction_is_labelled_as_such():
    geneva = load(GENEVA)
    note = str(geneva.metadata.get("faithfulness", "")).lower()
    assert "reconstruction" in note and "not public" in note
    assert "reconstruction" in (geneva.title or "").lower()
    visible = " ".join(p.text for p in geneva.passages).lower()
    assert "illustrative reconstruction" in visible


def test_geneva_defers_territory_and_nato_to_leaders_talks():
    geneva = load(GENEVA)
    for words in ("Territorial arrangements:", "accession to NATO", "dialogue between Russia and NATO",
                  "further enlargement", "troops under its command"):
        p = point_with(geneva, words)
        assert p.track is not None and "leaders" in p.track.lower(), (words, p.id, p.track)
    leaders = [p for p in geneva.points if p.track and "leaders" in p.track.lower()]
    assert ids(leaders) == numbered(20, 21, 22, 23, 24)


def test_geneva_separate_track():
    geneva = load(GENEVA)
    separate = [p for p in geneva.points if p.track and "separate track" in p.track.lower()]
    assert ids(separate) == numbered(25, 26, 27)
    assert ids(geneva.point("26").points) == ["26.a", "26.b", "26.c"]
    assert "fighter jets" in geneva.point("25").text
    assert "amnesty" not in " ".join(p.text for p in geneva.walk()).lower()


def test_framework_points_and_tracks():
    framework = load(FRAMEWORK)
    assert ids(framework.point("5").points) == ["5.a", "5.b", "5.c"]
    for pid in ("12", "14"):
        assert "unresolved, left for leaders" in framework.point(pid).text, pid
        assert framework.point(pid).track is None  # still one of the 20 points
    assert "free trade" in framework.point("10").text
    assert "800,000" in framework.point("4").text
    moved = track_points(framework)
    assert ids(moved) == numbered(21, 22, 23, 24, 25, 26)
    assert all("separate us documents" in p.track.lower() for p in moved)
    assert "amnesty" not in " ".join(p.text for p in framework.points).lower()


def tree(points) -> list:
    return [(p.id, p.label, p.text, p.section, p.track, tree(p.points)) for p in points]


@pytest.mark.parametrize("name", SERIES)
def test_json_form_reads_back_as_the_same_draft(name):
    draft = load(name)
    again = parse_draft(json.dumps(draft_to_dict(draft, with_schema=True)), source=name, format="json")
    assert tree(again.points) == tree(draft.points)
    assert (again.title, again.date, again.version) == (draft.title, draft.date, draft.version)
    assert sorted(again.withdrawn) == sorted(draft.withdrawn)


# ------------------------------------------------------------------------------------ the compare engine


@cache
def comparison(old_name: str, new_name: str):
    from draftdiff.compare import compare

    return compare(load(old_name), load(new_name))


def change_of_old(cmp, pid: str):
    """The top-level change that holds old point `pid` (exactly one, by the partition rule)."""
    hits = [c for c in cmp.changes if pid in c.old]
    assert len(hits) == 1, f"old {pid} occurs in {len(hits)} top-level changes"
    return hits[0]


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


@pytest.mark.parametrize(("old", "new"), [(US, E3), (E3, GENEVA), (GENEVA, FRAMEWORK), (US, GENEVA)])
def test_every_point_of_the_series_is_accounted_for_once(old, new):
    cmp = comparison(old, new)
    olds = [pid for c in cmp.changes for pid in c.old]
    news = [pid for c in cmp.changes for pid in c.new]
    assert sorted(olds) == sorted(p.id for p in cmp.old.points)
    assert sorted(news) == sorted(p.id for p in cmp.new.points)


def test_us_to_e3_drops_point_3_and_the_amnesty():
    cmp = comparison(US, E3)
    for pid in ("3", "26"):
        change = change_of_old(cmp, pid)
        assert change.kind == Kind.DROPPED and change.new == (), (pid, change.kind, change.new)


def test_us_to_e3_revises_the_army_cap_with_a_number_flag():
    change = change_of_old(comparison(US, E3), "6")
    assert change.new == ("6",)
    assert change.kind == Kind.REVISED
    numbers = [f for f in change.flags if f.type == "number"]
    assert any(digits(f.old) == "600000" and digits(f.new) == "800000" for f in numbers), change.flags


def test_us_to_e3_kept_points_and_sub_points():
    cmp = comparison(US, E3)
    for pid in ("1", "11", "12", "16", "18", "19", "24"):
        change = change_of_old(cmp, pid)
        assert change.kind == Kind.UNCHANGED and change.new == (pid,), (pid, change.kind, change.new)
        assert not change.moved and not change.renumbered
    ten = change_of_old(cmp, "10")
    # E3 adds "mirroring Article 5 of the North Atlantic Treaty": a treaty named, no party or place, so
    # no flag (it read "party added: North Atlantic" before); its changed sub-points are its children
    assert ten.new == ("10",) and ten.kind == Kind.REWORDED
    assert not any(f.type == "party" for f in ten.flags)
    fates = {pid: c.kind for c in ten.children for pid in c.old}
    assert fates["10.d"] == Kind.DROPPED
    assert fates["10.a"] == fates["10.b"] == Kind.UNCHANGED


def test_us_to_e3_party_and_deadline_changes_are_revisions():
    cmp = comparison(US, E3)
    two = change_of_old(cmp, "2")
    assert two.new == ("2",) and two.kind == Kind.REVISED
    assert any(f.type == "party" for f in two.flags), two.flags
    twenty_five = change_of_old(cmp, "25")
    assert twenty_five.new == ("25",) and twenty_five.kind == Kind.REVISED, twenty_five.flags


@pytest.mark.parametrize(("e3_id", "geneva_id"), [("21", "20"), ("4", "22"), ("7", "23"), ("8", "24")])
def test_e3_to_geneva_defers_territory_and_nato_to_leaders_talks(e3_id, geneva_id):
    change = change_of_old(comparison(E3, GENEVA), e3_id)
    assert change.kind == Kind.DEFERRED, (e3_id, change.kind, change.new)
    assert change.new == (geneva_id,)
    assert change.track and "leaders" in change.track.lower(), change.track


def test_e3_to_geneva_renumbers_the_kept_points_without_calling_them_changed():
    cmp = comparison(E3, GENEVA)
    for e3_id, geneva_id in (("5", "3"), ("6", "4"), ("10", "5"), ("25", "17"), ("28", "19")):
        change = change_of_old(cmp, e3_id)
        assert change.kind == Kind.UNCHANGED and change.new == (geneva_id,), (e3_id, change)
        assert change.renumbered and not change.moved


def test_geneva_to_framework_moves_the_nato_points_to_separate_us_documents():
    cmp = comparison(GENEVA, FRAMEWORK)
    for geneva_id in ("21", "22", "23", "24"):
        change = change_of_old(cmp, geneva_id)
        assert change.kind == Kind.DEFERRED and change.new == (geneva_id,), (geneva_id, change.kind)
        assert "separate us documents" in (change.track or "").lower(), change.track
    kept = change_of_old(cmp, "14")  # no change of agreed territory by force
    assert kept.kind == Kind.UNCHANGED and kept.new == ("15",) and kept.renumbered
    army = change_of_old(cmp, "4")  # same 800,000 figure, other words: no number flag
    assert army.new == ("4",) and not [f for f in army.flags if f.type == "number"]
