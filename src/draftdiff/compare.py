"""Compare two drafts: what became of every provision.

>>> from draftdiff.model import draft_from_texts
>>> old = draft_from_texts([
...     "Ukraine's sovereignty shall be confirmed.",
...     "Ukraine's armed forces shall be capped at 600,000 personnel.",
...     "An amnesty shall apply to all parties.",
... ])
>>> new = draft_from_texts([
...     "Ukraine's sovereignty shall be confirmed.",
...     "In peacetime, Ukraine's armed forces shall be capped at 800,000 personnel.",
... ])
>>> cmp = compare(old, new)
>>> [(c.kind.value, c.old, c.new) for c in cmp.changes]
[('unchanged', ('1',), ('1',)), ('revised', ('2',), ('2',)), ('dropped', ('3',), ())]
>>> cmp.changes[1].flags  # the cap raised, and narrowed to peacetime
(Flag(type='number', old='600,000', new='800,000'), Flag(type='scope', old=None, new='In peacetime'))

At every level each point id of either draft occurs in exactly one change; the changes of sub-points
are the ``children`` of their parents' change.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass

from .align import AlignOptions, Link, align, lis_positions
from .changes import Alternative, Change, Comparison, Flag, Kind
from .classify import REVISED_BELOW, classify, name_vocabulary, substance_flags
from .errors import DraftdiffError, InputError
from .model import Draft, Point
from .parallel import in_child, second_core
from .worddiff import word_diff

__all__ = ["CompareOptions", "compare", "parse_pins"]

_ALIGN_DEFAULTS = AlignOptions()


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Settings of a comparison (the defaults are those bench/accuracy measures).

    threshold      similarity (0..1) at which two points may be paired on their words alone.
    move_threshold the same for a pair that would be a move (crosses an anchor).
    margin         a rival pairing within this much of the chosen one is a near tie: reported as an
                   alternative, and the confidence drops.
    pins           (old_id, new_id) pairings forced by a person (``matched_by="pin"``).
    unpins         (old_id, new_id) pairings that must not be made.
    revised_below  a matched pair less similar than this is revised even without a substance flag.
    order_floor, label_floor, contain, cover, track_floor   see :class:`draftdiff.align.AlignOptions`.
    diff           compute the word diff of every matched pair (off saves time when nobody reads it).
    exhaustive     score every pair of leftover points instead of the proposed candidates (slow at scale;
                   bench/speed uses it as the all-pairs reference).
    """

    threshold: float = 0.5
    move_threshold: float = _ALIGN_DEFAULTS.move_threshold
    margin: float = 0.05
    pins: tuple[tuple[str, str], ...] = ()
    unpins: tuple[tuple[str, str], ...] = ()
    revised_below: float = REVISED_BELOW
    order_floor: float = _ALIGN_DEFAULTS.order_floor
    label_floor: float = _ALIGN_DEFAULTS.label_floor
    contain: float = _ALIGN_DEFAULTS.contain
    cover: float = _ALIGN_DEFAULTS.cover
    track_floor: float = _ALIGN_DEFAULTS.track_floor
    diff: bool = True
    exhaustive: bool = False

    def align_options(self) -> AlignOptions:
        return AlignOptions(
            threshold=self.threshold,
            move_threshold=self.move_threshold,
            margin=self.margin,
            order_floor=self.order_floor,
            label_floor=self.label_floor,
            contain=self.contain,
            cover=self.cover,
            track_floor=self.track_floor,
            exhaustive=self.exhaustive,
        )


