"""draftdiff show: a draft as the tree of points draftdiff reads from it (text or "draftdiff.draft/1" JSON).

The text form is stable and line-oriented, so it also serves as a git textconv driver::

    git config diff.draft.textconv "draftdiff show --format text"
    echo "drafts/*.md diff=draft" >> .gitattributes
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .common import DEFAULT_MAX, MaxBytesOpt, OutputOpt, ParagraphsOpt, PointsOnlyOpt

if TYPE_CHECKING:
    from ..model import Draft


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("show")
def show(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The draft: a path, - for stdin, or REV:PATH from git.")],
    format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="text: the tree of points; json: draftdiff.draft/1.")
    ] = ShowFormat.text,
    max_bytes: MaxBytesOpt = DEFAULT_MAX,
    paragraphs: ParagraphsOpt = False,
    points_only: PointsOnlyOpt = False,
    output: OutputOpt = None,
) -> None:
    """Show the points read from a draft: ids, sections, tracks and text.

    The text form prints one line per point (its id, then its text; sub-points indented), "== SECTION"
    lines, "| ..." lines for text outside points and "[track: ...]" under points on a deferred track. It is
    stable, so it serves as a git textconv driver (see docs/git.md). --format json prints the
    draftdiff.draft/1 JSON (docs/json-draft.md), which reads back as the same draft.
    """
    from .common import load_draft, write_output

    draft = load_draft(file, max_bytes=max_bytes, paragraphs=paragraphs, points_only=points_only)
    if format is ShowFormat.json:
        text = draft_json(draft)
    else:
        text = draft_text(draft)
    write_output(text, output)


def draft_json(draft: Draft) -> str:
    """The "draftdiff.draft/1" JSON of a draft, indented; invisible and bidi characters as \\u escapes."""
    import json

    from ..jsonform import draft_to_dict

    text = json.dumps(draft_to_dict(draft, with_schema=True), ensure_ascii=False, indent=2)
    return _escape_json_unsafe(text) + "\n"


def _escape_json_unsafe(text: str) -> str:
    from ..textsafe import escape_control

    if text.isprintable() or escape_control(text, newlines=True) == text:
        return text
    out = []
    for ch in text:
        if ch != "\n" and not ch.isprintable() and escape_control(ch) != ch:
            o = ord(ch)
            out.append(f"\\u{o:04x}" if o < 0x10000 else "".join(f"\\u{c:04x}" for c in _surrogates(o)))
        else:
            out.append(ch)
    return "".join(out)


def _surrogates(o: int) -> tuple[int, int]:
    o -= 0x10000
    return 0xD800 + (o >> 10), 0xDC00 + (o & 0x3FF)


def draft_text(draft: Draft) -> str:
    """The plain-text tree: a header, then points and passages in document order.

    The file name is not printed, so that a git textconv diff (which reads temporary copies) shows only
    what changed in the draft.

    Point lines are ``ID  TEXT`` indented two spaces a level; further paragraphs of a point follow on
    lines indented under it; ``[track: NAME]`` follows a point on a track; ``== SECTION`` lines open
    sections; passages (text outside points) are shown as ``| TEXT``. Every untrusted string is escaped.
    """
    from ..model import Passage, Point
    from ..read.markdown import clean_inline
    from ..textsafe import escape_control as esc

    lines: list[str] = []
    if draft.title:
        lines.append(f"title: {esc(draft.title)}")
    if draft.date:
        lines.append(f"date: {esc(draft.date)}")
    if draft.version:
        lines.append(f"version: {esc(draft.version)}")
    total = sum(1 for _ in draft.walk())
    lines.append(f"points: {total} ({len(draft.points)} top-level)")
    if draft.points_from == "paragraphs":
        lines.append("read as: paragraphs (one point per paragraph or list item)")
    if draft.withdrawn:
        lines.append("withdrawn: " + ", ".join(esc(w) for w in draft.withdrawn))
    lines.append("")

    # merge top-level points and passages by line (JSON drafts without lines: points, then passages)
    big = 1 << 62
    items: list[tuple[int, int, Point | Passage]] = []
    for k, p in enumerate(draft.points):
        items.append((p.line if p.line is not None else big, k, p))
    for k, ps in enumerate(draft.passages):
        items.append((ps.line if ps.line is not None else big + 1, k, ps))
    items.sort(key=lambda t: (t[0], 0 if isinstance(t[2], Point) else 1, t[1]))

    section: str | None = None
    for _, _, item in items:
        if item.section != section:
            section = item.section
            lines.append(f"== {esc(section) if section else '(no section)'}")
        if isinstance(item, Passage):
            heading = clean_inline(item.text)
            if heading == item.section or (item.section is None and heading == draft.title):
                continue  # a heading: shown as the section line (or the title) instead
            lines.extend(f"| {esc(para)}".rstrip() for para in item.text.split("\n"))
            continue
        stack: list[tuple[Point, int, str | None]] = [(item, 0, None)]
        while stack:
            point, depth, parent_track = stack.pop()
            pad = "  " * depth
            paras = point.text.split("\n") if point.text else [""]
            lines.append(f"{pad}{esc(point.id)}  {esc(paras[0])}".rstrip())
            lines.extend(f"{pad}    {esc(para)}".rstrip() for para in paras[1:])
            if point.track and point.track != parent_track:
                lines.append(f"{pad}    [track: {esc(point.track)}]")
            stack.extend((c, depth + 1, point.track) for c in reversed(point.points))
    return "\n".join(lines) + "\n"
