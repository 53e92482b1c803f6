"""The comparison as plain data: the "draftdiff.compare/1" JSON contract (see docs/json-compare.md).

The JSON Schema is ``src/draftdiff/schemas/compare.json`` (``draftdiff schema compare``). The contract
grows by adding fields; no field is renamed or removed within ``draftdiff.compare/1``.

>>> from draftdiff.changes import Change, Comparison, Kind
>>> from draftdiff.model import draft_from_texts
>>> cmp = Comparison(draft_from_texts(["A."]), draft_from_texts(["A."]),
...                  (Change(Kind.UNCHANGED, ("1",), ("1",), similarity=1.0, matched_by="exact"),))
>>> d = comparison_to_dict(cmp)
>>> d["schema"], d["summary"]["unchanged"], d["changes"][0]["kind"], d["changes"][0]["old"]
('draftdiff.compare/1', 1, 'unchanged', ['1'])
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .. import __version__
from ..changes import Change, Comparison
from ..jsonform import draft_to_dict, escape_json_text

__all__ = [
    "COMPARE_SCHEMA",
    "change_to_dict",
    "comparison_to_dict",
    "comparison_to_json",
    "dumps_lines",
    "dumps_safe",
]

COMPARE_SCHEMA = "draftdiff.compare/1"


def _score(value: float | None) -> float | None:
    """Scores rounded to 4 decimals, so that output is stable across platforms."""
    return None if value is None else round(float(value), 4)


def change_to_dict(change: Change) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": change.kind.value,
        "old": list(change.old),
        "new": list(change.new),
        "similarity": _score(change.similarity),
        "confidence": _score(change.confidence),
        "matched_by": change.matched_by,
        "moved": change.moved,
        "renumbered": change.renumbered,
        "flags": [{"type": f.type, "old": f.old, "new": f.new} for f in change.flags],
        "track": change.track,
        "diff": [{"op": op.op, "text": op.text} for op in change.diff],
        "alternatives": [
            {"new": list(a.new), "similarity": _score(a.similarity)} for a in change.alternatives
        ],
        "children": [change_to_dict(c) for c in change.children],
    }
    if change.relocated is not None:  # only on a pair found across the tree (additive: absent otherwise)
        out["relocated"] = {"old_depth": change.relocated[0], "new_depth": change.relocated[1]}
    if change.diff_by != "words":  # only on a diff made by blocks (additive: absent otherwise)
        out["diff_by"] = change.diff_by
    return out


def comparison_to_dict(cmp: Comparison, *, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole comparison as JSON-ready data; ``options`` (the settings used) is included when given."""
    out: dict[str, Any] = {
        "schema": COMPARE_SCHEMA,
        "version": __version__,
        "old": draft_to_dict(cmp.old),
        "new": draft_to_dict(cmp.new),
        "summary": cmp.summary(),
        "changes": [change_to_dict(c) for c in cmp.changes],
    }
    if options is not None:
        out["options"] = options
    return out


def dumps_safe(data: Any, *, indent: int | None = 2) -> str:
    """JSON text that is safe to print on a terminal: letters of every script kept as they are, but
    DEL, C1 controls, bidi and invisible format characters written as ``\\uXXXX`` escapes (the data
    is the same; JSON itself already escapes C0 controls). Ends with a newline.

    >>> dumps_safe({"t": "Київ \u202e\x9b\x1b"}, indent=None)
    '{"t": "Київ \\\\u202e\\\\u009b\\\\u001b"}\\n'
    """
    return escape_json_text(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n"


_COMPACT = json.JSONEncoder(ensure_ascii=False)


def _layout(value: Any, depth: int, out: list[str], pad: str) -> None:
    """Objects down to depth 1 and arrays down to depth 2 one member a line; anything deeper compact."""
    if isinstance(value, _Laid):
        out.append(value)
        return
    expand = (isinstance(value, dict) and depth <= 1) or (isinstance(value, list) and depth <= 2)
    if not expand or not value:
        out.append(_COMPACT.encode(value))
        return
    inner = pad + "  "
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    out.append(opening + "\n")
    items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
    for i, (key, member) in enumerate(items):
        out.append(inner)
        if key is not None:
            out.append(_COMPACT.encode(key) + ": ")
        _layout(member, depth + 1, out, inner)
        out.append(",\n" if i < len(items) - 1 else "\n")
    out.append(pad + closing)


def dumps_lines(data: Any) -> str:
    """JSON laid out one record a line: the top-level fields, each top-level change, each top-level
    point of a draft on its own line, deeper values compact. As readable as an indented dump and as
    diff-friendly, but written by the C encoder (an indented dump is several times slower on large
    drafts). Terminal-safe like :func:`dumps_safe`.

    >>> print(dumps_lines({"schema": "s", "changes": [{"kind": "added", "new": ["1"]}], "n": {}}), end="")
    {
      "schema": "s",
      "changes": [
        {"kind": "added", "new": ["1"]}
      ],
      "n": {}
    }
    """
    out: list[str] = []
    _layout(data, 0, out, "")
    # the layout adds only spaces and newlines, so all-ASCII text still skips the scan
    return escape_json_text("".join(out)) + "\n"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects: with 20,000 points
    its repeated full passes took 80% of the time spent building the JSON data."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: With at least this many top-level changes, :func:`comparison_to_json` lays out most of them in a forked
#: child on the second core while this process lays out the drafts and the first changes.
PARALLEL_CHANGES = 4000


class _Laid(str):
    """JSON text already laid out: :func:`_layout` writes it as it is."""


def _change_lines(changes: Any, last: bool) -> str:
    """The lines of these top-level changes as :func:`_layout` writes them (``last``: the list ends here)."""
    pad = "    "
    lines = [pad + _COMPACT.encode(change_to_dict(c)) + ",\n" for c in changes]
    if last and lines:
        lines[-1] = lines[-1][:-2] + "\n"
    return "".join(lines)


def comparison_to_json(cmp: Comparison, *, options: dict[str, Any] | None = None) -> str:
    """The JSON text of :func:`comparison_to_dict`, one change a line, safe to print (:func:`dumps_lines`)."""
    from ..parallel import in_child, second_core

    with gc_paused():
        changes = cmp.changes
        if len(changes) < PARALLEL_CHANGES or not second_core():
            return dumps_lines(comparison_to_dict(cmp, options=options))
        cut = len(changes) // 4
        theirs = in_child(lambda: _change_lines(changes[cut:], last=True))
        try:
            data = comparison_to_dict(Comparison(cmp.old, cmp.new, ()), options=options)
            data["summary"] = cmp.summary()
            head = _change_lines(changes[:cut], last=False)
        finally:
            tail = theirs()
        if tail is None:  # the child failed: lay its share out here
            tail = _change_lines(changes[cut:], last=True)
        data["changes"] = _Laid("[\n" + head + tail + "  ]")
        return dumps_lines(data)
