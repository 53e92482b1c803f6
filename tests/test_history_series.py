"""Real series through the engine: every step of every lineage agrees with what compare reports.

The only steps not taken from the comparison of the two neighbouring drafts are those of the restore
look-up (``source == "restore"``: a provision dropped earlier and found again among the points a later
draft adds) and sub-points following an added or dropped parent (``source == "parent"``); both are
checked for what they claim.
"""

from __future__ import annotations

from functools import cache

import pytest

from conftest import CORPUS, DRAFTS, REPO
from draftdiff.changes import Kind
from draftdiff.compare import CompareOptions, compare
from draftdiff.history import Fate, build_history, draft_files, order_drafts
from draftdiff.model import Draft, Point
from draftdiff.read import read_draft
from test_history_core import assert_partition

FIXTURES = REPO / "tests" / "fixtures" / "history"
OPTIONS = CompareOptions(diff=False)

SERIES = {
    "drafts": (DRAFTS, 4),
    "semver": (CORPUS / "semver", 6),
    "conventional-commits": (CORPUS / "conventional-commits", 6),
    "github-acceptable-use-policies": (CORPUS / "github-acceptable-use-policies", 7),
}


@cache
def history_of(name: str):
    folder, count = SERIES[name]
    if not folder.is_dir():
        pytest.skip(f"series {name} not found at {folder} (set DRAFTDIFF_SHARED to the shared/ folder)")
    drafts = order_drafts([read_draft(p) for p in draft_files(str(folder))])
    assert len(drafts) == count
    return build_history(drafts, options=OPTIONS)


def _expected_fate(kind: Kind, n_old: int, n_new: int, old_track: str | None, new_track: str | None) -> Fate:
    """Written out again here (not imported), so that the rules are checked, not copied."""
    if kind in (Kind.MERGED, Kind.SPLIT, Kind.DEFERRED):
        return {Kind.MERGED: Fate.MERGED, Kind.SPLIT: Fate.SPLIT, Kind.DEFERRED: Fate.DEFERRED}[kind]
    if n_old > 1 or n_new > 1:
        return Fate.MERGED if n_old > 1 else Fate.SPLIT
    if old_track and not new_track:
        return Fate.RESTORED
    if new_track and not old_track:
        return Fate.DEFERRED
    return Fate(kind.value)


