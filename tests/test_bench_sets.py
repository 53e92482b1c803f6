"""bench/generator.py's further modes (issue 11) tell the truth, and bench/accuracy.py's sets are sound."""

from __future__ import annotations

import itertools
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import accuracy
import generator
from generator import Expected as E

NEW_MODES = [m for m in generator.MODES if m != "default"]
CASES = {(m, n, s): generator.generate_mode(m, n, s) for m in NEW_MODES for n, s in ((60, 1), (200, 101))}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


def _depth(pid: str) -> int:
    return pid.count(".")


@pytest.mark.parametrize("key", list(CASES), ids=[f"{m}-{n}-seed{s}" for m, n, s in CASES])
def test_truth_is_a_partition_of_both_trees(key):
    case = CASES[key]
    olds = Counter(i for e in case.truth for x in e.walk() for i in x.old)
    news = Counter(i for e in case.truth for x in e.walk() for i in x.new)
    assert olds == Counter(p.id for p in case.old.walk())
    assert news == Counter(p.id for p in case.new.walk())
    for e in case.truth:
        for x in e.walk():
            assert x.kind in generator.KINDS and x.kind in x.accept
            if x.kind in ("unchanged", "reworded", "revised", "deferred"):
                assert len(x.old) == len(x.new) == 1
            elif x.kind == "split":
                assert len(x.old) == 1 and len(x.new) >= 2
            elif x.kind == "merged":
                assert len(x.old) >= 2 and len(x.new) == 1
            elif x.kind == "dropped":
                assert len(x.old) == 1 and not x.new
            else:
                assert len(x.new) == 1 and not x.old


def test_modes_are_deterministic_and_leave_the_default_alone():
    for m in NEW_MODES:
        a, b = generator.generate_mode(m, 80, 7), generator.generate_mode(m, 80, 7)
        assert a == b and generator.draft_to_markdown(a.new) == generator.draft_to_markdown(b.new)
        assert generator.truth_to_dict(a)["mode"] == m
        assert a != generator.generate_mode(m, 80, 8)
    plain = generator.generate(80, 7)
    assert generator.generate_mode("default", 80, 7) == plain
    assert "mode" not in generator.truth_to_dict(plain)
    with pytest.raises(ValueError, match="unknown mode"):
        generator.generate_mode("shuffle", 10, 1)


def test_paraphrase_keeps_the_skeleton_not_the_words():
    case = CASES[("paraphrase", 200, 101)]
    assert [p.id for p in case.old.walk()] == [p.id for p in case.new.walk()]
    shares = []
    for a, b in zip(case.old.walk(), case.new.walk()):
        assert a.text != b.text
        shares.append(len(_words(a.text) & _words(b.text)) / max(1, len(_words(a.text))))
    assert sum(shares) / len(shares) < 0.5
    assert all(x.kind == "reworded" and x.old == x.new for e in case.truth for x in e.walk())


def test_rewrites_are_in_place_with_new_substance():
    case = CASES[("rewrite", 200, 101)]
    rewritten = [e for e in case.truth if "rewrite" in e.edits]
    assert len(rewritten) == 20
    for e in case.truth:
        assert e.old == e.new  # numbering and places kept
    shares = []
    for e in rewritten:
        assert e.kind == "revised" and e.accept == ("revised",)
        a, b = case.old.point(e.old[0]).text, case.new.point(e.new[0]).text
        shares.append(len(_words(a) & _words(b)) / len(_words(a)))
        assert shares[-1] <= 0.6, (a, b)
    assert sum(shares) / len(shares) < 0.4
    others = [e for e in case.truth if "rewrite" not in e.edits]
    assert sum(e.kind == "unchanged" for e in others) > 0.7 * len(others)


def test_restructure_links_old_top_level_points_to_sub_points():
    case = CASES[("restructure", 200, 101)]
    assert all(not p.points or _depth(p.points[0].id) == 1 for p in case.new.points)
    heads = {p.id for p in case.new.points}
    linked = [e for e in case.truth if e.kind in generator.MATCHED_KINDS]
    assert len(linked) > 180
    for e in linked:
        assert _depth(e.old[0]) == 0 and _depth(e.new[0]) == 1 and e.new[0].split(".")[0] in heads
        assert (
            case.old.point(e.old[0]).text.split()[0:2] == case.new.point(e.new[0]).text.split()[0:2]
            or e.edits
        )
        for c in e.children:
            assert _depth(c.new[0]) == 2
    added_heads = {e.new[0] for e in case.truth if "section" in e.edits}
    assert added_heads == heads
    # points move between sections: the new order is not the old one
    order = [int(e.old[0]) for e in sorted(linked, key=lambda e: [int(x) for x in e.new[0].split(".")])]
    assert order != sorted(order)
    # matching by id alone finds nothing: every link crosses depths
    same_id = [
        E("unchanged", (p.id,), (p.id,)) for p in case.old.walk() if p.id in {q.id for q in case.new.walk()}
    ]
    assert accuracy.score_flat(case.truth, same_id).links.tp == 0


def test_flatten_is_restructure_backwards():
    fwd, back = generator.generate_mode("restructure", 60, 1), generator.generate_mode("flatten", 60, 1)
    assert [p.text for p in fwd.new.walk()] == [p.text for p in back.old.walk()]
    assert [p.text for p in fwd.old.walk()] == [p.text for p in back.new.walk()]
    kinds = Counter(x.kind for e in fwd.truth for x in e.walk())
    back_kinds = Counter(x.kind for e in back.truth for x in e.walk())
    assert back_kinds["dropped"] == kinds["added"] and back_kinds["added"] == kinds["dropped"]
    assert accuracy.links_of(back.truth) == {(n, o) for o, n in accuracy.links_of(fwd.truth)}


def test_moved_splits_land_apart():
    case = CASES[("moved-split", 200, 101)]
    splits = [e for e in case.truth if e.kind == "split"]
    assert len(splits) == 10
    order = [p.id for p in case.new.points]
    for e in splits:
        pos = sorted(order.index(i) for i in e.new)
        assert all(b - a > 1 for a, b in itertools.pairwise(pos)), e
        old = case.old.point(e.old[0]).text
        assert old == " ".join(case.new.point(i).text for i in e.new)


@pytest.mark.parametrize("mode", NEW_MODES)
def test_mode_markdown_reads_back_as_the_same_draft(mode, tmp_path):
    read = pytest.importorskip("draftdiff.read")
    case = generator.generate_mode(mode, 60, 2)
    old_md, new_md, _ = generator.write_case(case, tmp_path)
    for path, draft in ((old_md, case.old), (new_md, case.new)):
        got = read.read_draft(str(path))
        assert [(p.id, p.text, p.line) for p in got.walk()] == [(p.id, p.text, p.line) for p in draft.walk()]


@pytest.mark.parametrize("key", list(CASES), ids=[f"{m}-{n}-seed{s}" for m, n, s in CASES])
def test_truth_scores_perfectly_against_itself_flat(key):
    s = accuracy.score_flat(CASES[key].truth, CASES[key].truth)
    assert s.links.f1 == 1.0 and all(c.f1 == 1.0 for c in s.kinds.values())
