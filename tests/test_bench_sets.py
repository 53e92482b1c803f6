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


def test_restructure_splits_and_merges_span_depths():
    kinds = Counter()
    for seed in (1, 2, 3):
        case = generator.generate_mode("restructure", 200, seed)
        for e in case.truth:
            if e.kind in ("split", "merged"):
                kinds[e.kind] += 1
                assert all(_depth(i) == 0 for i in e.old) and all(_depth(i) == 1 for i in e.new)
                old = " ".join(case.old.point(i).text for i in e.old)
                assert old == " ".join(case.new.point(i).text for i in e.new)
    assert kinds["split"] >= 6 and kinds["merged"] >= 6


def test_flatten_is_restructure_backwards():
    fwd, back = generator.generate_mode("restructure", 60, 1), generator.generate_mode("flatten", 60, 1)
    assert [p.text for p in fwd.new.walk()] == [p.text for p in back.old.walk()]
    assert [p.text for p in fwd.old.walk()] == [p.text for p in back.new.walk()]
    assert back.old.date < back.new.date and "flatten" in back.old.source
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


# ---- the sets of bench/accuracy.py


def _oracle(pairs):
    """A stand-in engine that returns the truth (or what ``fix`` makes of it) for the pairs given."""
    table = {(p.old.source, p.new.source): list(p.truth) for p in pairs}

    def compare(old, new, options=None):
        return table[(old.source, new.source)]

    return compare


def _all_pairs(set_name: str, heldout: bool) -> list:
    spec = accuracy.SETS[set_name]
    pairs = accuracy.label_pairs(set_name, heldout, []) if spec.labels else []
    for mode, n in spec.modes:
        pairs += accuracy.generator_pairs(
            mode, n, accuracy.HELDOUT_SEEDS if heldout else accuracy.TUNED_SEEDS
        )
    return pairs


@pytest.fixture
def identity_conversion(monkeypatch):
    pytest.importorskip("draftdiff.read")
    monkeypatch.setattr(accuracy, "from_comparison", lambda found: found)


def test_held_out_parts_are_disjoint_from_the_tuned_parts():
    assert not set(accuracy.TUNED_SEEDS) & set(accuracy.HELDOUT_SEEDS)
    for name in ("wordings", "rewrites"):
        tuned = {p.name for p in accuracy.label_pairs(name, False, [])}
        held = {p.name for p in accuracy.label_pairs(name, True, [])}
        assert tuned and held and not tuned & held
        docs = lambda names: {n.split("-")[1] for n in names}
        assert not docs(tuned) & docs(held)  # a held-out document is held out in every set


def test_perfect_engine_meets_every_target(identity_conversion, capsys):
    results = {}
    for name in ("wordings", "rewrites", "synthetic-200"):
        for held in (False, True):
            pairs = _all_pairs(name, held)
            results[(name, held)] = accuracy.run_set(name, held, _oracle(pairs), quiet=True)
    assert accuracy.check_targets_11(results)
    r = results[("rewrites", False)]
    assert r.rewritten.tp == r.rewritten.expected > 100 and r.false_drop_ids == []
    assert "FAIL" not in capsys.readouterr().out


def test_matching_by_label_gets_every_hand_written_wording_right(identity_conversion):
    """The truth of the wordings pairs is the skeleton: a pair by id, at every depth, is right."""
    for held in (False, True):
        pairs = accuracy.label_pairs("wordings", held, [])
        same_id = {
            (p.old.source, p.new.source): [E("reworded", (q.id,), (q.id,)) for q in p.old.walk()]
            for p in pairs
        }
        res = accuracy.run_set(
            "wordings", held, lambda o, n, opt=None, t=same_id: t[(o.source, n.source)], quiet=True
        )
        assert res.link_f1() == 1.0 and res.false_drops() == 0


