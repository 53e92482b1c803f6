"""Links across depths: points left one-sided by the per-level alignment, paired wherever they stand.

The aligner pairs siblings only under matched parents, so a flat list regrouped into sections (old point
4 becomes new point 1.3 under a new heading) leaves every point dropped on one side and added on the
other. :func:`link_across` takes those one-sided points of the whole tree (a dropped or added point at
any depth) and pairs them by the aligner's own similarity (:class:`~draftdiff.align.evidence.Scorer`,
weighted by rarity among the one-sided points), in rounds of *mutual best* pairs:

* a pair is a candidate only when the two parents are not paired with each other (those the per-level
  alignment already weighed and declined) and the pair is not forbidden (an unpin);
* it needs similarity >= ``ACROSS_FLOOR_LOOSE`` (0.15) when either parent is itself one-sided (the
  point's old or new section exists on one side only: the restructure case), else ``ACROSS_FLOOR`` (0.5,
  a move from one kept section into another kept section);
* each of the two must be the other's best remaining candidate by at least ``ACROSS_MARGIN`` (0.02)
  over its runner-up; a round pairs every such pair, and the next round looks again at the rest;
* above ``ACROSS_MAX_CELLS`` (400,000) candidate pairs nothing is linked (the pass stays cheap where a
  huge draft lost and gained thousands of points; those stay dropped and added).

:mod:`draftdiff.compare` places each link in the tree (``Change.relocated``).

>>> from draftdiff.model import Point
>>> old = [Point("1", "1", "Every person may use the work for any purpose."), Point("2", "2", "Fees.")]
>>> new = [Point("1.2", "2", "Any person may use the work for any purpose whatsoever.")]
>>> [(i, j) for i, j, _, _ in link_across(old, new, [None, None], ["1"], {(None, None)}, ((), ("1",)))]
[(0, 0)]
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from ..model import Point
from .evidence import Scorer, make_sides, tokenise
from .tuning import (
    ACROSS_CONFIDENCE_GAP,
    ACROSS_FLOOR,
    ACROSS_FLOOR_LOOSE,
    ACROSS_KEPT_WORDS,
    ACROSS_MARGIN,
    ACROSS_MAX_CELLS,
    ACROSS_MIN_SIBLINGS,
    ACROSS_SURE,
    DEFAULTS,
)

__all__ = ["link_across"]


def link_across(
    old: Sequence[Point],
    new: Sequence[Point],
    old_parents: Sequence[str | None],
    new_parents: Sequence[str | None],
    paired_parents: Collection[tuple[str | None, str | None]],
    one_sided: tuple[Collection[str], Collection[str]],
    *,
    forbid: Iterable[tuple[str, str]] = (),
) -> list[tuple[int, int, float, float]]:
    """Pairs ``(old index, new index, similarity, confidence)`` of one-sided points, sorted by old index.

    ``old``/``new``: the one-sided points of each draft (any depth); ``old_parents``/``new_parents``: the
    id of each one's parent point (None at the top level); ``paired_parents``: the (old id, new id) pairs
    the alignment matched, ``(None, None)`` standing for the two drafts' roots; ``one_sided``: the ids of
    the old and of the new points that are dropped or added (so a parent among them is one-sided);
    ``forbid``: (old id, new id) pairs never to link.
    """
    if not old or not new or len(old) * len(new) > ACROSS_MAX_CELLS:
        return []
    paired = set(paired_parents)
    if not _open_parents(old_parents, new_parents, paired):
        return []  # every pair is between paired parents (a flat draft against another): no tokens needed
    banned = set(forbid)
    lone_old, lone_new = set(one_sided[0]), set(one_sided[1])
    o_side, n_side = make_sides(old, new)
    tokenise(o_side, n_side, range(len(old)), range(len(new)))
    scorer = Scorer(o_side, n_side, ACROSS_FLOOR_LOOSE)
    # the candidates of each point, best first (ties by index), and the floor of each pair
    rows: list[list[tuple[float, int]]] = [[] for _ in old]
    cols: list[list[tuple[float, int]]] = [[] for _ in new]
    loose_old = [p is not None and p in lone_old for p in old_parents]
    loose_new = [p is not None and p in lone_new for p in new_parents]
    # a pair between two kept parents that shares few words is no evidence of a move (a short phrase of
    # a common pattern): it may still stand as a runner-up, never be linked
    words_old = [set(seq or "") for seq in o_side.seq]
    words_new = [set(seq or "") for seq in n_side.seq]

    def movable(i: int, j: int, s: float) -> bool:
        """Evidence enough for a move between kept parents."""
        return s >= ACROSS_FLOOR and (
            s >= ACROSS_SURE or len(words_old[i] & words_new[j]) >= ACROSS_KEPT_WORDS
        )

    weak: set[tuple[int, int]] = set()
    # The word-bag Dice bounds the similarity from above (an LCS of the words is at most their common
    # multiset), so only pairs whose bags reach the floor less the margin are scored: a pair under that can
    # neither be linked nor stand as a runner-up within the margin of a link. rapidfuzz finds them in C.
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    bags = [b or "" for b in n_side.bag]
    cutoff = ACROSS_FLOOR_LOOSE - ACROSS_MARGIN
    for i, p in enumerate(old):
        po = old_parents[i]
        if not o_side.bag[i]:
            continue
        hits = process.extract(
            o_side.bag[i], bags, scorer=Indel.normalized_similarity, score_cutoff=cutoff, limit=None
        )
        for j in sorted(k for _, _, k in hits):
            q = new[j]
            if (po, new_parents[j]) in paired or (p.id, q.id) in banned:
                continue
            s = scorer.sim(i, j)
            if s > 0.0:
                rows[i].append((s, j))
                cols[j].append((s, i))
                if not (loose_old[i] or loose_new[j]) and not movable(i, j, s):
                    weak.add((i, j))
    for lst in rows + cols:
        lst.sort(key=lambda t: (-t[0], t[1]))
    free_o = [True] * len(old)
    free_n = [True] * len(new)

    def best_two(lst: list[tuple[float, int]], free: list[bool]) -> tuple[float, int, float]:
        best: tuple[float, int] | None = None
        for s, k in lst:
            if free[k]:
                if best is None:
                    best = (s, k)
                else:
                    return best[0], best[1], s
        return (best[0], best[1], 0.0) if best else (0.0, -1, 0.0)

    out: list[tuple[int, int, float, float]] = []
    while True:
        found = []
        for i in range(len(old)):
            if not free_o[i]:
                continue
            s, j, runner = best_two(rows[i], free_n)
            if j < 0:
                continue
            floor = ACROSS_FLOOR_LOOSE if loose_old[i] or loose_new[j] else ACROSS_FLOOR
            if s < floor or s - runner < ACROSS_MARGIN or (i, j) in weak:
                continue
            s2, back, runner2 = best_two(cols[j], free_o)
            if back != i or s2 - runner2 < ACROSS_MARGIN:
                continue
            gap = min(s - runner, s2 - runner2)
            conf = 0.5 * min(1.0, s / DEFAULTS.threshold) + 0.5 * min(1.0, gap / ACROSS_CONFIDENCE_GAP)
            found.append((i, j, round(s, 4), round(conf, 4)))
        if not found:
            break
        for i, j, _, _ in found:
            free_o[i] = free_n[j] = False
        out += found
    strong = {(i, j) for i, j, sim, _ in out if movable(i, j, sim)}
    return sorted(_coherent(out, old_parents, new_parents, loose_old, loose_new, strong))


def _open_parents(
    old_parents: Sequence[str | None],
    new_parents: Sequence[str | None],
    paired: set[tuple[str | None, str | None]],
) -> bool:
    """Whether some old point and some new point have parents not paired with each other (a candidate
    pair of :func:`link_across`), without trying every pair.

    >>> _open_parents([None, None], [None], {(None, None)}), _open_parents(["1"], [None, "2"], {("1", "2")})
    (False, True)
    """
    news = set(new_parents)
    partners: dict[str | None, set[str | None]] = {}
    for po, pn in paired:
        if pn in news:
            partners.setdefault(po, set()).add(pn)
    return any(len(partners.get(po, ())) < len(news) for po in set(old_parents))


def _coherent(
    links: list[tuple[int, int, float, float]],
    old_parents: Sequence[str | None],
    new_parents: Sequence[str | None],
    loose_old: list[bool],
    loose_new: list[bool],
    strong: set[tuple[int, int]],
) -> list[tuple[int, int, float, float]]:
    """The links, less those through a one-sided parent that is no regrouped section: a loose link (its
    old or new parent exists on one side only) stands when at least ``ACROSS_MIN_SIBLINGS`` links join the
    same two parents (all the sub-points of such a parent, if it has fewer), or when it is ``strong`` (as good as a move between kept parents needs). One sub-point of a dropped provision
    that loosely resembles some added point is a coincidence; a section whose points reappear elsewhere
    is a restructuring."""
    size: dict[tuple[int, str | None], int] = {}
    for side, parents, loose in ((0, old_parents, loose_old), (1, new_parents, loose_new)):
        for k, p in enumerate(parents):
            if loose[k]:
                size[(side, p)] = size.get((side, p), 0) + 1
    out = list(links)
    while True:
        # links between the same two parents: a section's points that went (came) together
        together: dict[tuple[str | None, str | None], int] = {}
        for i, j, _, _ in out:
            key = (old_parents[i], new_parents[j])
            together[key] = together.get(key, 0) + 1
        keep = []
        for link in out:
            i, j = link[0], link[1]
            n = together[(old_parents[i], new_parents[j])]
            sizes = [
                size[k]
                for k, on in (((0, old_parents[i]), loose_old[i]), ((1, new_parents[j]), loose_new[j]))
                if on
            ]
            if not sizes or (i, j) in strong or any(n >= min(ACROSS_MIN_SIBLINGS, m) for m in sizes):
                keep.append(link)
        if len(keep) == len(out):
            return out
        out = keep
