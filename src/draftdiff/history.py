"""Follow every provision through a series of drafts: lineages, restorations and blame.

This module gathers, under one name, the public API of the modules that do the work:

* :mod:`draftdiff.series` -- the series before any comparison: the draft files of a directory, their
  order, their short names, cutting the series (:func:`draft_files`, :func:`order_drafts`,
  :func:`short_names`, :func:`cut_series` ...);
* :mod:`draftdiff.lineage` -- the types of a history (:class:`Fate`, :class:`Step`, :class:`Lineage`,
  :class:`History`) and :func:`build_history`, which chains the pairwise comparisons into lineages
  (the rules are in that module's docstring and in docs/history.md);
* :mod:`draftdiff.lookup` -- finding lineages in a history (:func:`find_lineage`,
  :func:`find_by_text`) and a lineage's word diffs (:func:`step_diffs`);
* :mod:`draftdiff.blame` -- :func:`blame`: where each point of the latest draft came from.

``from draftdiff.history import ...`` keeps working for every name listed in ``__all__``. Nothing here
imports rich or typer.

>>> from draftdiff.model import draft_from_texts
>>> from draftdiff.changes import Change, Comparison, Kind
>>> a = draft_from_texts(["Alpha.", "Beta."], source="a")
>>> b = draft_from_texts(["Alpha!"], source="b")
>>> cmp = Comparison(a, b, (Change(Kind.REWORDED, ("1",), ("1",), 0.9), Change(Kind.DROPPED, ("2",))))
>>> h = build_history([a, b], compare=lambda old, new: cmp, restore=False)
>>> [(e.point.id, e.lineage.id, e.change.value) for e in blame(h)]
[('1', 'L1', 'initial')]
>>> [ln.id for ln in find_by_text(h, "beta")]
['L2']
"""

from __future__ import annotations

from .blame import BlameEntry, blame
from .lineage import (
    RESTORE_CONTEXT,
    RESTORE_REVISED_EXTRA,
    RESTORE_THRESHOLD,
    SUBSTANTIVE,
    CompareFn,
    Fate,
    History,
    Lineage,
    Step,
    build_history,
    short_title,
)
from .lookup import ProvisionNotFound, find_by_text, find_lineage, step_diffs
from .series import (
    DRAFT_EXTENSIONS,
    SeriesCutError,
    cut_series,
    draft_files,
    natural_key,
    order_drafts,
    parse_date,
    resolve_draft,
    short_names,
)

__all__ = [
    "DRAFT_EXTENSIONS",
    "RESTORE_CONTEXT",
    "RESTORE_REVISED_EXTRA",
    "RESTORE_THRESHOLD",
    "SUBSTANTIVE",
    "BlameEntry",
    "CompareFn",
    "Fate",
    "History",
    "Lineage",
    "ProvisionNotFound",
    "SeriesCutError",
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
