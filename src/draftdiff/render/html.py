"""The compare report as one self-contained HTML page.

Inline CSS, no script, no external resource (a Content-Security-Policy forbids loading any), readable
offline and printable. Word diffs use ``<del>`` and ``<ins>``. Every untrusted string goes through
:func:`draftdiff.render.safe.html` (control characters made visible, then :func:`html.escape`).

>>> from draftdiff.changes import DiffOp
>>> html_diff([DiffOp("equal", "Cap of "), DiffOp("delete", "<600,000>"), DiffOp("insert", "800,000")])
'Cap of <del>&lt;600,000&gt;</del><ins>800,000</ins>'
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import __version__
from ..changes import Comparison, DiffOp
from ..model import Point
from .report import Entry, Report, build_report, diff_runs
from .safe import html as esc

__all__ = ["html_diff", "render_html"]

_CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0;
  --del: #ffebe9; --del-fg: #82071e; --ins: #dafbe1; --ins-fg: #116329; --flag: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1;
  --line: #3d444d; --del: #4a1c1f; --del-fg: #ffa198; --ins: #12361f; --ins-fg: #7ee787; --flag: #d29922; } }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; margin-top: 2rem; } h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.meta, .notes, .hidden { color: var(--muted); font-size: .9rem; } .summary { font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
del { background: var(--del); color: var(--del-fg); } ins { background: var(--ins); color: var(--ins-fg);
  text-decoration: none; font-weight: 600; }
.flags { color: var(--flag); margin: .25rem 0; padding-left: 1.25rem; }
.text { margin: .25rem 0 .5rem; } .sub { margin: .25rem 0 .5rem 1.5rem; padding-left: .75rem;
  border-left: 2px solid var(--line); } .kind { font-style: italic; }
.g-dropped h2 { color: #cf222e; } .g-added h2 { color: #1a7f37; } .g-deferred h2 { color: #8250df; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
"""


def html_diff(ops: Iterable[DiffOp]) -> str:
    """The word diff inline, with ``<del>`` and ``<ins>``."""
    out: list[str] = []
    for op in diff_runs(ops):
        text = esc(op.text)
        if op.op == "delete":
            out.append(f"<del>{text}</del>")
        elif op.op == "insert":
            out.append(f"<ins>{text}</ins>")
        else:
            out.append(text)
    return "".join(out)


def _points(points: tuple[Point, ...], depth: int = 0) -> list[str]:
    out: list[str] = []
    for p in points:
        label = f"<b>{esc(p.label)}.</b> " if depth else ""
        out.append(f'<p class="text">{label}{esc(p.text)}</p>')
        if p.points:
            out.append('<div class="sub">')
            out.extend(_points(p.points, depth + 1))
            out.append("</div>")
    return out


def _body(entry: Entry) -> list[str]:
    shows = entry.shows
    if shows in ("old", "new"):
        return _points(entry.old_points if shows == "old" else entry.new_points)
    if shows == "parts":
        items = [f"<li>from <b>{esc(p.id)}</b>: {esc(p.text)}</li>" for p in entry.old_points]
        items += [f"<li>into <b>{esc(p.id)}</b>: {esc(p.text)}</li>" for p in entry.new_points]
        return ["<ul>", *items, "</ul>"]
    if shows == "diff":
        return [f'<p class="text">{html_diff(entry.change.diff)}</p>']
    point = entry.text_point
    return [f'<p class="text">{esc(point.text)}</p>'] if shows == "text" and point else []


def _entry(entry: Entry, top: bool) -> list[str]:
    kind = "" if top else f' <span class="kind">{esc(entry.kind.value)}</span>'
    notes = f' <span class="notes">{esc(" · ".join(entry.notes))}</span>' if entry.notes else ""
    tag = "h3" if top else "p"
    lines = [
        f'<div class="change k-{esc(entry.kind.value)}">',
        f"<{tag}><b>{esc(entry.ref)}</b>{kind}{notes}</{tag}>",
    ]
    if entry.flag_lines:
        lines += ['<ul class="flags">', *(f"<li>{esc(f)}</li>" for f in entry.flag_lines), "</ul>"]
    lines += _body(entry)
    if entry.children or entry.hidden_children:
        lines.append('<div class="sub">')
        for child in entry.children:
            lines += _entry(child, top=False)
        if entry.hidden_children:
            lines.append(f'<p class="hidden">{entry.hidden_children} sub-point(s) unchanged</p>')
        lines.append("</div>")
    lines.append("</div>")
    return lines


def _table(report: Report) -> list[str]:
    rows = [
        "<table>",
        "<thead><tr><th>Change</th><th>Old</th><th>New</th><th>Notes</th></tr></thead>",
        "<tbody>",
    ]
    for depth, entry in report.rows():
        c = entry.change
        cells = ("↳ " * depth + c.kind.value, ", ".join(c.old), ", ".join(c.new), "; ".join(entry.remarks))
        rows.append("<tr>" + "".join(f"<td>{esc(x)}</td>" for x in cells) + "</tr>")
    return rows + ["</tbody>", "</table>"]


def render_html(cmp: Comparison, *, show_all: bool = False) -> str:
    """The whole report as one HTML document (UTF-8, ends with a newline)."""
    r = build_report(cmp, show_all=show_all)
    title = f"{r.old.described} → {r.new.described}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f'<meta name="generator" content="draftdiff {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(r.old.source)} → {esc(r.new.source)} · {esc(r.counts_line)}</p>',
        *([f'<p class="meta">{esc(r.read_line)}</p>'] if r.read_line else []),
        f'<p class="summary">{esc(r.summary)}</p>',
        "</header>",
    ]
    if r.groups:
        out += ['<section class="table">', "<h2>Changes</h2>", *_table(r), "</section>"]
    for group in r.groups:
        out.append(f'<section class="g-{esc(group.key)}">')
        out.append(f"<h2>{esc(group.title)} ({len(group.entries)})</h2>")
        for entry in group.entries:
            out += _entry(entry, top=True)
        out.append("</section>")
    if r.unchanged:
        out += [
            '<section class="g-unchanged">',
            "<h2>Unchanged</h2>",
            f'<p class="hidden">{esc(r.unchanged_line)}.</p>',
        ]
        out.append("</section>")
    out += [f"<footer>draftdiff {esc(__version__)}</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
