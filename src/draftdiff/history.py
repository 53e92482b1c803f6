"""Follow every provision through a series of drafts: lineages, restorations and blame.

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
import datetime as _dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from .changes import Change, Comparison, DiffOp, Flag, Kind
from .errors import DraftdiffError
from .model import Draft, Point

__all__ = [
    "RESTORE_THRESHOLD",
    "SUBSTANTIVE",
    "BlameEntry",
    "Fate",
    "History",
    "Lineage",
    "Step",
    "blame",
    "build_history",
    "cut_series",
    "draft_files",
    "find_by_text",
    "find_lineage",
    "natural_key",
    "order_drafts",
    "parse_date",
    "resolve_draft",
    "short_names",
    "short_title",
    "step_diffs",
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


class _Lin:
    """A lineage while the history is being built."""

    __slots__ = ("absent", "anchor", "depth", "key", "last_draft", "last_point", "parent", "steps")

    def __init__(self, key: int, parent: int | None, depth: int) -> None:
        self.key = key
        self.steps: list[dict[str, Any]] = []
        self.parent = parent
        self.depth = depth
        self.last_point: Point | None = None
        self.last_draft = -1
        self.anchor: int | None = None  # display: placed after this lineage (None: at the very start)
        self.absent = False  # dropped and not (yet) restored: a restore candidate


class _Index:
    """Positions, parents and depths of the points of one draft."""

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

#: The similarity a dropped provision and a later addition must reach to be linked as a restore. Higher
#: than the engine's pairing threshold (0.5): the look-up searches everything later drafts add, across
#: drafts, so a chance resemblance has many more chances (bench/history_speed.py measures the false links).
RESTORE_THRESHOLD = 0.7

#: A restore the engine calls revised (its substance differs) must be this much more similar still.
RESTORE_REVISED_EXTRA = 0.15

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

    def add_step(self, ln: _Lin, draft: int, fate: Fate, point: Point | None = None, **kw: Any) -> None:
        if ln.steps and ln.steps[-1]["draft"] == draft:
            return  # already placed in this draft (a point reported twice): the first report wins
        step = {"draft": draft, "fate": fate, "ids": (point.id,) if point is not None else (), **kw}
        if point is not None:
            step.setdefault("track", point.track)
            step["text"] = point.text
            ln.last_point = point
            ln.last_draft = draft
            self.where[(draft, point.id)] = ln
            ln.absent = False
        ln.steps.append(step)

    # -- the series
    def run(self) -> None:
        first = _Index(self.drafts[0])
        owner: dict[str, _Lin] = {}
        for pid, p in first.points.items():
            parent = owner.get(first.parent[pid]) if first.parent[pid] else None
            ln = self.new_lin(parent.key if parent else None, first.depth[pid])
            self.add_step(ln, 0, Fate.INITIAL, p, source="start")
            ln.anchor = self.lins[ln.key - 1].key if ln.key else None
            owner[pid] = ln
        prev_index = first
        for i in range(1, len(self.drafts)):
            cmp = self.compare(self.drafts[i - 1], self.drafts[i])
            self.comparisons.append(cmp)
            index = _Index(self.drafts[i])
            owner = self.step(i, cmp, prev_index, index, owner)
            prev_index = index

    def step(
        self, i: int, cmp: Comparison, old: _Index, new: _Index, old_owner: dict[str, _Lin]
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
            parent = owner.get(new.parent[pid]) if new.parent[pid] else None
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
        new: _Index,
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
            parent = owner.get(new.parent[n]) if new.parent[n] else None
            ln = self.new_lin(parent.key if parent else None, new.depth[n])
            split_lins.append(ln)
            created.append(ln)
        merged_parts = [old_owner[o] for o in olds[1:]]
        common = {
            "kind": ch.kind,
            "source": source,
            "similarity": ch.similarity,
            "flags": ch.flags,
            "moved": ch.moved,
            "renumbered": ch.renumbered,
            "matched_by": ch.matched_by,
        }
        self.add_step(
            cont,
            i,
            fate,
            new_pt,
            partners=tuple(x.key for x in merged_parts + split_lins),
            since=since.get(cont.key) if since else None,
            **common,
        )
        owner[news[0]] = cont
        for ln in merged_parts:
            self.add_step(ln, i, Fate.MERGED_INTO, None, into=cont.key, to=(news[0],), **common)
        for n, ln in zip(news[1:], split_lins, strict=True):
            self.add_step(ln, i, Fate.SPLIT_FROM, new.points[n], origin=cont.key, **common)
            owner[n] = ln
        return created

    def find_restored(self, i: int, pending: list[str], new: _Index, owner: dict[str, _Lin]) -> list[_Lin]:
        """Look for dropped provisions among the points draft i adds; continue their lineages.

        The candidates are the lineages absent from draft i - 1 (dropped earlier and not restored since),
        taken with their last text and sub-points; they are compared, as one small draft, with the points
        draft i adds, as another. Restored points are removed from ``pending``.
        """
        absent = [
            ln for ln in self.lins if ln.absent and ln.last_point is not None and ln.steps[-1]["draft"] < i
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
                sub = ln if small == f"r{k}" else self.where.get((ln.last_draft, orig))
                if sub is not None:
                    small_owner[small] = sub
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
                renumbered = last is not None and last.label != now.label and not (last.positional or now.positional)
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
            steps = []
            for st in ln.steps:
                st = dict(st)
                if st.get("into") is not None:
                    st["into"] = ident[st["into"]]
                if st.get("origin") is not None:
                    st["origin"] = ident[st["origin"]]
                st["partners"] = tuple(ident[k] for k in st.get("partners", ()))
                steps.append(Step(**st))
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


# --------------------------------------------------------------------------------------------------
# Series: which files, in which order, what to call them, where to cut


#: Extensions of the files a directory contributes to a series.
DRAFT_EXTENSIONS = (".md", ".markdown", ".txt", ".json", ".toml")

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[Any, ...]:
    """Sort key in natural order: ``2`` before ``10``.

    >>> sorted(["v10.md", "v2.md", "v1.md"], key=natural_key)
    ['v1.md', 'v2.md', 'v10.md']
    """
    return tuple(
        (0, int(part), part) if part.isdigit() else (1, part.casefold(), part)
        for part in _DIGITS.split(name)
        if part
    )


def draft_files(directory: str) -> list[str]:
    """The draft files of a directory, in natural file-name order.

    Only regular files ending in .md .markdown .txt .json .toml count; hidden files and files named
    ``README*`` (a folder's description, not a draft) are skipped; subdirectories are not entered.
    """
    try:
        entries = os.listdir(directory)
    except OSError as exc:
        raise DraftdiffError(exc.strerror or str(exc), source=directory) from None
    out = []
    for name in entries:
        if name.startswith(".") or name.upper().startswith("README"):
            continue
        if not name.lower().endswith(DRAFT_EXTENSIONS):
            continue
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            out.append(path)
    return sorted(out, key=lambda p: natural_key(os.path.basename(p)))


def parse_date(value: Any) -> _dt.date | None:
    """A front-matter date as a date (``2025-11-20``, ``2025-11-20T10:00``, a TOML date); None otherwise."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def order_drafts(drafts: Sequence[Draft], how: str = "auto") -> list[Draft]:
    """Order a series: ``date`` (by front-matter date, stable), ``given`` (as given) or ``auto`` (by date
    when every draft has a readable date, else as given).

    >>> ds = [Draft("b", date="2025-11-23"), Draft("a", date="2025-11-20")]
    >>> [d.source for d in order_drafts(ds)]
    ['a', 'b']
    >>> [d.source for d in order_drafts([Draft("b", date="2025-11-23"), Draft("a")])]
    ['b', 'a']
    """
    drafts = list(drafts)
    if how == "given":
        return drafts
    dates = [parse_date(d.date) for d in drafts]
    if how == "date":
        missing = [d.source for d, dt in zip(drafts, dates, strict=True) if dt is None]
        if missing:
            raise DraftdiffError("has no readable front-matter date; cannot order by date", source=missing[0])
    elif any(dt is None for dt in dates):
        return drafts
    keyed = sorted(range(len(drafts)), key=lambda k: (dates[k], k))
    return [drafts[k] for k in keyed]


def _stem(source: str) -> str:
    base = os.path.basename(source.rsplit(":", 1)[-1]) if source not in ("-", "") else source or "-"
    for ext in DRAFT_EXTENSIONS:
        if base.lower().endswith(ext):
            return base[: -len(ext)]
    return base


def short_names(drafts: Sequence[Draft]) -> tuple[str, ...]:
    """Column names: the dates when they tell the drafts apart, else the versions, else the file stems
    (made unique with ``#2``, ``#3`` where needed).

    >>> short_names([Draft("x/01-a.md", date="2025-11-20"), Draft("x/02-b.md", date="2025-11-23")])
    ('2025-11-20', '2025-11-23')
    >>> short_names([Draft("x/01-a.md"), Draft("x/02-b.md")])
    ('01-a', '02-b')
    """
    for attr in ("date", "version"):
        values = [getattr(d, attr) for d in drafts]
        if all(values) and len(set(map(str, values))) == len(values):
            return tuple(str(v) for v in values)
    names: list[str] = []
    for d in drafts:
        name = _stem(d.source)
        n, candidate = 1, name
        while candidate in names:
            n += 1
            candidate = f"{name}#{n}"
        names.append(candidate)
    return tuple(names)


def resolve_draft(drafts: Sequence[Draft], names: Sequence[str], spec: str) -> int | None:
    """The index of the draft spec names: its short name, index (1-based), file name or stem, version
    or date, compared without regard to case. None when nothing matches."""
    want = spec.strip().casefold()
    for k, (d, name) in enumerate(zip(drafts, names, strict=True)):
        keys = {
            name,
            _stem(d.source),
            os.path.basename(d.source),
            d.source,
            str(d.version or ""),
            str(d.date or ""),
        }
        if want in {x.casefold() for x in keys if x}:
            return k
    if want.isdigit() and 1 <= int(want) <= len(drafts) and not any(n.isdigit() for n in names):
        return int(want) - 1
    return None


def cut_series(
    drafts: Sequence[Draft], names: Sequence[str], since: str | None = None, until: str | None = None
) -> tuple[list[Draft], list[str]]:
    """Keep the drafts from ``since`` to ``until`` (both included): each a draft name (see
    :func:`resolve_draft`) or a date (drafts dated on or after / on or before it)."""
    lo, hi = 0, len(drafts) - 1
    for which, spec in (("since", since), ("until", until)):
        if spec is None:
            continue
        k = resolve_draft(drafts, names, spec)
        if k is None:
            when = parse_date(spec)
            if when is None:
                raise DraftdiffError(
                    f"--{which} {spec!r} names no draft of the series and is not a date "
                    f"(drafts: {', '.join(names)})"
                )
            dated = [(j, parse_date(d.date)) for j, d in enumerate(drafts)]
            if which == "since":
                ks = [j for j, dt in dated if dt is not None and dt >= when]
                k = min(ks) if ks else len(drafts)
            else:
                ks = [j for j, dt in dated if dt is not None and dt <= when]
                k = max(ks) if ks else -1
        if which == "since":
            lo = max(lo, k)
        else:
            hi = min(hi, k)
    return list(drafts[lo : hi + 1]), list(names[lo : hi + 1])


def step_diffs(lineage: Lineage) -> dict[int, tuple[DiffOp, ...]]:
    """The word diff of every step whose text differs from the provision's previous text, by draft index
    (for the step-by-step view of one provision; the series itself is compared without word diffs).

    >>> ln = Lineage("L1", (Step(0, Fate.INITIAL, ("1",), text="capped at 600,000"),
    ...                     Step(1, Fate.REVISED, ("1",), text="capped at 800,000")))
    >>> [(op.op, op.text) for op in step_diffs(ln)[1]]
    [('equal', 'capped at '), ('delete', '600,000'), ('insert', '800,000')]
    """
    from .worddiff import word_diff

    out: dict[int, tuple[DiffOp, ...]] = {}
    previous: str | None = None
    for st in lineage.steps:
        if st.text is None:
            continue
        if previous is not None and st.text != previous:
            out[st.draft] = word_diff(previous, st.text)
        previous = st.text
    return out


def find_by_text(history: History, text: str) -> tuple[Lineage, ...]:
    """The lineages whose text, in any draft, contains ``text`` (case-insensitive, spaces collapsed).

    >>> from draftdiff.changes import Change, Comparison, Kind
    >>> from draftdiff.model import draft_from_texts
    >>> a, b = draft_from_texts(["An amnesty.", "Elections."]), draft_from_texts(["Elections."])
    >>> h = build_history([a, b], compare=lambda o, n: Comparison(o, n, (
    ...     Change(Kind.DROPPED, ("1",)), Change(Kind.UNCHANGED, ("2",), ("1",)))), restore=False)
    >>> [ln.id for ln in find_by_text(h, "AMNESTY")]
    ['L1']
    """
    want = " ".join(text.casefold().split())
    if not want:
        return ()
    return tuple(
        ln
        for ln in history.lineages
        if any(want in " ".join((s.text or "").casefold().split()) for s in ln.steps)
    )


def find_lineage(history: History, spec: str) -> Lineage:
    """The lineage named by spec: ``ID`` (the point with that id in the first draft that has one),
    ``DRAFT:ID`` (the point ID of the named draft) or a lineage id ``L7``."""
    draft_part, sep, pid = spec.rpartition(":")
    if sep and draft_part:
        k = resolve_draft(history.drafts, history.names, draft_part)
        if k is None:
            raise DraftdiffError(
                f"--provision {spec!r}: no draft called {draft_part!r} (drafts: {', '.join(history.names)})"
            )
        try:
            return history.owner(k, pid)
        except KeyError:
            raise DraftdiffError(
                f"--provision {spec!r}: draft {history.names[k]} has no point {pid!r}"
            ) from None
    for k in range(len(history.drafts)):
        try:
            return history.owner(k, spec)
        except KeyError:
            continue
    if re.fullmatch(r"L\d+", spec):
        try:
            return history.lineage(spec)
        except KeyError:
            pass
    raise DraftdiffError(f"--provision {spec!r}: no draft of the series has a point with that id")


# --------------------------------------------------------------------------------------------------
# Blame


@dataclass(frozen=True, slots=True)
class BlameEntry:
    """For one point of the latest draft: where it came from.

    introduced   index of the draft where the provision first appears (a split-off part: where the
                 provision it split from first appears).
    changed      index of the draft that last changed its substance (added, revised, merged, split,
                 deferred, restored; not mere rewording).
    change       the fate of that step.
    """

    point: Point
    depth: int
    lineage: Lineage
    introduced: int
    changed: int
    change: Fate


def blame(history: History) -> tuple[BlameEntry, ...]:
    """Blame every point (any depth) of the last draft of the series, in document order."""
    last = len(history.drafts) - 1
    out = []
    index = _Index(history.drafts[last])
    for pid in sorted(index.points, key=index.order.__getitem__):
        ln = history.owner(last, pid)
        origin = ln
        seen = {ln.id}
        while origin.steps[0].fate is Fate.SPLIT_FROM and origin.steps[0].origin not in seen:
            nxt = history.lineage(origin.steps[0].origin)  # type: ignore[arg-type]
            seen.add(nxt.id)
            origin = nxt
        changed = next(s for s in reversed(ln.steps) if s.draft <= last and s.fate in SUBSTANTIVE)
        out.append(
            BlameEntry(index.points[pid], index.depth[pid], ln, origin.start, changed.draft, changed.fate)
        )
    return tuple(out)
