"""The result of aligning one level of siblings: :class:`Link` objects over indices.

>>> Link((0,), (1, 2), 0.7, 0.8, "containment")  # old 0 split into new 1 and 2
Link(old=(0,), new=(1, 2), similarity=0.7, confidence=0.8, matched_by='containment', alternatives=())
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Link"]


@dataclass(slots=True)
class Link:
    """A pairing found by :func:`align`: indices into the old and new lists.

    One old and one new index for a 1:1 pair; several old (merge) or several new (split) indices for a group.
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    confidence: float
    matched_by: str
    alternatives: tuple[tuple[int, float], ...] = ()
