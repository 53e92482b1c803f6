"""What a compare report says, independent of how it looks: header, summary sentence, ordered groups.

The terminal, Markdown and HTML renderers all present the same :class:`Report`, so that they agree on
what is counted, in which order changes are listed and how each is named. Nothing here escapes or
styles text; every string still holds untrusted draft text (renderers escape it).

Grouping (documented in docs/cli-guide.md):

- top-level changes are grouped by kind in this order: dropped, deferred, revised, reworded, merged,
  split, moved (unchanged text at another place), changed in sub-points (own text unchanged, a
  sub-point changed), added; within a group, in the old draft's order (added: the new draft's order);
- unchanged points collapse to one line (a count, and the renumberings among them) unless ``show_all``;
- sub-point changes sit under their parent's entry; unchanged sub-points collapse to a count.

>>> from draftdiff.model import draft_from_texts
>>> from draftdiff.changes import Change, Comparison, Kind
>>> old = draft_from_texts(["Alpha.", "Beta.", "Gamma."])
>>> new = draft_from_texts(["Alpha.", "Gamma!"])
>>> cmp = Comparison(old, new, (Change(Kind.UNCHANGED, ("1",), ("1",)), Change(Kind.DROPPED, ("2",)),
...                            Change(Kind.REVISED, ("3",), ("2",), renumbered=True)))
>>> build_report(cmp).summary
'2 kept (1 of them revised); 1 dropped; 1 renumbered'
>>> [(g.key, [e.ref for e in g.entries]) for g in build_report(cmp).groups]
[('dropped', ['2']), ('revised', ['3 -> 2'])]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from ..align.tuning import REVISED_BELOW
from ..changes import Change, Comparison, DiffOp, Flag, Kind
from ..model import Draft, Point

__all__ = [
    "GROUP_TITLES",
    "DraftInfo",
    "Entry",
    "Group",
    "Report",
    "build_report",
    "diff_runs",
    "flag_text",
    "reported_children",
    "split_space",
    "track_phrase",
]

#: Group keys in report order, with their titles.
GROUP_TITLES: dict[str, str] = {
    "dropped": "Dropped",
    "deferred": "Deferred",
    "revised": "Revised",
    "reworded": "Reworded",
    "merged": "Merged",
    "split": "Split",
    "moved": "Moved",
    "subpoints": "Changed in sub-points",
    "added": "Added",
    "unchanged": "Unchanged",
}


#: The header line's words for drafts read one point per paragraph (compare, history, blame).
READ_AS_PARAGRAPHS = (
    "read as paragraphs, not numbered points: one point per paragraph or list item (\u00b61, \u00b62 ...)"
)


def paragraphs_line(drafts: Sequence[Draft], names: Sequence[str]) -> str:
    """``All 7 drafts were read as paragraphs ...`` for a series ("" when none was)."""
    read = [name for d, name in zip(drafts, names, strict=True) if d.points_from == "paragraphs"]
    if not read:
        return ""
    if len(read) == len(drafts):
        which = "Both drafts were" if len(read) == 2 else f"All {len(read)} drafts were"
    else:
        which = f"{len(read)} of {len(drafts)} drafts ({', '.join(read)}) were"
    return f"{which} {READ_AS_PARAGRAPHS}"


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """One side of the comparison as the header shows it."""

    name: str  # title, else source
    source: str
    date: str | None
    version: str | None
    points: int  # top-level points
    total: int  # points at every depth
    points_from: str = "markers"  # "paragraphs": one point per paragraph (Draft.points_from)

    @classmethod
    def of(cls, draft: Draft) -> DraftInfo:
        return cls(
            name=draft.name,
            source=draft.source,
            date=draft.date,
            version=draft.version,
            points=len(draft.points),
            total=sum(1 for _ in draft.walk()),
            points_from=draft.points_from,
        )

    @property
    def count_phrase(self) -> str:
        """``28 points`` or ``7 paragraphs``."""
        unit = "paragraph" if self.points_from == "paragraphs" else "point"
        return f"{self.points} {unit}{'' if self.points == 1 else 's'}"

    @property
    def described(self) -> str:
        """``Title (2025-11-20)`` or ``Title (v2, 2025-11-20)``."""
        extra = ", ".join(x for x in (self.version, self.date) if x)
        return f"{self.name} ({extra})" if extra else self.name


@dataclass(frozen=True, slots=True)
class Entry:
    """One change as listed: how to name it, what to note, and the points it involves."""

    change: Change
    ref: str  # "7 -> 5", "3", "12 + 13 -> 11", "4 -> 4 + 5"
    notes: tuple[str, ...]  # "moved", "similarity 0.83", "near tie: 9 (0.71)" ...
    old_points: tuple[Point, ...]
    new_points: tuple[Point, ...]
    children: tuple[Entry, ...]
    hidden_children: int  # unchanged sub-points collapsed into a count
    shows: str  # what goes under the headline: see Entry.body_of

    @property
    def kind(self) -> Kind:
        return self.change.kind

    @property
    def flag_lines(self) -> list[str]:
        """The substance flags in words, in the order found: a flag repeated in the same pair is counted
        once (``(x2)``), and what was added (or removed) of one type shares a line
        (``party added: Donetsk, Luhansk``), so a list of names reads as one remark, not ten."""
        counts = Counter(flag_text(f) for f in self.change.flags)
        grouped: dict[str, list[str]] = {}  # "party added" -> values, in order of first appearance
        lines: list[str | tuple[str, str]] = []
        for f in self.change.flags:
            text = flag_text(f)
            if counts[text] == 0:
                continue
            n, counts[text] = counts[text], 0
            value = text if n == 1 else f"{text} (x{n})"
            one_sided = f.type != "track" and (f.old is None) != (f.new is None)
            if not one_sided:
                lines.append(value)
                continue
            head = f"{f.type} added" if f.old is None else f"{f.type} removed"
            if head not in grouped:
                grouped[head] = []
                lines.append((head, ""))
            grouped[head].append(value[len(head) + 2 :])
        return [x if isinstance(x, str) else f"{x[0]}: {', '.join(grouped[x[0]])}" for x in lines]

    @property
    def remarks(self) -> list[str]:
        """Substance flags in words, then the notes."""
        return self.flag_lines + list(self.notes)

    @property
    def text_point(self) -> Point | None:
        """The point whose text an entry that ``shows`` "text" shows (the new one, else the old)."""
        points = self.new_points or self.old_points
        return points[0] if points else None


@dataclass(frozen=True, slots=True)
class Group:
    key: str
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Report:
    old: DraftInfo
    new: DraftInfo
    summary: str  # the one summary sentence
    groups: tuple[Group, ...]  # non-empty groups, in report order
    unchanged: int  # top-level unchanged points collapsed (0 with show_all)
    unchanged_renumbered: tuple[str, ...]  # "7 -> 5" for each collapsed unchanged point renumbered
    show_all: bool

    def rows(self) -> list[tuple[int, Entry]]:
        """Every listed entry with its depth (0 at the top), groups in order, children after parents."""
        out: list[tuple[int, Entry]] = []

        def add(entry: Entry, depth: int) -> None:
            out.append((depth, entry))
            for child in entry.children:
                add(child, depth + 1)

        for group in self.groups:
            for entry in group.entries:
                add(entry, 0)
        return out

    @property
    def unchanged_line(self) -> str:
        """``12 unchanged points not listed; renumbered among them: 7 -> 5`` ("" when none collapsed)."""
        if not self.unchanged:
            return ""
        unit = "paragraph" if self.paragraphs == "both" else "point"
        line = f"{self.unchanged} unchanged {unit}{'s' if self.unchanged != 1 else ''} not listed"
        if self.unchanged_renumbered:
            line += "; renumbered among them: " + ", ".join(self.unchanged_renumbered)
        return line

    @property
    def counts_line(self) -> str:
        """``28 -> 26 points``; ``6 -> 7 paragraphs``; ``6 paragraphs -> 4 points``."""
        if self.old.points_from == self.new.points_from:
            return f"{self.old.points} -> {self.new.count_phrase}"
        return f"{self.old.count_phrase} -> {self.new.count_phrase}"

    @property
    def paragraphs(self) -> str:
        """Which drafts were read one point per paragraph: "both", "old", "new" or ""."""
        old, new = self.old.points_from == "paragraphs", self.new.points_from == "paragraphs"
        return "both" if old and new else "old" if old else "new" if new else ""

    @property
    def read_line(self) -> str:
        """The header line saying the drafts were read as paragraphs ("" when they were read by their markers)."""
        which = {"both": "Both drafts were", "old": "The old draft was", "new": "The new draft was"}.get(
            self.paragraphs
        )
        if which is None:
            return ""
        return f"{which} {READ_AS_PARAGRAPHS}"


def flag_text(flag: Flag) -> str:
    """A substance flag in words.

    >>> flag_text(Flag("number", "600,000", "800,000"))
    'number: 600,000 -> 800,000'
    >>> flag_text(Flag("party", None, "NATO")), flag_text(Flag("negation", "not", None))
    ('party added: NATO', 'negation removed: not')
    >>> flag_text(Flag("track", "Deferred to leaders' talks", None))
    "back from the track: Deferred to leaders' talks"
    """
    if flag.old is None and flag.new is None:
        return flag.type
    if flag.type == "track":  # the point left a deferred track (or went onto one)
        return f"back from the track: {flag.old}" if flag.new is None else f"onto the track: {flag.new}"
    if flag.old is None:
        return f"{flag.type} added: {flag.new}"
    if flag.new is None:
        return f"{flag.type} removed: {flag.old}"
    return f"{flag.type}: {flag.old} -> {flag.new}"


_TRACK_LEAD = re.compile(
    r"^\s*(?:deferred|parked|postponed|moved|referred)\b\s*(?:to|for|until|:)?\s*", re.IGNORECASE
)


def track_phrase(track: str | None) -> str:
    """How a deferral reads: ``deferred to leaders' talks``.

    >>> track_phrase("Deferred to leaders' talks"), track_phrase("Annex B"), track_phrase(None)
    ("deferred to leaders' talks", 'deferred to Annex B', 'deferred')
    >>> track_phrase("Separate track: points needing EU input")
    'deferred to "Separate track: points needing EU input"'

    """
    if not track:
        return "deferred"
    rest = _TRACK_LEAD.sub("", track, count=1).strip() or track.strip()
    if any(ch in rest for ch in ",;:"):  # it would read as part of the sentence around it
        rest = f'"{rest}"'
    return f"deferred to {rest}"


def split_space(text: str) -> tuple[str, str, str]:
    """Leading space, the words, trailing space: markers go around the words only.

    >>> split_space("  600,000 troops ")
    ('  ', '600,000 troops', ' ')
    """
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def diff_runs(ops: Iterable[DiffOp]) -> list[DiffOp]:
    """The diff as shown: a space between a deleted word and the inserted word that touches it (as wdiff
    does), so that ``600,000`` then ``800,000`` do not read as one word ``600,000800,000``; none where
    punctuation meets (``1.0.0`` -> ``1.0-0``), which is not a word boundary.

    >>> [(o.op, o.text) for o in diff_runs([DiffOp("delete", "600,000"), DiffOp("insert", "800,000")])]
    [('delete', '600,000'), ('equal', ' '), ('insert', '800,000')]
    >>> [o.op for o in diff_runs([DiffOp("equal", "1.0.0"), DiffOp("delete", "."), DiffOp("insert", "-")])]
    ['equal', 'delete', 'insert']
    """
    out: list[DiffOp] = []
    for op in ops:
        if not op.text:
            continue
        touching = out and op.op != "equal" and out[-1].op not in ("equal", op.op)
        if touching and out[-1].text[-1:].isalnum() and op.text[:1].isalnum():
            out.append(DiffOp("equal", " "))
        out.append(op)
    return out


# --- building ---------------------------------------------------------------------------------------


def _index(points: tuple[Point, ...]) -> dict[str, int]:
    return {p.id: i for i, p in enumerate(points)}


def _points_by_id(draft: Draft) -> dict[str, Point]:
    return {p.id: p for p in draft.walk()}


class _Builder:
    def __init__(self, cmp: Comparison, show_all: bool) -> None:
        self.old = _points_by_id(cmp.old)
        self.new = _points_by_id(cmp.new)
        self.show_all = show_all
        self.withdrawn = set(cmp.new.withdrawn)
        self.old_pos = {pid: i for i, pid in enumerate(self.old)}  # document order at every depth
        self.new_pos = {pid: i for i, pid in enumerate(self.new)}

    def name(self, ids: tuple[str, ...], table: dict[str, Point], top: bool) -> list[str]:
        # At the top the id names a point unambiguously; under a parent its own label reads better.
        return [i if top or i not in table else table[i].label for i in ids]

    def ref(self, c: Change, top: bool) -> str:
        olds = self.name(c.old, self.old, top)
        news = self.name(c.new, self.new, top)
        left, right = " + ".join(olds), " + ".join(news)
        if not olds:
            return right
        if not news or left == right:
            return left
        return f"{left} -> {right}"

    def notes(self, c: Change) -> tuple[str, ...]:
        out: list[str] = []
        if c.kind is Kind.DEFERRED:
            out.append(track_phrase(c.track))
        if c.kind is Kind.DROPPED and any(i in self.withdrawn for i in c.old):
            out.append("withdrawn (the new draft says so)")
        if c.relocated is not None:
            out.append(f"moved to another section (depth {c.relocated[0]} -> {c.relocated[1]})")
        elif c.moved:
            out.append("moved")
        if c.matched_by == "structure" and c.similarity is not None and c.similarity < REVISED_BELOW:
            # linked on its place and label between linked neighbours, its words far apart
            out.append(f"rewritten in place, similarity {c.similarity:.2f}")
        elif c.similarity is not None and c.similarity < 0.9995 and c.kind not in (Kind.ADDED, Kind.DROPPED):
            out.append(f"similarity {c.similarity:.2f}")
        if c.diff_by == "blocks":
            out.append("too long to diff word by word: compared by sentences")
        if c.matched_by == "pin":
            out.append("pinned")
        if c.confidence is not None and c.confidence < 0.5 and c.kind not in (Kind.ADDED, Kind.DROPPED):
            out.append(f"low confidence {c.confidence:.2f}")
        # On a matched change an alternative is a near tie; on a dropped or added one, a pairing the engine
        # declined for want of evidence.
        label = "candidate" if c.kind in (Kind.DROPPED, Kind.ADDED) else "near tie"
        for alt in c.alternatives:
            out.append(f"{label}: {' + '.join(alt.new)} ({alt.similarity:.2f})")
        return tuple(out)

    def entry(self, c: Change, top: bool) -> Entry:
        shown, hidden = self.children(c)
        # a sub-point with a change of its own (a point relocated under an added section, say) is shown
        # in that change's entry: the whole text of its parent leaves it out, so nothing prints twice
        own_old = {i for k in reported_children(c) for i in k.old}
        own_new = {i for k in reported_children(c) for i in k.new}
        return Entry(
            shows=_shows(c, self.show_all),
            change=c,
            ref=self.ref(c, top),
            notes=self.notes(c),
            old_points=tuple(_without(self.old[i], own_old) for i in c.old if i in self.old),
            new_points=tuple(_without(self.new[i], own_new) for i in c.new if i in self.new),
            children=shown,
            hidden_children=hidden,
        )

    def order(self, changes: tuple[Change, ...] | list[Change]) -> list[Change]:
        """Old draft's order; changes without old points (added) after, in the new draft's order."""
        old_pos, new_pos = self.old_pos, self.new_pos

        def key(c: Change) -> tuple[int, int]:
            if c.old:
                return (0, min(old_pos.get(i, len(old_pos)) for i in c.old))
            return (1, min((new_pos.get(i, len(new_pos)) for i in c.new), default=0))

        return sorted(changes, key=key)

    def children(self, parent: Change) -> tuple[tuple[Entry, ...], int]:
        kids = reported_children(parent)
        shown = [c for c in self.order(kids) if self.show_all or _changed(c)]
        return tuple(self.entry(c, top=False) for c in shown), len(kids) - len(shown)


def _without(point: Point, ids: set[str]) -> Point:
    """The point with the sub-points named in ``ids`` (and theirs) left out; the point itself if none is."""
    if not ids or not point.points:
        return point
    kept = tuple(_without(p, ids) for p in point.points if p.id not in ids)
    if len(kept) == len(point.points) and all(a is b for a, b in zip(kept, point.points)):
        return point
    return replace(point, points=kept)


def _shows(c: Change, show_all: bool) -> str:
    """What an entry shows under its headline.

    "old"    the whole old points with their sub-points (dropped)
    "new"    the whole new points with their sub-points (added; deferred with all its sub-points)
    "parts"  each old and new part with its text (merged, split)
    "diff"   the word diff (matched pairs whose words changed)
    "text"   the text (a moved or deferred point with the same words, an unchanged one with --all)
    ""       nothing: its own text is unchanged and its sub-points' changes follow
    """
    if c.kind is Kind.DROPPED:
        return "old"
    if c.kind is Kind.ADDED:
        return "new"
    if c.kind in (Kind.MERGED, Kind.SPLIT):
        return "parts"
    if any(op.op != "equal" for op in c.diff):
        return "diff"
    if c.kind is Kind.DEFERRED and c.children and not reported_children(c):
        return "new"  # deferred whole, sub-points with it: show the point as it stands on the track
    if c.children and c.kind is Kind.UNCHANGED and not c.moved and not show_all:
        return ""
    return "text"


def _echoes(parent: Change, child: Change) -> bool:
    """The sub-point change only repeats its parent's fate: the sub-points of a dropped point are dropped
    with it, those of an added point added, those of a deferred point deferred to the same track with
    the same words. The parent's entry already shows them (as its whole text)."""
    if parent.kind not in (Kind.DROPPED, Kind.ADDED, Kind.DEFERRED):
        return False
    return all(
        x.kind is parent.kind and x.track == parent.track and not any(op.op != "equal" for op in x.diff)
        for x in child.walk()
    )


