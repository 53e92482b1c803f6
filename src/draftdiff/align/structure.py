"""Structure as evidence: a rewrite in place links on its place and label, not on its words.

Drafts of one text keep their skeleton far more reliably than their words. A *slot* is a run of free
points on each side between the same two linked neighbours: old ``a..b`` and new ``c..d`` where old
``a-1`` is linked to new ``c-1`` and old ``b+1`` to new ``d+1`` (or the ends of both lists). A slot with
as many points on each side (a one-to-one slot, bounded by at least one linked neighbour, at most ``STRUCTURE_SLOT_MAX`` a side) whose printed
labels agree pair by pair links in order (``matched_by="structure"``), whatever the similarity, unless
the text positively contradicts it: either point has a free partner elsewhere clearly more similar
(``STRUCTURE_RIVAL_MARGIN`` above the pair, at least ``STRUCTURE_RIVAL_FLOOR``; a point some slot
pairs by its place is no rival). Such a link has a low
confidence, carries its rivals as alternatives, and is classified revised when its words are far apart:
"rewritten in place".

When a deletion or insertion has shifted the numbers, the labels agree under an *offset*: old n is new
n + k, as the linked neighbours show (the *offset* rule), and a slot one point longer on one side whose
neighbours' offsets step by one (k on the left, k - 1 on the right: a point deleted inside it) links on
both sides of the left-out point, placed where the words are clearly best (the *step* rule; see
:func:`plan_slot`). Links the order and label passes made on place alone that cross another link bound
no slot: a slot that links takes them back.

Otherwise a slot with unequal sides (two old points facing one new point, say) gives no structure link:
which pair belongs together is then a question of words (Geneva 10 on arms control and the framework's
10 on free trade share a label, but old 8 stands in the same slot: dropped + added, with an
alternative).

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

from .order import in_every_lis
from .tuning import (
    STRUCTURE_CONFIDENCE,
    STRUCTURE_RIVAL_FLOOR,
    STRUCTURE_RIVAL_MARGIN,
    STRUCTURE_RIVAL_SCAN,
    STRUCTURE_SHAPE_BONUS,
    STRUCTURE_SHIFT_SLOT_MAX,
    STRUCTURE_SLOT_MAX,
)

__all__ = ["StructurePass", "label_ordinal", "plan_slot", "slots"]

#: Links the order and label passes made on place alone: a slot may take them back when they cross.
_SOFT = ("order", "label")


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


def label_ordinal(label: str) -> int | None:
    """The number a printed label counts with: ``12`` -> 12, ``c`` -> 3 (one letter); else None.

    >>> label_ordinal("12"), label_ordinal("c"), label_ordinal("iv"), label_ordinal("2.1"), label_ordinal("")
    (12, 3, None, None, None)
    """
    if label.isascii() and label.isdigit():
        return int(label)
    if len(label) == 1 and label.isascii() and label.isalpha():
        return ord(label.lower()) - ord("a") + 1
    return None


def plan_slot(
    old_labels: list[str],
    new_labels: list[str],
    k_left: int | None,
    k_right: int | None,
    sim,
    margin: float = 0.05,
) -> list[tuple[int, int]] | None:
    """The pairs (slot positions) a slot links by its place, or None.

    ``old_labels`` / ``new_labels`` are the printed labels of the slot's points ('' for a bullet),
    ``k_left`` / ``k_right`` the label offsets (new number minus old number) of its two linked
    neighbours (None: no neighbour, or one whose labels do not count), ``sim(q, r)`` the similarity of
    old q and new r. Three rules, the first that applies:

    1. *equal labels*: as many points on each side (at most ``STRUCTURE_SLOT_MAX``), labels equal pair
       by pair;
    2. *offset*: as many points on each side, the labels of every pair offset by the same k as the
       neighbours show (one neighbour at an end of the list, else both with the same k): old n is new
       n + k, the numbers shifted by an earlier deletion or insertion;
    3. *step*: one point more on one side, the left neighbour offset by k and the right one by k - 1
       (a point deleted in the slot) or k + 1 (one inserted): the pairs left of the deleted (inserted)
       point keep the left offset, those right of it the right one. Where it is, is a question of
       words: the place with the greatest total similarity, when it beats every other place by
       ``margin`` (else the words do not say which: nothing is linked).

    Rules 2 and 3 need numbers or single letters as labels, at most ``STRUCTURE_SHIFT_SLOT_MAX`` points
    a side.

    >>> plan_slot(["4", "5"], ["4", "5"], None, 0, lambda q, r: 0.0)
    [(0, 0), (1, 1)]
    >>> plan_slot(["4", "5"], ["3", "4"], -1, -1, lambda q, r: 0.0)  # numbers shifted by one
    [(0, 0), (1, 1)]
    >>> plan_slot(["4", "5"], ["3", "4"], 0, -1, lambda q, r: 0.0) is None  # the neighbours disagree
    True
    >>> plan_slot(["3", "4", "5"], ["3", "4"], 0, -1, lambda q, r: [[.1, 0], [.4, 0], [0, .3]][q][r])
    [(1, 0), (2, 1)]
    >>> plan_slot(["3", "4"], ["3"], 0, -1, lambda q, r: 0.0) is None  # old 3 or old 4? the words say neither
    True
    """
    n_old, n_new = len(old_labels), len(new_labels)
    if n_old == n_new <= STRUCTURE_SLOT_MAX and all(a and a == b for a, b in zip(old_labels, new_labels)):
        return [(q, q) for q in range(n_old)]
    if max(n_old, n_new) > STRUCTURE_SHIFT_SLOT_MAX:
        return None
    on = [label_ordinal(x) for x in old_labels]
    nn = [label_ordinal(x) for x in new_labels]
    if None in on or None in nn:
        return None
    if n_old == n_new:
        ks = {k for k in (k_left, k_right) if k is not None}
        if len(ks) != 1:
            return None
        k = ks.pop()
        return [(q, q) for q in range(n_old)] if all(nn[q] - on[q] == k for q in range(n_old)) else None
    if k_left is None or k_right is None or abs(n_old - n_new) != 1 or k_right - k_left != n_new - n_old:
        return None
    plans = []
    for p in range(max(n_old, n_new)):  # the point of the longer side left out
        pairs = [(q, q) for q in range(p)]
        pairs += [(q + 1, q) if n_old > n_new else (q, q + 1) for q in range(p, min(n_old, n_new))]
        if all(nn[r] - on[q] == (k_left if min(q, r) < p else k_right) for q, r in pairs):
            plans.append((sum(sim(q, r) for q, r in pairs), p, pairs))
    plans.sort(key=lambda t: (-t[0], t[1]))
    if not plans or len(plans) > 1 and plans[0][0] - plans[1][0] < margin:
        return None  # no place, or no word to say which
    return plans[0][2]


class StructurePass:
    """The structure pass (see the module docstring); a mixin of :class:`~draftdiff.align.aligner.Aligner`."""

    def _link_maps(self, skip=frozenset()) -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
        old_links: dict[int, tuple[int, ...]] = {}
        new_links: dict[int, tuple[int, ...]] = {}
        for lk in [*(lk for i, lk in self.links.items() if i not in skip), *self.groups]:
            for i in lk.old:
                old_links[i] = lk.new
            for j in lk.new:
                new_links[j] = lk.old
        return old_links, new_links

    def _soft_links(self) -> set[int]:
        """Old indices of the links made on place alone (order, label) that cross another link: their
        place, the only evidence they had, contradicts them; a slot may take them back."""
        items = sorted((i, lk.new[0]) for i, lk in self.links.items())
        keep = in_every_lis([j for _, j in items])
        return {i for k, (i, _) in enumerate(items) if k not in keep and self.links[i].matched_by in _SOFT}

    def _printed_label(self, side, k: int) -> str:
        """The printed label of point k ('' for a bullet, whose label is only its position)."""
        p = side.points[k]
        return "" if p.style == "bullet" or not any(ch.isalnum() for ch in side.labels[k]) else side.labels[k]

    def _offset(self, i: int, j: int, old_links, new_links) -> int | None:
        """The label offset of the 1:1 link old i - new j (new number minus old), else None."""
        if old_links.get(i) != (j,) or new_links.get(j) != (i,):
            return None
        a = label_ordinal(self._printed_label(self.o, i))
        b = label_ordinal(self._printed_label(self.n, j))
        return None if a is None or b is None else b - a

    def structure_pass(self) -> int:
        """Link the slots whose labels agree, equal or offset (see :func:`plan_slot`); the number of links."""
        if not self.opts.structure:
            return 0
        soft = self._soft_links()
        old_links, new_links = self._link_maps(skip=soft)
        self._free_o = [
            k for k in range(len(self.o.points)) if k not in self.o2n and self.o.seq[k] is not None
        ]
        self._free_n = [
            k for k in range(len(self.n.points)) if k not in self.n2o and self.n.seq[k] is not None
        ]
        plans = []
        for olds, news in slots(len(self.o.points), len(self.n.points), old_links, new_links):
            a, c = olds.start, news.start
            b, d = olds.stop, news.stop
            k_left = self._offset(a - 1, c - 1, old_links, new_links) if a and c else None
            k_right = self._offset(b, d, old_links, new_links)
            pairs = plan_slot(
                [self._printed_label(self.o, i) for i in olds],
                [self._printed_label(self.n, j) for j in news],
                k_left,
                k_right,
                lambda q, r, a=a, c=c: self._slot_evidence(a + q, c + r),
                self.opts.margin,
            )
            if pairs:
                plans.append((olds, news, [(a + q, c + r) for q, r in pairs]))
        # a point another slot pairs by its place is no free rival (two rewrites far apart)
        self._placed_o = {i for _, _, pairs in plans for i, _ in pairs}
        self._placed_n = {j for _, _, pairs in plans for _, j in pairs}
        made = 0
        for olds, news, pairs in plans:
            taken = [i for i in olds if i in soft] + [self.n2o[j] for j in news if self.n2o.get(j) in soft]
            undone = {i: self.links[i] for i in taken if i in self.links}
            for i in undone:
                self._unlink(i)
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
                if undone.get(i) is None or undone[i].new != (j,):
                    made += 1
            for i, lk in undone.items():  # a link taken back but not replaced stands again
                if i not in self.o2n and lk.new[0] not in self.n2o:
                    self._link(i, lk.new[0], lk.similarity, lk.confidence, lk.matched_by, lk.alternatives)
        return made

    def _slot_evidence(self, i: int, j: int) -> float:
        """What a slot plan weighs a pair by: its similarity plus ``STRUCTURE_SHAPE_BONUS`` when the two
        points have the same shape (both without sub-points, or with as many), half of it when both have
        sub-points: a section head rewritten in place still heads its sub-points."""
        a, b = len(self.o.points[i].points), len(self.n.points[j].points)
        shape = 1.0 if a == b else 0.5 if a and b else 0.0
        return self.scorer.sim(i, j, exact=True) + STRUCTURE_SHAPE_BONUS * shape

    def _unlink(self, i: int) -> None:
        lk = self.links.pop(i)
        del self.o2n[i]
        del self.n2o[lk.new[0]]

    def _structure_rivals(self, i: int, j: int, s: float) -> tuple[tuple[int, float], ...] | None:
        """The free new points that rival new j for old i (alternatives), or None when a rival of either
        point is clearly better (``STRUCTURE_RIVAL_MARGIN`` above ``s``, at least ``STRUCTURE_RIVAL_FLOOR``).
        A point that a slot pairs by its place is no rival."""
        bar = max(STRUCTURE_RIVAL_FLOOR, s + STRUCTURE_RIVAL_MARGIN)
        sim = self.scorer.sim
        alts = []
        for j2 in self._free_partners(self.o.seq[i], self.n, self._free_n, self.n2o, j):
            if j2 in self._placed_n:
                continue
            v = sim(i, j2)
            if v >= bar:
                return None
            if v >= self.opts.label_floor and v >= s - self.opts.margin:
                alts.append((j2, round(v, 4)))
        for i2 in self._free_partners(self.n.seq[j], self.o, self._free_o, self.o2n, i):
            if i2 not in self._placed_o and sim(i2, j) >= bar:
                return None
        return tuple(sorted(alts, key=lambda t: (-t[1], t[0]))[:3])

    def _free_partners(self, seq, side, free: list[int], linked: dict[int, int], skip: int) -> list[int]:
        """Free points of ``side`` that might be a better partner: all of them in a small level, else the
        inverted index's proposals (never all pairs of a large level)."""
        if len(free) > STRUCTURE_RIVAL_SCAN:
            free = self._proposals(seq, self._postings(side), set(free))
        return [k for k in free if k != skip and k not in linked]
