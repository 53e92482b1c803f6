"""The linter on drafts built by hand (no reader involved): one test per kind of finding, and the
cases that must stay quiet (auto-numbered lists, withdrawn gaps, lists that continue under a new heading,
deferred tracks that keep their old numbers)."""

from __future__ import annotations

import pytest

from draftdiff.lint import CODES, Finding, iso_date_problem, lint_draft, select_codes
from draftdiff.model import Draft, Point


def P(label: str, text: str = "Some text.", *, line: int | None = None, marker: str | None = None,
      style: str = "decimal", section: str | None = None, track: str | None = None, points=(),
      pid: str | None = None) -> Point:  # fmt: skip
    return Point(
        id=pid or label,
        label=label,
        text=text,
        section=section,
        track=track,
        line=line,
        marker=f"{label}." if marker is None else marker,
        style=style,
        points=tuple(points),
    )


def numbered(*labels: str, **kw) -> tuple[Point, ...]:
    return tuple(P(label, line=i, **kw) for i, label in enumerate(labels, 1))


def codes(draft: Draft) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in lint_draft(draft)]


def test_a_clean_draft_has_no_findings() -> None:
    assert lint_draft(Draft("d.md", numbered("1", "2", "3"), date="2025-11-23")) == []


def test_gap_is_reported_with_the_missing_numbers() -> None:
    (f,) = lint_draft(Draft("d.md", numbered("1", "2", "5")))
    assert (f.code, f.line, f.point) == ("DD102", 3, "5")
    assert "jumps from 2 to 5" in f.message and "3, 4 missing" in f.message
    assert str(f).startswith("d.md:3: DD102 ")


def test_gap_covered_by_withdrawn_ids_is_fine() -> None:
    draft = Draft("d.md", numbered("1", "2", "4", "5", "7"), withdrawn=("3", "6"))
    assert lint_draft(draft) == []
    partly = Draft("d.md", numbered("1", "5"), withdrawn=("2", "4"))
    (f,) = lint_draft(partly)
    assert f.code == "DD102" and "(3 missing" in f.message


def test_list_starting_late() -> None:
    (f,) = lint_draft(Draft("d.md", numbered("3", "4")))
    assert f.code == "DD102" and "starts at 3" in f.message and "1, 2 are missing" in f.message
    assert lint_draft(Draft("d.md", numbered("3", "4"), withdrawn=("1", "2"))) == []


def test_out_of_order_and_duplicate_numbers() -> None:
    found = lint_draft(Draft("d.md", numbered("1", "2", "4", "3")))
    assert [(f.code, f.line) for f in found] == [("DD102", 3), ("DD103", 4)]
    assert "3 comes after 4" in found[1].message
    dup = lint_draft(
        Draft("d.md", (P("1", line=1), P("2", line=2), P("2", line=3, pid="2-2"), P("3", line=4)))
    )
    assert [(f.code, f.line) for f in dup] == [("DD101", 3)]
    assert "used twice" in dup[0].message and "line 2" in dup[0].message


def test_duplicate_ids_across_the_draft() -> None:
    draft = Draft("d.json", (P("1"), P("2", points=[P("a", pid="2.a", style="alpha")]), P("3", pid="2.a")))
    found = lint_draft(draft)
    assert [f.code for f in found] == ["DD101"]
    assert "duplicate id '2.a'" in found[0].message and found[0].line is None


def test_auto_numbered_list_is_fine() -> None:
    """Markdown renders 1. 1. 1. as 1, 2, 3: the reader gives labels 1, 2, 3 with markers '1.'."""
    pts = tuple(P(str(i), line=i, marker="1.") for i in (1, 2, 3))
    assert lint_draft(Draft("d.md", pts)) == []