def check_against_pairwise(h) -> dict[str, int]:
    """Assert every step against compare() run afresh on each pair; returns counts by source."""
    assert_partition(h)
    checked: set[tuple[str, int]] = set()
    counts = {"compare": 0, "restore": 0, "parent": 0}
    for k in range(len(h.drafts) - 1):
        old_d, new_d = h.drafts[k], h.drafts[k + 1]
        old_pts = {p.id: p for p in old_d.walk()}
        new_pts = {p.id: p for p in new_d.walk()}
        old_order = {pid: n for n, pid in enumerate(old_pts)}
        new_order = {pid: n for n, pid in enumerate(new_pts)}
        cmp = compare(old_d, new_d, OPTIONS)
        seen_old: set[str] = set()
        seen_new: set[str] = set()
        for ch in cmp.walk():
            olds = sorted(ch.old, key=old_order.__getitem__)
            news = sorted(ch.new, key=new_order.__getitem__)
            seen_old.update(olds)
            seen_new.update(news)
            if olds and news:
                ln = h.owner(k, olds[0])
                st = ln.step_at(k + 1)
                assert st is not None and st.source == "compare" and st.kind is ch.kind, (ln.id, st, ch)
                assert st.ids == (news[0],)
                assert st.fate is _expected_fate(
                    ch.kind, len(olds), len(news), old_pts[olds[0]].track, new_pts[news[0]].track
                )
                assert st.flags == ch.flags and st.similarity == ch.similarity
                checked.add((ln.id, k + 1))
                for o in olds[1:]:
                    part = h.owner(k, o)
                    ps = part.step_at(k + 1)
                    assert ps.fate is Fate.MERGED_INTO and ps.into == ln.id and ps.to == (news[0],)
                    assert part.id in st.partners
                    checked.add((part.id, k + 1))
                for n in news[1:]:
                    part = h.owner(k + 1, n)
                    assert part.steps[0].fate is Fate.SPLIT_FROM and part.steps[0].origin == ln.id
                    assert part.steps[0].draft == k + 1 and part.id in st.partners
                    checked.add((part.id, k + 1))
            elif olds:
                for o in olds:
                    ln = h.owner(k, o)
                    st = ln.step_at(k + 1)
                    assert st.fate is Fate.DROPPED and st.source == "compare" and st.kind is Kind.DROPPED
                    assert st.withdrawn == (o in new_d.withdrawn)
                    checked.add((ln.id, k + 1))
            else:
                for n in news:
                    ln = h.owner(k + 1, n)
                    st = ln.step_at(k + 1)
                    if st.source == "restore":  # added here, but the same provision as one dropped earlier
                        assert st.fate is Fate.RESTORED and st.since is not None and st.since < k
                        assert not ln.present_at(k) and ln.present_at(st.since)
                        assert any(s.fate is Fate.DROPPED and st.since < s.draft <= k for s in ln.steps)
                        counts["restore"] += 1
                    else:
                        assert ln.steps[0] is st and st.fate is Fate.ADDED and st.kind is Kind.ADDED
                    checked.add((ln.id, k + 1))
        # points the comparison did not mention follow their parent
        for pid in old_pts:
            if pid not in seen_old:
                ln = h.owner(k, pid)
                st = ln.step_at(k + 1)
                assert st.source == "parent" and st.fate is Fate.DROPPED
                counts["parent"] += 1
                checked.add((ln.id, k + 1))
        for pid in new_pts:
            if pid not in seen_new:
                ln = h.owner(k + 1, pid)
                st = ln.step_at(k + 1)
                assert st.source in ("parent", "restore"), (pid, st)
                counts["parent"] += st.source == "parent"
                checked.add((ln.id, k + 1))
    # and nothing else happened: every step after the first draft was checked above
    for ln in h.lineages:
        for st in ln.steps:
            if st.draft > 0:
                assert (ln.id, st.draft) in checked, (ln.id, st)
                counts["compare"] += st.source == "compare"
    return counts


@pytest.mark.parametrize("name", list(SERIES))
def test_lineages_agree_with_pairwise_comparisons(name):
    h = history_of(name)
    counts = check_against_pairwise(h)
    assert counts["compare"] > 0
    # each draft's main-text top-level points are counted in the series sentence
    assert len(h.point_counts()) == SERIES[name][1]


def test_drafts_series_story():
    h = history_of("drafts")
    assert h.point_counts() == (28, 26, 19, 20)
    # US 3 (no invasion / no enlargement): withdrawn by the E3, back in Geneva on the leaders' track
    us3 = h.owner(0, "3")
    assert [s.fate for s in us3.steps[:3]] == [Fate.INITIAL, Fate.DROPPED, Fate.RESTORED]
    assert us3.steps[1].withdrawn and us3.steps[2].source == "restore" and us3.steps[2].since == 0
    assert "leaders" in (us3.steps[2].track or "").lower()
    # the army cap: revised 600,000 -> 800,000 by the E3
    army = h.owner(0, "6").step_at(1)
    assert army.fate is Fate.REVISED and any(f.old == "600,000" and f.new == "800,000" for f in army.flags)
    # the amnesty (US 26): withdrawn, never back
    amnesty = h.owner(0, "26")
    assert amnesty.last.fate is Fate.DROPPED and not amnesty.present_at(3)
    # territory and the NATO points deferred to leaders' talks in Geneva
    for us in ("4", "7", "8", "21"):
        st = h.owner(0, us).step_at(2)
        assert st.fate is Fate.DEFERRED and "leaders" in st.track.lower(), (us, st)
    s = h.summary()
    assert s["restored"] >= 1 and s["dropped"] >= 3


@pytest.mark.parametrize("name", ["drop-restore", "defer-return", "merge-split"])
def test_fixture_series_agree_with_pairwise(name):
    drafts = order_drafts([read_draft(p) for p in draft_files(str(FIXTURES / name))])
    check_against_pairwise(build_history(drafts, options=OPTIONS))


