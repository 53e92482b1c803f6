"""The terminal report (render/terminal.py) on hand-built comparisons: content, order, colour, width."""

from __future__ import annotations

import io
import re

import pytest
from rich.cells import cell_len

from draftdiff.changes import Comparison
from draftdiff.cli.common import ColorMode, make_console
from draftdiff.render.terminal import CompareReport
from render_samples import NEW, OLD, SAMPLE

SGR = re.compile(r"\x1b\[[0-9;]*m")


def term(cmp: Comparison, *, color: bool = False, width: int = 100, **kw: bool) -> str:
    buf = io.StringIO()
    console = make_console(ColorMode.always if color else ColorMode.never, file=buf, width=width)
    console.print(CompareReport(cmp, **kw))
    return buf.getvalue()


def test_header_and_one_summary_sentence() -> None:
    out = term(SAMPLE, width=200).splitlines()
    assert out[0] == "Plan A (2025-11-20) -> Plan B (2025-11-23)"
    assert out[1] == "old.md -> new.md · 11 -> 11 points"
    assert out[2] == (
        "6 kept (2 of them revised, 1 reworded); 2 merged into 1; 1 split into 2; 1 dropped; "
        "1 deferred to leaders' talks; 1 added; 5 renumbered; 1 moved; in sub-points: 1 revised"
    )


def test_groups_in_report_order_and_entries_in_old_order() -> None:
    out = term(SAMPLE)
    titles = [
        "Dropped (1)",
        "Deferred (1)",
        "Revised (2)",
        "Reworded (1)",
        "Merged (1)",
        "Split (1)",
        "Moved (1)",
        "Changed in sub-points (1)",
        "Added (1)",
        "1 unchanged point not listed",
    ]
    positions = [out.index(t) for t in titles]
    assert positions == sorted(positions)
    assert out.index("\n  4 -> 2") < out.index("\n  8 -> 6")


def test_order_of_the_engine_output_does_not_matter() -> None:
    shuffled = Comparison(OLD, NEW, tuple(reversed(SAMPLE.changes)))
    assert term(shuffled) == term(SAMPLE)


def test_each_kind_shows_what_a_reader_needs() -> None:
    out = term(SAMPLE)
    # dropped: the full old text with its sub-points
    assert "  3\n      NATO does not enlarge.\n          a. No new members.\n          b. No new bases.\n" in out
    # revised: renumbering, the flag and the inline diff
    assert "  4 -> 2  similarity 0.86\n      number: 600,000 -> 800,000\n" in out
    assert "The army is capped at [-600,000-] {+800,000+}." in out
    # deferral names the track; merge and split name all parts
    assert "7 -> 11  deferred to leaders' talks" in out
    assert "9 + 10 -> 7" in out and "from 10: Assets are pooled with the US." in out
    assert "11 -> 8 + 9" in out and "into 9: A prisoner exchange, all for all." in out
    # near ties and low confidence are reported, not hidden
    assert "low confidence 0.42 · near tie: 9 (0.78)" in out
    # added: the new text
    assert "  10\n      Monitoring by a peace council.\n" in out
    # sub-point change under its (text-unchanged) parent, indented deeper, unchanged sibling counted
    assert "  6 -> 5\n      b  revised  similarity 0.70\n          Void [-on attack-] {+if attacked+}.\n" in out
    assert "      (1 sub-point unchanged)" in out


def test_unchanged_collapse_unless_all() -> None:
    assert "Sovereignty is confirmed." not in term(SAMPLE)
    full = term(SAMPLE, show_all=True)
    assert "Unchanged (1)\n  1\n      Sovereignty is confirmed." in full
    assert "      a  unchanged\n          Compensation is paid." in full
    assert "not listed" not in full