def reported_children(change: Change) -> list[Change]:
    """The sub-point changes worth reporting under a change (those that do not merely echo it)."""
    return [c for c in change.children if not _echoes(change, c)]


def _reported_below(change: Change) -> Iterator[Change]:
    for child in reported_children(change):
        yield child
        yield from _reported_below(child)


def _changed(c: Change) -> bool:
    """Anything to report in this change or below it (renumbering alone does not count)."""
    return any(x.kind is not Kind.UNCHANGED or x.moved for x in c.walk())


def _group_key(c: Change) -> str:
    if c.kind is Kind.UNCHANGED:
        if c.moved:
            return "moved"
        return "subpoints" if _changed(c) else "unchanged"
    return c.kind.value


def _summary(cmp: Comparison) -> str:
    counts = Counter(c.kind for c in cmp.changes)
    kept = counts[Kind.UNCHANGED] + counts[Kind.REWORDED] + counts[Kind.REVISED]
    parts: list[str] = []
    unit = "paragraphs" if cmp.old.points_from == cmp.new.points_from == "paragraphs" else "points"
    if kept:
        inner = []
        if counts[Kind.REVISED]:
            inner.append(f"{counts[Kind.REVISED]} of them revised")
        if counts[Kind.REWORDED]:
            inner.append(f"{counts[Kind.REWORDED]} reworded")
        if inner:
            parts.append(f"{kept}{_unit(unit, kept)} kept ({', '.join(inner)})")
        else:
            parts.append(f"{kept}{_unit(unit, kept)} kept unchanged")
    merges = [c for c in cmp.changes if c.kind is Kind.MERGED]
    if merges:
        parts.append(f"{sum(len(c.old) for c in merges)} merged into {sum(len(c.new) for c in merges)}")
    splits = [c for c in cmp.changes if c.kind is Kind.SPLIT]
    if splits:
        parts.append(f"{sum(len(c.old) for c in splits)} split into {sum(len(c.new) for c in splits)}")
    if counts[Kind.DROPPED]:
        parts.append(f"{counts[Kind.DROPPED]} dropped")
    tracks = Counter(c.track for c in cmp.changes if c.kind is Kind.DEFERRED)
    if tracks:
        bits = [f"{n} {track_phrase(t)}" for t, n in tracks.items()]
        parts.append(", ".join(bits[:1] + [b.replace("deferred ", "", 1) for b in bits[1:]]))
    if counts[Kind.ADDED]:
        parts.append(f"{counts[Kind.ADDED]} added")
    renumbered = sum(1 for c in cmp.changes if c.renumbered)
    moved = sum(1 for c in cmp.changes if c.moved)
    if renumbered:
        parts.append(f"{renumbered} renumbered")
    if moved:
        parts.append(f"{moved} moved")
    below = Counter(
        x.kind.value for c in cmp.changes for x in _reported_below(c) if x.kind is not Kind.UNCHANGED
    )
    if below:
        parts.append(
            "in sub-points: " + ", ".join(f"{n} {k}" for k, n in sorted(below.items(), key=_kind_rank))
        )
    if cmp.outside_text_differs:  # not aligned point by point, but a report must not hide it
        parts.append("the text outside points differs (draftdiff show prints it)")
    if not parts:
        return "both drafts are empty"
    if not cmp.has_differences:
        return f"no differences: {kept} {unit} unchanged"
    return "; ".join(parts)