def test_drop_then_restore_fixture_is_one_lineage():
    drafts = [read_draft(p) for p in draft_files(str(FIXTURES / "drop-restore"))]
    h = build_history(drafts, options=OPTIONS)
    amnesty = h.owner(0, "2")
    assert [(s.draft, s.fate, s.ids) for s in amnesty.steps] == [
        (0, Fate.INITIAL, ("2",)),
        (1, Fate.DROPPED, ()),
        (2, Fate.RESTORED, ("4",)),
    ]
    assert amnesty.steps[2].kind is Kind.REWORDED and amnesty.steps[2].since == 0
    assert h.owner(2, "4") is amnesty
    assert len(h.lineages) == 4  # nothing added: the amnesty is not a new provision
    # without the look-up, the same series shows a drop and an unrelated addition
    plain = build_history(drafts, options=OPTIONS, restore=False)
    assert plain.owner(2, "4") is not plain.owner(0, "2") and len(plain.lineages) == 5


def test_deferred_point_returning_to_the_main_text_is_restored():
    drafts = [read_draft(p) for p in draft_files(str(FIXTURES / "defer-return"))]
    h = build_history(drafts, options=OPTIONS)
    territory = h.owner(0, "2")
    assert [s.fate for s in territory.steps] == [Fate.INITIAL, Fate.DEFERRED, Fate.RESTORED]
    assert territory.steps[1].track and territory.steps[2].track is None
    assert territory.steps[2].source == "compare"
    assert territory.title == "Territory"


def test_merge_and_split_fixture():
    drafts = [read_draft(p) for p in draft_files(str(FIXTURES / "merge-split"))]
    h = build_history(drafts, options=OPTIONS)
    north, south = h.owner(0, "1"), h.owner(0, "2")
    assert north.step_at(1).fate is Fate.MERGED and north.step_at(1).partners == (south.id,)
    assert south.last.fate is Fate.MERGED_INTO and south.last.into == north.id and south.last.to == ("1",)
    claims = h.owner(0, "3")
    assert claims.step_at(2).fate is Fate.SPLIT and claims.step_at(2).ids == ("2",)
    part = h.owner(2, "3")
    assert part.steps[0].fate is Fate.SPLIT_FROM and part.steps[0].origin == claims.id


def _numbered(source: str, *texts: str) -> Draft:
    return Draft(source=source, points=tuple(Point(str(k), str(k), t) for k, t in enumerate(texts, 1)))


def test_a_point_merged_away_is_not_also_split():
    """Regression (hypothesis, --hypothesis-seed=21): old point 2 lies inside new 5 together with old 1 (a
    merge) and also covers new 2 + 3 (a split). The engine's containment pass reported it in both changes,
    so its lineage could only honour one of them (split; the merge lost a part). The engine now keeps a
    point that is already a piece of a merge out of the splits: every old point in exactly one change."""
    troops = "Troops troops troops ceasefire troops ceasefire ceasefire ceasefire troops."
    old = _numbered(
        "d3.md",
        "Ceasefire ceasefire ceasefire ceasefire ceasefire.",
        "Ceasefire ceasefire troops ceasefire troops border.",
        troops,
    )
    new = _numbered(
        "d4.md",
        troops,
        "Ceasefire ceasefire troops.",
        "Ceasefire troops border.",
        troops,
        "Ceasefire ceasefire ceasefire ceasefire ceasefire ceasefire ceasefire troops ceasefire troops border.",
    )
    cmp = compare(old, new, OPTIONS)
    olds = sorted(o for ch in cmp.changes for o in ch.old)
    assert olds == ["1", "2", "3"], [(ch.kind, ch.old, ch.new) for ch in cmp.changes]
    merged = [ch for ch in cmp.changes if ch.kind is Kind.MERGED]
    assert [(ch.old, ch.new) for ch in merged] == [(("1", "2"), ("5",))]
    h = build_history([old, new], options=OPTIONS)
    check_against_pairwise(h)
    first, second = h.owner(0, "1"), h.owner(0, "2")
    assert first.step_at(1).fate is Fate.MERGED and first.step_at(1).partners == (second.id,)
    assert second.last.fate is Fate.MERGED_INTO and second.last.into == first.id
