"""The drafts/ series: what a reader of the 2025 plans should be told (drafts/README.md)."""

from __future__ import annotations

import pytest

from conftest import DRAFTS
from draftdiff.changes import Kind
from draftdiff.compare import compare

read = pytest.importorskip("draftdiff.read")

US, E3, GENEVA, TWENTY = (
    "01-us-28-point-plan.md",
    "02-e3-counter-proposal.md",
    "03-geneva-19-point-reconstruction.md",
    "04-20-point-framework.md",
)


def cmp_of(a, b):
    if not (DRAFTS / a).is_file() or not (DRAFTS / b).is_file():
        pytest.skip("drafts/ not present")
    return compare(read.read_draft(str(DRAFTS / a)), read.read_draft(str(DRAFTS / b)))


def change_of(cmp, old_id):
    return next(c for c in cmp.changes if old_id in c.old)


def test_us_to_e3():
    cmp = cmp_of(US, E3)
    assert change_of(cmp, "3").kind is Kind.DROPPED
    assert change_of(cmp, "26").kind is Kind.DROPPED
    army = change_of(cmp, "6")
    assert army.kind is Kind.REVISED and army.new == ("6",)
    assert ("number", "600,000", "800,000") in [(f.type, f.old, f.new) for f in army.flags]
    europe = change_of(cmp, "2")
    assert europe.kind is Kind.REVISED
    assert {("party", "Europe", None), ("party", None, "NATO")} <= {
        (f.type, f.old, f.new) for f in europe.flags
    }
    for unchanged in ("1", "11", "12", "13"):
        assert change_of(cmp, unchanged).kind is Kind.UNCHANGED
    ten = change_of(cmp, "10")
    assert ("dropped", ("10.d",)) in [(c.kind.value, c.old) for c in ten.children]


def test_e3_to_geneva_defers_territory_and_nato():
    cmp = cmp_of(E3, GENEVA)
    for old_id in ("21", "4", "7", "8"):
        c = change_of(cmp, old_id)
        assert c.kind is Kind.DEFERRED, old_id
        assert "leaders" in c.track.lower()
    for old_id in ("9", "13", "14"):
        c = change_of(cmp, old_id)
        assert c.kind is Kind.DEFERRED and "separate track" in c.track.lower()
    assert cmp.summary()["dropped"] == 0


def test_geneva_to_twenty_points_keeps_the_guarantee_sub_points():
    cmp = cmp_of(GENEVA, TWENTY)
    guarantee = change_of(cmp, "5")
    assert guarantee.new == ("5",)
    kids = {(c.old, c.new) for c in guarantee.children}
    assert (("5.c",), ("5.a",)) in kids  # the response clause moved to the top
    assert (("5.b",), ("5.b",)) in kids  # the lapse clause, with a clause added
