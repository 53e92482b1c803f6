"""What every flag extractor reads: the two texts of a pair, prepared once, and the ways of turning
the items found on each side into flags."""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from ..changes import Flag
from ..normalize import strip_markup

__all__ = ["Pair", "paired_flags", "set_flags", "substance_text"]

# A line that is a note about the text, not a term of it: "Comment: ...", "Last modified, 2007-03-22".
_NOTE_LINE = re.compile(r"^\s*(?:comment|note|last\s+(?:modified|updated|revised))\b[:,]?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.:;!?\u201d\"')]\s*$")


def substance_text(text: str) -> str:
    r"""The lines of a provision that carry its terms: without a leading heading line ("No
    Discrimination Against Persons or Groups", "License Must Be Technology-Neutral": short, no final
    punctuation, followed by a body) and without note lines ("Comment: ...", "Last modified, ...").

    >>> substance_text("License Must Not Be Specific\nThe rights must allow it.\nComment: not binding.")
    'The rights must allow it.'
    >>> substance_text("Ukraine shall not join NATO")
    'Ukraine shall not join NATO'
    """
    if "\n" not in text:
        return text
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and len(lines[0].split()) <= 12 and not _SENTENCE_END.search(lines[0]):
        lines = lines[1:]
    kept = [line for line in lines if not _NOTE_LINE.match(line)]
    return "\n".join(kept or lines)


class Pair:
    """The old and new text of a matched pair (markup stripped) and the drafts' name vocabulary.

    Results that several extractors share (the dates of each side, the texts with dates blanked out)
    are computed once, on first use.
    """

    def __init__(self, old: str, new: str, names: frozenset[str] | None = None) -> None:
        self.old = substance_text(strip_markup(old))
        self.new = substance_text(strip_markup(new))
        if names is None:
            from .names import name_vocabulary

            names = name_vocabulary((self.old, self.new))
        self.names = names
        #: results shared by several extractors, by name (see :func:`draftdiff.flags.amounts.number_flags`)
        self.shared: dict[str, object] = {}

    @cached_property
    def dated(self) -> tuple[tuple[list[tuple[str, str]], str], tuple[list[tuple[str, str]], str]]:
        """(dates, undated text) of each side: "May 2026" is a date, no modal, no amount, no party."""
        from .amounts import dates

        return dates(self.old), dates(self.new)

    @property
    def undated_old(self) -> str:
        return self.dated[0][1]

    @property
    def undated_new(self) -> str:
        return self.dated[1][1]


def paired_flags(kind: str, old: list[tuple[object, str]], new: list[tuple[object, str]]) -> list[Flag]:
    """Flags for the items whose keys occur more often on one side than on the other, paired in order.

    >>> paired_flags("number", [(1, "1"), (2, "2")], [(2, "two"), (3, "3")])
    [Flag(type='number', old='1', new='3')]
    """
    old_count = Counter(k for k, _ in old)
    new_count = Counter(k for k, _ in new)
    gone: list[str] = []
    came: list[str] = []
    seen: Counter = Counter()
    for key, shown in old:
        seen[key] += 1
        if seen[key] > new_count[key]:
            gone.append(shown)
    seen = Counter()
    for key, shown in new:
        seen[key] += 1
        if seen[key] > old_count[key]:
            came.append(shown)
    flags = [Flag(kind, o, n) for o, n in zip(gone, came)]
    flags += [Flag(kind, o, None) for o in gone[len(came) :]]
    flags += [Flag(kind, None, n) for n in came[len(gone) :]]
    return flags


def set_flags(kind: str, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[Flag]:
    """One flag per key present on one side only (first spelling shown), in order of appearance.

    >>> set_flags("party", [("US", "United States")], [("US", "US"), ("EU", "EU")])
    [Flag(type='party', old=None, new='EU')]
    """
    old_keys = {k for k, _ in old}
    new_keys = {k for k, _ in new}
    flags: list[Flag] = []
    done: set[str] = set()
    for k, shown in old:
        if k not in new_keys and k not in done:
            done.add(k)
            flags.append(Flag(kind, shown, None))
    for k, shown in new:
        if k not in old_keys and k not in done:
            done.add(k)
            flags.append(Flag(kind, None, shown))
    return flags
