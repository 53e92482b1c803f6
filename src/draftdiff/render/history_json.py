"""The history and blame as plain data: "draftdiff.history/1" and "draftdiff.blame/1" (docs/json-history.md).

JSON Schemas: ``src/draftdiff/schemas/history.json`` and ``blame.json`` (``draftdiff schema history``).
Within a schema version fields are only ever added, never renamed or removed.

>>> from draftdiff.changes import Change, Comparison, Kind
>>> from draftdiff.history import build_history
>>> from draftdiff.model import draft_from_texts
>>> a, b = draft_from_texts(["Alpha.", "Beta."], source="a.md"), draft_from_texts(["Alpha!"], source="b.md")
>>> h = build_history([a, b], compare=lambda o, n: Comparison(o, n, (
...     Change(Kind.REWORDED, ("1",), ("1",), 0.9), Change(Kind.DROPPED, ("2",)))), restore=False)
>>> d = history_to_dict(h)
>>> d["schema"], [ln["id"] for ln in d["lineages"]], [s["fate"] for s in d["lineages"][1]["steps"]]
('draftdiff.history/1', ['L1', 'L2'], ['initial', 'dropped'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .. import __version__
from ..changes import DiffOp
from ..history import BlameEntry, History, Lineage, Step
from .json import dumps_safe
from .sentence import series_sentence

__all__ = [
    "BLAME_SCHEMA",
    "HISTORY_SCHEMA",
    "blame_to_dict",
    "blame_to_json",
    "history_to_dict",
    "history_to_json",
    "lineage_to_dict",
    "step_to_dict",
]

HISTORY_SCHEMA = "draftdiff.history/1"
BLAME_SCHEMA = "draftdiff.blame/1"


def _score(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def step_to_dict(step: Step, diff: Sequence[DiffOp] | None = None) -> dict[str, Any]:
    """One step; ``diff`` (the word diff against the provision's previous text) is written when given."""
    out = {
        "draft": step.draft,
        "fate": step.fate.value,
        "ids": list(step.ids),
        "kind": step.kind.value if step.kind is not None else None,
        "source": step.source,
        "similarity": _score(step.similarity),
        "matched_by": step.matched_by,
        "flags": [{"type": f.type, "old": f.old, "new": f.new} for f in step.flags],
        "moved": step.moved,
        "renumbered": step.renumbered,
        "track": step.track,
        "text": step.text,
        "into": step.into,
        "to": list(step.to),
        "origin": step.origin,
        "partners": list(step.partners),
        "since": step.since,
        "withdrawn": step.withdrawn,
    }
    if diff is not None:
        out["diff"] = [{"op": op.op, "text": op.text} for op in diff]
    return out


def lineage_to_dict(lineage: Lineage, diffs: Mapping[int, Sequence[DiffOp]] | None = None) -> dict[str, Any]:
    return {
        "id": lineage.id,
        "title": lineage.title,
        "parent": lineage.parent,
        "depth": lineage.depth,
        "start": lineage.start,
        "steps": [step_to_dict(s, diffs.get(s.draft) if diffs is not None else None) for s in lineage.steps],
    }


def _drafts(history: History) -> list[dict[str, Any]]:
    out = []
    for k, (d, name) in enumerate(zip(history.drafts, history.names, strict=True)):
        out.append(
            {
                "index": k,
                "name": name,
                "source": d.source,
                "title": d.title,
                "date": d.date,
                "version": d.version,
                "points": sum(1 for p in d.points if p.track is None),
                "deferred": sum(1 for p in d.points if p.track is not None),
                "total": sum(1 for _ in d.walk()),
                "points_from": d.points_from,
            }
        )
    return out


def history_to_dict(
    history: History,
    lineages: Sequence[Lineage] | None = None,
    *,
    provision: str | None = None,
    grep: str | None = None,
    diffs: Mapping[str, Mapping[int, Sequence[DiffOp]]] | None = None,
) -> dict[str, Any]:
    """The history as JSON-ready data; ``lineages`` restricts the list (``--provision``, ``--grep``), the
    rest is whole; ``provision`` and ``grep`` record the selection; ``diffs`` (lineage id -> draft index ->
    word diff) adds a ``diff`` to the steps whose text changed."""
    summary = history.summary()
    summary["sentence"] = series_sentence(history)
    out: dict[str, Any] = {
        "schema": HISTORY_SCHEMA,
        "version": __version__,
        "drafts": _drafts(history),
        "pairs": [
            {"old": k, "new": k + 1, "summary": cmp.summary()} for k, cmp in enumerate(history.comparisons)
        ],
        "summary": summary,
        "lineages": [
            lineage_to_dict(ln, diffs.get(ln.id, {}) if diffs is not None else None)
            for ln in (lineages if lineages is not None else history.lineages)
        ],
    }
    if provision is not None:
        out["provision"] = provision
    if grep is not None:
        out["grep"] = grep
    return out


def history_to_json(
    history: History,
    lineages: Sequence[Lineage] | None = None,
    *,
    provision: str | None = None,
    grep: str | None = None,
    diffs: Mapping[str, Mapping[int, Sequence[DiffOp]]] | None = None,
) -> str:
    return dumps_safe(history_to_dict(history, lineages, provision=provision, grep=grep, diffs=diffs))


def blame_to_dict(history: History, entries: Sequence[BlameEntry]) -> dict[str, Any]:
    """Blame as JSON-ready data: the series, and for each point of the last draft where it came from."""

    def ref(k: int) -> dict[str, Any]:
        return {"draft": k, "name": history.names[k]}

    return {
        "schema": BLAME_SCHEMA,
        "version": __version__,
        "drafts": _drafts(history),
        "points": [
            {
                "id": e.point.id,
                "depth": e.depth,
                "text": e.point.text,
                "track": e.point.track,
                "lineage": e.lineage.id,
                "introduced": ref(e.introduced),
                "changed": {**ref(e.changed), "fate": e.change.value},
            }
            for e in entries
        ],
    }


def blame_to_json(history: History, entries: Sequence[BlameEntry]) -> str:
    return dumps_safe(blame_to_dict(history, entries))
