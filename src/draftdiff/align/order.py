"""Order evidence: anchors (pairs on every longest increasing subsequence) and the gaps between them.

>>> g = Gaps({0: 0, 2: 3}, 3, 4)  # anchors 0-0 and 2-3: old 1 faces new 1 and 2
>>> g.window(1), round(g.closeness(1, 2), 3), g.closeness(1, 3)
((0, 2, 0, 3), 0.833, -1.0)
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

__all__ = ["Gaps", "in_every_lis", "lis_lengths", "lis_positions"]


def lis_positions(seq: Sequence[int]) -> set[int]:
    """Positions (into ``seq``) of one longest strictly increasing subsequence; the leftmost on ties.

    >>> sorted(lis_positions([0, 1, 5, 2, 3, 4]))
    [0, 1, 3, 4, 5]
    >>> lis_positions([])
    set()
    """
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_pos: list[int] = []
    prev: list[int] = [-1] * len(seq)
    for k, v in enumerate(seq):
        n = bisect_left(tails, v)
        if n == len(tails):
            tails.append(v)
            tail_pos.append(k)
        else:
            tails[n] = v
            tail_pos[n] = k
        prev[k] = tail_pos[n - 1] if n else -1
    out: set[int] = set()
    k = tail_pos[-1] if tail_pos else -1
    while k >= 0:
        out.add(k)
        k = prev[k]
    return out


def in_every_lis(seq: Sequence[int]) -> set[int]:
    """Positions that belong to every longest strictly increasing subsequence of ``seq``.

    These are the anchors the order passes rely on: unlike one LIS picked among ties, they do not depend
    on which draft is called old (the chains are the same when the two coordinates swap roles).

    >>> sorted(in_every_lis([0, 1, 5, 2, 3, 4]))
    [0, 1, 3, 4, 5]
    >>> sorted(in_every_lis([2, 0]))  # two LIS of length 1: neither pair is certain
    []
    """
    n = len(seq)
    if not n:
        return set()
    ending = lis_lengths(seq)  # longest increasing run ending at k
    starting = lis_lengths([-v for v in reversed(seq)])[::-1]  # ... starting at k
    best = max(ending)
    on_some = [k for k in range(n) if ending[k] + starting[k] - 1 == best]
    per_level = Counter(ending[k] for k in on_some)
    return {k for k in on_some if per_level[ending[k]] == 1}


def lis_lengths(seq: Sequence[int]) -> list[int]:
    tails: list[int] = []
    out = []
    for v in seq:
        n = bisect_left(tails, v)
        if n == len(tails):
            tails.append(v)
        else:
            tails[n] = v
        out.append(n + 1)
    return out


class Gaps:
    """The in-order anchors of the current matching, and the new-side window of each old point's gap."""

    def __init__(self, pairs: dict[int, int], n_old: int, n_new: int) -> None:
        items = sorted((i, j) for i, j in pairs.items() if j >= 0)
        keep = in_every_lis([j for _, j in items])
        self.anchor_old = [i for k, (i, _) in enumerate(items) if k in keep]
        self.anchor_new = [j for k, (_, j) in enumerate(items) if k in keep]
        self.n_old, self.n_new = n_old, n_new

    def window(self, i: int) -> tuple[int, int, int, int]:
        """(old_lo, old_hi, new_lo, new_hi): the anchors around old i (exclusive bounds; -1 / n at the ends)."""
        k = bisect_left(self.anchor_old, i)
        old_lo = self.anchor_old[k - 1] if k else -1
        new_lo = self.anchor_new[k - 1] if k else -1
        if k < len(self.anchor_old) and self.anchor_old[k] == i:
            k += 1
        old_hi = self.anchor_old[k] if k < len(self.anchor_old) else self.n_old
        new_hi = self.anchor_new[k] if k < len(self.anchor_new) else self.n_new
        return old_lo, old_hi, new_lo, new_hi

    def window_new_of_old(self, i: int) -> tuple[int, int]:
        """The new-side bounds (exclusive) of the gap old i falls in."""
        return self.window(i)[2:]

    def window_old_of_new(self, j: int) -> tuple[int, int]:
        """The old-side bounds (exclusive) of the gap new j falls in."""
        k = bisect_left(self.anchor_new, j)
        lo = self.anchor_old[k - 1] if k else -1
        if k < len(self.anchor_new) and self.anchor_new[k] == j:
            k += 1
        hi = self.anchor_old[k] if k < len(self.anchor_old) else self.n_old
        return lo, hi

    def closeness(self, i: int, j: int, window: tuple[int, int, int, int] | None = None) -> float:
        """1.0 at the same relative place in the same gap, falling to 0 at the far end; -1 outside the gap."""
        old_lo, old_hi, new_lo, new_hi = window or self.window(i)
        if not new_lo < j < new_hi:
            return -1.0
        r_old = (i - old_lo) / (old_hi - old_lo)
        r_new = (j - new_lo) / (new_hi - new_lo)
        return 1.0 - abs(r_old - r_new)
