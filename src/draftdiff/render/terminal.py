"""The terminal report of a comparison, as rich renderables.

:class:`CompareReport` is a rich renderable: ``console.print(CompareReport(cmp))``. It lays out the
:class:`~draftdiff.render.report.Report` (header, one summary sentence, grouped changes) at the console's
width. Untrusted text only ever enters :class:`rich.text.Text` objects after
:func:`draftdiff.render.safe.plain`, so draft text can neither carry markup nor escape sequences.

Without colour (``--color never``, NO_COLOR, a pipe) the word diff stays visible in wdiff style:
``[-deleted-] {+inserted+}``; with colour, deletions are red and struck through, insertions green.

>>> from rich.console import Console
>>> from draftdiff.changes import Change, Comparison, DiffOp, Flag, Kind
>>> from draftdiff.model import draft_from_texts
>>> old = draft_from_texts(["The army is capped at 600,000."], title="Plan A")
>>> new = draft_from_texts(["The army is capped at 800,000."], title="Plan B")
>>> diff = (DiffOp("equal", "The army is capped at "), DiffOp("delete", "600,000"),
...         DiffOp("insert", "800,000"), DiffOp("equal", "."))
>>> cmp = Comparison(old, new, (Change(Kind.REVISED, ("1",), ("1",), similarity=0.9,
...                                    flags=(Flag("number", "600,000", "800,000"),), diff=diff),))
>>> console = Console(width=60, color_system=None, markup=False, highlight=False)
>>> console.print(CompareReport(cmp))
Plan A -> Plan B
<texts> -> <texts> · 1 -> 1 point
1 kept (1 of them revised)
<BLANKLINE>
Revised (1)
  1  similarity 0.90
      number: 600,000 -> 800,000
      The army is capped at [-600,000-] {+800,000+}.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..changes import Comparison, DiffOp, Kind
from ..model import Point
from .report import Entry, Report, build_report, diff_runs, split_space
from .safe import plain

__all__ = ["STYLES", "CompareReport", "diff_text"]

#: Styles of the report (rich style strings); group titles are keyed by group.
STYLES: dict[str, str] = {
    "title": "bold",
    "meta": "dim",
    "summary": "bold",
    "ref": "bold",
    "note": "dim",
    "flag": "yellow",
    "delete": "red strike",
    "insert": "green",
    "dropped": "bold red",
    "deferred": "bold magenta",
    "revised": "bold yellow",
    "reworded": "bold cyan",
    "merged": "bold blue",
    "split": "bold blue",
    "moved": "bold cyan",
    "subpoints": "bold",
    "added": "bold green",
    "unchanged": "dim",
    "kind": "italic",
}

INDENT = 4


def diff_text(ops: Iterable[DiffOp], *, markers: bool, side: str | None = None) -> Text:
    """The word diff as one Text: ``side`` "old" keeps equal+delete runs, "new" equal+insert, None all.

    >>> diff_text([DiffOp("equal", "at "), DiffOp("delete", "600 "), DiffOp("insert", "800 "),
    ...            DiffOp("equal", "men")], markers=True).plain
    'at [-600-] {+800+} men'
    """
    out = Text()
    for op in diff_runs(ops) if side is None else ops:
        text = plain(op.text)
        if op.op == "equal":
            out.append(text)
            continue
        if (op.op == "delete" and side == "new") or (op.op == "insert" and side == "old"):
            continue
        style = STYLES["delete"] if op.op == "delete" else STYLES["insert"]
        if markers:
            lead, core, trail = split_space(text)
            if not core:  # a change of spacing only
                core, lead, trail = "\u00b7" * len(text), "", ""
            opening, closing = ("[-", "-]") if op.op == "delete" else ("{+", "+}")
            out.append(lead)
            out.append(f"{opening}{core}{closing}", style=style)
            out.append(trail)
        else:
            out.append(text, style=style)
    return out


def _rstrip(line: list[Segment]) -> list[Segment]:
    """A rendered line without trailing spaces (plain output and goldens carry none)."""
    line = list(line)
    while line and not line[-1].control and line[-1].text.rstrip(" ") != line[-1].text:
        last = line.pop()
        text = last.text.rstrip(" ")
        if text:
            line.append(Segment(text, last.style))
            break
    return line


# rich's word (rich._wrap.re_word): the word and the spaces after it (and before the first); group 1 ends
# where the word's visible part does
_WORD = re.compile(r"\s*(\S+)\s*")


_NON_SPACE = re.compile(r"[^ ]")


def _line_breaks(line: str, width: int) -> list[int]:
    """:func:`_ascii_breaks`, a line at a time instead of a word at a time (printable ASCII, where the only
    space is " "): a line that starts at a word ends at the last word that ends within ``width``; the next
    line starts at the word after it. A line that starts with spaces, or a word longer than a line
    (folded), goes to :func:`_ascii_breaks` from there on."""
    n = len(line)
    if line[:1] == " ":
        return _ascii_breaks(line, width)
    out: list[int] = []
    p = 0  # the start of a line, and of its first word
    while n - p > width:
        if line[p + width] == " ":  # every word up to the edge fits; the next line starts after the spaces
            m = _NON_SPACE.search(line, p + width)
            if m is None:
                break  # only spaces are left: no more words, no more lines
            q = m.start()
        else:
            q = line.rfind(" ", p, p + width) + 1  # the start of the word across the edge
            if q == 0 or q <= p:  # the line's first word is wider than the line: rich folds it
                out.extend(p + k for k in _ascii_breaks(line[p:], width))
                return out
        out.append(q)
        p = q
    return out


def _ascii_breaks(line: str, width: int) -> list[int]:
    """Where rich's ``divide_line`` breaks ``line`` (fold overflow) when every character is one cell wide
    (printable ASCII): the same rules, with ``len`` for the cell length."""
    breaks: list[int] = []
    offset = 0
    for m in _WORD.finditer(line):
        start, end = m.span()
        length = m.end(1) - start
        if width - offset >= length:
            offset += end - start
        elif length > width:  # longer than a line: folded into pieces of ``width``
            while True:
                if start:
                    breaks.append(start)
                if end - start <= width:
                    offset = end - start
                    break
                start += width
        elif offset and start:
            breaks.append(start)
            offset = end - start
    return breaks


_STYLES: dict[tuple[Console, str | Style], Style | None] = {}


def _line_style(console: Console, style: str | Style) -> Style | None:
    """The style rich gives the segments of a line styled ``style`` as a whole (as rendered by
    :func:`_text_lines`): asked of rich once per console and style."""
    key = (console, style)
    got = _STYLES.get(key)
    if got is None:
        if len(_STYLES) > 64:
            _STYLES.clear()
        sample = Text().join([Text("x", style=style)])
        got = _STYLES[key] = next(iter(sample.render(console))).style
    return got


def _plain_lines(text: Text, width: int) -> list[str] | None:
    """The lines of ``text`` wrapped at ``width`` as rich wraps them (trailing spaces dropped), when that
    is a matter of characters alone: printable ASCII, no spans; else None.

    A terminal report of 100,000 added points is this wrapping, once per point: rich builds a Text and
    measures cells for every word and line, ten times slower.
    """
    if text.spans:
        return None
    return _wrap_plain(text, width)


def _wrap_plain(text: Text, width: int) -> list[str] | None:
    """:func:`_plain_lines` whatever the spans: the lines' characters (styles change no break)."""
    plain = text.plain
    if not plain.isascii() or text.justify or text.overflow or text.no_wrap:
        return None
    out: list[str] = []
    for piece in plain.split("\n"):
        if not piece.isprintable():
            return None
        if len(piece) <= width:
            out.append(piece.rstrip(" "))
            continue
        edges = [0, *_line_breaks(piece, width), len(piece)]
        out.extend(piece[a:b].rstrip(" ") for a, b in pairwise(edges))
    return out


