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

Over the whole tree each point id of either draft occurs in exactly one change; the changes of
sub-points are the ``children`` of their parents' change. A pair found across the tree (a point that
moved into another section or depth, ``Change.relocated``) stands where its new point stands.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from .align import AlignOptions, Link, align, lis_positions
from .align.depth import link_across
from .align.tuning import DEFAULTS, RESERVED_MAX_PAIRS, REVISED_BELOW
from .changes import Alternative, Change, Comparison, Flag, Kind
from .classify import classify, name_vocabulary, substance_flags
from .errors import DraftdiffError, InputError
from .model import Draft, Point
from .parallel import in_child, second_core
from .worddiff import diff_words

__all__ = ["CompareOptions", "compare", "parse_pins"]


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Settings of a comparison. The defaults are :data:`draftdiff.align.tuning.DEFAULTS` (one source: the
    CLI help reads them from these fields); bench/accuracy measures them.

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
    across_tree    after the per-level alignment, pair points left dropped and added at any depth (a flat
                   list regrouped into sections, sections flattened, a point moved into another section;
                   :func:`draftdiff.align.depth.link_across`); such a change has ``relocated`` set.

    >>> CompareOptions().threshold == DEFAULTS.threshold and CompareOptions().align_options() == DEFAULTS
    True
    """

    threshold: float = DEFAULTS.threshold
    move_threshold: float = DEFAULTS.move_threshold
    margin: float = DEFAULTS.margin
    pins: tuple[tuple[str, str], ...] = ()
    unpins: tuple[tuple[str, str], ...] = ()
    revised_below: float = REVISED_BELOW
    order_floor: float = DEFAULTS.order_floor
    label_floor: float = DEFAULTS.label_floor
    contain: float = DEFAULTS.contain
    cover: float = DEFAULTS.cover
    track_floor: float = DEFAULTS.track_floor
    diff: bool = True
    exhaustive: bool = DEFAULTS.exhaustive
    across_tree: bool = DEFAULTS.across_tree

    def align_options(self) -> AlignOptions:
        """The aligner's share of these options (every field of :class:`AlignOptions` of the same name)."""
        return AlignOptions(
            **{f.name: getattr(self, f.name) for f in fields(AlignOptions) if hasattr(self, f.name)}
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
    run = _Run(opts, (old, new))
    if opts.across_tree:
        run.reserve_exact_across(old, new)
    changes = run.level(old.points, new.points)
    if opts.across_tree:
        changes = run.link_across_tree(old, new, changes)
    missing = [f"{o}={n}" for o, n in opts.pins if (o, n) not in run.pins_used]
    if missing:
        raise DraftdiffError(
            f"pin {missing[0]} could not be applied: the two points are not siblings under matched parents"
        )
    return Comparison(old, new, changes)


class _Run:
    def __init__(self, opts: CompareOptions, drafts: tuple[Draft, Draft]) -> None:
        self.opts = opts
        self._drafts = drafts
        self._names: frozenset[str] | None = None
        self.align_opts = opts.align_options()
        self.pins = set(opts.pins)
        self.unpins = set(opts.unpins)
        self.pins_used: set[tuple[str, str]] = set()
        # links across the tree (see link_across_tree); empty while the levels are first aligned
        self.across_old: dict[
            str, tuple[str, float, float]
        ] = {}  # old id -> (new id, similarity, confidence)
        self.across_new: dict[str, str] = {}  # new id -> old id
        self.inner: set[tuple[str, str]] = set()  # links whose parents are linked to each other
        self.old_pt: dict[str, Point] = {}
        self.new_pt: dict[str, Point] = {}
        self.depth_old: dict[str, int] = {}
        self.depth_new: dict[str, int] = {}
        # points whose text stands, once in each draft, at another depth in the other (see
        # reserve_exact_across): old id -> new id and back
        self.reserved_old: dict[str, str] = {}
        self.reserved_new: dict[str, str] = {}

    @property
    def names(self) -> frozenset[str]:
        """The drafts' :func:`name_vocabulary`, read when a matched pair first asks for it: it reads every
        text of both drafts (seconds on a 50 MB draft), and a compare with no matched pair (a huge draft
        against a tiny one: nearly everything added) never needs it."""
        if self._names is None:
            self._names = name_vocabulary(p.text for d in self._drafts for p in d.walk())
        return self._names

    def reserve_exact_across(self, old: Draft, new: Draft) -> None:
        """Keep a point whose text occurs exactly once in each draft, at another depth in the other, for
        its twin: the levels do not pair it with anything else (a flat clause is not merged into the new
        section heading whose sub-point repeats it word for word), and :meth:`link_across_tree` then links
        the two. Skipped when the forbidden pairs would be many (``RESERVED_MAX_PAIRS``)."""
        # by raw text (a normalised key costs too much on a large draft); depth of every point of each side
        sides: list[dict[str, tuple[str, int] | None]] = []
        for draft in (old, new):
            seen: dict[str, tuple[str, int] | None] = {}
            level, depth = list(draft.points), 1
            while level:
                for p in level:
                    seen[p.text] = None if p.text in seen else (p.id, depth)  # None: twice in this draft
                level, depth = [c for p in level for c in p.points], depth + 1
            sides.append(seen)
        seen_old, seen_new = sides
        for text, o in seen_old.items():
            n = seen_new.get(text)
            if o is not None and n is not None and o[1] != n[1] and text.strip():
                self.reserved_old[o[0]] = n[0]
                self.reserved_new[n[0]] = o[0]
        if len(self.reserved_old) * (1 + len(old.points) + len(new.points)) > RESERVED_MAX_PAIRS:
            self.reserved_old.clear()
            self.reserved_new.clear()

    def level(self, olds: Sequence[Point], news: Sequence[Point]) -> tuple[Change, ...]:
        """The changes of one level of siblings (and, recursively, of their sub-points).

        Once links across the tree are known, a linked old point that stands elsewhere in the new draft is
        left out here, and a linked new point is its relocated change, in its place."""
        if not self.across_old:
            return self._level(olds, news)
        keep_old = [p for p in olds if not self._elsewhere_old(p.id)]
        keep_new: list[Point] = []
        moved_in: list[tuple[int, Point]] = []  # (kept new points before it, the point)
        for p in news:
            if self._elsewhere_new(p.id):
                moved_in.append((len(keep_new), p))
            else:
                keep_new.append(p)
        base = self._level(keep_old, keep_new)
        if not moved_in:
            return base
        rank = {p.id: k for k, p in enumerate(keep_new)}
        out: list[Change] = []
        m = 0
        for c in base:
            if c.new:
                r = min(rank[i] for i in c.new)
                while m < len(moved_in) and moved_in[m][0] <= r:
                    out.append(self._relocated(moved_in[m][1]))
                    m += 1
            out.append(c)
        out += [self._relocated(p) for _, p in moved_in[m:]]
        return tuple(out)

    def _level(self, olds: Sequence[Point], news: Sequence[Point]) -> tuple[Change, ...]:
        if not olds:
            return tuple(self._one_sided(Kind.ADDED, p) for p in news)
        if not news:
            return tuple(self._one_sided(Kind.DROPPED, p) for p in olds)
        old_at = {p.id: k for k, p in enumerate(olds)}
        new_at = {p.id: k for k, p in enumerate(news)}
        pins = [(old_at[o], new_at[n]) for o, n in self.pins if o in old_at and n in new_at]
        self.pins_used.update((olds[i].id, news[j].id) for i, j in pins)
        forced: set[tuple[int, int]] = set()
        if self.inner:  # sub-points linked across the tree under two linked parents: paired here
            forced = {
                (old_at[o], new_at[n])
                for o, n in ((p.id, self.across_old[p.id][0]) for p in olds if p.id in self.across_old)
                if n in new_at and (o, n) in self.inner
            }
            pins = sorted(set(pins) | forced)
        forbid = [(old_at[o], new_at[n]) for o, n in self.unpins if o in old_at and n in new_at]
        if self.reserved_old:  # kept for their twins at another depth (reserve_exact_across)
            held_old = [k for k, p in enumerate(olds) if p.id in self.reserved_old]
            held_new = [k for k, p in enumerate(news) if p.id in self.reserved_new]
            if held_old or held_new:
                held = {(i, j) for i in held_old for j in range(len(news))}
                held.update((i, j) for j in held_new for i in range(len(olds)))
                forbid = sorted(set(forbid) | held)
        hints: dict[int, list[tuple[int, float]]] = {}
        if not pins and not forbid and _same_texts(olds, news):
            # the common case under an unchanged parent: nothing to search for
            unique = len({p.text for p in olds}) == len(olds)
            links = [Link((k,), (k,), 1.0, 1.0 if unique else 0.9, "exact") for k in range(len(olds))]
        else:
            links = align(olds, news, self.align_opts, pins=sorted(pins), forbid=forbid, hints=hints)
        for lk in links if forced else ():
            if len(lk.old) == len(lk.new) == 1 and (lk.old[0], lk.new[0]) in forced:
                _, lk.similarity, lk.confidence = self.across_old[olds[lk.old[0]].id]
                lk.matched_by = "across"
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
                placed.append(((last_new + 0.5, 1, i), self._one_sided(Kind.DROPPED, p, alts)))
        for j, p in enumerate(news):
            if j not in matched_new:
                placed.append(((j, 0, -1), self._one_sided(Kind.ADDED, p)))
        placed.sort(key=lambda t: t[0])
        return tuple(c for _, c in placed)

    def _one_sided(self, kind: Kind, point: Point, alternatives: tuple[Alternative, ...] = ()) -> Change:
        """:func:`_one_sided`, once links across the tree are known: a sub-point linked elsewhere is left out
        of a dropped point, and stands relocated in its place under an added one."""
        if not self.across_old:
            return _one_sided(kind, point, alternatives)
        if kind is Kind.DROPPED:
            kids = tuple(self._one_sided(kind, c) for c in point.points if not self._elsewhere_old(c.id))
        else:
            kids = tuple(
                self._relocated(c) if self._elsewhere_new(c.id) else self._one_sided(kind, c)
                for c in point.points
            )
        return _one_sided(kind, point, alternatives, kids)

    def _elsewhere_old(self, oid: str) -> bool:
        """The old point is linked across the tree to a new point that is not under its parent's partner."""
        link = self.across_old.get(oid)
        return link is not None and (oid, link[0]) not in self.inner

    def _elsewhere_new(self, nid: str) -> bool:
        oid = self.across_new.get(nid)
        return oid is not None and (oid, nid) not in self.inner

    def _relocated(self, point: Point) -> Change:
        """The change of a new point linked across the tree, with its sub-points aligned under the pair."""
        oid = self.across_new[point.id]
        _, sim, conf = self.across_old[oid]
        change = self._matched(Link((0,), (0,), sim, conf, "across"), [self.old_pt[oid]], [point], True)
        return replace(change, relocated=(self.depth_old[oid], self.depth_new[point.id]))

    def link_across_tree(self, old: Draft, new: Draft, changes: tuple[Change, ...]) -> tuple[Change, ...]:
        """Pair the points left dropped and added at any depth (:func:`draftdiff.align.depth.link_across`)
        and place each link where its new point stands.

        The partition rule then holds over the whole tree: a linked old point leaves its dropped parent
        (or its place among the dropped points) and stands, with the sub-points it keeps, in the relocated
        change; a dropped point's other sub-points stay dropped where they were."""
        lone_old: list[str] = []
        lone_new: list[str] = []
        paired: set[tuple[str | None, str | None]] = {(None, None)}
        stack = list(changes)
        while stack:
            c = stack.pop()
            if c.kind is Kind.DROPPED:
                lone_old.append(c.old[0])
            elif c.kind is Kind.ADDED:
                lone_new.append(c.new[0])
            else:
                paired.update((o, n) for o in c.old for n in c.new)
            stack.extend(c.children)
        if not lone_old or not lone_new:
            return changes
        parent_old = _index(old, self.old_pt, self.depth_old)
        parent_new = _index(new, self.new_pt, self.depth_new)
        for ids, pts in ((lone_old, self.old_pt), (lone_new, self.new_pt)):
            at = {k: n for n, k in enumerate(pts)}
            ids.sort(key=at.__getitem__)  # document order: the pass breaks ties by it
        found = link_across(
            [self.old_pt[i] for i in lone_old],
            [self.new_pt[j] for j in lone_new],
            [parent_old[i] for i in lone_old],
            [parent_new[j] for j in lone_new],
            paired,
            (lone_old, lone_new),
            forbid=self.unpins,
        )
        if not found:
            return changes
        for i, j, sim, conf in found:
            self.across_old[lone_old[i]] = (lone_new[j], sim, conf)
            self.across_new[lone_new[j]] = lone_old[i]
        for o, (n, _, _) in self.across_old.items():
            po, pn = parent_old[o], parent_new[n]
            if po is not None and pn is not None and self.across_old.get(po, ("",))[0] == pn:
                self.inner.add((o, n))
        return tuple(k for c in changes if (k := self._rebuild(c)) is not None)

    def _rebuild(self, c: Change) -> Change | None:
        """``c`` with the links across the tree placed: None for a dropped point linked elsewhere, the
        relocated change for a linked added point, else ``c`` with its children rebuilt."""
        if c.kind is Kind.DROPPED and c.old[0] in self.across_old:
            return None
        if c.kind is Kind.ADDED and c.new[0] in self.across_new:
            return self._relocated(self.new_pt[c.new[0]])
        if not c.children:
            return c
        kids = [self._rebuild(k) for k in c.children]
        if all(a is b for a, b in zip(kids, c.children)):
            return c
        return replace(c, children=tuple(k for k in kids if k is not None))

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
        self.names  # noqa: B018  (read once, before the fork, rather than in both processes)
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
        diff, diff_by = diff_words(old_text, new_text) if self.opts.diff else (None, "words")
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
            diff_by=diff_by,
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


def _index(draft: Draft, points: dict[str, Point], depth: dict[str, int]) -> dict[str, str | None]:
    """Fill ``points`` (id -> point, document order) and ``depth`` (1 at the top level); the parent of each id."""
    parent: dict[str, str | None] = {}
    stack: list[tuple[Point, str | None, int]] = [(p, None, 1) for p in reversed(draft.points)]
    while stack:
        p, up, d = stack.pop()
        points[p.id] = p
        depth[p.id] = d
        parent[p.id] = up
        stack.extend((c, p.id, d + 1) for c in reversed(p.points))
    return parent


def _one_sided(
    kind: Kind,
    point: Point,
    alternatives: tuple[Alternative, ...] = (),
    children: tuple[Change, ...] | None = None,
) -> Change:
    """A dropped or added point, with all its sub-points dropped or added as its children (or the
    ``children`` given).

    A dropped point's ``alternatives`` are the added points that stood in its place but shared no rare
    word with it: pairings declined for want of evidence, shown so that a reader can pin one.
    """
    ids = (point.id,)
    return Change(
        kind=kind,
        old=ids if kind is Kind.DROPPED else (),
        new=ids if kind is Kind.ADDED else (),
        alternatives=alternatives,
        children=tuple(_one_sided(kind, c) for c in point.points) if children is None else children,
    )


class _CallableModule(types.ModuleType):
    """``draftdiff.compare`` is both this module and, by the package's promise, the function
    (``from draftdiff import compare; compare(old, new)``). Once the submodule is imported the package
    attribute is the module, so the module answers calls with :func:`compare`."""

    def __call__(self, old: Draft, new: Draft, options: CompareOptions | None = None) -> Comparison:
        return compare(old, new, options)


sys.modules[__name__].__class__ = _CallableModule
