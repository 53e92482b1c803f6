"""Lineages: the types of a history (:class:`Fate`, :class:`Step`, :class:`Lineage`, :class:`History`)
and the builder that makes one from a series of drafts (:func:`build_history`).

:func:`build_history` aligns each consecutive pair of drafts with the compare engine and chains the
results into :class:`Lineage` objects, one per provision, from the draft where it first appears. A
lineage holds one :class:`Step` for every draft in which something happened to it or it was present:
its id there and its :class:`Fate` (unchanged, reworded, revised, merged, split, deferred, dropped,
restored ...).

Rules (see docs/history.md):

* Every point of every draft, at every depth, belongs to exactly one lineage.
* A merge (several old points -> one new point) continues the lineage of the part that comes first in
  the old draft; the lineages of the other parts end there with fate ``merged-into``.
* A split (one old point -> several new points) continues the lineage in the first new part (document
  order); every other part starts a lineage with fate ``split-from`` pointing back at it.
* A point dropped in one draft is looked for again in every later draft: the dropped points still
  absent (those sharing at least half their words with some added point: a cheap sieve) and the
  points the draft adds are compared with the engine itself, as two small drafts. A pair the engine
  matches as unchanged, reworded, revised or deferred, with a similarity of at least
  :data:`RESTORE_THRESHOLD` (0.7; never below the engine's own threshold; 0.15 more for a pair the
  engine calls revised), continues the old lineage with fate ``restored``. Those steps are the only
  ones that do not come from the comparison of the two neighbouring drafts (``Step.source`` says
  ``"restore"``). A point that returns from a deferred track to the main text is ``restored`` too.
* Sub-points that the comparison does not mention (those of a dropped or added parent) follow their
  parent: dropped with it, or added with it (``Step.source == "parent"``).

While the history is built, each step is a :class:`Step` wrapped with the links (merged into, split
from, partners) that name lineages by the builder's own keys; :func:`build_history` turns those into
lineage ids once the display order is known. The series itself (files, order, names, cuts) is
:mod:`draftdiff.series`; finding a lineage is :mod:`draftdiff.lookup`; blame is :mod:`draftdiff.blame`.
Nothing here imports rich or typer.

>>> from draftdiff.model import draft_from_texts
>>> from draftdiff.changes import Change, Comparison, Kind
>>> a = draft_from_texts(["Alpha.", "Beta."], source="a")
>>> b = draft_from_texts(["Alpha!"], source="b")
>>> cmp = Comparison(a, b, (Change(Kind.REWORDED, ("1",), ("1",), 0.9), Change(Kind.DROPPED, ("2",))))
>>> h = build_history([a, b], compare=lambda old, new: cmp, restore=False)
>>> [(ln.id, [(s.draft, s.fate.value, s.ids) for s in ln.steps]) for ln in h.lineages]
[('L1', [(0, 'initial', ('1',)), (1, 'reworded', ('1',))]), ('L2', [(0, 'initial', ('2',)), (1, 'dropped', ())])]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from .align.tuning import RESTORE_REVISED_EXTRA, RESTORE_THRESHOLD
from .changes import Change, Comparison, Flag, Kind
from .errors import DraftdiffError
from .model import Draft, Point
from .series import short_names

__all__ = [
    "RESTORE_CONTEXT",
    "RESTORE_REVISED_EXTRA",
    "RESTORE_THRESHOLD",
    "SUBSTANTIVE",
    "CompareFn",
    "Fate",
    "History",
    "Lineage",
    "PointIndex",
    "Step",
    "build_history",
    "short_title",
]


class Fate(StrEnum):
    INITIAL = "initial"  # present in the first draft of the series
    ADDED = "added"  # first appears in this draft
    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    REVISED = "revised"
    MERGED = "merged"  # this lineage's point absorbed the points of other lineages
    MERGED_INTO = "merged-into"  # this lineage ends: its point became part of another lineage's point
    SPLIT = "split"  # this lineage continues in the first part of a split
    SPLIT_FROM = "split-from"  # this lineage starts as another part of a split
    DEFERRED = "deferred"  # moved to a deferred track
    DROPPED = "dropped"  # no counterpart in this draft
    RESTORED = "restored"  # back after being dropped, or back from a deferred track


#: Fates that change a provision's substance (blame's "last changed"); rewording does not.
SUBSTANTIVE: frozenset[Fate] = frozenset(
    {
        Fate.INITIAL,
        Fate.ADDED,
        Fate.REVISED,
        Fate.MERGED,
        Fate.SPLIT,
        Fate.SPLIT_FROM,
        Fate.DEFERRED,
        Fate.RESTORED,
    }
)

_KIND_FATE = {
    Kind.UNCHANGED: Fate.UNCHANGED,
    Kind.REWORDED: Fate.REWORDED,
    Kind.REVISED: Fate.REVISED,
    Kind.MERGED: Fate.MERGED,
    Kind.SPLIT: Fate.SPLIT,
    Kind.DEFERRED: Fate.DEFERRED,
}


@dataclass(frozen=True, slots=True)
class Step:
    """What a lineage is in one draft of the series.

    draft       index of the draft in the series.
    fate        what happened to the provision on the way into this draft (Fate).
    ids         the lineage's point id(s) in this draft; empty when it is not there (dropped, merged-into).
    kind        the compare Kind of the change that produced this step (the restore comparison's for a
                restore); None for the first draft and for sub-points that follow their parent.
    source      "start" (first draft), "compare" (the comparison of the previous and this draft),
                "restore" (found again beyond the previous draft) or "parent" (a sub-point the comparison
                did not mention, following its added or dropped parent).
    similarity, flags, moved, renumbered, matched_by   from the change.
    track       the deferred track the point stands on in this draft (None in the main text).
    text        the point's own text in this draft (None when absent).
    into        merged-into: the lineage that continues; to: the id of the merged point.
    origin      split-from: the lineage it split from.
    partners    merged: the lineages merged into this one; split: the lineages split off.
    since       restored: the index of the last draft where the provision was present.
    withdrawn   dropped: the new draft lists the id as withdrawn.
    """

    draft: int
    fate: Fate
    ids: tuple[str, ...] = ()
    kind: Kind | None = None
    source: str = "compare"
    similarity: float | None = None
    flags: tuple[Flag, ...] = ()
    moved: bool = False
    renumbered: bool = False
    matched_by: str | None = None
    track: str | None = None
    text: str | None = None
    into: str | None = None
    to: tuple[str, ...] = ()
    origin: str | None = None
    partners: tuple[str, ...] = ()
    since: int | None = None
    withdrawn: bool = False

    @property
    def present(self) -> bool:
        return bool(self.ids)


@dataclass(frozen=True, slots=True)
class Lineage:
    """One provision followed through the series: its steps in draft order.

    id      "L1", "L2" ... in display order (the order of the rows of the history table).
    parent  the lineage of the parent point where this one is a sub-point (where it first appears).
    depth   0 for top-level points.
    title   a short name: the bold title the text starts with, else its first words.
    """

    id: str
    steps: tuple[Step, ...]
    parent: str | None = None
    depth: int = 0
    title: str = ""
    _index: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", tuple(s.draft for s in self.steps))

    @property
    def start(self) -> int:
        return self.steps[0].draft

    @property
    def last(self) -> Step:
        return self.steps[-1]

    def step_at(self, draft: int) -> Step | None:
        """The step in this draft, or None when nothing of this lineage is in it."""
        i = bisect.bisect_left(self._index, draft)
        if i < len(self._index) and self._index[i] == draft:
            return self.steps[i]
        return None

    def present_at(self, draft: int) -> bool:
        step = self.step_at(draft)
        return step is not None and step.present

    def fates(self) -> set[Fate]:
        return {s.fate for s in self.steps}


@dataclass(frozen=True, slots=True)
class History:
    """The result of :func:`build_history`.

    drafts       the series in the order used.
    names        short names of the drafts (column headings): dates, versions or file stems.
    lineages     in display order: the first draft's order, later provisions after their predecessor.
    comparisons  the pairwise comparisons, comparisons[i] = drafts[i] -> drafts[i + 1].
    """

    drafts: tuple[Draft, ...]
    names: tuple[str, ...]
    lineages: tuple[Lineage, ...]
    comparisons: tuple[Comparison, ...]
    _owner: dict[tuple[int, str], str] = field(default_factory=dict, repr=False, compare=False)
    _by_id: dict[str, Lineage] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for ln in self.lineages:
            self._by_id[ln.id] = ln
            for s in ln.steps:
                for pid in s.ids:
                    self._owner[(s.draft, pid)] = ln.id

    def lineage(self, lineage_id: str) -> Lineage:
        return self._by_id[lineage_id]

    def owner(self, draft: int, point_id: str) -> Lineage:
        """The lineage the point ``point_id`` of draft number ``draft`` belongs to (KeyError if none)."""
        return self._by_id[self._owner[(draft, point_id)]]

    def related(self, lineage_id: str) -> tuple[Lineage, ...]:
        """The lineage, the lineages linked to it by merges and splits (transitively) and their sub-points."""
        seen: set[str] = set()
        todo = [lineage_id]
        while todo:
            lid = todo.pop()
            if lid in seen or lid not in self._by_id:
                continue
            seen.add(lid)
            for s in self._by_id[lid].steps:
                todo.extend(x for x in (s.into, s.origin, *s.partners) if x)
        changed = True
        while changed:  # sub-points of anything selected
            changed = False
            for ln in self.lineages:
                if ln.id not in seen and ln.parent in seen:
                    seen.add(ln.id)
                    changed = True
        return tuple(ln for ln in self.lineages if ln.id in seen)

    def point_counts(self) -> tuple[int, ...]:
        """Top-level points in the main text (not on a deferred track) of each draft."""
        return tuple(sum(1 for p in d.points if p.track is None) for d in self.drafts)

    def summary(self) -> dict[str, Any]:
        """Counts over the top-level lineages (provisions), and the deferred ones grouped by the track of
        their latest deferral."""
        top = [ln for ln in self.lineages if ln.depth == 0]
        end = len(self.drafts) - 1
        deferred: dict[str, list[Lineage]] = {}
        for ln in top:  # each provision under the track of its latest deferral
            last_deferral = next((s for s in reversed(ln.steps) if s.fate is Fate.DEFERRED), None)
            if last_deferral is not None:
                deferred.setdefault(last_deferral.track or "a deferred track", []).append(ln)
        return {
            "points": list(self.point_counts()),
            "lineages": len(self.lineages),
            "provisions": len(top),
            "added": sum(1 for ln in top if ln.steps[0].fate is Fate.ADDED),
            "dropped": sum(1 for ln in top if Fate.DROPPED in ln.fates()),
            "restored": sum(1 for ln in top if Fate.RESTORED in ln.fates()),
            "dropped_at_end": sum(1 for ln in top if not ln.present_at(end) and ln.last.fate is Fate.DROPPED),
            "merged": sum(1 for ln in top if Fate.MERGED_INTO in ln.fates()),
            "split": sum(1 for ln in top if ln.steps[0].fate is Fate.SPLIT_FROM),
            "revised": sum(1 for ln in top if Fate.REVISED in ln.fates()),
            "unchanged_throughout": sum(
                1
                for ln in top
                if ln.start == 0 and ln.fates() <= {Fate.INITIAL, Fate.UNCHANGED} and ln.present_at(end)
            ),
            "deferred": [
                {
                    "track": track,
                    "lineages": [ln.id for ln in lns],
                    "titles": [ln.title for ln in lns],
                    "still_deferred": [
                        ln.id for ln in lns if (st := ln.step_at(end)) and st.present and st.track
                    ],
                }
                for track, lns in deferred.items()
            ],
        }


_BOLD_TITLE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)")
_MD_NOISE = re.compile(r"[*_`]+")


def short_title(text: str, *, words: int = 5) -> str:
    """A short name for a provision: its bold title, else a short lead-in before a colon, else its first
    few words.

    >>> short_title("**Territory.** Crimea, Luhansk and Donetsk will be recognised ...")
    'Territory'
    >>> short_title("Territorial arrangements: the line of contact is frozen.")
    'Territorial arrangements'
    >>> short_title("Ukraine will not join NATO and this will be written into law.")
    'Ukraine will not join NATO...'
    """
    m = _BOLD_TITLE.match(text)
    if m:
        title = m.group(1).strip().rstrip(".:;,").strip()
        if title:
            return title
    plain = _MD_NOISE.sub("", text).strip()
    m = _COLON_TITLE.match(plain)
    if m and len(m.group(1).split()) <= 4:
        return m.group(1)
    tokens = plain.split()
    if not tokens:
        return ""
    out = " ".join(tokens[:words]).rstrip(".,;:")
    return out + "..." if len(tokens) > words else out


#: "Territorial arrangements: ..." -- a capitalised lead-in of a few words, then a colon and more text.
_COLON_TITLE = re.compile(r"^([A-Z][^:.;!?]{1,40}?):\s+\S")

# --------------------------------------------------------------------------------------------------
# Building


@dataclass(frozen=True, slots=True)
class _Pending:
    """A step while the history is being built: the :class:`Step` as it will be, but for its links to
    other lineages, which name them by builder key until the lineages have their ids.

    step       the step, with ``into``, ``origin`` and ``partners`` left empty.
    into       merged-into: the key of the lineage that continues.
    origin     split-from: the key of the lineage it split from.
    partners   merged / split: the keys of the lineages merged into or split off this one.
    """

    step: Step
    into: int | None = None
    origin: int | None = None
    partners: tuple[int, ...] = ()

    def resolve(self, ident: Mapping[int, str]) -> Step:
        """The final step, its links named by lineage id (``ident``: builder key -> lineage id).

        >>> _Pending(Step(2, Fate.MERGED_INTO, to=("4",)), into=0).resolve({0: "L1"}).into
        'L1'
        """
        if self.into is None and self.origin is None and not self.partners:
            return self.step  # most steps link to no other lineage
        return replace(
            self.step,
            into=ident[self.into] if self.into is not None else None,
            origin=ident[self.origin] if self.origin is not None else None,
            partners=tuple(ident[k] for k in self.partners),
        )


class _Lin:
    """A lineage while the history is being built."""

    __slots__ = ("absent", "anchor", "depth", "key", "last_draft", "last_point", "parent", "steps")

    def __init__(self, key: int, parent: int | None, depth: int) -> None:
        self.key = key
        self.steps: list[_Pending] = []
        self.parent = parent
        self.depth = depth
        self.last_point: Point | None = None
        self.last_draft = -1
        self.anchor: int | None = None  # display: placed after this lineage (None: at the very start)
        self.absent = False  # dropped and not (yet) restored: a restore candidate


class PointIndex:
    """Positions, parents and depths of the points of one draft (every depth), by point id.

    >>> from draftdiff.model import Point
    >>> ix = PointIndex(Draft("d", points=(Point("1", "1", "A.", points=(Point("1.a", "a", "B."),)),)))
    >>> ix.order, ix.parent, ix.depth
    ({'1': 0, '1.a': 1}, {'1': None, '1.a': '1'}, {'1': 0, '1.a': 1})
    """

    __slots__ = ("depth", "order", "parent", "points")

    def __init__(self, draft: Draft) -> None:
        self.points: dict[str, Point] = {}
        self.order: dict[str, int] = {}
        self.parent: dict[str, str | None] = {}
        self.depth: dict[str, int] = {}

        stack: list[tuple[Point, str | None, int]] = [(p, None, 0) for p in reversed(draft.points)]
        while stack:  # iterative, deep trees must not hit the recursion limit
            p, parent, depth = stack.pop()
            self.order[p.id] = len(self.order)
            self.points[p.id] = p
            self.parent[p.id] = parent
            self.depth[p.id] = depth
            stack.extend((c, p.id, depth + 1) for c in reversed(p.points))


CompareFn = Callable[[Draft, Draft], Comparison]

# RESTORE_THRESHOLD and RESTORE_REVISED_EXTRA live with every other threshold in align/tuning.py.

#: At most this many other points of the draft (evenly spread) go into the restore look-up as context.
RESTORE_CONTEXT = 60


def _default_compare(options: Any) -> CompareFn:
    from .compare import compare as engine_compare

    def run(old: Draft, new: Draft) -> Comparison:
        return engine_compare(old, new, options)

    return run


def _threshold(options: Any) -> float:
    if options is not None and getattr(options, "threshold", None) is not None:
        return float(options.threshold)
    try:
        from .compare import CompareOptions

        return float(CompareOptions().threshold)
    except Exception:  # noqa: BLE001 - an engine without a threshold: accept what it matches
        return 0.0


def _step_fate(kind: Kind, n_old: int, n_new: int, old_track: str | None, new_track: str | None) -> Fate:
    """The fate of the continuing lineage for a change of ``kind`` pairing n_old old with n_new new points.

    The kind decides for merged, split and deferred (a merge onto a deferred track is *deferred*, the
    other parts merged into it); a 1:1 change that moves a point onto a track is deferred, off a track
    restored; other kinds with several parts count as merged / split.

    >>> _step_fate(Kind.DEFERRED, 2, 1, None, "Leaders"), _step_fate(Kind.REWORDED, 1, 1, "Leaders", None)
    (<Fate.DEFERRED: 'deferred'>, <Fate.RESTORED: 'restored'>)
    """
    if kind in (Kind.MERGED, Kind.SPLIT, Kind.DEFERRED):
        return Fate(kind.value)
    if n_old > 1:
        return Fate.MERGED
    if n_new > 1:
        return Fate.SPLIT
    if old_track and not new_track:
        return Fate.RESTORED
    if new_track and not old_track:
        return Fate.DEFERRED
    return _KIND_FATE.get(kind, Fate.REVISED)


class _Builder:
    def __init__(
        self,
        drafts: Sequence[Draft],
        compare: CompareFn,
        restore: bool,
        threshold: float,
        restore_compare: CompareFn | None,
    ) -> None:
        self.drafts = drafts
        self.compare = compare
        self.restore_compare = restore_compare or compare
        self.restore = restore
        self.threshold = threshold
        self.lins: list[_Lin] = []
        self.comparisons: list[Comparison] = []
        self.where: dict[tuple[int, str], _Lin] = {}  # (draft, point id) -> lineage, for restore look-ups

    # -- helpers
    def new_lin(self, parent: int | None, depth: int) -> _Lin:
        ln = _Lin(len(self.lins), parent, depth)
        self.lins.append(ln)
        return ln

    def add_step(
        self,
        ln: _Lin,
        draft: int,
        fate: Fate,
        point: Point | None = None,
        *,
        source: str,
        kind: Kind | None = None,
        change: Change | None = None,
        into: int | None = None,
        to: tuple[str, ...] = (),
        origin: int | None = None,
        partners: tuple[int, ...] = (),
        since: int | None = None,
        withdrawn: bool = False,
    ) -> None:
        """Record the lineage's step in ``draft``: at ``point`` (None: absent there); ``change`` gives the
        similarity, flags, moved, renumbered and matched-by; links name other lineages by key."""
        if ln.steps and ln.steps[-1].step.draft == draft:
            return  # already placed in this draft (a point reported twice): the first report wins
        step = Step(
            draft=draft,
            fate=fate,
            ids=(point.id,) if point is not None else (),
            kind=kind,
            source=source,
            similarity=change.similarity if change is not None else None,
            flags=change.flags if change is not None else (),
            moved=change.moved if change is not None else False,
            renumbered=change.renumbered if change is not None else False,
            matched_by=change.matched_by if change is not None else None,
            track=point.track if point is not None else None,
            text=point.text if point is not None else None,
            to=to,
            since=since,
            withdrawn=withdrawn,
        )
        if point is not None:
            ln.last_point = point
            ln.last_draft = draft
            self.where[(draft, point.id)] = ln
            ln.absent = False
        ln.steps.append(_Pending(step, into=into, origin=origin, partners=partners))

    # -- the series
    def run(self) -> None:
        first = PointIndex(self.drafts[0])
        owner: dict[str, _Lin] = {}
        for pid, p in first.points.items():
            parent = owner.get(first_parent) if (first_parent := first.parent[pid]) else None
            ln = self.new_lin(parent.key if parent else None, first.depth[pid])
            self.add_step(ln, 0, Fate.INITIAL, p, source="start")
            ln.anchor = self.lins[ln.key - 1].key if ln.key else None
            owner[pid] = ln
        prev_index = first
        for i in range(1, len(self.drafts)):
            cmp = self.compare(self.drafts[i - 1], self.drafts[i])
            self.comparisons.append(cmp)
            index = PointIndex(self.drafts[i])
            owner = self.step(i, cmp, prev_index, index, owner)
            prev_index = index

    def step(
        self, i: int, cmp: Comparison, old: PointIndex, new: PointIndex, old_owner: dict[str, _Lin]
    ) -> dict[str, _Lin]:
        owner: dict[str, _Lin] = {}
        created: list[_Lin] = []
        pending: list[str] = []  # new ids reported added, lineage not yet decided (maybe a restore)
        pending_set: set[str] = set()  # the same ids, for a constant-time "already pending?"
        seen_old: set[str] = set()
        withdrawn = set(self.drafts[i].withdrawn)
        for ch in cmp.walk():
            olds = sorted(
                (o for o in ch.old if o in old.points and o not in seen_old), key=old.order.__getitem__
            )
            news = sorted(
                (n for n in ch.new if n in new.points and n not in owner), key=new.order.__getitem__
            )
            seen_old.update(olds)
            if not olds:
                for n in news:
                    if n not in pending_set:
                        pending.append(n)
                        pending_set.add(n)
                continue
            if not news:
                for o in olds:
                    ln = old_owner[o]
                    self.add_step(
                        ln, i, Fate.DROPPED, None, kind=ch.kind, source="compare", withdrawn=o in withdrawn
                    )
                    ln.absent = True
                continue
            created += self.link(i, ch, olds, news, old.points, old_owner, new, owner, source="compare")
        # old points no comparison mentioned: sub-points of dropped/merged/split parents -> gone with them
        for pid in old.points:
            if pid not in seen_old:
                ln = old_owner[pid]
                self.add_step(ln, i, Fate.DROPPED, None, source="parent", withdrawn=pid in withdrawn)
                ln.absent = True
        if self.restore and pending:
            created += self.find_restored(i, pending, new, owner)
            pending_set = set(pending)  # find_restored took the restored ids out of pending
        for pid in sorted(pending_set | (set(new.points) - set(owner)), key=new.order.__getitem__):
            if pid in owner:
                continue
            parent = owner.get(new_parent) if (new_parent := new.parent[pid]) else None
            ln = self.new_lin(parent.key if parent else None, new.depth[pid])
            self.add_step(
                ln,
                i,
                Fate.ADDED,
                new.points[pid],
                kind=Kind.ADDED if pid in pending_set else None,
                source="compare" if pid in pending_set else "parent",
            )
            owner[pid] = ln
            created.append(ln)
        # display order: a new lineage goes right after the lineage of the point before it
        fresh = {ln.key for ln in created}
        prev: _Lin | None = None
        for pid in sorted(new.points, key=new.order.__getitem__):
            ln = owner[pid]
            if ln.key in fresh:
                ln.anchor = prev.key if prev is not None else None
                fresh.discard(ln.key)
            prev = ln
        return owner

    def link(
        self,
        i: int,
        ch: Change,
        olds: list[str],
        news: list[str],
        old_points: dict[str, Point],
        old_owner: dict[str, _Lin],
        new: PointIndex,
        owner: dict[str, _Lin],
        *,
        source: str,
        since: dict[int, int] | None = None,
    ) -> list[_Lin]:
        """Continue the first old part's lineage in the first new part; merge the other old parts into it
        and start split-from lineages for the other new parts. olds and news come in document order.
        Returns the lineages created."""
        cont = old_owner[olds[0]]
        new_pt = new.points[news[0]]
        old_pt = old_points[olds[0]]
        created: list[_Lin] = []
        fate = _step_fate(ch.kind, len(olds), len(news), old_pt.track, new_pt.track)
        if source == "restore" and fate not in (Fate.MERGED, Fate.SPLIT):
            fate = Fate.RESTORED
        split_lins: list[_Lin] = []
        for n in news[1:]:
            parent = owner.get(new_parent) if (new_parent := new.parent[n]) else None
            ln = self.new_lin(parent.key if parent else None, new.depth[n])
            split_lins.append(ln)
            created.append(ln)
        merged_parts = [old_owner[o] for o in olds[1:]]
        self.add_step(
            cont,
            i,
            fate,
            new_pt,
            source=source,
            kind=ch.kind,
            change=ch,
            partners=tuple(x.key for x in merged_parts + split_lins),
            since=since.get(cont.key) if since else None,
        )
        owner[news[0]] = cont
        for ln in merged_parts:
            self.add_step(
                ln,
                i,
                Fate.MERGED_INTO,
                None,
                source=source,
                kind=ch.kind,
                change=ch,
                into=cont.key,
                to=(news[0],),
            )
        for n, ln in zip(news[1:], split_lins, strict=True):
            self.add_step(
                ln, i, Fate.SPLIT_FROM, new.points[n], source=source, kind=ch.kind, change=ch, origin=cont.key
            )
            owner[n] = ln
        return created

    def find_restored(
        self, i: int, pending: list[str], new: PointIndex, owner: dict[str, _Lin]
    ) -> list[_Lin]:
        """Look for dropped provisions among the points draft i adds; continue their lineages.

        The candidates are the lineages absent from draft i - 1 (dropped earlier and not restored since),
        taken with their last text and sub-points; they are compared, as one small draft, with the points
        draft i adds, as another. Restored points are removed from ``pending``.
        """
        absent = [
            ln for ln in self.lins if ln.absent and ln.last_point is not None and ln.steps[-1].step.draft < i
        ]
        keys = {ln.key for ln in absent}
        roots = [ln for ln in absent if ln.parent not in keys]
        pend = set(pending)
        added_roots = [n for n in pending if new.parent[n] not in pend]
        if not roots or not added_roots:
            return []
        # A cheap first sieve: a dropped provision is compared only if it shares a good part of its
        # words with some added point (a pair the engine could score at the restore threshold does).
        added_words = [_words(new.points[n]) for n in added_roots]
        roots = [ln for ln in roots if _shares_words(_words(ln.last_point), added_words)]  # type: ignore[arg-type]
        if not roots:
            return []
        small_old: dict[str, Point] = {}
        small_owner: dict[str, _Lin] = {}
        old_points = []
        for k, ln in enumerate(roots, 1):
            assert ln.last_point is not None
            back: dict[str, str] = {}
            old_points.append(_reid(ln.last_point, f"r{k}", back))
            for small, orig in back.items():
                sub_lin = ln if small == f"r{k}" else self.where.get((ln.last_draft, orig))
                if sub_lin is not None:
                    small_owner[small] = sub_lin
        back_new: dict[str, str] = {}
        added = set(added_roots)
        new_points: list[Point] = []
        context: list[Point] = []
        rest = [p for p in self.drafts[i].points if p.id not in added]
        step = max(1, -(-len(rest) // RESTORE_CONTEXT))
        sample = {p.id for p in rest[::step]}
        for k, p in enumerate(self.drafts[i].points, 1):
            if p.id in added:
                new_points.append(_reid(p, f"a{k}", back_new))
            elif p.id in sample:
                # Other points of draft i, on both sides, as context: the engine weighs words by their
                # rarity among the points compared, and two lone points would make every shared word common.
                new_points.append(Point(id=f"c{k}", label=f"c{k}", text=p.text, track=p.track))
                context.append(new_points[-1])
        for k, pid in enumerate((a for a in added_roots if new.depth[a] > 0), 1):  # added sub-points
            new_points.append(_reid(new.points[pid], f"s{k}", back_new))
        old_small = Draft(source="<dropped>", points=tuple(context + old_points))
        new_small = Draft(source=self.drafts[i].source, points=tuple(new_points))
        for p in old_small.walk():
            small_old[p.id] = p
        small_order = {pid: k for k, pid in enumerate(small_old)}
        cmp = self.restore_compare(old_small, new_small)
        created: list[_Lin] = []
        for ch in cmp.changes:
            if (
                ch.kind not in (Kind.UNCHANGED, Kind.REWORDED, Kind.REVISED, Kind.DEFERRED)
                or len(ch.old) != 1
                or len(ch.new) != 1
                or ch.similarity is None
                or ch.similarity
                < self.threshold + (RESTORE_REVISED_EXTRA if ch.kind is Kind.REVISED else 0.0)
                or ch.matched_by in ("order", "label")
                or ch.old[0] not in small_owner
            ):
                continue
            # the pair and, below it, whatever the restore comparison aligned among the sub-points
            for sub in ch.walk():
                olds = sorted(
                    (o for o in sub.old if o in small_owner and small_owner[o].absent),
                    key=small_order.__getitem__,
                )
                news = sorted(
                    (back_new[n] for n in sub.new if n in back_new and back_new[n] not in owner),
                    key=new.order.__getitem__,
                )
                if not olds or not news:
                    continue
                since = {small_owner[o].key: small_owner[o].last_draft for o in olds}
                # positions and labels in the two small drafts mean nothing: moved/renumbered are
                # judged on the provision's last label and its new one
                last = small_owner[olds[0]].last_point
                now = new.points[news[0]]
                renumbered = (
                    last is not None and last.label != now.label and not (last.positional or now.positional)
                )
                sub = replace(sub, moved=False, renumbered=renumbered)
                created += self.link(
                    i, sub, olds, news, small_old, small_owner, new, owner, source="restore", since=since
                )
        pending[:] = [pid for pid in pending if pid not in owner]
        return created

    # -- the result
    def result(self, names: Sequence[str]) -> History:
        after: dict[int | None, list[int]] = {}
        for ln in self.lins:
            after.setdefault(ln.anchor, []).append(ln.key)
        order: list[int] = []
        stack = list(after.get(None, []))  # reversed insertion order: the later insertion comes first
        while stack:
            key = stack.pop()
            order.append(key)
            stack.extend(after.get(key, []))
        if len(order) != len(self.lins):  # cannot happen (anchors point backwards); never lose a lineage
            placed = set(order)
            order += [ln.key for ln in self.lins if ln.key not in placed]
        ident = {key: f"L{n}" for n, key in enumerate(order, 1)}
        lineages = []
        for key in order:
            ln = self.lins[key]
            steps = [pending.resolve(ident) for pending in ln.steps]
            texts = [s.text for s in steps if s.text]
            lineages.append(
                Lineage(
                    id=ident[key],
                    steps=tuple(steps),
                    parent=ident[ln.parent] if ln.parent is not None else None,
                    depth=ln.depth,
                    title=short_title(texts[-1]) if texts else "",
                )
            )
        return History(tuple(self.drafts), tuple(names), tuple(lineages), tuple(self.comparisons))


_WORD = re.compile(r"\w+")


def _words(point: Point) -> frozenset[str]:
    """The words (3 letters or more, case-folded) of a point and its sub-points."""
    return frozenset(w for p in point.walk() for w in _WORD.findall(p.text.casefold()) if len(w) > 2)


def _shares_words(words: frozenset[str], others: Sequence[frozenset[str]], share: float = 0.5) -> bool:
    """Whether some set in ``others`` holds at least ``share`` of the smaller of the two sets."""
    if not words:
        return False
    return any(o and len(words & o) >= max(1.0, share * min(len(words), len(o))) for o in others)


def _reid(point: Point, new_id: str, back: dict[str, str]) -> Point:
    """A copy of point (and its sub-points) with fresh ids and neutral labels, recording the originals."""
    back[new_id] = point.id
    subs = tuple(_reid(c, f"{new_id}.{k}", back) for k, c in enumerate(point.points, 1))
    return Point(id=new_id, label=new_id, text=point.text, track=point.track, points=subs)


def build_history(
    drafts: Sequence[Draft],
    *,
    options: Any = None,
    names: Sequence[str] | None = None,
    compare: CompareFn | None = None,
    restore: bool = True,
    restore_compare: CompareFn | None = None,
    threshold: float | None = None,
) -> History:
    """Chain the comparisons of consecutive drafts into lineages.

    drafts            the series, in order (see :func:`order_drafts`); at least two.
    options           a ``draftdiff.compare.CompareOptions`` for the engine (threshold, pins ...).
    names             column names for the drafts (default: :func:`short_names`).
    compare           the pairwise comparison to use (default: the engine with ``options``); tests and
                      callers with comparisons at hand can pass their own.
    restore           look for dropped provisions in later drafts (default True).
    restore_compare   the comparison used for the restore look-up (default: ``compare``).
    threshold         the similarity a restore pair must reach (default: :data:`RESTORE_THRESHOLD`, or the
                      engine's pairing threshold if that is higher).
    """
    drafts = tuple(drafts)
    if len(drafts) < 2:
        raise DraftdiffError(f"a history needs at least 2 drafts, got {len(drafts)}")
    compare_fn = compare or _default_compare(options)
    if threshold is None:
        threshold = max(_threshold(options), RESTORE_THRESHOLD)
    builder = _Builder(drafts, compare_fn, restore, threshold, restore_compare)
    builder.run()
    return builder.result(tuple(names) if names is not None else short_names(drafts))
