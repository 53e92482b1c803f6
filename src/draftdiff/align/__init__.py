"""Alignment of two lists of sibling points: which old point became which new point(s).

The passes run from the most certain to the least (docs/engine.md tells the whole story):

1. **pins** a person gave (``OLD=NEW``) are taken as they are; unpins (``OLD!=NEW``) are never paired.
2. **exact**: equal normalised text (:func:`draftdiff.normalize.normalize`), found by hashing.
3. **fuzzy**: the rest are scored with rapidfuzz on weighted word tokens (stems), only against candidates
   proposed by an inverted index of informative tokens, by the gap between anchors they fall in, and by
   an equal label (small levels score every pair); a wider search runs only for points left without a
   good candidate. Pairs at or above ``threshold`` (``move_threshold`` for a pair crossing an anchor)
   enter an *optimal* assignment (maximum total weight, not first-fit) whose weight adds order evidence
   (the pair lies in the same gap between anchors, at a similar relative place) and label evidence.
4. **containment**: several unmatched old points mostly contained in one new point are a merge; one
   old point containing several new ones is a split (containment measured both ways); a point lying
   almost wholly in a free point on the other side pairs 1:1 (a clause added or cut).
5. **order / label**: with the new anchors, the points still left between two anchors are paired at a
   lower similarity (``order_floor``) when they sit in the same gap, the way patience diff pairs lines
   between unique anchors; an equal label lowers it further (``label_floor``). Either needs evidence:
   a one-to-one gap, or a rare token in common (declined pairings are offered through ``hints``).
5b. **absorb**: a free point next to a weak pair and lying inside its counterpart joins it as a piece of a
   lossy, paraphrased split or merge.
6. **track**: leftover pairs where one point stands on a deferred track and the other does not.

The result is a list of :class:`Link` objects over indices; :mod:`draftdiff.compare` turns them into
:class:`~draftdiff.changes.Change` objects.

Modules: :mod:`.tuning` (every threshold), :mod:`.links` (the result type), :mod:`.evidence` (token views
and similarity), :mod:`.order` (anchors and gaps), :mod:`.solver` (the assignment), :mod:`.aligner`
(exact and scored passes), :mod:`.groups` (merges, splits, absorb), :mod:`.tracks` (deferred tracks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..model import Point
from .links import Link
from .tuning import AlignOptions

if TYPE_CHECKING:
    from .evidence import TokenCodec, containment
    from .order import in_every_lis, lis_positions
    from .solver import assign, hungarian

# The passes load on first use, so that reading a threshold (``draftdiff.align.tuning``, e.g. for the CLI's
# help texts) costs nothing at start-up: name -> (module, attribute).
_LAZY = {
    "Aligner": ("aligner", "Aligner"),
    "_Aligner": ("aligner", "Aligner"),  # the name tests and older callers used
    "TokenCodec": ("evidence", "TokenCodec"),
    "containment": ("evidence", "containment"),
    "in_every_lis": ("order", "in_every_lis"),
    "lis_positions": ("order", "lis_positions"),
    "assign": ("solver", "assign"),
    "hungarian": ("solver", "hungarian"),
}


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AlignOptions",
    "Link",
    "TokenCodec",
    "align",
    "assign",
    "containment",
    "hungarian",
    "in_every_lis",
    "lis_positions",
]


def align(
    old: Sequence[Point],
    new: Sequence[Point],
    options: AlignOptions | None = None,
    *,
    pins: Sequence[tuple[int, int]] = (),
    forbid: Iterable[tuple[int, int]] = (),
    hints: dict[int, list[tuple[int, float]]] | None = None,
) -> list[Link]:
    """Pair the points of ``old`` with those of ``new`` (siblings at one level); indices, sorted by old.

    ``hints``, when given, receives for each old point left unpaired the new points, also left unpaired,
    that sat in its place but shared no rare word with it (``{old: [(new, similarity), ...]}``): the
    pairings the order pass declined, for the caller to report as low-confidence alternatives.

    >>> from draftdiff.model import draft_from_texts
    >>> a = draft_from_texts(["Ceasefire at once.", "Elections within 100 days.", "Amnesty for all."]).points
    >>> b = draft_from_texts(["A ceasefire takes effect at once.", "Elections within 100 days."]).points
    >>> [(lk.old, lk.new, lk.matched_by) for lk in align(a, b)]
    [((0,), (0,), 'fuzzy'), ((1,), (1,), 'exact')]
    """
    from .aligner import Aligner

    aligner = Aligner(old, new, options or AlignOptions(), pins, frozenset(forbid))
    links = aligner.run()
    if hints is not None:
        for i, lst in aligner.unpaired.items():
            if i not in aligner.o2n:
                free = [(j, s) for j, s in lst if j not in aligner.n2o]
                if free:
                    hints[i] = sorted(free, key=lambda t: (-t[1], t[0]))
    return links