def test_plain_output_has_no_escape_codes_and_no_trailing_spaces() -> None:
    out = term(SAMPLE, side_by_side=True)
    assert "\x1b" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_colour_output_strikes_deletions_and_colours_insertions_without_markers() -> None:
    out = term(SAMPLE, color=True)
    assert "\x1b[9;31m600,000" in out  # red, struck through
    assert "\x1b[32m800,000" in out  # green
    assert "[-" not in out and "{+" not in out


@pytest.mark.parametrize("width", [30, 44, 60, 100])
def test_fits_the_width_and_wraps_without_breaking_the_diff(width: int) -> None:
    out = term(SAMPLE, width=width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    joined = " ".join(line.strip() for line in out.splitlines())
    assert "Elections are held [-within 100 days-] {+as soon as possible+}." in joined
    assert "The army is capped at [-600,000-] {+800,000+}." in joined


def test_side_by_side_puts_old_and_new_in_two_columns() -> None:
    out = term(SAMPLE, side_by_side=True)
    header = next(line for line in out.splitlines() if "old 4" in line)
    assert header.index("old 4") < header.index("new 2")
    row = next(line for line in out.splitlines() if "[-600,000-]" in line)
    assert "{+800,000+}" in row and row.index("[-600,000-]") < row.index("{+800,000+}")
    assert "[-" not in row.split("{+")[1]  # the new column holds no deletion


def test_markers_can_be_forced_with_colour() -> None:
    out = term(SAMPLE, color=True, markers=True)
    assert "[-" in SGR.sub("", out) and "\x1b[" in out


def test_no_differences() -> None:
    from draftdiff.changes import Change, Kind

    cmp = Comparison(OLD, OLD, tuple(Change(Kind.UNCHANGED, (p.id,), (p.id,)) for p in OLD.points))
    out = term(cmp)
    assert "no differences: 11 points unchanged" in out
    assert "11 unchanged points not listed" in out


def test_sub_points_that_only_echo_their_parent_are_not_repeated() -> None:
    from draftdiff.changes import Change, Flag, Kind
    from draftdiff.model import Draft
    from render_samples import P

    old = Draft(
        source="o",
        points=(P("1", "Gone.", P("1.a", "Gone too.")), P("2", "Parked.", P("2.a", "Parked too.")), P("3", "Cap 5.")),
        withdrawn=(),
    )
    new = Draft(
        source="n",
        points=(P("1", "Parked.", P("1.a", "Parked too."), track="Leaders"), P("2", "Cap 6 and 6.")),
        withdrawn=("1",),
    )
    cmp = Comparison(
        old,
        new,
        (
            Change(Kind.DROPPED, ("1",), children=(Change(Kind.DROPPED, ("1.a",)),)),
            Change(Kind.DEFERRED, ("2",), ("1",), track="Leaders",
                   children=(Change(Kind.DEFERRED, ("2.a",), ("1.a",), track="Leaders"),)),
            Change(Kind.REVISED, ("3",), ("2",), flags=(Flag("number", "5", None), Flag("number", "5", None))),
        ),
    )
    out = term(cmp)
    assert out.count("Gone too.") == 1 and out.count("Parked too.") == 1  # shown with the parent's text
    assert "in sub-points" not in out
    assert "  1  withdrawn (the new draft says so)" in out
    assert "number removed: 5 (x2)" in out


def test_declined_pairings_and_track_returns_are_named() -> None:
    from draftdiff.changes import Alternative, Change, Flag, Kind
    from draftdiff.model import draft_from_texts

    old, new = draft_from_texts(["Gone.", "Back."]), draft_from_texts(["Other.", "Back!"])
    cmp = Comparison(
        old,
        new,
        (
            Change(Kind.DROPPED, ("1",), alternatives=(Alternative(("1",), 0.4),)),
            Change(Kind.ADDED, (), ("1",)),
            Change(Kind.REVISED, ("2",), ("2",), flags=(Flag("track", "Deferred to leaders' talks", None),)),
        ),
    )
    out = term(cmp)
    assert "  1  candidate: 1 (0.40)" in out and "near tie" not in out
    assert "back from the track: Deferred to leaders' talks" in out
