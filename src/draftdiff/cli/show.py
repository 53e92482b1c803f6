"""draftdiff show: a draft as the tree of points draftdiff reads from it (text or "draftdiff.draft/1" JSON).

The text form is stable and line-oriented, so it also serves as a git textconv driver::

    git config diff.draft.textconv "draftdiff show --format text"
    echo "drafts/*.md diff=draft" >> .gitattributes
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .app import app
from .common import DEFAULT_MAX, MaxBytesOpt, OutputOpt, ParagraphsOpt, PointsOnlyOpt


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("show")
def show(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The draft: a path, - for stdin, or REV:PATH from git.")
    ],
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
    from ..render.draft import draft_json, draft_text
    from .common import load_draft, write_output

    draft = load_draft(file, max_bytes=max_bytes, paragraphs=paragraphs, points_only=points_only)
    if format is ShowFormat.json:
        text = draft_json(draft)
    else:
        text = draft_text(draft)
    write_output(text, output)
