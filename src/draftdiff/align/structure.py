"""Structure as evidence: a rewrite in place links on its place and label, not on its words.

Drafts of one text keep their skeleton far more reliably than their words. A *slot* is a run of free
points on each side between the same two linked neighbours: old ``a..b`` and new ``c..d`` where old
``a-1`` is linked to new ``c-1`` and old ``b+1`` to new ``d+1`` (or the ends of both lists). A slot with
as many points on each side (a one-to-one slot, bounded by at least one linked neighbour, at most ``STRUCTURE_SLOT_MAX`` a side) whose printed
labels agree pair by pair links in order (``matched_by="structure"``), whatever the similarity, unless
the text positively contradicts it: either point has a free partner elsewhere clearly more similar
(``STRUCTURE_RIVAL_MARGIN`` above the pair, at least ``STRUCTURE_RIVAL_FLOOR``). Such a link has a low
confidence, carries its rivals as alternatives, and is classified revised when its words are far apart:
"rewritten in place".

A slot with unequal sides (two old points facing one new point, say) gives no structure link: which
pair belongs together is then a question of words (Geneva 10 on arms control and the framework's 10 on
free trade share a label, but old 8 stands in the same slot: dropped + added, with an alternative).

The pass is iterated with the order pass (:meth:`Aligner.run`): each round's links move the anchors,
so that the next round sees new gaps and new slots, a few rounds at most.

>>> from draftdiff.model import draft_from_texts
>>> from draftdiff.align import align
>>> a = draft_from_texts(["Ceasefire at once.", "Grain exports resume by sea.", "Elections within 100 days."])
>>> b = draft_from_texts(["Ceasefire at once.", "Shipping lanes reopen for cereals.", "Elections within 100 days."])
>>> [(lk.old, lk.new, lk.matched_by) for lk in align(a.points, b.points)][1]
((1,), (1,), 'structure')
"""

from __future__ import annotations

from .tuning import (
    STRUCTURE_CONFIDENCE,
    STRUCTURE_RIVAL_FLOOR,
    STRUCTURE_RIVAL_MARGIN,
    STRUCTURE_RIVAL_SCAN,
    STRUCTURE_SLOT_MAX,
)

__all__ = ["StructurePass", "slots"]


def slots(
    n_old: int, n_new: int, old_links: dict[int, tuple[int, ...]], new_links: dict[int, tuple[int, ...]]
) -> list[tuple[range, range]]:
    """The slots of a matching: (old run, new run) of free points between the same linked neighbours.

    ``old_links[i]`` are the new indices old i is linked to, ``new_links[j]`` the old ones. A run bounded
    by the two ends of the lists (nothing linked at all) is no slot: there is no neighbour to go by.

    >>> slots(4, 4, {0: (0,), 3: (3,)}, {0: (0,), 3: (3,)})
    [(range(1, 3), range(1, 3))]
    >>> slots(3, 3, {1: (2,)}, {2: (1,)})  # old 0 faces new 0..1, old 2 faces nothing
    [(range(0, 1), range(0, 2))]
    >>> slots(1, 1, {}, {})
    []
    """
    out = []
    i = 0
    while i < n_old:
        if i in old_links:
            i += 1
            continue
        a = i
        while i < n_old and i not in old_links:
            i += 1
        c = max(old_links[a - 1]) + 1 if a else 0  # just after the left neighbour's partner
        d = min(old_links[i]) if i < n_old else n_new  # just before the right neighbour's partner
        if (a or i < n_old) and c < d and not any(j in new_links for j in range(c, d)):
            out.append((range(a, i), range(c, d)))
    return out


class StructurePass:
    """The structure pass (see the module docstring); a mixin of :class:`~draftdiff.align.aligner.Aligner`."""

    def _link_maps(self) -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
        old_links: dict[int, tuple[int, ...]] = {}
        new_links: dict[int, tuple[int, ...]] = {}
        for lk in [*self.links.values(), *self.groups]:
            for i in lk.old:
                old_links[i] = lk.new
            for j in lk.new:
                new_links[j] = lk.old
        return old_links, new_links

    def _printed_label(self, side, k: int) -> str:
        """The printed label of point k ('' for a bullet, whose label is only its position)."""
        p = side.points[k]
        return "" if p.style == "bullet" or not any(ch.isalnum() for ch in side.labels[k]) else side.labels[k]

    def structure_pass(self) -> int:
        """Link the one-to-one slots whose labels agree (see the module docstring); the number of links."""
        if not self.opts.structure:
            return 0
        old_links, new_links = self._link_maps()
        self._free_o = [
            k for k in range(len(self.o.points)) if k not in self.o2n and self.o.seq[k] is not None
        ]
        self._free_n = [
            k for k in range(len(self.n.points)) if k not in self.n2o and self.n.seq[k] is not None
        ]
        made = 0
        for olds, news in slots(len(self.o.points), len(self.n.points), old_links, new_links):
            if len(olds) != len(news) or len(olds) > STRUCTURE_SLOT_MAX:
                continue
            pairs = list(zip(olds, news))
            if not all(
                self._printed_label(self.o, i)
                and self._printed_label(self.o, i) == self._printed_label(self.n, j)
                for i, j in pairs
            ):
                continue
            for i, j in pairs:
                if (i, j) in self.forbid or self.o.points[i].track != self.n.points[j].track:
                    continue
                if self.o.seq[i] is None or self.n.seq[j] is None:
                    continue  # (no tokens: exact-paired texts elsewhere; nothing to weigh)
                s = self.scorer.sim(i, j, exact=True)
                rivals = self._structure_rivals(i, j, s)
                if rivals is None:
                    continue  # the text contradicts the place
                conf = STRUCTURE_CONFIDENCE * (1 + min(1.0, s / self.opts.threshold))
                self._link(i, j, round(s, 4), round(conf, 4), "structure", rivals)
                made += 1
        return made

    def _structure_rivals(self, i: int, j: int, s: float) -> tuple[tuple[int, float], ...] | None:
        """The free new points that rival new j for old i (alternatives), or None when a rival of either
        point is clearly better (``STRUCTURE_RIVAL_MARGIN`` above ``s``, at least ``STRUCTURE_RIVAL_FLOOR``)."""
        bar = max(STRUCTURE_RIVAL_FLOOR, s + STRUCTURE_RIVAL_MARGIN)
        sim = self.scorer.sim
        alts = []
        for j2 in self._free_partners(self.o.seq[i], self.n, self._free_n, self.n2o, j):
            v = sim(i, j2)
            if v >= bar:
                return None
            if v >= self.opts.label_floor and v >= s - self.opts.margin:
                alts.append((j2, round(v, 4)))
        for i2 in self._free_partners(self.n.seq[j], self.o, self._free_o, self.o2n, i):
            if sim(i2, j) >= bar:
                return None
        return tuple(sorted(alts, key=lambda t: (-t[1], t[0]))[:3])

    def _free_partners(self, seq, side, free: list[int], linked: dict[int, int], skip: int) -> list[int]:
        """Free points of ``side`` that might be a better partner: all of them in a small level, else the
        inverted index's proposals (never all pairs of a large level)."""
        if len(free) > STRUCTURE_RIVAL_SCAN:
            free = self._proposals(seq, self._postings(side), set(free))
        return [k for k in free if k != skip and k not in linked]
