"""Questions asked of a built history: which lineage a spec or a text names, and how a lineage's text
changed from step to step.

:func:`find_lineage` takes ``ID``, ``DRAFT:ID`` or a lineage id ``L7`` and raises
:class:`ProvisionNotFound` when none matches; :func:`find_by_text` finds every lineage whose text
contains some words; :func:`step_diffs` gives the word diffs for the step-by-step view of one
provision. Nothing here imports rich or typer.

>>> from draftdiff.changes import Change, Comparison, Kind
>>> from draftdiff.lineage import build_history
>>> from draftdiff.model import draft_from_texts
>>> a, b = draft_from_texts(["Amnesty.", "Elections."], source="a"), draft_from_texts(["Elections."], source="b")
>>> h = build_history([a, b], compare=lambda o, n: Comparison(o, n, (
...     Change(Kind.DROPPED, ("1",)), Change(Kind.UNCHANGED, ("2",), ("1",)))), restore=False)
>>> find_lineage(h, "b:1").id, find_lineage(h, "1").id
('L2', 'L1')
>>> find_lineage(h, "7")
Traceback (most recent call last):
  ...
draftdiff.lookup.ProvisionNotFound: provision '7': no draft of the series has a point with that id
"""

from __future__ import annotations

import re

from .changes import DiffOp
from .errors import DraftdiffError
from .lineage import History, Lineage
from .series import resolve_draft

__all__ = ["ProvisionNotFound", "find_by_text", "find_lineage", "step_diffs"]


class ProvisionNotFound(DraftdiffError):
    """A provision spec (``ID``, ``DRAFT:ID`` or ``L7``) that names no lineage of the history.

    spec      the spec given.
    problem   why it names nothing: no such draft, no such point in that draft, or no such point at all.

    The message speaks of the provision; a caller that took the spec from an option can name the
    option instead, with ``spec`` and ``problem``.
    """

    def __init__(self, spec: str, problem: str) -> None:
        self.spec = spec
        self.problem = problem
        super().__init__(f"provision {spec!r}: {problem}")


def step_diffs(lineage: Lineage) -> dict[int, tuple[DiffOp, ...]]:
    """The word diff of every step whose text differs from the provision's previous text, by draft index
    (for the step-by-step view of one provision; the series itself is compared without word diffs).

    >>> from draftdiff.lineage import Fate, Step
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
    >>> from draftdiff.lineage import build_history
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
    ``DRAFT:ID`` (the point ID of the named draft) or a lineage id ``L7``; :class:`ProvisionNotFound`
    when it names none."""
    draft_part, sep, pid = spec.rpartition(":")
    if sep and draft_part:
        k = resolve_draft(history.drafts, history.names, draft_part)
        if k is None:
            raise ProvisionNotFound(
                spec, f"no draft called {draft_part!r} (drafts: {', '.join(history.names)})"
            )
        try:
            return history.owner(k, pid)
        except KeyError:
            raise ProvisionNotFound(spec, f"draft {history.names[k]} has no point {pid!r}") from None
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
    raise ProvisionNotFound(spec, "no draft of the series has a point with that id")
