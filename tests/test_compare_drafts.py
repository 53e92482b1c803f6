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


# ---- engine-2: what a negotiator reading the report must not be told wrongly (drafts feedback)


def flags_of(change):
    return {(f.type, f.old, f.new) for f in change.flags}


def test_arms_control_is_not_paired_with_free_trade():
    """Geneva 10 (US-Russian arms control) and framework 10 (US-Ukraine free trade) share a label and a
    place but no substance: dropped and added, the pairing only offered as a weak alternative."""
    cmp = cmp_of(GENEVA, TWENTY)
    ten = change_of(cmp, "10")
    assert ten.kind is Kind.DROPPED
    assert [a.new for a in ten.alternatives] == [("10",)]
    assert any(c.kind is Kind.ADDED and c.new == ("10",) for c in cmp.changes)


def test_reconstruction_package_splits_into_two_points():
    cmp = cmp_of(GENEVA, TWENTY)
    package = change_of(cmp, "7")
    assert package.kind is Kind.SPLIT and package.new == ("8", "9")


def test_missile_clause_merges_into_the_lapse_clause():
    cmp = cmp_of(US, TWENTY)
    guarantee = change_of(cmp, "10")
    assert guarantee.new == ("5",)
    merged = [c for c in guarantee.children if c.kind is Kind.MERGED]
    assert [(c.old, c.new) for c in merged] == [(("10.b", "10.d"), ("5.b",))]


def test_territory_back_from_leaders_track_pairs_with_a_track_flag():
    cmp = cmp_of(GENEVA, TWENTY)
    territory = change_of(cmp, "20")
    assert territory.new == ("14",) and territory.kind is Kind.REVISED
    assert ("track", "Deferred to leaders' talks", None) in flags_of(territory)
    # and the US territory point is found again on Geneva's leaders' track
    assert change_of(cmp_of(US, GENEVA), "21").kind is Kind.DEFERRED


def test_substance_flags_on_the_drafts_are_not_noise():
    cmp = cmp_of(US, E3)
    parties = {f.old for c in cmp.walk() for f in c.flags if f.type == "party"} | {
        f.new for c in cmp.walk() for f in c.flags if f.type == "party"
    }
    assert not parties & {"USD", "US-led", "President Donald", "President"}
    assert ("date", "within 100 days", "at the earliest opportunity") in flags_of(change_of(cmp, "25"))
    assert not any(f.type == "number" for f in change_of(cmp, "25").flags)
    assert ("party", "Donald Trump", None) in flags_of(change_of(cmp, "27"))


def test_narrowed_scope_and_open_date_are_revisions():
    nato = change_of(cmp_of(US, E3), "8")  # troops: "permanently in peacetime"
    assert nato.kind is Kind.REVISED
    assert {("scope", None, "permanently"), ("scope", None, "in peacetime")} <= flags_of(nato)
    eu = change_of(cmp_of(GENEVA, TWENTY), "6")  # eligible -> member "on a date to be fixed"
    assert eu.kind is Kind.REVISED and ("date", None, "on a date to be fixed") in flags_of(eu)