def test_numbering_continues_across_headings_or_restarts() -> None:
    cont = numbered("1", "2", section="A") + tuple(P(str(i), line=i, section="B") for i in (3, 4))
    assert lint_draft(Draft("d.md", cont)) == []
    restart = numbered("1", "2", section="A") + tuple(
        P(str(i), line=10 + i, section="B", pid=f"B/{i}") for i in (1, 2)
    )
    assert lint_draft(Draft("d.md", restart)) == []
    back = numbered("1", "2", "3", "4", section="A") + (P("2", line=10, section="B", pid="B/2"),)
    (f,) = lint_draft(Draft("d.md", back))
    assert f.code == "DD103" and "goes back from 4 to 2" in f.message
    jump = numbered("1", "2", section="A") + (P("6", line=10, section="B"),)
    (f,) = lint_draft(Draft("d.md", jump))
    assert f.code == "DD102" and "3, 4, 5 missing" in f.message


def test_a_deferred_track_may_keep_its_old_numbers_but_not_skip_within() -> None:
    track = "Deferred to leaders' talks"
    pts = numbered("1", "2") + (
        P("21", line=5, section=track, track=track),
        P("22", line=6, section=track, track=track),
    )
    assert lint_draft(Draft("d.md", pts)) == []
    pts = numbered("1", "2") + (
        P("21", line=5, section=track, track=track),
        P("24", line=6, section=track, track=track),
    )
    assert [f.code for f in lint_draft(Draft("d.md", pts))] == ["DD102"]


def test_sub_points_letters_and_roman_numerals() -> None:
    subs = [P("a", pid="10.a", style="alpha", line=2), P("c", pid="10.c", style="alpha", line=3)]
    draft = Draft("d.md", (P("10", line=1, points=subs),), withdrawn=tuple(str(i) for i in range(1, 10)))
    (f,) = lint_draft(draft)
    assert (f.code, f.point) == ("DD102", "10.c") and "jumps from a to c (b missing" in f.message
    ok = Draft(
        "d.md", (P("10", line=1, points=subs),), withdrawn=tuple(str(i) for i in range(1, 10)) + ("10.b",)
    )
    assert lint_draft(ok) == []
    roman = tuple(
        P(lab, pid=lab, style="roman", marker=f"({lab})", line=i)
        for i, lab in enumerate(["i", "ii", "iv"], 1)
    )
    (f,) = lint_draft(Draft("d.md", roman))
    assert f.code == "DD102" and "from ii to iv (iii missing" in f.message


def test_dotted_labels_are_numbered_by_their_last_part() -> None:
    subs = [P("2.1.1", pid="2.1.1", line=2), P("2.1.2", pid="2.1.2", line=3), P("2.1.4", pid="2.1.4", line=4)]
    (f,) = lint_draft(Draft("d.md", (P("1"), P("2", points=[P("2.1", pid="2.1", points=subs)]))))
    assert f.point == "2.1.4" and "(2.1.3 missing" in f.message


def test_empty_point() -> None:
    draft = Draft(
        "d.md",
        (P("1", line=1), P("2", "  ", line=2), P("3", "", line=3, points=[P("a", pid="3.a", style="alpha")])),
    )
    found = lint_draft(draft)
    assert [(f.code, f.point) for f in found] == [("DD104", "2")]  # 3 has sub-points: not empty


def test_mixed_numbering_styles() -> None:
    pts = (P("1", line=1), P("2", line=2, marker="2)"), P("3", line=3))
    (f,) = lint_draft(Draft("d.md", pts))
    assert (f.code, f.line) == ("DD105", 2) and "'2)' after '1.'" in f.message
    letters = (P("1", line=1), P("b", line=2, style="alpha", marker="b."))
    assert "DD105" in [f.code for f in lint_draft(Draft("d.md", letters))]
    headings = tuple(P(str(i), line=i, marker=f"### {i}.", style="heading") for i in (1, 2, 3))
    assert lint_draft(Draft("d.md", headings)) == []


@pytest.mark.parametrize(
    "good", ["2025-11-23", "2025-11", "2025", "2025-11-23T10:30:00Z", "2025-11-23T10:30+01:00"]
)
def test_iso_dates_accepted(good: str) -> None:
    assert iso_date_problem(good) is None
    assert lint_draft(Draft("d.md", numbered("1"), date=good)) == []


