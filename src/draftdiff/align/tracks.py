"""Pass 6: pairs across a deferred track (a provision moved to, or back from, a separate track).

A mixin of :class:`~draftdiff.align.aligner.Aligner`.
"""

from __future__ import annotations

from .evidence import containment
from .solver import assign
from .tuning import TRACK_ALL_PAIRS_CELLS, TRACK_CONTAIN_WEIGHT, TRACK_RARE_SHARED

__all__ = ["TrackPass"]


class TrackPass:
    """Pass 6 (see :meth:`track_pass`)."""

    # -- pass 6: deferred tracks
    def track_pass(self) -> None:
        """Leftover pairs where one side stands on a deferred track and the other does not (or on another).

        The score is the larger of the similarity and 0.8 x the containment of the shorter in the longer
        (a track often lists a provision by a short summary). A pair below ``track_floor`` but at or above
        ``label_floor`` that shares at least ``TRACK_RARE_SHARED`` rare words (see :meth:`_evidence`) is
        taken too: a provision brought back from a track into the main text is often rewritten around the
        same key words ("territorial arrangements", "line of contact").
        """
        olds, news = self.free_old(), self.free_new()
        track_o = {i: self.o.points[i].track for i in olds}
        track_n = {j: self.n.points[j].track for j in news}
        if not any(track_o.values()) and not any(track_n.values()):
            return
        pairs: list[tuple[int, int]] = []
        if len(olds) * len(news) <= TRACK_ALL_PAIRS_CELLS:
            pairs = [(i, j) for i in olds for j in news if track_o[i] != track_n[j]]
        else:  # large: tracked points on either side look for partners among their index proposals
            post_o, post_n = self._postings(self.o), self._postings(self.n)
            free_o, free_n = set(olds), set(news)
            found: set[tuple[int, int]] = set()
            for j in news:
                if track_n[j]:
                    found.update((i, j) for i in self._proposals(self.n.seq[j], post_o, free_o))
            for i in olds:
                if track_o[i]:
                    found.update((i, j) for j in self._proposals(self.o.seq[i], post_n, free_n))
            pairs = sorted(p for p in found if track_o[p[0]] != track_n[p[1]])
        edges: dict[tuple[int, int], float] = {}
        for i, j in pairs:
            if (i, j) in self.forbid:
                continue
            s = self.scorer.sim(i, j)
            co, cn = self.o.counts[i], self.n.counts[j]
            shorter, longer = (co, cn) if sum(co.values()) <= sum(cn.values()) else (cn, co)
            score = max(s, TRACK_CONTAIN_WEIGHT * containment(shorter, longer)) if len(shorter) >= 2 else s
            if score >= self.opts.track_floor or (
                score >= self.opts.label_floor and self._evidence(i, j) >= TRACK_RARE_SHARED
            ):
                edges[(i, j)] = score
        for i, j in assign(edges):
            self._link(i, j, self.scorer.sim(i, j, exact=True), round(min(1.0, edges[(i, j)]), 4), "track")