def _text_lines(console: Console, text: Text, options: ConsoleOptions) -> list[list[Segment]]:
    """A Text wrapped and rendered line by line: what ``render_lines`` gives, in linear time.

    rich joins the wrapped lines with newlines and splits them again, which re-copies the rest of the text
    at every line: minutes for a 10 MB point. Wrapping once and rendering each line alone gives the same
    segments. A plain ASCII text without spans is wrapped here (:func:`_plain_lines`), each line one
    segment in the text's style (trailing spaces dropped, as :func:`_rstrip` would).
    """
    simple = (
        options.justify in (None, "default") and not options.no_wrap and options.overflow in (None, "fold")
    )
    plain_lines = _plain_lines(text, options.max_width) if simple else None
    if plain_lines is not None:
        style = _line_style(console, text.style) if text.style else None
        return [[Segment(line, style)] for line in plain_lines]
    joiner = Text()  # joining carries a line's own style into its spans, as rich's join does
    plain = text.plain
    if simple and len(plain) <= options.max_width and plain.isascii() and plain.isprintable():
        # one line as it stands (a headline): rich's wrapping would hand back a copy of the text
        return [list((joiner.join([text]) if text.style else text).render(console, end=""))]
    lines = text.wrap(
        console,
        options.max_width,
        justify=text.justify or options.justify or "default",
        overflow=text.overflow or options.overflow or "fold",
        tab_size=text.tab_size or console.tab_size or 8,
        no_wrap=bool(text.no_wrap if text.no_wrap is not None else options.no_wrap),
    )
    return [list((joiner.join([line]) if line.style else line).render(console, end="")) for line in lines]


