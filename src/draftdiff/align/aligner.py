"""The aligner of one level: its state (links so far) and the exact and scored passes.

The merge/split passes live in :mod:`.groups`, the track pass in :mod:`.tracks`; :class:`Aligner` runs
them in order (:meth:`Aligner.run`). See the package docstring and docs/engine.md for the passes.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..model import Point
from ..normalize import normalize, profile
from .evidence import Scorer, Side, TokenCodec, make_sides, tokenise
from .groups import GroupPasses
from .links import Link
from .order import Gaps
from .solver import assign
from .structure import StructurePass
from .tracks import TrackPass
from .tuning import (
    ALL_PAIRS_CELLS,
    CHILDREN_FLOOR,
    CHILDREN_MIN_COMMON,
    DUPLICATE_EXACT_CONFIDENCE,
    FIRST_PASS_MOVE,
    GAP_CANDIDATES,
    INDEX_CANDIDATES,
    LABEL_BONUS,
    LABEL_CANDIDATES,
    MIN_VOTING_DF,
    ORDER_BONUS,
    RARE_TOKEN_MIN,
    RARE_TOKEN_SHARE,
    SCORER_FLOOR_SHARE,
    STRUCTURE_ROUNDS,
    TOKENS_PER_QUERY,
    WIDE_SEARCH_CUTOFF,
    WIDE_SEARCH_HITS,
    WIDE_SEARCH_PAIRS,
    AlignOptions,
)

__all__ = ["Aligner"]


class Aligner(GroupPasses, StructurePass, TrackPass):
    def __init__(
        self,
        old: Sequence[Point],
        new: Sequence[Point],
        opts: AlignOptions,
        pins: Sequence[tuple[int, int]],
        forbid: frozenset[tuple[int, int]],
    ) -> None:
        self.o, self.n = make_sides(old, new)
        self.opts = opts
        self.forbid = forbid
        self.scorer = Scorer(
            self.o,
            self.n,
            SCORER_FLOOR_SHARE
            * min(opts.threshold, opts.move_threshold, opts.order_floor, opts.label_floor, opts.track_floor),
        )
        self.o2n: dict[int, int] = {}
        self.n2o: dict[int, int] = {}
        self.links: dict[int, Link] = {}  # keyed by the old index of 1:1 links
        self.groups: list[Link] = []
        self._postings_cache: dict[int, dict[str, list[int]]] = {}
        self._proposed: dict[int, list[int]] = {}  # index proposals of the first scored pass
        self._runner_up: dict[tuple[int, int], float] = {}  # containment pass: second-best container
        self.unpaired: dict[int, list[tuple[int, float]]] = defaultdict(list)  # see align(hints=)
        self.df: Counter = Counter()  # document frequency of each token among the points in play
        self.n_active = 0
        self._codec = TokenCodec()
        self._rep: dict[str, int] = {}
        self.pins = list(pins)
        for i, j in pins:  # similarity filled in once the tokens exist
            self._link(i, j, 1.0, 1.0, "pin")

    # -- bookkeeping
    def _link(self, i: int, j: int, sim: float, conf: float, how: str, alts=()) -> None:
        self.o2n[i] = j
        self.n2o[j] = i
        self.links[i] = Link((i,), (j,), sim, conf, how, tuple(alts))

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.o.points)) if i not in self.o2n]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.n.points)) if j not in self.n2o]

    # -- pass 2: exact
    def exact(self) -> None:
        """Pairs with equal text: first the raw text (no work), then the normalised text of the rest."""
        self._exact_by(lambda side, k: side.raw[k])
        for side, free in ((self.o, self.free_old()), (self.n, self.free_new())):
            for k in free:
                # prepared once for both views: a point left unpaired here needs its tokens next
                side.norm[k], side.toks[k] = profile(side.raw[k])
        self._exact_by(lambda side, k: side.norm[k])

    def _exact_by(self, key) -> None:
        by_key: dict[str, list[int]] = defaultdict(list)
        for j in self.free_new():
            kj = key(self.n, j)
            if kj and kj.strip():
                by_key[kj].append(j)
        old_by_key: dict[str, list[int]] = defaultdict(list)
        for i in self.free_old():
            ki = key(self.o, i)
            if ki in by_key:
                old_by_key[ki].append(i)
        for k, olds in old_by_key.items():
            news = by_key[k]
            unique = len(olds) == 1 and len(news) == 1
            news_left = list(news)
            for i in olds:  # duplicates pair up in document order
                for j in news_left:
                    if (i, j) not in self.forbid:
                        news_left.remove(j)
                        self._link(i, j, 1.0, 1.0 if unique else DUPLICATE_EXACT_CONFIDENCE, "exact")
                        break

    # -- candidates
    def _index(self, news: list[int]) -> tuple[dict[str, list[int]], dict[str, int]]:
        postings: dict[str, list[int]] = defaultdict(list)
        for j in news:
            for c in set(self.n.seq[j]):
                postings[c].append(j)
        return postings, {c: len(v) for c, v in postings.items()}

    def candidates(self, olds: list[int], news: list[int], gaps: Gaps) -> dict[int, list[int]]:
        """Candidate new points for each old point: index, gap and label proposals.

        Small problems (``ALL_PAIRS_CELLS``) and ``exhaustive`` runs score every pair instead.
        """
        if self.opts.exhaustive or len(olds) * len(news) <= ALL_PAIRS_CELLS:
            return {i: [j for j in news if (i, j) not in self.forbid] for i in olds}
        free_new = set(news)
        fresh = any(i not in self._proposed for i in olds)
        postings, df = self._index(news) if fresh else ({}, {})
        n_total = max(1, len(news))
        max_df = max(MIN_VOTING_DF, int(math.sqrt(n_total)))
        news_sorted = news  # already in order
        by_label: dict[str, list[int]] = defaultdict(list)
        for j in news:
            by_label[self.n.labels[j]].append(j)
        out: dict[int, list[int]] = {}
        for i in olds:
            cand: dict[int, None] = {}
            earlier = self._proposed.get(i)
            if earlier is not None:  # a later pass: the index proposals of the first, still free
                for j in earlier:
                    if j in free_new:
                        cand[j] = None
            else:
                # inverted index: the rarest informative tokens of the old point (those in at most max_df
                # leftover new points) vote; the points with most votes are proposed
                toks = sorted((c for c in set(self.o.seq[i]) if c in df), key=lambda c: (df[c], c))
                votes: Counter = Counter()
                for c in toks[:TOKENS_PER_QUERY]:
                    if df[c] <= max_df:
                        votes.update(postings[c])
                proposed = [j for j, _ in votes.most_common(INDEX_CANDIDATES)]
                self._proposed[i] = proposed
                for j in proposed:
                    cand[j] = None
            # gap: the new points between the same anchors, nearest the same relative place first
            old_lo, old_hi, new_lo, new_hi = gaps.window(i)
            lo, hi = bisect_right(news_sorted, new_lo), bisect_left(news_sorted, new_hi)
            if hi > lo:
                r = (i - old_lo) / (old_hi - old_lo)
                expect = new_lo + r * (new_hi - new_lo)
                centre = bisect_left(news_sorted, expect, lo, hi)
                a, b = max(lo, centre - GAP_CANDIDATES // 2), min(hi, centre + GAP_CANDIDATES // 2 + 1)
                for j in news_sorted[a:b]:
                    cand[j] = None
            for j in by_label.get(self.o.labels[i], ())[:LABEL_CANDIDATES]:
                cand[j] = None
            out[i] = [j for j in cand if (i, j) not in self.forbid]
        return out

    def wide_search(self, olds: list[int], news: list[int], cand: dict[int, list[int]]) -> None:
        """For old points without a candidate at the threshold, look through every leftover new point."""
        if not olds or not news:
            return
        budget = WIDE_SEARCH_PAIRS // max(1, len(news))
        if budget <= 0:
            return
        from rapidfuzz import process  # extract, not cdist: cdist needs numpy, not a dependency
        from rapidfuzz.distance import Indel

        choices = [self.n.bag[j] for j in news]  # weighted bags, compared bit-parallel in C
        cutoff = self.opts.threshold * WIDE_SEARCH_CUTOFF
        for i in olds[:budget]:
            hits = process.extract(
                self.o.bag[i],
                choices,
                scorer=Indel.normalized_similarity,
                score_cutoff=cutoff,
                limit=WIDE_SEARCH_HITS,
            )
            extra = [
                news[k]
                for _, _, k in sorted(hits, key=lambda h: (-h[1], h[2]))
                if (i, news[k]) not in self.forbid
            ]
            cand[i] = list(dict.fromkeys(cand.get(i, []) + extra))
            self._proposed[i] = self._proposed.get(i, []) + extra

    # -- pass 3 and 4: scored assignment
    def _weight(self, i: int, j: int, sim: float, gaps: Gaps, window=None) -> tuple[float, float]:
        close = gaps.closeness(i, j, window)
        w = sim
        if close >= 0:
            w += ORDER_BONUS * (0.5 + 0.5 * close)
        if self.o.labels[i] and self.o.labels[i] == self.n.labels[j]:
            w += LABEL_BONUS
        return w, close

    def _shared_children(self, i: int, j: int) -> float:
        """Dice coefficient of the normalised texts of the two points' sub-points (0 unless two coincide)."""
        a, b = self.o.points[i].points, self.n.points[j].points
        if not a or not b:
            return 0.0
        ca = Counter(normalize(c.text) for c in a)
        cb = Counter(normalize(c.text) for c in b)
        common = sum((ca & cb).values())
        return 2 * common / (len(a) + len(b)) if common >= CHILDREN_MIN_COMMON else 0.0

    def _evidence(self, i: int, j: int) -> int:
        """Whether old i and new j share a *rare* token: one held by at most ``RARE_TOKEN_SHARE`` of the
        points in play (and at least ``RARE_TOKEN_MIN``), e.g. a place, an object, an amount.

        The order and label passes pair points on their place; without one rare word in common ("United
        States", "agree" and "shall" are everywhere) the place alone is no evidence.
        """
        bar = max(RARE_TOKEN_MIN, RARE_TOKEN_SHARE * self.n_active)
        df = self.df
        return sum(1 for c in set(self.o.seq[i]) & set(self.n.seq[j]) if df[c] <= bar)

    def scored_pass(self, relaxed: bool) -> None:
        olds, news = self.free_old(), self.free_new()
        if not olds or not news:
            return
        gaps = Gaps(self.o2n, len(self.o.points), len(self.n.points))
        cand = self.candidates(olds, news, gaps)
        opts = self.opts
        sim = self.scorer.sim
        if not relaxed and not (opts.exhaustive or len(olds) * len(news) <= ALL_PAIRS_CELLS):
            weak = [i for i in olds if not any(sim(i, j) >= opts.threshold for j in cand[i])]
            self.wide_search(weak, news, cand)
        edges: dict[tuple[int, int], float] = {}
        how: dict[tuple[int, int], str] = {}
        allw: dict[tuple[int, int], float] = {}
        weak: dict[tuple[int, int], float] = {}  # placed like a pair but without a rare word in common
        for i in olds:
            window = gaps.window(i)
            alone = relaxed and self._alone_in_gap(i, window, olds, news)
            for j in cand[i]:
                s = sim(i, j)
                w, close = self._weight(i, j, s, gaps, window)
                allw[(i, j)] = w
                # a move is taken in the first pass only when it is near-certain (FIRST_PASS_MOVE): a
                # template-like point far away must not take the piece of a split from its place
                if s >= (
                    opts.threshold
                    if close >= 0
                    else opts.move_threshold
                    if relaxed
                    else max(opts.move_threshold, FIRST_PASS_MOVE)
                ):
                    if self._shape_clash(i, j):
                        continue  # words shared with the heading's sub-points: linked across depths later
                    how[(i, j)] = "fuzzy"
                elif (
                    relaxed
                    and close >= 0
                    and s >= opts.order_floor
                    and (alone or self._evidence(i, j))
                    and not self._shape_clash(i, j)
                ):
                    how[(i, j)] = "order"
                elif (
                    relaxed
                    and close >= 0
                    and s >= opts.label_floor
                    and self.o.labels[i] == self.n.labels[j]
                    and (alone or self._evidence(i, j))
                ):
                    how[(i, j)] = "label"
                elif relaxed and close >= 0 and self._shared_children(i, j) >= CHILDREN_FLOOR:
                    # two section heads in the same gap whose sub-points largely coincide
                    how[(i, j)] = "order"
                    w += self._shared_children(i, j)
                else:
                    if (
                        relaxed
                        and close >= 0
                        and (
                            s >= opts.order_floor
                            or s >= opts.label_floor
                            and self.o.labels[i] == self.n.labels[j]
                        )
                    ):
                        weak[(i, j)] = s  # placed like a pair, declined for want of a rare word in common
                    continue
                edges[(i, j)] = w
        edges_at_new: dict[int, list[int]] = defaultdict(list)
        for ii, jj in edges:
            edges_at_new[jj].append(ii)
        for i, j in assign(edges):
            w = edges[(i, j)]
            rivals = [(jj, allw[(i, jj)]) for jj in cand[i] if jj != j and (i, jj) in edges]
            rivals_old = [allw[(ii, j)] for ii in edges_at_new[j] if ii != i]
            best_rival = max([r for _, r in rivals] + rivals_old, default=0.0)
            s = sim(i, j)
            gap = w - best_rival
            conf = 0.5 * min(1.0, s / opts.threshold) + 0.5 * max(0.0, min(1.0, gap / (2 * opts.margin)))
            alts = sorted(
                ((jj, round(sim(i, jj), 4)) for jj, r in rivals if r >= w - opts.margin), key=lambda t: -t[1]
            )
            self._link(i, j, s, round(conf, 4), how[(i, j)], alts)
        for (i, j), s in sorted(weak.items()):
            if (j, round(s, 4)) not in self.unpaired[i]:  # (the pass runs again after structure links)
                self.unpaired[i].append((j, round(s, 4)))

    def _shape_clash(self, i: int, j: int) -> bool:
        """A flat point against a short heading over sub-points (either way round), with links across depths
        to follow: the heading's words are its sub-points', and the flat point belongs with one of them.
        Only the passes on similarity (fuzzy, order) decline such a pair: one on its label and place stands."""
        if not self.opts.across_tree:
            return False
        a, b = self.o.points[i], self.n.points[j]
        return (not a.points and self._heading_over(self.n, j)) or (
            not b.points and self._heading_over(self.o, i)
        )

    def _alone_in_gap(
        self, i: int, window: tuple[int, int, int, int], olds: list[int], news: list[int]
    ) -> bool:
        """Old i is the only free old point between its two anchors, facing exactly one free new point."""
        old_lo, old_hi, new_lo, new_hi = window
        n_old = bisect_left(olds, old_hi) - bisect_right(olds, old_lo)
        n_new = bisect_left(news, new_hi) - bisect_right(news, new_lo)
        return n_old == 1 and n_new == 1

    def o2n_1to1(self, k: int, *, reverse: bool) -> int | None:
        """The 1:1 partner of old k (of new k when ``reverse``), or None."""
        v = (self.n2o if reverse else self.o2n).get(k)
        return v if v is not None and v >= 0 else None

    def _postings(self, side: Side) -> dict[str, list[int]]:
        """Inverted index of a whole side: token character -> indices of the points holding it."""
        cache = self._postings_cache.get(id(side))
        if cache is None:
            cache = defaultdict(list)
            for k, seq in enumerate(side.seq):
                if seq is not None:  # only the points in play after the exact pass
                    for c in set(seq):
                        cache[c].append(k)
            self._postings_cache[id(side)] = cache
        return cache

    def _proposals(self, seq: str, postings: dict[str, list[int]], allowed: set[int]) -> list[int]:
        toks = sorted(set(seq), key=lambda c: (len(postings.get(c, ())), c))[:TOKENS_PER_QUERY]
        votes: Counter = Counter()
        for c in toks:
            votes.update(k for k in postings.get(c, ()) if k in allowed)
        return [k for k, _ in votes.most_common(INDEX_CANDIDATES)]

    def run(self) -> list[Link]:
        self.exact()
        exact = {i for i, lk in self.links.items() if lk.matched_by == "exact"}
        self.df, self.n_active, self._codec, self._rep = tokenise(
            self.o,
            self.n,
            [i for i in range(len(self.o.points)) if i not in exact],
            [j for j in range(len(self.n.points)) if self.n2o.get(j) not in exact],
        )
        for i, j in self.pins:
            self.links[i].similarity = self.scorer.sim(i, j, exact=True)
        self.scored_pass(relaxed=False)
        self.containment_pass()
        self.scored_pass(relaxed=True)
        self.absorb_pass()
        # structure, iterated: each round's links move the anchors; the order pass then sees new gaps
        for _ in range(STRUCTURE_ROUNDS):
            if not self.structure_pass():
                break
            self.scored_pass(relaxed=True)
        self.track_pass()
        links = [lk for lk in self.links.values()] + self.groups
        links.sort(key=lambda lk: (lk.old[0], lk.new[0]))
        return links