def parse_pins(
    text: str, source: str = "<pins>"
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """Read a pins file: ``OLD=NEW`` forces a pairing, ``OLD!=NEW`` forbids one, ``#`` starts a comment.

    >>> parse_pins("3=5  # the cap moved\\n# a comment\\n\\n10.b != 5.b\\n")
    ((('3', '5'),), (('10.b', '5.b'),))
    >>> parse_pins("3 -> 5", "pins.txt")
    Traceback (most recent call last):
    ...
    draftdiff.errors.InputError: pins.txt:1: expected OLD=NEW or OLD!=NEW, got '3 -> 5'
    """
    pins: list[tuple[str, str]] = []
    unpins: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        forbid = "!=" in line
        left, sep, right = line.partition("!=" if forbid else "=")
        left, right = left.strip(), right.strip()
        if not sep or not left or not right or "=" in right or any(ch.isspace() for ch in left + right):
            raise InputError(f"expected OLD=NEW or OLD!=NEW, got {line!r}", source=source, line=number)
        (unpins if forbid else pins).append((left, right))
    return tuple(pins), tuple(unpins)


def compare(old: Draft, new: Draft, options: CompareOptions | None = None) -> Comparison:
    """Align ``old`` and ``new`` and say what became of every point (see the module docstring)."""
    opts = options or CompareOptions()
    old_ids = {p.id for p in old.walk()}
    new_ids = {p.id for p in new.walk()}
    for what, pairs in (("pin", opts.pins), ("unpin", opts.unpins)):
        for o, n in pairs:
            if o not in old_ids:
                raise DraftdiffError(f"{what} {o}={n}: no point {o!r} in the old draft ({old.source})")
            if n not in new_ids:
                raise DraftdiffError(f"{what} {o}={n}: no point {n!r} in the new draft ({new.source})")
    seen_old: dict[str, str] = {}
    seen_new: dict[str, str] = {}
    for o, n in opts.pins:
        if seen_old.setdefault(o, n) != n or seen_new.setdefault(n, o) != o:
            raise DraftdiffError(
                f"pins pair {o!r} or {n!r} twice; a pin pairs one old point with one new point"
            )
        if (o, n) in opts.unpins:
            raise DraftdiffError(f"{o}={n} is both pinned and unpinned")
    run = _Run(opts, name_vocabulary(p.text for d in (old, new) for p in d.walk()))
    changes = run.level(old.points, new.points)
    missing = [f"{o}={n}" for o, n in opts.pins if (o, n) not in run.pins_used]
    if missing:
        raise DraftdiffError(
            f"pin {missing[0]} could not be applied: the two points are not siblings under matched parents"
        )
    return Comparison(old, new, changes)


class _Run:
    def __init__(self, opts: CompareOptions, names: frozenset[str]) -> None:
        self.opts = opts
        self.names = names
        self.align_opts = opts.align_options()
        self.pins = set(opts.pins)
        self.unpins = set(opts.unpins)
        self.pins_used: set[tuple[str, str]] = set()

    def level(self, olds: Sequence[Point], news: Sequence[Point]) -> tuple[Change, ...]:
        """The changes of one level of siblings (and, recursively, of their sub-points)."""
        if not olds:
            return tuple(_one_sided(Kind.ADDED, p) for p in news)
        if not news:
            return tuple(_one_sided(Kind.DROPPED, p) for p in olds)
        old_at = {p.id: k for k, p in enumerate(olds)}
        new_at = {p.id: k for k, p in enumerate(news)}
        pins = [(old_at[o], new_at[n]) for o, n in self.pins if o in old_at and n in new_at]
        self.pins_used.update((olds[i].id, news[j].id) for i, j in pins)
        forbid = [(old_at[o], new_at[n]) for o, n in self.unpins if o in old_at and n in new_at]
        hints: dict[int, list[tuple[int, float]]] = {}
        if not pins and not forbid and _same_texts(olds, news):
            # the common case under an unchanged parent: nothing to search for
            unique = len({p.text for p in olds}) == len(olds)
            links = [Link((k,), (k,), 1.0, 1.0 if unique else 0.9, "exact") for k in range(len(olds))]
        else:
            links = align(olds, news, self.align_opts, pins=sorted(pins), forbid=forbid, hints=hints)
        moved = _moved(links)
        placed: list[tuple[tuple[float, int, int], Change]] = []
        matched_old: set[int] = set()
        matched_new: set[int] = set()
        for link, change in zip(links, self._matched_all(links, olds, news, moved)):
            matched_old.update(link.old)
            matched_new.update(link.new)
            placed.append(((link.new[0], 0, link.old[0]), change))
        # Order of the changes: new-draft order; a dropped point comes right after the change of the
        # nearest point before it in the old draft that kept its place (a moved one would drag it along).
        in_place = {i: lk.new[0] for k, lk in enumerate(links) if k not in moved for i in lk.old}
        last_new = -1
        for i, p in enumerate(olds):
            if i in in_place:
                last_new = in_place[i]
            elif i not in matched_old:
                alts = tuple(
                    Alternative((news[j].id,), s) for j, s in hints.get(i, ()) if j not in matched_new
                )
                placed.append(((last_new + 0.5, 1, i), _one_sided(Kind.DROPPED, p, alts)))
        for j, p in enumerate(news):
            if j not in matched_new:
                placed.append(((j, 0, -1), _one_sided(Kind.ADDED, p)))
        placed.sort(key=lambda t: t[0])
        return tuple(c for _, c in placed)

    def _matched_all(
        self, links: list[Link], olds: Sequence[Point], news: Sequence[Point], moved: set[int]
    ) -> list[Change]:
        """The changes of ``links`` (see :meth:`_matched`); on a large level (``PARALLEL_LINKS``), the last two
        fifths are worked out by a forked child on another core while this process does the rest (same
        results, in order)."""
        # the child's share is the smaller: it also pickles its changes, and this process unpickles them
        half = len(links) * 3 // 5
        if len(links) < PARALLEL_LINKS or self.pins or self.unpins or not second_core():
            return [self._matched(link, olds, news, k in moved) for k, link in enumerate(links)]
        theirs = in_child(
            lambda: [self._matched(links[k], olds, news, k in moved) for k in range(half, len(links))]
        )
        try:
            mine = [self._matched(links[k], olds, news, k in moved) for k in range(half)]
        finally:
            rest = theirs()
        if rest is None:  # the child failed: do its share here
            rest = [self._matched(links[k], olds, news, k in moved) for k in range(half, len(links))]
        return mine + rest

    def _matched(self, link: Link, olds: Sequence[Point], news: Sequence[Point], moved: bool) -> Change:
        o_pts = [olds[i] for i in link.old]
        n_pts = [news[j] for j in link.new]
        old_text = " ".join(p.text for p in o_pts)
        new_text = " ".join(p.text for p in n_pts)
        diff = word_diff(old_text, new_text) if self.opts.diff else None
        if len(o_pts) > 1 or len(n_pts) > 1:
            kind = Kind.MERGED if len(o_pts) > 1 else Kind.SPLIT
            flags = substance_flags(old_text, new_text, self.names, diff)
        else:
            kind, flags = classify(
                old_text,
                new_text,
                link.similarity,
                revised_below=self.opts.revised_below,
                names=self.names,
                diff=diff,
            )
        track = None
        new_tracks = [p.track for p in n_pts if p.track]
        if new_tracks and not all(p.track == new_tracks[0] for p in o_pts):
            kind = Kind.DEFERRED
            track = new_tracks[0]
        elif not new_tracks and any(p.track for p in o_pts):
            # back from a deferred track into the main text: a change of substance, whatever the words
            flags = (*flags, Flag("track", next(p.track for p in o_pts if p.track), None))
            if kind in (Kind.UNCHANGED, Kind.REWORDED):
                kind = Kind.REVISED
        sub_old = tuple(c for p in o_pts for c in p.points)
        sub_new = tuple(c for p in n_pts for c in p.points)
        children = self.level(sub_old, sub_new) if (sub_old or sub_new) else ()
        return Change(
            kind=kind,
            old=tuple(p.id for p in o_pts),
            new=tuple(p.id for p in n_pts),
            similarity=round(link.similarity, 4),
            confidence=round(link.confidence, 4),
            matched_by=link.matched_by,
            moved=moved,
            renumbered=o_pts[0].label != n_pts[0].label and not (o_pts[0].positional or n_pts[0].positional),
            flags=flags,
            track=track,
            diff=diff or (),
            alternatives=tuple(Alternative((news[j].id,), s) for j, s in link.alternatives),
            children=children,
        )


#: A level with at least this many matched pairs shares the word diffs and classification with a second
#: core (a forked child): at 20,000 points that work is about half of a compare.
PARALLEL_LINKS = 4000


def _same_texts(olds: Sequence[Point], news: Sequence[Point]) -> bool:
    """Same number of points with the very same texts, in order (the aligner would pair them 1:1)."""
    return len(olds) == len(news) and all(a.text == b.text and a.text.strip() for a, b in zip(olds, news))


def _moved(links: list[Link]) -> set[int]:
    """Indices (into ``links``, sorted by old position) of the links outside the LIS of new positions."""
    keep = lis_positions([lk.new[0] for lk in links])
    return {k for k in range(len(links)) if k not in keep}


def _one_sided(kind: Kind, point: Point, alternatives: tuple[Alternative, ...] = ()) -> Change:
    """A dropped or added point, with all its sub-points dropped or added as its children.

    A dropped point's ``alternatives`` are the added points that stood in its place but shared no rare
    word with it: pairings declined for want of evidence, shown so that a reader can pin one.
    """
    ids = (point.id,)
    return Change(
        kind=kind,
        old=ids if kind is Kind.DROPPED else (),
        new=ids if kind is Kind.ADDED else (),
        alternatives=alternatives,
        children=tuple(_one_sided(kind, c) for c in point.points),
    )


class _CallableModule(types.ModuleType):
    """``draftdiff.compare`` is both this module and, by the package's promise, the function
    (``from draftdiff import compare; compare(old, new)``). Once the submodule is imported the package
    attribute is the module, so the module answers calls with :func:`compare`."""

    def __call__(self, old: Draft, new: Draft, options: CompareOptions | None = None) -> Comparison:
        return compare(old, new, options)


sys.modules[__name__].__class__ = _CallableModule