class Indent:
    """A renderable shifted right by ``width`` cells; lines not padded and without trailing spaces."""

    def __init__(self, renderable: RenderableType, width: int = 0) -> None:
        self.renderable = renderable
        self.width = width

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The rendered lines (margin included, no newlines)."""
        width = max(options.max_width - self.width, 10)
        if isinstance(self.renderable, Text):
            lines = _text_lines(console, self.renderable, options.update_width(width))
        else:
            lines = console.render_lines(
                self.renderable, options.update_width(width), pad=False, new_lines=False
            )
        if not self.width:
            return [_rstrip(line) for line in lines]
        margin = Segment(" " * self.width)
        return [[margin, *_rstrip(line)] for line in lines]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        newline = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield newline


class CompareReport:
    """A comparison laid out for a terminal (rich renderable).

    show_all       list unchanged points (and sub-points) instead of counting them.
    side_by_side   revised and reworded points as a two-column table (old | new).
    markers        wdiff markers ``[-...-] {+...+}``; None: only when the console has no colour.
    """

    def __init__(
        self,
        cmp: Comparison,
        *,
        show_all: bool = False,
        side_by_side: bool = False,
        markers: bool | None = None,
    ) -> None:
        self.cmp = cmp
        self.report: Report = build_report(cmp, show_all=show_all)
        self.side_by_side = side_by_side
        self.markers = markers

    def _parts(self, console: Console) -> Iterator[Indent]:
        markers = self.markers
        if markers is None:
            markers = console.no_color or console.color_system is None
        # A flat list of (indent, renderable): every line is laid out once, at its final width.
        for indent, part in _Layout(self.report, markers=markers, side_by_side=self.side_by_side).render():
            yield Indent(part, indent)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        newline = Segment.line()
        for part in self._parts(console):  # the lines themselves, not one renderable per part (faster)
            for line in part.lines(console, options):
                yield from line
                yield newline

    def plain_text(self, console: Console) -> str:
        """What ``console.print(self)`` writes on a console without colour, without the console's work
        per segment (a report of 100,000 added points: several times faster). A console with colour
        prints through rich: ``ValueError``.

        >>> from rich.console import Console
        >>> from draftdiff.model import draft_from_texts
        >>> from draftdiff.compare import compare
        >>> cmp = compare(draft_from_texts(["A."]), draft_from_texts(["A.", "B is new."]))
        >>> console = Console(width=40, color_system=None, file=__import__("io").StringIO())
        >>> console.print(CompareReport(cmp))
        >>> console.file.getvalue() == CompareReport(cmp).plain_text(console)
        True
        """
        if console.color_system is not None:
            raise ValueError("plain_text needs a console without colour")
        options = console.options
        width = console.width
        simple = (
            options.justify in (None, "default")
            and not options.no_wrap
            and options.overflow in (None, "fold")
        )
        out: list[str] = []
        for part in self._parts(console):
            if simple and isinstance(part.renderable, Text) and part.width + 10 <= width:
                # the characters alone: no segments, no styles (the same text, as Indent.lines renders it)
                plain = _wrap_plain(part.renderable, width - part.width)
                if plain is not None:
                    margin = " " * part.width
                    out.extend(margin + line for line in plain)
                    continue
            lines = part.lines(console, options)
            if part.width + 10 > width:  # a margin wider than the console: rich crops the lines
                flat = [seg for line in lines for seg in (*line, Segment.line())]
                lines = list(Segment.split_and_crop_lines(flat, width, pad=False, include_new_lines=False))
            out.extend("".join([seg.text for seg in line]) for line in lines)
        return "".join(line + "\n" for line in out)


class _Layout:
    def __init__(self, report: Report, *, markers: bool, side_by_side: bool) -> None:
        self.r = report
        self.markers = markers
        self.side_by_side = side_by_side

    def render(self) -> Iterator[tuple[int, RenderableType]]:
        r = self.r
        yield 0, Text(f"{plain(r.old.described)} -> {plain(r.new.described)}", style=STYLES["title"])
        yield (
            0,
            Text(f"{plain(r.old.source)} -> {plain(r.new.source)} · {r.counts_line}", style=STYLES["meta"]),
        )
        if r.read_line:
            yield 0, Text(r.read_line, style=STYLES["meta"])
        yield 0, Text(plain(r.summary), style=STYLES["summary"])
        for group in r.groups:
            yield 0, Text()
            yield 0, Text(f"{group.title} ({len(group.entries)})", style=STYLES.get(group.key, ""))
            for entry in group.entries:
                yield from self.entry(entry, top=True, margin=2)
        if r.unchanged:
            yield 0, Text()
            yield 0, Text(plain(r.unchanged_line) + " (--all lists them)", style=STYLES["unchanged"])

    def headline(self, entry: Entry, top: bool) -> Text:
        line = Text()
        line.append(plain(entry.ref), style=STYLES["ref"])
        if not top:
            line.append("  ")
            line.append(entry.kind.value, style=STYLES.get(entry.kind.value, STYLES["kind"]))
        if entry.notes:
            line.append("  ")
            line.append(" · ".join(plain(n) for n in entry.notes), style=STYLES["note"])
        return line

    def entry(self, entry: Entry, top: bool, margin: int) -> Iterator[tuple[int, RenderableType]]:
        yield margin, self.headline(entry, top)
        inner = margin + INDENT
        for flag in entry.flag_lines:
            yield inner, Text(plain(flag), style=STYLES["flag"])
        for extra, part in self.body(entry):
            yield inner + extra, part
        for child in entry.children:
            yield from self.entry(child, top=False, margin=inner)
        if entry.hidden_children:
            n = entry.hidden_children
            yield inner, Text(f"({n} sub-point{'s' if n != 1 else ''} unchanged)", style=STYLES["note"])

    def body(self, entry: Entry) -> list[tuple[int, RenderableType]]:
        """What goes under the headline, as (extra indent, renderable)."""
        shows = entry.shows
        if shows == "old":
            return self.points(entry.old_points)
        if shows == "new":
            return self.points(entry.new_points)
        if shows == "parts":
            return [(0, self.labelled("from", p)) for p in entry.old_points] + [
                (0, self.labelled("into", p)) for p in entry.new_points
            ]
        if shows == "diff":
            if self.side_by_side and entry.kind in (Kind.REVISED, Kind.REWORDED, Kind.DEFERRED):
                return [(0, self.side_table(entry))]
            return [(0, diff_text(entry.change.diff, markers=self.markers))]
        point = entry.text_point
        return [(0, Text(plain(point.text)))] if shows == "text" and point else []

    def labelled(self, word: str, p: Point) -> Text:
        line = Text()
        line.append(f"{word} ", style=STYLES["note"])
        line.append(plain(p.id), style=STYLES["ref"])
        line.append(": " + plain(p.text))
        return line

    def points(self, points: tuple[Point, ...], depth: int = 0) -> list[tuple[int, RenderableType]]:
        """Whole points (dropped, added), their sub-points under them with a hanging indent."""
        out: list[tuple[int, RenderableType]] = []
        for p in points:
            if depth:
                grid = Table.grid(padding=(0, 1, 0, 0))
                grid.add_column(no_wrap=True, style=STYLES["ref"])
                grid.add_column(overflow="fold")
                grid.add_row(plain(p.label) + ".", Text(plain(p.text)))
                out.append((INDENT * depth, grid))
            else:
                out.append((0, Text(plain(p.text))))
            out.extend(self.points(p.points, depth + 1))
        return out

    def side_table(self, entry: Entry) -> Table:
        table = Table(box=box.SIMPLE, show_edge=False, expand=True, pad_edge=False, show_header=True)
        olds = " + ".join(p.id for p in entry.old_points)
        news = " + ".join(p.id for p in entry.new_points)
        table.add_column(f"old {plain(olds)}", ratio=1, overflow="fold")
        table.add_column(f"new {plain(news)}", ratio=1, overflow="fold")
        diff = entry.change.diff
        table.add_row(
            diff_text(diff, markers=self.markers, side="old"),
            diff_text(diff, markers=self.markers, side="new"),
        )
        return table
