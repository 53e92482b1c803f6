"""The compare report as Markdown (GitHub-flavoured) for pull requests and briefs.

A heading, the summary, a table of every listed change, then the changes grouped as in the terminal
report, with word diffs as ``~~deleted~~`` and ``**inserted**``. Every untrusted string goes through
:func:`draftdiff.render.safe.md`, so draft text shows literally: it cannot open a link, emphasis, a table
cell, an HTML tag or a code span.

>>> from draftdiff.changes import Change, Comparison, DiffOp, Kind
>>> from draftdiff.model import draft_from_texts
>>> old, new = draft_from_texts(["Cap of 600,000."]), draft_from_texts(["Cap of 800,000."])
>>> diff = (DiffOp("equal", "Cap of "), DiffOp("delete", "600,000"), DiffOp("insert", "800,000"),
...         DiffOp("equal", "."))
>>> print(md_diff(diff))
Cap of ~~600,000~~ **800,000**.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..changes import Comparison, DiffOp
from ..model import Point
from .report import Entry, Report, build_report, diff_runs, split_space
from .safe import md, plain

__all__ = ["md_diff", "render_markdown"]


def md_diff(ops: Iterable[DiffOp]) -> str:
    """The word diff inline: deletions struck through, insertions bold (markers around words only)."""
    out: list[str] = []
    for op in diff_runs(ops):
        if op.op == "equal":
            out.append(md(op.text))
            continue
        lead, core, trail = split_space(plain(op.text))
        if not core:  # a change of spacing only
            out.append(lead)
            continue
        mark = "~~" if op.op == "delete" else "**"
        out.append(f"{lead}{mark}{md(core)}{mark}{trail}")
    return "".join(out)


def _cell(text: str) -> str:
    return md(text) or " "


def _table(report: Report) -> list[str]:
    rows = ["| Change | Old | New | Notes |", "| --- | --- | --- | --- |"]
    for depth, entry in report.rows():
        c = entry.change
        kind = ("↳ " * depth) + c.kind.value
        old, new, notes = ", ".join(c.old) or "–", ", ".join(c.new) or "–", "; ".join(entry.remarks)
        rows.append(f"| {kind} | {_cell(old)} | {_cell(new)} | {_cell(notes)} |")
    return rows


def _points(points: tuple[Point, ...], depth: int = 0) -> list[str]:
    out: list[str] = []
    for p in points:
        if depth:
            out.append(f"{'  ' * (depth - 1)}- **{md(p.label)}.** {md(p.text)}")
        else:
            out.append(md(p.text))
            if p.points:
                out.append("")
        out.extend(_points(p.points, depth + 1))
    return out


def _body(entry: Entry) -> list[str]:
    shows = entry.shows
    if shows in ("old", "new"):
        return _points(entry.old_points if shows == "old" else entry.new_points)
    if shows == "parts":
        lines = [f"- from **{md(p.id)}**: {md(p.text)}" for p in entry.old_points]
        return lines + [f"- into **{md(p.id)}**: {md(p.text)}" for p in entry.new_points]
    if shows == "diff":
        return [md_diff(entry.change.diff)]
    point = entry.text_point
    return [md(point.text)] if shows == "text" and point else []


def _child(entry: Entry, depth: int) -> list[str]:
    pad = "  " * depth
    c = entry.change
    head = f"{pad}- **{md(entry.ref)}** {c.kind.value}"
    if entry.remarks:
        head += " (" + md("; ".join(entry.remarks)) + ")"
    body = " ".join(x for x in _body(entry) if x)
    lines = [head + (": " + body if body else "")]
    for child in entry.children:
        lines.extend(_child(child, depth + 1))
    if entry.hidden_children:
        lines.append(f"{pad}  - {entry.hidden_children} sub-point(s) unchanged")
    return lines


def _entry(entry: Entry) -> list[str]:
    lines = [f"### {md(entry.ref)}", ""]
    if entry.notes:
        lines += ["*" + md(" · ".join(entry.notes)) + "*", ""]
    if entry.flag_lines:
        lines += [f"- {md(f)}" for f in entry.flag_lines] + [""]
    body = _body(entry)
    if body:
        lines += body + [""]
    sub: list[str] = []
    for child in entry.children:
        sub.extend(_child(child, 0))
    if entry.hidden_children:
        sub.append(f"- {entry.hidden_children} sub-point(s) unchanged")
    if sub:
        lines += ["Sub-points:", ""] + sub + [""]
    return lines


def render_markdown(cmp: Comparison, *, show_all: bool = False) -> str:
    """The whole report as one Markdown document (ends with a newline)."""
    r = build_report(cmp, show_all=show_all)
    lines = [
        f"# {md(r.old.described)} → {md(r.new.described)}",
        "",
        f"- **Old:** {md(r.old.described)} — {r.old.count_phrase}, from {md(r.old.source)}",
        f"- **New:** {md(r.new.described)} — {r.new.count_phrase}, from {md(r.new.source)}",
        *([f"- {md(r.read_line)}"] if r.read_line else []),
        "",
        f"**{md(r.counts_line)}:** {md(r.summary)}.",
        "",
    ]
    if r.groups:
        lines += ["## Changes", ""] + _table(r) + [""]
    for group in r.groups:
        lines += [f"## {md(group.title)} ({len(group.entries)})", ""]
        for entry in group.entries:
            lines += _entry(entry)
    if r.unchanged:
        lines += ["## Unchanged", "", md(r.unchanged_line) + ".", ""]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
