"""The aligner's building blocks: optimal assignment, LIS anchors, containment, candidate scale."""

from __future__ import annotations

import itertools
import random
from collections import Counter

from draftdiff.align import assign, containment, hungarian, in_every_lis, lis_positions


def brute_force(weights):
    n, m = len(weights), len(weights[0])
    return max(sum(weights[r][p[r]] for r in range(n)) for p in itertools.permutations(range(m), n))


def test_hungarian_is_optimal_on_random_matrices():
    rnd = random.Random(7)
    for _ in range(200):
        n = rnd.randint(1, 5)
        m = rnd.randint(n, 6)
        w = [[rnd.choice([0.0, rnd.random()]) for _ in range(m)] for _ in range(n)]
        cols = hungarian(w)
        assert len(set(cols)) == n
        assert abs(sum(w[r][c] for r, c in enumerate(cols)) - brute_force(w)) < 1e-9


def test_assign_beats_greedy_first_fit():
    # greedy would take (0, 0) = 0.9 and leave 1 alone; the optimum pairs both
    edges = {(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.85}
    assert sorted(assign(edges)) == [(0, 1), (1, 0)]


def test_assign_is_optimal_on_random_sparse_graphs():
    rnd = random.Random(11)
    for _ in range(100):
        n = rnd.randint(1, 5)
        edges = {
            (i, j): round(rnd.random(), 3) + 0.01 for i in range(n) for j in range(n) if rnd.random() < 0.5
        }
        chosen = assign(edges)
        assert len({i for i, _ in chosen}) == len(chosen) == len({j for _, j in chosen})
        total = sum(edges[e] for e in chosen)
        w = [[edges.get((i, j), 0.0) for j in range(n)] for i in range(n)]
        assert abs(total - brute_force(w)) < 1e-9


def test_lis_and_anchors():
    assert sorted(lis_positions([0, 1, 5, 2, 3, 4])) == [0, 1, 3, 4, 5]
    # one insertion does not make everything after it look out of order
    assert sorted(lis_positions([0, 1, 3, 4, 5, 2])) == [0, 1, 2, 3, 4]
    # ambiguous LIS: only the positions common to every LIS are anchors
    assert in_every_lis([1, 0, 2]) == {2}
    assert in_every_lis([]) == set()


def test_containment_both_ways():
    part, whole = Counter("abc"), Counter("abcdef")
    assert containment(part, whole) == 1.0
    assert containment(whole, part) == 0.5
    assert containment(Counter(), whole) == 0.0
