"""Merges and splits: the containment pass (pass 4) and the absorb pass (5b).

A mixin of :class:`~draftdiff.align.aligner.Aligner`: it reads and writes the aligner's links.

>>> from draftdiff.model import draft_from_texts
>>> from draftdiff.align import align
>>> a = draft_from_texts(["Prisoners are exchanged all for all.", "Hostages are returned home."]).points
>>> b = draft_from_texts(["Prisoners are exchanged all for all and hostages are returned home."]).points
>>> [(lk.old, lk.new, lk.matched_by) for lk in align(a, b)]
[((0, 1), (0,), 'containment')]
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict

from ..normalize import stems
from .evidence import Side, containment
from .links import Link
from .order import Gaps
from .tuning import (
    ABSORB,
    ABSORB_CONFIDENCE,
    ABSORB_REACH,
    ABSORB_RIVAL_SCAN,
    CONTAIN_FAR,
    FAR_CANDIDATES,
    GAP_CANDIDATES,
    GROUP_CONFIDENCE,
    MAX_TOKEN_WEIGHT,
    MIN_GAIN,
    MIN_VOTING_DF,
    SHORT_OWN_TEXT_WORDS,
    TOKENS_PER_QUERY,
)

__all__ = ["GroupPasses"]


class GroupPasses:
    """Passes 4 (containment merges and splits, grown 1:1 pairs) and 5b (absorb)."""

    # -- pass 5: containment (merges and splits)
    def containment_pass(self) -> None:
        """Merges (several old points in one new point), then splits (one old point in several new ones)."""
        gaps = Gaps(self.o2n, len(self.o.points), len(self.n.points))
        merges = self._gather(
            self.o, self.n, self.free_old(), self.o2n, self.free_new(), gaps.window_new_of_old
        )
        for j, members in sorted(merges.items()):
            partner = self.o2n_1to1(j, reverse=True)
            group = self._valid_group(self.n.counts[j], members, partner, self.o.counts)
            if group:
                self._make_group(tuple(group), (j,))
            elif partner is None and len(members) == 1:
                c = containment(self.o.counts[members[0]], self.n.counts[j])
                self._grown(members[0], j, c, self._runner_up.get((id(self.o), members[0]), 0.0))
        gaps = Gaps(self.o2n, len(self.o.points), len(self.n.points))
        splits = self._gather(
            self.n, self.o, self.free_new(), self.n2o, self.free_old(), gaps.window_old_of_new
        )
        for i, members in sorted(splits.items()):
            if self.o2n.get(i) == -1:
                continue  # already a piece of a merge above: a point belongs to one change only
            partner = self.o2n_1to1(i, reverse=False)
            group = self._valid_group(self.o.counts[i], members, partner, self.n.counts)
            if group:
                self._make_group((i,), tuple(group))
            elif partner is None and len(members) == 1 and members[0] not in self.n2o:
                c = containment(self.n.counts[members[0]], self.o.counts[i])
                self._grown(i, members[0], c, self._runner_up.get((id(self.n), members[0]), 0.0))

    def _grown(self, i: int, j: int, contained: float, runner_up: float) -> None:
        """A 1:1 pair where one text lies almost wholly in the other (a clause added or cut).

        Not when another point contains it nearly as well (a near tie is left to the order pass, which
        reports alternatives).
        """
        if (
            (i, j) in self.forbid
            or i in self.o2n
            or j in self.n2o
            or runner_up >= contained - self.opts.margin
        ):
            return
        s = self.scorer.sim(i, j)
        if s >= self.opts.move_threshold:
            return  # similar enough for the order pass to take it as it is (fuzzy, with its rivals)
        if contained >= CONTAIN_FAR and s >= self.opts.order_floor:
            self._link(
                i, j, s, round(0.5 + 0.5 * contained * min(1.0, s / self.opts.threshold), 4), "containment"
            )

    def _gather(self, src: Side, dst: Side, free_src, link, free_dst, window) -> dict[int, list[int]]:
        """For each free point of ``src``, the ``dst`` point that contains it best, if any: {dst: [src...]}.

        Candidates: the partners of its two neighbours (a merged or split piece sits next to the rest),
        the free points between the same anchors, and inverted-index proposals (these must be contained
        more fully, ``CONTAIN_FAR``, since nothing in the order supports them).
        """
        if not free_src:
            return {}
        postings = self._postings(dst)
        max_df = max(MIN_VOTING_DF, int(math.sqrt(len(dst.points))))
        free_dst_sorted = sorted(free_dst)
        out: dict[int, list[int]] = defaultdict(list)
        for m in free_src:
            part = src.counts[m]
            if len(src.seq[m]) < 2:
                continue
            near: dict[int, None] = {}
            for d in (-1, 1):
                v = link.get(m + d)
                if v is not None and v >= 0 and dst.counts[v] is not None:
                    near[v] = None
            lo, hi = window(m)
            a, b = bisect_right(free_dst_sorted, lo), bisect_left(free_dst_sorted, hi)
            for k in free_dst_sorted[a:b][:GAP_CANDIDATES]:
                near[k] = None
            flat = not src.points[m].points
            best, best_score, second = None, 0.0, 0.0
            for k in near:
                if flat and self._heading_over(dst, k):
                    continue
                c = containment(part, dst.counts[k])
                second = max(second, min(c, best_score))
                if c >= self.opts.contain and c > best_score:
                    best, best_score = k, c
            # nothing nearby: the index proposes far containers, held to a higher bar; not when every dst
            # point was already tried above (a tiny side against a huge one: the index would only
            # propose the same points again, at the higher bar)
            if best is None and len(near) < len(dst.points):
                if len(dst.points) <= FAR_CANDIDATES:  # a tiny side: try its points, no index query
                    far = [k for k in range(len(dst.points)) if k not in near and dst.counts[k] is not None]
                else:
                    far = self._far(src.seq[m], postings, max_df)
                bar = max(self.opts.contain, CONTAIN_FAR)
                for k in far:
                    if flat and self._heading_over(dst, k):
                        continue
                    c = containment(part, dst.counts[k])
                    second = max(second, min(c, best_score))
                    if c >= bar and c > best_score:
                        best, best_score = k, c
            self._runner_up[(id(src), m)] = second
            if best is not None:
                out[best].append(m)
        return out

    def _heading_over(self, side: Side, k: int) -> bool:
        """Point k is a short heading over sub-points (its words are mostly theirs, see ``match_text``),
        and links across depths run after this level: a flat point found in it has moved under it, into
        one of its sub-points, rather than merged into it; the pass across the tree pairs it there.

        >>> from draftdiff.model import Point
        >>> from draftdiff.align.aligner import Aligner
        >>> from draftdiff.align.tuning import AlignOptions
        >>> head = Point("1", "1", "Members", points=(Point("1.1", "1", "Members pay a fee."),))
        >>> a = Aligner([head], [head], AlignOptions(), (), frozenset())
        >>> a._heading_over(a.o, 0), Aligner([head], [head], AlignOptions(across_tree=False), (), frozenset())._heading_over(a.o, 0)
        (True, False)
        """
        p = side.points[k]
        return self.opts.across_tree and bool(p.points) and len(p.text.split()) < SHORT_OWN_TEXT_WORDS

    @staticmethod
    def _far(seq, postings, max_df: int) -> list[int]:  # type: ignore[no-untyped-def]
        """The inverted index's proposals for a point's words: the ``FAR_CANDIDATES`` most voted."""
        toks = sorted(set(seq), key=lambda c: (len(postings.get(c, ())), c))[:TOKENS_PER_QUERY]
        votes: Counter = Counter()
        for c in toks:
            lst = postings.get(c, ())
            if len(lst) <= max_df:
                votes.update(lst)
        return [k for k, _ in votes.most_common(FAR_CANDIDATES)]

    def _valid_group(self, whole: Counter, members: list[int], partner: int | None, counts) -> list[int]:
        """The members (with the container's partner) that together account for the container, or [].

        Every member must add to the coverage of the container (``MIN_GAIN``): a point whose words the
        others already supply is no part of the merge, which keeps a plain 1:1 rewording 1:1.
        """
        group = sorted(set(members) | ({partner} if partner is not None else set()))
        total = max(1, sum(whole.values()))

        def cover(ids: list[int]) -> float:
            union: Counter = Counter()
            for k in ids:
                union |= counts[k]
            return sum(min(n, union[t]) for t, n in whole.items()) / total

        while len(group) >= 2:
            full = cover(group)
            if full < self.opts.cover:
                return []
            gains = [(full - cover([k for k in group if k != m]), m) for m in group]
            worst = min(gains)
            if worst[0] >= MIN_GAIN:
                return group
            group.remove(worst[1])
        return []

    def _make_group(
        self, olds: tuple[int, ...], news: tuple[int, ...], confidence: float = GROUP_CONFIDENCE
    ) -> None:
        for i in olds:
            if i in self.o2n:
                self.n2o.pop(self.o2n.pop(i), None)
                self.links.pop(i, None)
        for j in news:
            if j in self.n2o:
                self.links.pop(self.n2o[j], None)
                self.o2n.pop(self.n2o.pop(j), None)
        whole = Counter()
        for i in olds:
            whole.update(self.o.counts[i])
        other = Counter()
        for j in news:
            other.update(self.n.counts[j])
        sim = 2 * sum((whole & other).values()) / max(1, sum(whole.values()) + sum(other.values()))
        link = Link(olds, news, round(sim, 4), confidence, "containment")
        self.groups.append(link)
        for i in olds:
            self.o2n[i] = -1
        for j in news:
            self.n2o[j] = -1

    # -- pass 5b: lossy merges and splits next to a weak pair
    def _full_counts(self, side: Side, k: int) -> Counter:
        """Weighted tokens of point k with all its sub-points (a rare token unseen so far weighs most)."""
        p = side.points[k]
        text = " ".join(c.text for c in p.walk())
        codes = self._codec.encode(stems(text))
        return Counter("".join(c * self._rep.get(c, MAX_TOKEN_WEIGHT) for c in codes))

    def _free_rival(self, src: Side, dst: Side, link_dst: dict[int, int], k: int, c: float) -> bool:
        """Whether a free point of ``dst`` contains point k of ``src`` nearly as well as ``c``: then k may
        be that point's rewrite (a move), not a piece of a split or merge."""
        free = [m for m in range(len(dst.points)) if m not in link_dst and dst.counts[m] is not None]
        if len(free) > ABSORB_RIVAL_SCAN:
            free = self._proposals(src.seq[k], self._postings(dst), set(free))
        part = src.counts[k]
        return any(containment(part, dst.counts[m]) >= c - self.opts.margin for m in free)

    def absorb_pass(self) -> None:
        """A free point right next to (``ABSORB_REACH`` places) the partner of a *weak* pair (paired by
        order, label or containment, below ``threshold``) and lying at least ``ABSORB`` inside the other
        side's point with its sub-points is a piece of it: the pair becomes a split (a free new point) or
        a merge (a free old point).

        This is the lossy, paraphrased split or merge: the pieces rewrite the whole and drop some of it,
        so the containment pass (which wants the pieces to account for ``cover`` of the whole) misses it;
        nearness to the weak pair stands in for the missing words. A strong pair does not absorb: its
        neighbours are more likely added or dropped points of their own.
        """
        sides = ((self.n, self.o, self.n2o, self.o2n), (self.o, self.n, self.o2n, self.n2o))
        for side, (src, dst, link_src, link_dst) in enumerate(sides):
            other = sides[1 - side]
            for k in range(len(src.points)):
                best = self._absorb_target(src, dst, link_src, link_dst, k)
                if best is None:
                    continue
                old_i, new_j = best
                # A free point on the other side that would join the same pair makes it ambiguous (a split
                # or a merge?): absorb neither, so that compare(a, b) and compare(b, a) mirror each other.
                end = old_i if src is self.n else new_j
                if any(
                    self._absorb_target(*other, k2) == best
                    for k2 in range(end - ABSORB_REACH - 1, end + ABSORB_REACH + 2)
                    if 0 <= k2 < len(other[0].points)
                ):
                    continue
                if src is self.n:
                    self._make_group((old_i,), tuple(sorted((new_j, k))), confidence=ABSORB_CONFIDENCE)
                else:
                    self._make_group(tuple(sorted((old_i, k))), (new_j,), confidence=ABSORB_CONFIDENCE)

    def _absorb_target(self, src: Side, dst: Side, link_src, link_dst, k: int) -> tuple[int, int] | None:
        """The weak pair (old, new) that free point k of ``src`` would join as a piece, if any."""
        if k in link_src or not src.seq[k] or len(src.seq[k]) < 2:
            return None
        n_src = len(src.points)
        part = src.counts[k]
        best, best_c = None, ABSORB
        for d in range(-ABSORB_REACH, ABSORB_REACH + 1):
            nb = k + d
            if d == 0 or not 0 <= nb < n_src:
                continue
            whole = link_src.get(nb)
            if whole is None or whole < 0:
                continue
            old_i = whole if src is self.n else nb
            lk = self.links.get(old_i)
            if lk is None or lk.matched_by not in ("order", "label", "containment"):
                continue
            if lk.similarity >= self.opts.threshold:
                continue
            new_j = lk.new[0]
            if (old_i, k) in self.forbid if src is self.n else (k, new_j) in self.forbid:
                continue
            if not src.points[k].points and self._heading_over(dst, whole):
                continue
            whole_counts = self._full_counts(dst, whole)
            c = containment(part, whole_counts)
            if c < best_c:
                continue
            # the piece must bring words of the whole that its partner does not already supply
            partner = src.counts[nb]
            before = containment(whole_counts, partner)
            if containment(whole_counts, partner | part) - before < MIN_GAIN:
                continue
            best, best_c = (old_i, new_j), c
        if best is None or self._free_rival(src, dst, link_dst, k, best_c):
            return None
        return best
