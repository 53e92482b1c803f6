"""What became of each provision: the result objects of a comparison.

A :class:`Comparison` holds the two drafts and a tuple of :class:`Change` objects. Over the whole tree
every point id of either draft occurs in exactly one change (a relocated change stands where its new
point stands; see docs/engine.md, *The partition rule*). Renderers (``draftdiff.render``) present these objects; they never compute them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from .model import Draft

__all__ = ["KIND_ORDER", "Alternative", "Change", "Comparison", "DiffOp", "Flag", "Kind"]


class Kind(StrEnum):
    UNCHANGED = "unchanged"  # same normalised text
    REWORDED = "reworded"  # same substance, other words
    REVISED = "revised"  # substance changed (a substance flag, or words far apart)
    MERGED = "merged"  # several old points -> one new point
    SPLIT = "split"  # one old point -> several new points
    DROPPED = "dropped"  # old point with no counterpart
    ADDED = "added"  # new point with no counterpart
    DEFERRED = "deferred"  # old point reappears on a deferred track of the new draft


#: The order kinds are listed in summaries and schemas.
KIND_ORDER: tuple[Kind, ...] = tuple(Kind)


@dataclass(frozen=True, slots=True)
class Flag:
    """A change of substance in a matched pair: type is one of ``draftdiff.flags.FLAG_TYPES`` (number, date,
    negation, modality, party, place, scope) or track."""

    type: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of the word diff: op is "equal", "insert" or "delete"; text keeps the words' spacing."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class Alternative:
    """A runner-up pairing that scored close to the chosen one (a near tie, reported not hidden)."""

    new: tuple[str, ...]
    similarity: float


@dataclass(frozen=True, slots=True)
class Change:
    """The fate of one provision (or of the group of provisions in a merge or split).

    old / new      point ids in the old and new draft (empty for added / dropped).
    similarity     0..1 text similarity of the pair (None where nothing was paired).
    confidence     0..1, how sure the engine is of the pairing (margin over the runner-up, etc.).
    matched_by     how the pair was found: "exact", "fuzzy", "label", "order", "containment", "pin", "track",
                   "structure", "across" (paired across the tree, see ``relocated``).
    moved          true only for pairs outside the longest increasing subsequence of positions, and for
                   relocated pairs.
    renumbered     the label changed (7 -> 5).
    flags          substance flags (see draftdiff.flags: number, date, negation, modality, party, place, scope; track).
    track          for deferred: the track's name in the new draft.
    diff           the word-level diff of the pair's texts.
    alternatives   near ties.
    children       changes of the sub-points, aligned under this pair.
    relocated      (old depth, new depth), 1 for a top-level point: the pair was found across the tree,
                   the two points standing under parents that are not paired with each other (a flat list
                   regrouped into sections, a point moved into another section). The change stands where
                   the new point stands. None for a pair of siblings under paired parents.
    diff_by        "words", or "blocks" when the texts were too long to diff word by word: ``diff`` then
                   keeps or replaces whole sentences (see :func:`draftdiff.worddiff.diff_words`).
    """

    kind: Kind
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    similarity: float | None = None
    confidence: float | None = None
    matched_by: str | None = None
    moved: bool = False
    renumbered: bool = False
    flags: tuple[Flag, ...] = ()
    track: str | None = None
    diff: tuple[DiffOp, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    children: tuple[Change, ...] = ()
    relocated: tuple[int, int] | None = None
    diff_by: str = "words"

    def walk(self) -> Iterator[Change]:
        """This change and every change below it."""
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing two drafts."""

    old: Draft
    new: Draft
    changes: tuple[Change, ...]

    def summary(self) -> dict[str, int]:
        """Counts of top-level changes by kind (every kind present, zero or not), plus moved and renumbered."""
        counts = Counter(c.kind for c in self.changes)
        out = {k.value: counts.get(k, 0) for k in KIND_ORDER}
        out["moved"] = sum(1 for c in self.changes if c.moved)
        out["renumbered"] = sum(1 for c in self.changes if c.renumbered)
        return out

    def walk(self) -> Iterator[Change]:
        for c in self.changes:
            yield from c.walk()

    @property
    def outside_text_differs(self) -> bool:
        """Whether the text that belongs to no point (preamble, notes, closing text) changed, spacing aside.

        It is not aligned point by point; reports say that it changed, and ``has_differences`` counts it.
        """
        return _passage_words(self.old) != _passage_words(self.new)

    @property
    def has_differences(self) -> bool:
        """True when anything at any level is other than unchanged, anything moved or was renumbered, or the
        text outside points changed."""
        return self.outside_text_differs or any(
            c.kind is not Kind.UNCHANGED or c.moved or c.renumbered for c in self.walk()
        )


def _passage_words(draft: Draft) -> list[str]:
    return " ".join(p.text for p in draft.passages).split()
