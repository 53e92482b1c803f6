"""Blame: for every point of the last draft of a history, the draft that introduced its provision and
the draft that last changed its substance (a fate in :data:`draftdiff.lineage.SUBSTANTIVE`; rewording
does not count). Nothing here imports rich or typer.

>>> from draftdiff.changes import Change, Comparison, Kind
>>> from draftdiff.lineage import build_history
>>> from draftdiff.model import draft_from_texts
>>> a, b = draft_from_texts(["Alpha.", "Beta."], source="a"), draft_from_texts(["Alpha!", "Gamma."], source="b")
>>> h = build_history([a, b], compare=lambda o, n: Comparison(o, n, (
...     Change(Kind.REWORDED, ("1",), ("1",), 0.9), Change(Kind.REVISED, ("2",), ("2",), 0.6))), restore=False)
>>> [(e.point.id, e.introduced, e.changed, e.change.value) for e in blame(h)]
[('1', 0, 0, 'initial'), ('2', 0, 1, 'revised')]
"""

from __future__ import annotations

from dataclasses import dataclass

from .lineage import SUBSTANTIVE, Fate, History, Lineage, PointIndex
from .model import Point

__all__ = ["BlameEntry", "blame"]


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
    index = PointIndex(history.drafts[last])
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
