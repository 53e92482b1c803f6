"""The assignment: a maximum-weight matching over sparse candidate edges.

:func:`assign` fixes the pairs that any optimum holds, splits the rest into connected components and
solves each exactly with :func:`hungarian` (Jonker-Volgenant shortest augmenting paths; no scipy), or
best-weight-first beyond ``EXACT_ASSIGNMENT_CELLS``.

>>> assign({(0, 0): 1.0, (0, 1): 0.9, (1, 0): 0.9})  # greedy would take (0, 0) and leave 1 alone
[(0, 1), (1, 0)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from .tuning import EXACT_ASSIGNMENT_CELLS

__all__ = ["assign", "hungarian"]


def hungarian(weights: Sequence[Sequence[float]]) -> list[int]:
    """Maximum-weight assignment of rows to columns (rows <= columns): the column of each row.

    Jonker-Volgenant style shortest augmenting paths with potentials, O(rows^2 * columns).

    >>> hungarian([[1, 5, 0], [4, 6, 0]])
    [1, 0]
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n > m:
        raise ValueError("more rows than columns")
    inf = math.inf
    big = max((w for row in weights for w in row), default=0.0)
    cost = [[big - w for w in row] for row in weights]
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[col] = row (1-based), 0 = free
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        match[0] = row
        col0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col0] = True
            r0 = match[col0]
            delta = inf
            col1 = 0
            crow = cost[r0 - 1]
            ur0 = u[r0]
            for col in range(1, m + 1):
                if not used[col]:
                    cur = crow[col - 1] - ur0 - v[col]
                    if cur < minv[col]:
                        minv[col] = cur
                        way[col] = col0
                    if minv[col] < delta:
                        delta = minv[col]
                        col1 = col
            for col in range(m + 1):
                if used[col]:
                    u[match[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if match[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            match[col0] = match[col1]
            col0 = col1
    out = [-1] * n
    for col in range(1, m + 1):
        if match[col]:
            out[match[col] - 1] = col - 1
    return out


def assign(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """A maximum-weight matching over sparse edges ``{(old, new): weight}`` (weights > 0).

    A pair that is each other's best and outweighs the two runners-up together is fixed first (an optimum
    always holds such a pair: swapping it in loses at most the two runners-up); this splits the graph. The
    rest fall into connected components, each solved exactly with :func:`hungarian` (a component beyond
    ``EXACT_ASSIGNMENT_CELLS`` cells falls back to best-weight-first).

    >>> sorted(assign({(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.85}))
    [(0, 1), (1, 0)]
    """
    by_old: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_new: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), w in edges.items():
        by_old[i].append((w, j))
        by_new[j].append((w, i))
    for lst in (*by_old.values(), *by_new.values()):
        lst.sort(key=lambda t: (-t[0], t[1]))
    chosen: list[tuple[int, int]] = []
    fixed_old: set[int] = set()
    fixed_new: set[int] = set()
    for i in sorted(by_old):
        w, j = by_old[i][0]
        if by_new[j][0][1] != i:
            continue
        second_i = by_old[i][1][0] if len(by_old[i]) > 1 else 0.0
        second_j = by_new[j][1][0] if len(by_new[j]) > 1 else 0.0
        if w >= second_i + second_j:  # then some optimum holds (i, j): swapping it in never loses
            chosen.append((i, j))
            fixed_old.add(i)
            fixed_new.add(j)
    rest = {(i, j): w for (i, j), w in edges.items() if i not in fixed_old and j not in fixed_new}
    # connected components (union-find over old ids and new ids, new ids offset as ~j)
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]  # type: ignore[index]
            x = parent[x]
        return x

    for i, j in rest:
        a, b = find(("o", i)), find(("n", j))
        if a != b:
            parent[a] = b
    groups: dict[object, list[tuple[int, int]]] = defaultdict(list)
    for i, j in sorted(rest):
        groups[find(("o", i))].append((i, j))
    for comp in groups.values():
        olds = sorted({i for i, _ in comp})
        news = sorted({j for _, j in comp})
        if len(olds) == 1 or len(news) == 1:
            w, i, j = max((rest[e], -e[0], -e[1]) for e in comp)
            chosen.append((-i, -j))
            continue
        if len(olds) * len(news) > EXACT_ASSIGNMENT_CELLS:
            chosen += _greedy({e: rest[e] for e in comp})
            continue
        transpose = len(olds) > len(news)
        rows, cols = (news, olds) if transpose else (olds, news)
        col_at = {c: k for k, c in enumerate(cols)}
        matrix = [[0.0] * len(cols) for _ in rows]
        for r, row_id in enumerate(rows):
            for i, j in comp:
                if (j if transpose else i) == row_id:
                    matrix[r][col_at[i if transpose else j]] = rest[(i, j)]
        for r, c in enumerate(hungarian(matrix)):
            if c < 0 or matrix[r][c] <= 0.0:
                continue
            pair = (cols[c], rows[r]) if transpose else (rows[r], cols[c])
            chosen.append(pair)
    return sorted(chosen)


def _greedy(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    used_old: set[int] = set()
    used_new: set[int] = set()
    out = []
    for (i, j), _w in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append((i, j))
    return out
