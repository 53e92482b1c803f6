"""The history of a series and blame, for terminals (rich) and Markdown.

:class:`HistoryReport` is a rich renderable: a header, the series sentence (:func:`series_sentence`), a
table with one row per lineage and one column per draft, each cell the provision's id in that draft and a
glyph for its fate, and a legend of the glyphs used. With ``lineages`` selected (``--provision``) it shows
each selected lineage step by step instead, with its text in every draft.

Glyphs (ASCII fallback in brackets): ``=`` unchanged, ``~`` reworded, ``!`` revised, ``→`` moved [``^``],
``⤙`` merged, absorbing other provisions [``M``], ``↦`` merged into another [``>``], ``⤚`` split [``S``],
``✗`` dropped [``x``], ``⏸`` deferred / on a deferred track [``D``], ``+`` added, ``↺`` restored [``R``].

Every untrusted string (text, ids, draft names, track names) passes through
:func:`draftdiff.render.safe.plain` (terminal) or :func:`draftdiff.render.safe.md` (Markdown).

>>> from rich.console import Console
>>> from draftdiff.changes import Change, Comparison, Kind
>>> from draftdiff.history import build_history
>>> from draftdiff.model import draft_from_texts
>>> a, b = draft_from_texts(["Alpha.", "Beta."], source="a.md"), draft_from_texts(["Alpha!"], source="b.md")
>>> h = build_history([a, b], compare=lambda o, n: Comparison(o, n, (
...     Change(Kind.REWORDED, ("1",), ("1",), 0.9), Change(Kind.DROPPED, ("2",)))), restore=False)
>>> series_sentence(h)
'2 -> 1 points; 1 provision dropped along the way'
>>> cell(h.lineages[1].step_at(1)), cell(h.lineages[0].step_at(1), ascii=True)
('✗', '~1')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..changes import DiffOp
from ..history import BlameEntry, Fate, History, Lineage, Step
from .markdown import md_diff
from .report import flag_text, paragraphs_line, track_phrase
from .safe import md, plain
from .sentence import series_sentence
from .terminal import diff_text

__all__ = [
    "GLYPHS",
    "BlameReport",
    "HistoryReport",
    "cell",
    "describe",
    "render_blame_markdown",
    "render_history_markdown",
    "series_sentence",
]

#: fate -> (glyph, ASCII glyph, meaning for the legend)
GLYPHS: dict[str, tuple[str, str, str]] = {
    Fate.UNCHANGED: ("=", "=", "unchanged"),
    Fate.REWORDED: ("~", "~", "reworded"),
    Fate.REVISED: ("!", "!", "revised"),
    "moved": ("→", "^", "moved"),
    Fate.MERGED: ("⤙", "M", "merged (absorbed others)"),
    Fate.MERGED_INTO: ("↦", ">", "merged into"),
    Fate.SPLIT: ("⤚", "S", "split"),
    Fate.SPLIT_FROM: ("⤚", "S", "split"),
    Fate.DROPPED: ("✗", "x", "dropped"),
    Fate.DEFERRED: ("⏸", "D", "deferred"),
    "track": ("⏸", "D", "deferred"),
    Fate.ADDED: ("+", "+", "added"),
    Fate.RESTORED: ("↺", "R", "restored"),
    Fate.INITIAL: ("", "", ""),
}

STYLES: dict[str, str] = {
    Fate.UNCHANGED: "dim",
    Fate.REWORDED: "cyan",
    Fate.REVISED: "yellow",
    Fate.MERGED: "blue",
    Fate.MERGED_INTO: "blue",
    Fate.SPLIT: "blue",
    Fate.SPLIT_FROM: "blue",
    Fate.DROPPED: "bold red",
    Fate.DEFERRED: "magenta",
    Fate.ADDED: "green",
    Fate.RESTORED: "bold green",
    Fate.INITIAL: "",
    "track": "magenta",
}


#: SIMPLE_HEAD and SIMPLE drawn with "-" (for outputs that cannot encode box-drawing characters).
_ASCII_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
_ASCII_SIMPLE = box.Box("    \n    \n -- \n    \n    \n -- \n    \n    \n", ascii=True)


def _box(ascii: bool, head_only: bool = True) -> box.Box:
    if ascii:
        return _ASCII_HEAD if head_only else _ASCII_SIMPLE
    return box.SIMPLE_HEAD if head_only else box.SIMPLE


def _glyph(key: str, ascii: bool) -> str:
    g = GLYPHS[key]
    return g[1] if ascii else g[0]


def cell(step: Step | None, *, ascii: bool = False) -> str:
    """The table cell of a step: fate glyph, id(s), then ``→`` if moved and ``⏸`` if on a track.

    >>> from draftdiff.history import Step
    >>> cell(Step(2, Fate.REVISED, ("7",), moved=True)), cell(Step(2, Fate.MERGED_INTO, to=("5",)))
    ('!7→', '↦5')
    >>> cell(Step(3, Fate.UNCHANGED, ("21",), track="Deferred"), ascii=True)
    '=21D'
    """
    if step is None:
        return ""
    if step.fate is Fate.MERGED_INTO:
        return _glyph(step.fate, ascii) + ",".join(plain(i) for i in step.to)
    if step.fate is Fate.DROPPED:
        return _glyph(step.fate, ascii)
    out = _glyph(step.fate, ascii) + ",".join(plain(i) for i in step.ids)
    if step.moved:
        out += _glyph("moved", ascii)
    if step.track and step.fate is not Fate.DEFERRED:
        out += _glyph("track", ascii)
    return out


def _style(step: Step | None) -> str:
    if step is None:
        return ""
    if step.track and step.fate in (Fate.UNCHANGED, Fate.REWORDED, Fate.INITIAL):
        return STYLES["track"]
    return STYLES.get(step.fate, "")


def _ids_in(history: History, lineage_ids: Sequence[str], draft: int) -> list[str]:
    out: list[str] = []
    for lid in lineage_ids:
        st = history.lineage(lid).step_at(draft)
        if st is not None:
            out.extend(st.ids)
    return out


def describe(history: History, step: Step) -> str:
    """The step in words (untrusted parts not yet escaped): ``revised (number: 600,000 -> 800,000)``."""
    fate = step.fate
    if fate is Fate.INITIAL:
        words = "present"
    elif fate is Fate.MERGED_INTO:
        words = "merged into " + ", ".join(step.to)
    elif fate is Fate.MERGED:
        words = "merged with " + ", ".join(_prev_ids(history, step.partners, step.draft))
    elif fate is Fate.SPLIT:
        words = "split; other parts " + ", ".join(_ids_in(history, step.partners, step.draft))
    elif fate is Fate.SPLIT_FROM:
        origin = history.lineage(step.origin).step_at(step.draft) if step.origin else None
        words = "split from the provision now " + (", ".join(origin.ids) if origin and origin.ids else "gone")
    elif fate is Fate.DEFERRED:
        words = track_phrase(step.track)
    elif fate is Fate.RESTORED:
        since = f" (last seen in {history.names[step.since]})" if step.since is not None else ""
        words = "restored" + since + (f", {track_phrase(step.track)}" if step.track else "")
    elif fate is Fate.DROPPED:
        words = (
            "dropped"
            + (" (declared withdrawn)" if step.withdrawn else "")
            + (" with its parent" if step.source == "parent" else "")
        )
    else:
        words = fate.value
        if step.track:
            words += f" ({track_phrase(step.track)})"
    extras = [flag_text(f) for f in step.flags]
    if (
        step.kind is not None
        and fate in (Fate.RESTORED, Fate.MERGED, Fate.SPLIT)
        and step.kind.value not in (fate.value, "deferred")
    ):
        extras.insert(0, step.kind.value)
    if step.moved:
        extras.append("moved")
    if step.renumbered:
        extras.append("renumbered")
    if extras:
        words += "; " + "; ".join(extras)
    return words


def _prev_ids(history: History, lineage_ids: Sequence[str], draft: int) -> list[str]:
    """Ids the given lineages had in the draft before ``draft`` (for the parts of a merge)."""
    return _ids_in(history, lineage_ids, draft - 1)


def _legend_keys(history: History, lineages: Sequence[Lineage]) -> list[str]:
    used: set[str] = set()
    for ln in lineages:
        for st in ln.steps:
            used.add(st.fate)
            if st.moved:
                used.add("moved")
            if st.track:
                used.add("track")
    order = [
        Fate.UNCHANGED,
        Fate.REWORDED,
        Fate.REVISED,
        "moved",
        Fate.MERGED,
        Fate.MERGED_INTO,
        Fate.SPLIT,
        Fate.DROPPED,
        Fate.DEFERRED,
        Fate.ADDED,
        Fate.RESTORED,
    ]
    keys = []
    for k in order:
        if (
            k in used
            or (k is Fate.SPLIT and Fate.SPLIT_FROM in used)
            or (k is Fate.DEFERRED and "track" in used)
        ):
            keys.append(k)
    return keys


def legend(history: History, lineages: Sequence[Lineage], *, ascii: bool = False) -> str:
    """``= unchanged  ~ reworded ...``: the glyphs the table uses."""
    return "  ".join(f"{_glyph(k, ascii)} {GLYPHS[k][2]}" for k in _legend_keys(history, lineages))


def _header(history: History) -> list[str]:
    first, last = history.drafts[0], history.drafts[-1]
    names = " -> ".join(history.names)
    title = f"History of {len(history.drafts)} drafts: {names}"
    lines = [title]
    if first.title or last.title:
        lines.append(f"{first.name} ... {last.name}" if first.name != last.name else first.name)
    read = paragraphs_line(history.drafts, history.names)
    if read:
        lines.append(read)
    return lines


class HistoryReport:
    """The history as a rich renderable (see the module docstring)."""

    def __init__(
        self,
        history: History,
        lineages: Sequence[Lineage] | None = None,
        *,
        ascii: bool = False,
        detail: bool = False,
        max_depth: int | None = None,
        diffs: Mapping[str, Mapping[int, tuple[DiffOp, ...]]] | None = None,
    ) -> None:
        self.history = history
        self.diffs = diffs or {}
        self.selected = lineages
        self.lineages = [
            ln
            for ln in (lineages if lineages is not None else history.lineages)
            if max_depth is None or ln.depth <= max_depth
        ]
        self.ascii = ascii
        self.detail = detail

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        h = self.history
        for k, line in enumerate(_header(h)):
            yield Text(plain(line), style="bold" if k == 0 else "dim")
        yield Text(plain(series_sentence(h)), style="bold")
        yield Text("")
        if self.detail:
            markers = console.no_color or console.color_system is None
            for ln in self.lineages:
                yield self._detail(ln, markers)
                yield Text("")
        else:
            yield self._table(options.max_width)
        yield Text(plain(legend(h, self.lineages, ascii=self.ascii)), style="dim")

    def _table(self, width: int) -> Table:
        """One row per lineage, one column per draft; when the natural widths do not fit, the title
        column gets about a third of the width and the draft columns share the rest (cells cut with …)."""
        h = self.history
        counts = h.point_counts()
        titles = [Text("  " * ln.depth + plain(ln.title or "(no text)")) for ln in self.lineages]
        steps = [[ln.step_at(k) for k in range(len(h.drafts))] for ln in self.lineages]
        cells = [[cell(st, ascii=self.ascii) for st in row] for row in steps]
        heads = [f"{plain(name)}\n({n})" for name, n in zip(h.names, counts, strict=True)]
        natural = [
            max([len(t) for t in heads[k].split("\n")] + [len(row[k]) for row in cells])
            for k in range(len(h.drafts))
        ]
        title_natural = max([len(t) for t in titles] + [len("provision")])
        sep = 2
        title_w: int | None = None
        col_w: int | None = None
        if title_natural + sum(natural) + sep * len(natural) > width:
            title_w = max(16, min(title_natural, width // 3))
            col_w = max(4, (width - title_w - sep * len(natural)) // max(1, len(natural)))
        table = Table(
            box=_box(self.ascii), pad_edge=False, show_edge=False, expand=False, collapse_padding=True
        )
        table.add_column("provision", overflow="ellipsis", no_wrap=True, width=title_w)
        for head in heads:
            table.add_column(
                Text(head, overflow="fold", no_wrap=False), no_wrap=True, overflow="ellipsis", max_width=col_w
            )
        for title, row_steps, row_cells in zip(titles, steps, cells, strict=True):
            row: list[RenderableType] = [title]
            row += [Text(c, style=_style(st)) for st, c in zip(row_steps, row_cells, strict=True)]
            table.add_row(*row)
        return table

    def _detail(self, ln: Lineage, markers: bool) -> RenderableType:
        """The provision step by step; where the text changed, the word diff against its previous text
        (deletions struck / ``[-...-]``, insertions ``{+...+}``)."""
        h = self.history
        diffs = self.diffs.get(ln.id, {})
        head = Text(f"{ln.id}  ", style="bold")
        head.append(plain(ln.title or "(no text)"), style="bold")
        table = Table(
            box=_box(self.ascii, head_only=False), show_header=True, pad_edge=False, show_edge=False
        )
        table.add_column("draft", no_wrap=True)
        table.add_column("id", no_wrap=True)
        table.add_column("what", ratio=1, overflow="fold")
        table.add_column("text", ratio=2, overflow="fold")
        for st in ln.steps:
            table.add_row(
                Text(plain(h.names[st.draft])),
                Text(cell(st, ascii=self.ascii), style=_style(st)),
                Text(plain(describe(h, st)), style=_style(st)),
                diff_text(diffs[st.draft], markers=markers)
                if st.draft in diffs
                else Text(plain(st.text or "")),
            )
        return Group(head, table)


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c or " " for c in cells) + " |"


def render_history_markdown(
    history: History,
    lineages: Sequence[Lineage] | None = None,
    *,
    detail: bool = False,
    ascii: bool = False,
    max_depth: int | None = None,
    diffs: Mapping[str, Mapping[int, tuple[DiffOp, ...]]] | None = None,
) -> str:
    """The history as GitHub-flavoured Markdown: a heading, the series sentence, a table, the legend.
    With ``detail``, each provision step by step; its word diffs (``diffs``: lineage id -> draft -> ops)
    show deletions ~~struck~~ and insertions **bold**."""
    h = history
    diffs = diffs or {}
    rows = [
        ln
        for ln in (lineages if lineages is not None else h.lineages)
        if max_depth is None or ln.depth <= max_depth
    ]
    read = paragraphs_line(h.drafts, h.names)
    out = [f"## {md(_header(h)[0])}", "", *([md(read), ""] if read else []), md(series_sentence(h)), ""]
    if detail:
        for ln in rows:
            out += [f"### {md(ln.id)}: {md(ln.title or '(no text)')}", ""]
            out += [_md_row(["Draft", "Id", "What", "Text"]), _md_row(["---"] * 4)]
            for st in ln.steps:
                out.append(
                    _md_row(
                        [
                            md(h.names[st.draft]),
                            md(cell(st, ascii=ascii)),
                            md(describe(h, st)),
                            md_diff(diffs[ln.id][st.draft])
                            if st.draft in diffs.get(ln.id, {})
                            else md(st.text or ""),
                        ]
                    )
                )
            out.append("")
    else:
        counts = h.point_counts()
        out.append(_md_row(["Provision"] + [f"{md(n)} ({c})" for n, c in zip(h.names, counts, strict=True)]))
        out.append(_md_row(["---"] * (len(h.names) + 1)))
        for ln in rows:
            title = "&nbsp;&nbsp;" * ln.depth + md(ln.title or "(no text)")
            out.append(
                _md_row([title] + [md(cell(ln.step_at(k), ascii=ascii)) for k in range(len(h.drafts))])
            )
        out.append("")
    out.append("Legend: " + md(legend(h, rows, ascii=ascii)))
    return "\n".join(out) + "\n"


# --- blame ----------------------------------------------------------------------------------------------


class BlameReport:
    """Blame as a rich renderable: for each point of the latest draft, where it came from."""

    def __init__(self, history: History, entries: Sequence[BlameEntry], *, ascii: bool = False) -> None:
        self.history = history
        self.entries = entries
        self.ascii = ascii

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        h = self.history
        yield Text(
            plain(f"Blame of {h.drafts[-1].name} over {len(h.drafts)} drafts: " + " -> ".join(h.names)),
            style="bold",
        )
        read = paragraphs_line(h.drafts, h.names)
        if read:
            yield Text(plain(read), style="dim")
        yield Text("")
        table = Table(box=_box(self.ascii), pad_edge=False, show_edge=False)
        table.add_column("id", no_wrap=True)
        table.add_column("introduced", no_wrap=True)
        table.add_column("last changed", no_wrap=True)
        table.add_column("text", ratio=1, overflow="fold")
        for e in self.entries:
            table.add_row(
                Text("  " * e.depth + plain(e.point.id), style="bold"),
                Text(plain(h.names[e.introduced])),
                Text(plain(f"{h.names[e.changed]} ({e.change.value})"), style=STYLES.get(e.change, "")),
                Text(plain(e.point.text)),
            )
        yield table


def render_blame_markdown(history: History, entries: Sequence[BlameEntry]) -> str:
    h = history
    out = [f"## Blame of {md(h.drafts[-1].name)}", "", "Series: " + md(" -> ".join(h.names)), ""]
    read = paragraphs_line(h.drafts, h.names)
    if read:
        out[-1:] = ["", md(read), ""]
    out += [_md_row(["Id", "Introduced", "Last changed", "Text"]), _md_row(["---"] * 4)]
    for e in entries:
        out.append(
            _md_row(
                [
                    "&nbsp;&nbsp;" * e.depth + md(e.point.id),
                    md(h.names[e.introduced]),
                    f"{md(h.names[e.changed])} ({md(e.change.value)})",
                    md(e.point.text),
                ]
            )
        )
    return "\n".join(out) + "\n"