def _unit(unit: str, n: int) -> str:
    """`` paragraphs`` (`` paragraph``) when the drafts were read as paragraphs, else nothing: "6 kept"."""
    if unit != "paragraphs":
        return ""
    return " paragraph" if n == 1 else " paragraphs"


def _kind_rank(item: tuple[str, int]) -> int:
    return [k.value for k in Kind].index(item[0])


def build_report(cmp: Comparison, *, show_all: bool = False) -> Report:
    """The content of a compare report: header facts, summary sentence, grouped and ordered entries."""
    b = _Builder(cmp, show_all)
    grouped: dict[str, list[Change]] = {k: [] for k in GROUP_TITLES}
    for c in cmp.changes:
        grouped[_group_key(c)].append(c)
    collapsed = [] if show_all else grouped.pop("unchanged")
    groups = tuple(
        Group(key, GROUP_TITLES[key], tuple(b.entry(c, top=True) for c in b.order(changes)))
        for key, changes in grouped.items()
        if changes
    )
    return Report(
        old=DraftInfo.of(cmp.old),
        new=DraftInfo.of(cmp.new),
        summary=_summary(cmp),
        groups=groups,
        unchanged=len(collapsed),
        unchanged_renumbered=tuple(b.ref(c, top=True) for c in b.order(collapsed) if c.renumbered),
        show_all=show_all,
    )