@pytest.mark.parametrize(
    "bad", ["23 Nov 2025", "2025/11/23", "2025-13", "2025-02-30", "Nov 23", "2025-11-23 or so"]
)
def test_non_iso_dates_are_findings(bad: str) -> None:
    text = f"---\ntitle: t\ndate: {bad}\n---\n\n1. x\n"
    (f,) = lint_draft(Draft("d.md", numbered("1"), date=bad, metadata={"date": bad}), text=text)
    assert (f.code, f.line) == ("DD201", 3)
    assert repr(bad) in f.message


def test_empty_deferred_track() -> None:
    """Headings are kept as passages whose section is the heading itself (what the reader does)."""
    from draftdiff.model import Passage

    track, annex, other = "Deferred to leaders' talks", "Annex: maps", "Parked questions"
    passages = (
        Passage(track, 9, track),  # a heading with nothing under it
        Passage(annex, 12, annex),
        Passage("A map of the line of contact.", 14, annex),  # prose under an annex: not empty
        Passage(other, 16, other),
        Passage("Withdrawn and parked", 20, "Withdrawn and parked"),  # withdrawn sections are not tracks
        Passage("Notes", 22, "Notes"),  # no cue word
    )
    pts = numbered("1") + (P("2", line=18, section=other, track=other),)
    (f,) = lint_draft(Draft("d.md", pts, passages=passages))
    assert (f.code, f.line) == ("DD301", 9) and repr(track) in f.message


def test_select_and_ignore_codes() -> None:
    assert select_codes() == frozenset(CODES)
    assert select_codes(select=["DD2"]) == {"DD001", "DD201", "DD202"}
    assert "DD102" not in select_codes(ignore=["dd102"])
    assert "DD001" in select_codes(ignore=["DD0"])  # trouble is never hidden
    with pytest.raises(ValueError, match="unknown code 'XX1'"):
        select_codes(ignore=["XX1"])


def test_finding_forms() -> None:
    f = Finding("a.md", None, "DD101", "duplicate id '3'", "3")
    assert str(f) == "a.md: DD101 duplicate id '3'"
    assert f.to_dict() == {
        "source": "a.md",
        "line": None,
        "code": "DD101",
        "message": "duplicate id '3'",
        "point": "3",
    }


def test_a_top_block_that_is_not_front_matter() -> None:
    """``title Plan`` (colon missing): the reader takes the block for text; the linter says why."""
    text = "---\ntitle Plan\ndate: 2025-11-20\n---\n\n1. x\n"
    (f,) = lint_draft(Draft("d.md", numbered("1")), text=text)
    assert (f.code, f.line) == ("DD202", 2) and "not 'key: value'" in f.message
    # Real front matter (read into metadata), a lone thematic break, and a comment first are all fine.
    fine = Draft("d.md", numbered("1"), metadata={"title": "Plan"})
    assert lint_draft(fine, text="---\ntitle: Plan\n---\n1. x\n") == []
    assert lint_draft(Draft("d.md", numbered("1")), text="---\n\nIntro.\n\n1. x\n") == []
    assert lint_draft(Draft("d.md", numbered("1")), text="---\n# note\n---\n1. x\n") == []


def test_a_huge_jump_costs_nothing_and_counts_right() -> None:
    """1 then 999999999: the count is arithmetic, not a walk over a billion numbers (999999997 numbers
    between, 2 withdrawn, 5 shown)."""
    (f,) = lint_draft(Draft("d.md", numbered("1", "999999999"), withdrawn=("2", "4")))
    assert "3, 5, 6, 7, 8 and 999999990 more missing" in f.message
    letters = tuple(P(lab, pid=lab, style="alpha", line=i) for i, lab in enumerate(["a", "zzzzzzzz"], 1))
    assert "b, c, d, e, f and" in lint_draft(Draft("d.md", letters))[0].message
