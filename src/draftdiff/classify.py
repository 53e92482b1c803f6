"""Kinds of matched pairs.

A matched pair whose words moved but whose substance stayed is *reworded*; a pair whose substance
changed is *revised*. Substance is read as flags (:mod:`draftdiff.flags`: number, date, negation,
modality, party, place, scope), each saying what it was and what it became.

>>> classify("Ukraine will not join NATO.", "Ukraine will join the EU.", 0.8)[0]
<Kind.REVISED: 'revised'>
"""

from __future__ import annotations

from collections.abc import Sequence

from .align.tuning import REVISED_BELOW  # the engine's thresholds live in one place (align/tuning.py)
from .changes import DiffOp, Flag, Kind
from .flags import FLAG_TYPES, name_vocabulary, substance_flags
from .normalize import normalize

__all__ = ["FLAG_TYPES", "REVISED_BELOW", "classify", "name_vocabulary", "substance_flags"]



def classify(
    old: str,
    new: str,
    similarity: float,
    *,
    revised_below: float = REVISED_BELOW,
    names: frozenset[str] | None = None,
    diff: Sequence[DiffOp] | None = None,
) -> tuple[Kind, tuple[Flag, ...]]:
    """The kind of a 1:1 matched pair and its substance flags.

    >>> classify("The Parties shall meet.", "the parties shall  meet", 1.0)
    (<Kind.UNCHANGED: 'unchanged'>, ())
    >>> classify("The Parties shall meet monthly.", "The Parties shall convene every month.", 0.5)[0]
    <Kind.REWORDED: 'reworded'>
    >>> classify("The Parties shall meet.", "The Parties may meet.", 0.9)[0]
    <Kind.REVISED: 'revised'>
    """
    if old == new or normalize(old) == normalize(new):
        return Kind.UNCHANGED, ()
    flags = substance_flags(old, new, names, diff)
    if flags or similarity < revised_below:
        return Kind.REVISED, flags
    return Kind.REWORDED, flags
