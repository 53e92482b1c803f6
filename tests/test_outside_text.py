"""Text outside points (preamble, closing notes) is not aligned, but a change in it is never hidden."""

from draftdiff.changes import Comparison
from draftdiff.model import Passage, draft_from_texts
from draftdiff.render.report import build_report


def _pair(old_pre: str, new_pre: str) -> Comparison:
    old = draft_from_texts(["Troops withdraw."], passages=(Passage(old_pre, 1),))
    new = draft_from_texts(["Troops withdraw."], passages=(Passage(new_pre, 1),))
    from draftdiff.compare import compare

    return compare(old, new)


def test_a_changed_preamble_is_a_difference_and_is_said():
    cmp = _pair("We pledge to act.", "We pledge to act, regardless of caste.")
    assert cmp.outside_text_differs and cmp.has_differences
    summary = build_report(cmp).summary
    assert "no differences" not in summary
    assert "text outside points differs" in summary


def test_rewrapped_preamble_is_no_difference():
    cmp = _pair("We pledge\nto act.", "We  pledge to\nact.")
    assert not cmp.outside_text_differs and not cmp.has_differences
    assert build_report(cmp).summary == "no differences: 1 points unchanged"
