"""Substance flags: what changed in the substance of a matched pair, each saying what it was and what
it became.

Every flag type is registered once (:mod:`draftdiff.flags.registry`) with its extractor and the words
that can carry it; :data:`FLAG_TYPES` is read off the registry, and so is the pre-check that skips the
patterns when no word that differs could carry any registered flag. The types, in the order flags are
reported:

``number``    an amount, count, percentage or duration changed (:mod:`.amounts`).
``date``      a date, month or year changed, or a deadline came, went or became vague (:mod:`.amounts`).
``negation``  a negation was added or removed (:mod:`.wording`).
``modality``  an obligation became a permission or the reverse (:mod:`.wording`).
``party``     an actor appeared or disappeared: a state, organisation, person or named body (:mod:`.names`).
``place``     a place appeared or disappeared: a region, city, territory or physical feature (:mod:`.names`).
``scope``     a qualifier that narrows or widens a provision came or went (:mod:`.wording`).

(``track``, a point back from a deferred track, is set by the comparison, not read off the words.)

>>> [(f.type, f.old, f.new) for f in substance_flags(
...     "Ukraine's armed forces shall be capped at 600,000 personnel.",
...     "Ukraine's armed forces may be capped at 800 000 personnel.")]
[('number', '600,000', '800 000'), ('modality', 'shall', 'may')]
>>> [(f.type, f.old, f.new) for f in substance_flags("Ukraine will not join NATO.", "Ukraine will join the EU.")]
[('negation', 'not', None), ('party', 'NATO', None), ('party', None, 'EU')]
>>> [(f.type, f.old, f.new) for f in substance_flags("Troops leave Kherson.", "Troops leave Kherson and Crimea.")]
[('place', None, 'Crimea')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..changes import DiffOp, Flag
from . import amounts, names, wording
from .context import Pair
from .names import name_vocabulary
from .registry import FlagType, register, registered, registration, triggered

__all__ = [
    "FLAG_TYPES",
    "FlagType",
    "Pair",
    "flag_types",
    "may_differ",
    "name_vocabulary",
    "register",
    "registered",
    "registration",
    "substance_flags",
]

register(FlagType("number", amounts.number_flags, trigger=amounts.has_digit))
register(FlagType("date", amounts.date_flags, amounts.DATE_TRIGGERS, amounts.has_digit))
register(FlagType("negation", wording.negation_flags, wording.NEGATION_TRIGGERS, wording.has_apostrophe))
register(FlagType("modality", wording.modality_flags, wording.MODALITY_TRIGGERS, wording.has_apostrophe))
register(FlagType("party", names.party_flags, trigger=names.capitalised))
register(FlagType("place", names.place_flags, trigger=names.capitalised))
register(FlagType("scope", wording.scope_flags, wording.SCOPE_TRIGGERS))


def flag_types() -> tuple[str, ...]:
    """The names of the registered flag types, in the order flags are reported."""
    return tuple(t.name for t in registered())


#: The built-in flag types, in the order flags are reported (read off the registry).
FLAG_TYPES: tuple[str, ...] = flag_types()

_TOKEN = re.compile(r"[\w\u2019']+")


def _relevant(words: Sequence[str]) -> set[str]:
    """The words (lower case) that some registered type could flag, as written anywhere in ``words``:
    "May" is capitalised in one text and "may" a modal in another, so relevance ignores case."""
    return {w.lower() for w in words if triggered(w)}


def may_differ(old: str, new: str) -> bool:
    """False when no word that differs between the texts could carry a registered flag: then no flag is
    possible and the slower patterns need not run.

    Words are compared without case, so that moving "By 1 May 2026," from the end of a sentence to its
    start changes nothing here.

    >>> may_differ("The parties meet monthly.", "The parties meet every month."), may_differ("a", "not a")
    (False, True)
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    keys = _relevant(a + b)
    la, lb = [w.lower() for w in a], [w.lower() for w in b]
    if keys & (set(la) ^ set(lb)):
        return True
    # the same words on both sides: only a different count of a relevant word can matter
    return Counter(w for w in la if w in keys) != Counter(w for w in lb if w in keys)


def _diff_may_differ(diff: Sequence[DiffOp]) -> bool:
    """:func:`may_differ` read off a word diff: only the deleted and inserted words can differ."""
    dels = [w for op in diff if op.op == "delete" for w in _TOKEN.findall(op.text)]
    ins = [w for op in diff if op.op == "insert" for w in _TOKEN.findall(op.text)]
    keys = _relevant(dels + ins)
    if not keys:
        return False
    return Counter(w.lower() for w in dels if w.lower() in keys) != Counter(
        w.lower() for w in ins if w.lower() in keys
    )


def substance_flags(
    old: str, new: str, names: frozenset[str] | None = None, diff: Sequence[DiffOp] | None = None
) -> tuple[Flag, ...]:
    """The substance flags between two texts, type by type in the registry's order.

    ``names`` is the drafts' :func:`name_vocabulary` (by default that of the two texts); ``diff``, the
    word diff of the two texts when it is at hand, makes the pre-check cheaper.
    """
    if not (_diff_may_differ(diff) if diff is not None else may_differ(old, new)):
        return ()
    pair = Pair(old, new, names)
    return tuple(f for t in registered() for f in t.extract(pair))