def test_false_drops_and_rewrites_are_counted(identity_conversion):
    pairs = _all_pairs("rewrites", False)
    hand = [p for p in pairs if p.group == "hand-written"]
    assert hand and all(len(p.rewritten) == 2 for p in hand)
    total = sum(len(p.rewritten) for p in pairs)
    assert total > 100

    def dropping(old, new, options=None):
        # an engine that calls every rewritten point dropped + added, and gets the rest right
        pair = next(p for p in pairs if p.old.source == old.source and p.new.source == new.source)
        gone = {o for o, _ in pair.rewritten}
        out = [e for e in pair.truth if not set(e.old) & gone]
        for o, n in pair.rewritten:
            out += [E("dropped", (o,)), E("added", (), (n,))]
        return out

    res = accuracy.run_set("rewrites", False, dropping, quiet=True)
    assert (res.rewritten.tp, res.rewritten.fn, res.rewritten_revised) == (0, total, 0)
    assert len(res.false_drop_ids) == len(res.false_add_ids) == total
    assert all(len(drops) == len(adds) == 2 for name, _, drops, adds in res.rows if name.startswith("texts-"))
    assert res.link_f1() < 1.0 and res.pooled.links.precision == 1.0


def test_strict_exit_status(identity_conversion, monkeypatch, tmp_path):
    import draftdiff.compare

    pairs = _all_pairs("wordings", False)
    monkeypatch.setattr(accuracy, "BENCH", tmp_path)
    monkeypatch.setattr(draftdiff.compare, "compare", _oracle(pairs))
    assert accuracy.main(["--sets", "wordings", "--strict"]) == 0
    assert (tmp_path / "out" / "accuracy-latest.json").is_file()

    def drop_all(old, new, options=None):
        return [E("dropped", (p.id,)) for p in old.points] + [E("added", (), (p.id,)) for p in new.points]

    monkeypatch.setattr(draftdiff.compare, "compare", drop_all)
    assert accuracy.main(["--sets", "wordings", "--strict"]) == 1
    assert accuracy.main(["--sets", "wordings"]) == 0
    assert accuracy.main(["--sets", "nonsense"]) == 2


def test_paraphrase_shift_defeats_matching_by_label():
    """Plain paraphrase keeps every label; with drops and additions the labels no longer name the points."""
    plain, shifted = CASES[("paraphrase", 200, 101)], CASES[("paraphrase-shift", 200, 101)]
    assert accuracy.score_flat(plain.truth, accuracy.label_compare(plain.old, plain.new)).links.f1 == 1.0
    assert accuracy.score_flat(shifted.truth, accuracy.label_compare(shifted.old, shifted.new)).links.f1 < 0.5
    kinds = Counter(e.kind for e in shifted.truth)
    assert kinds["dropped"] and kinds["added"] == 10
    moved = [e for e in shifted.truth if e.kind == "reworded" and e.old != e.new]
    assert len(moved) > 100


def test_label_compare_is_a_partition():
    for key, case in CASES.items():
        found = accuracy.label_compare(case.old, case.new)
        olds = Counter(i for e in found for x in e.walk() for i in x.old)
        news = Counter(i for e in found for x in e.walk() for i in x.new)
        assert olds == Counter(p.id for p in case.old.walk()), key
        assert news == Counter(p.id for p in case.new.walk()), key


def test_engine_changes_keep_confidence_and_alternatives():
    compare = pytest.importorskip("draftdiff.compare").compare
    case = generator.generate_mode("paraphrase-shift", 40, 3)
    found = accuracy.from_comparison(compare(case.old, case.new))
    assert all(isinstance(c, accuracy.Found) for c in found)
    linked = [c for c in found if c.kind in generator.MATCHED_KINDS]
    assert linked and all(c.confidence is None or 0.0 <= c.confidence <= 1.0 for c in linked)
    pair = accuracy.Pair("p", "generator paraphrase-shift", case.old, case.new, list(case.truth))
    right, wrong, drops, listed = accuracy.confidence_figures(pair, found)
    one_to_one = [
        x
        for c in found
        for x in c.walk()
        if x.kind in generator.MATCHED_KINDS and len(x.old) == len(x.new) == 1 and x.confidence is not None
    ]
    assert len(right) + len(wrong) == len(one_to_one)
    assert 0 <= listed <= drops
