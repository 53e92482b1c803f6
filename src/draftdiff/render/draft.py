"""A draft as ``draftdiff show`` prints it: the "draftdiff.draft/1" JSON or the line-oriented text tree.

The text form is stable, so it also serves as a git textconv driver (docs/git.md). Nothing here imports
rich or typer.

>>> from draftdiff.model import draft_from_texts
>>> print(draft_text(draft_from_texts(["Ceasefire\u202e at once.", "Elections."], title="Plan")), end="")
title: Plan
points: 2 (2 top-level)
<BLANKLINE>
1  Ceasefire\\u202e at once.
2  Elections.
>>> [line.strip() for line in draft_json(draft_from_texts(["Soft\\u00adhyphen \\u2028"])).splitlines()
...  if '"text"' in line]
['"text": "Soft\\xadhyphen \\\\u2028",']
"""

from __future__ import annotations

import json

from ..jsonform import draft_to_dict, escape_json_text
from ..model import Draft, Passage, Point
from ..textsafe import escape_control as esc

__all__ = ["draft_json", "draft_text"]


def draft_json(draft: Draft) -> str:
    """The "draftdiff.draft/1" JSON of a draft, indented; invisible and bidi characters as \\u escapes
    (the soft hyphen is kept, as in the text form)."""
    text = json.dumps(draft_to_dict(draft, with_schema=True), ensure_ascii=False, indent=2)
    return escape_json_text(text, keep_soft_hyphen=True) + "\n"


def draft_text(draft: Draft) -> str:
    """The plain-text tree: a header, then points and passages in document order.

    The file name is not printed, so that a git textconv diff (which reads temporary copies) shows only
    what changed in the draft.

    Point lines are ``ID  TEXT`` indented two spaces a level; further paragraphs of a point follow on
    lines indented under it; ``[track: NAME]`` follows a point on a track; ``== SECTION`` lines open
    sections; passages (text outside points) are shown as ``| TEXT``. Every untrusted string is escaped.
    """
    from ..read.markdown import clean_inline

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
