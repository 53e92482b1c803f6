"""bench/speed.py's own arithmetic: greedy matching, the Hungarian optimum, the quadratic fit."""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import speed


def _best_total(w) -> float:
    n, m = w.shape
    if n <= m:
        return max(sum(w[i, c] for i, c in enumerate(p)) for p in itertools.permutations(range(m), n))
    return max(sum(w[r, j] for j, r in enumerate(p)) for p in itertools.permutations(range(n), m))


def test_hungarian_finds_the_maximum_weight_assignment():
    rng = random.Random(4)
    for _ in range(150):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        w = np.array([[rng.choice((0, rng.randint(1, 99))) for _ in range(m)] for _ in range(n)], dtype=float)
        pairs = speed.hungarian(w)
        assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
        assert all(w[r, c] > 0 for r, c in pairs)
        assert sum(w[r, c] for r, c in pairs) == pytest.approx(_best_total(w))


def test_greedy_takes_pairs_by_falling_score_above_the_cutoff():
    m = np.array([[90, 89, 0], [88, 10, 70], [0, 65, 40]], dtype=np.float32)
    assert speed.greedy(m, 50) == [(0, 0), (1, 2), (2, 1)]
    assert speed.greedy(m, 80) == [(0, 0)]  # 89 and 88 lose their partners to the 90
    assert speed.greedy(m, 95) == []


def test_quadratic_fit_recovers_a_quadratic_and_needs_two_sizes():
    fit = speed.quad_fit({1000: 2e-6 * 1000**2 + 1e-3 * 1000, 5000: 2e-6 * 5000**2 + 1e-3 * 5000})
    assert fit(20000) == pytest.approx(2e-6 * 20000**2 + 1e-3 * 20000, rel=1e-6)
    assert speed.quad_fit({1000: 1.0}) is None


def test_baselines_score_all_pairs():
    old, new = ["the cat sat", "a dog ran"], ["a dog ran", "the cat sat down"]
    for name, matrix_of in speed.BASELINES.items():
        m = np.asarray(matrix_of(old, new))
        assert m.shape == (2, 2), name
        assert m[1, 0] == pytest.approx(100.0)
        assert speed.greedy(m, 50) == [(1, 0), (0, 1)]


def test_run_child_reports_status_output_and_memory(tmp_path):
    out = tmp_path / "out.txt"
    code = "import sys; print('hello'); sys.stderr.write('oops\\n'); sys.exit(3)"
    wall, rc, peak, err = speed.run_child([sys.executable, "-c", code], str(out))
    assert rc == 3 and err == "oops"
    assert out.read_text() == "hello\n"
    assert 0 < wall < 30 and peak > 1 << 20
    # a child that allocates ~200 MiB shows it in its peak, far above the launcher's floor
    big = "b = bytearray(200 << 20); b[::4096] = b'x' * len(b[::4096])"
    _, rc, peak_big, _ = speed.run_child([sys.executable, "-c", big])
    assert rc == 0 and peak_big > peak + (150 << 20)


def _greedy_reference(m, cutoff):
    pairs = sorted((-float(m[r, c]), r, c) for r in range(m.shape[0]) for c in range(m.shape[1]))
    used_r, used_c, out = set(), set(), []
    for neg, r, c in pairs:
        if -neg >= cutoff and r not in used_r and c not in used_c:
            used_r.add(r)
            used_c.add(c)
            out.append((r, c))
    return out


def test_banded_greedy_equals_the_plain_greedy_with_ties():
    rng = np.random.default_rng(7)
    for _ in range(60):
        n, m = (int(x) for x in rng.integers(1, 12, 2))
        mat = rng.integers(0, 21, (n, m)).astype(np.float32) * 5  # many ties, bands of 5 and 2
        for cutoff in (0, 30, 60):
            want = _greedy_reference(mat, cutoff)
            assert speed.greedy(mat, cutoff) == want
            assert speed.greedy(mat, cutoff, band=2.0) == want
            scored = speed.greedy_scored(mat, 0)
            assert [(r, c) for r, c, s in scored if s >= cutoff] == want  # prefix-consistent
