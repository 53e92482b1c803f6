"""``draftdiff history FILE...|DIR`` and ``draftdiff blame FILE --history DIR`` (docs/history.md).

Thin: reading the series, ordering and cutting it (:mod:`draftdiff.series`), then
:func:`draftdiff.lineage.build_history` and a renderer. Heavy modules (the reader, the engine, rich) load
inside the functions. The library's errors speak of the series' start and end and of provisions; here
they get the names of the options the values came from (``--since``, ``--until``, ``--provision``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from ..align.tuning import RESTORE_REVISED_EXTRA, RESTORE_THRESHOLD
from .app import app
from .common import (
    DEFAULT_MAX,
    ColorMode,
    ColorOpt,
    MaxBytesOpt,
    OutputOpt,
    ParagraphsOpt,
    PointsOnlyOpt,
    WidthOpt,
    refuse_overwriting_inputs,
    write_output,
)

if TYPE_CHECKING:
    from ..lineage import History, Lineage
    from ..model import Draft


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class Order(str, Enum):
    auto = "auto"
    date = "date"
    given = "given"


FormatOpt = Annotated[
    HistoryFormat,
    typer.Option(
        "--format",
        "-f",
        help="text: a table for the terminal; json: draftdiff.history/1 "
        "(draftdiff.blame/1 for blame); markdown: for pull requests and briefs.",
    ),
]
OrderOpt = Annotated[
    Order,
    typer.Option(
        "--order",
        help="auto: by front-matter date when every draft has one, else as given (a "
        "directory: natural file-name order); date: by date (all drafts must have one); given.",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DRAFT|DATE",
        help="Start the series at this draft (its name, file name, "
        "version or date) or at the first draft dated on or after DATE.",
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DRAFT|DATE",
        help="End the series at this draft, or at the last draft dated on or before DATE.",
        show_default=False,
    ),
]
ThresholdOpt = Annotated[
    float | None,
    typer.Option(
        "--threshold",
        min=0.0,
        max=1.0,
        help="Similarity at which the engine pairs two points on their words alone (default: the engine's).",
        show_default=False,
    ),
]
NoRestoreOpt = Annotated[
    bool, typer.Option("--no-restore", help="Do not look for dropped provisions in later drafts.")
]
RestoreThresholdOpt = Annotated[
    float | None,
    typer.Option(
        "--restore-threshold",
        min=0.0,
        max=1.0,
        help="Similarity a dropped provision and a later addition need to be linked as restored "
        f"(default {RESTORE_THRESHOLD}, or the engine's threshold if higher; {RESTORE_REVISED_EXTRA} more "
        "for a pair the engine calls revised).",
        show_default=False,
    ),
]
AsciiOpt = Annotated[
    bool,
    typer.Option(
        "--ascii", help="ASCII glyphs in the table (automatic when the output cannot encode the others)."
    ),
]


def _expand(paths: list[str]) -> list[str]:
    """Files as given; a directory contributes its draft files in natural order."""
    from ..series import draft_files

    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            found = draft_files(p)
            if not found:
                from ..errors import InputError

                raise InputError(
                    "no draft files (.md .markdown .txt .json .toml) in this directory", source=p
                )
            out.extend(found)
        else:
            out.append(p)
    return out


def _in_series(spec: str, specs: list[str]) -> bool:
    if spec == "-" or not os.path.exists(spec):
        return False
    real = os.path.realpath(spec)
    return any(s != "-" and os.path.realpath(s) == real for s in specs)


def _read_series(
    paths: list[str],
    *,
    max_bytes: int,
    paragraphs: bool,
    points_only: bool,
    order: Order,
    extra: str | None = None,
) -> tuple[list[Draft], Draft | None]:
    """The series, ordered; and ``extra`` (blame's FILE) read with it, so that all are read alike."""
    from ..series import order_drafts
    from .common import load_drafts

    specs = _expand(paths)
    if extra is not None and _in_series(extra, specs):
        extra = None  # blame's FILE is one of the series: read once
    if extra is not None:
        specs.append(extra)
    drafts = load_drafts(specs, max_bytes=max_bytes, paragraphs=paragraphs, points_only=points_only)
    last = drafts.pop() if extra is not None else None
    return order_drafts(drafts, order.value), last


def _build(
    drafts: list[Draft],
    *,
    since: str | None,
    until: str | None,
    threshold: float | None,
    restore: bool,
    restore_threshold: float | None,
    what: str = "history",
) -> History:
    from ..compare import CompareOptions
    from ..errors import DraftdiffError
    from ..lineage import build_history
    from ..series import SeriesCutError, cut_series, short_names

    names = list(short_names(drafts))
    try:
        drafts, names = cut_series(drafts, names, since, until)
    except SeriesCutError as exc:  # name the option the bound came from
        raise DraftdiffError(f"--{exc.bound} {exc.spec!r} {exc.problem}") from None
    if len(drafts) < 2:
        raise DraftdiffError(
            f"{what} needs at least 2 drafts, got {len(drafts)}"
            + (" after --since/--until" if since or until else "")
            + " (give several files or a directory)"
        )
    options = (
        CompareOptions(diff=False) if threshold is None else CompareOptions(threshold=threshold, diff=False)
    )
    return build_history(drafts, options=options, names=names, restore=restore, threshold=restore_threshold)


def _ascii_wanted(flag: bool, output: str | None) -> bool:
    """ASCII glyphs: asked for, or standard output cannot encode the others (files are UTF-8)."""
    if flag:
        return True
    if output not in (None, "-"):
        return False
    import sys

    from ..render.history import GLYPHS

    encoding = getattr(sys.stdout, "encoding", None)
    if not encoding:
        return False  # an in-memory stream holds any text
    try:
        "".join(g[0] for g in GLYPHS.values()).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def _render_text(renderable: object, *, color: ColorMode, width: int | None, output: str | None) -> str:
    import io

    from .common import make_console, output_width, use_color

    buf = io.StringIO()
    mode = color
    if color is ColorMode.auto and output in (None, "-") and use_color(color):
        mode = ColorMode.always  # auto resolved against the real stdout, not the buffer
    console = make_console(mode, file=buf, width=output_width(width, output))
    console.print(renderable)
    return buf.getvalue()


def _selected(hist: History, provision: str | None, grep: str | None) -> list[Lineage]:
    """The lineages --provision and --grep select, with those linked by merges and splits and their
    sub-points, in display order."""
    from ..errors import DraftdiffError
    from ..lookup import ProvisionNotFound, find_by_text, find_lineage

    roots = []
    if provision is not None:
        try:
            roots.append(find_lineage(hist, provision))
        except ProvisionNotFound as exc:  # name the option the spec came from
            raise DraftdiffError(f"--provision {exc.spec!r}: {exc.problem}") from None
    if grep is not None:
        found = find_by_text(hist, grep)
        if not found:
            raise DraftdiffError(f"--grep {grep!r}: no provision of the series contains that text")
        roots += found
    chosen = {ln.id for root in roots for ln in hist.related(root.id)}
    return [ln for ln in hist.lineages if ln.id in chosen]


def _emit(
    format: HistoryFormat,
    *,
    json: Callable[[], str],
    markdown: Callable[[], str],
    text: Callable[[], object],
    color: ColorMode,
    width: int | None,
    output: str | None,
) -> None:
    """Write the report in the chosen format (only that one is built). On a standard output that cannot
    encode some characters (a legacy code page), those are written as backslash escapes."""
    if format is HistoryFormat.json:
        report = json()
    elif format is HistoryFormat.markdown:
        report = markdown()
    else:
        report = _render_text(text(), color=color, width=width, output=output)
    if output in (None, "-"):
        import sys

        encoding = getattr(sys.stdout, "encoding", None)
        if encoding:
            try:
                report.encode(encoding)
            except UnicodeEncodeError:
                report = report.encode(encoding, "backslashreplace").decode(encoding)
            except LookupError:
                pass
    write_output(report, output)


@app.command("history")
def history_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...|DIR",
            help="The drafts of the series (paths, - or REV:PATH), or a "
            "directory of them (README* and hidden files skipped).",
            show_default=False,
        ),
    ],
    format: FormatOpt = HistoryFormat.text,
    provision: Annotated[
        str | None,
        typer.Option(
            "--provision",
            "-p",
            metavar="ID|DRAFT:ID",
            help="Follow one provision step by step: ID "
            "is its id in the first draft that has one; DRAFT:ID names the draft.",
            show_default=False,
        ),
    ] = None,
    grep: Annotated[
        str | None,
        typer.Option(
            "--grep",
            "-g",
            metavar="TEXT",
            help="Follow every provision whose text, in any draft, contains TEXT (case-insensitive): "
            "--grep amnesty.",
            show_default=False,
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    order: OrderOpt = Order.auto,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            min=0,
            help="Show lineages down to this depth (0: top-level points only).",
            show_default=False,
        ),
    ] = None,
    threshold: ThresholdOpt = None,
    no_restore: NoRestoreOpt = False,
    restore_threshold: RestoreThresholdOpt = None,
    ascii: AsciiOpt = False,
    color: ColorOpt = ColorMode.auto,
    width: WidthOpt = None,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX,
    paragraphs: ParagraphsOpt = False,
    points_only: PointsOnlyOpt = False,
) -> None:
    """Follow every provision through a series of drafts: a table of lineages, one column per draft."""
    drafts, _ = _read_series(
        paths, max_bytes=max_bytes, paragraphs=paragraphs, points_only=points_only, order=order
    )
    refuse_overwriting_inputs(output, tuple(d.source for d in drafts))
    hist = _build(
        drafts,
        since=since,
        until=until,
        threshold=threshold,
        restore=not no_restore,
        restore_threshold=restore_threshold,
    )
    lineages = None
    if provision is not None or grep is not None:
        lineages = _selected(hist, provision, grep)
        if depth is not None:
            lineages = [ln for ln in lineages if ln.depth <= depth]
    from ..lookup import step_diffs
    from ..render import history as render
    from ..render.history_json import history_to_json

    if format is HistoryFormat.json and lineages is None and depth is not None:
        lineages = [ln for ln in hist.lineages if ln.depth <= depth]
    use_ascii = _ascii_wanted(ascii, output)
    detail = lineages is not None
    diffs = {ln.id: step_diffs(ln) for ln in lineages} if lineages is not None else None
    _emit(
        format,
        json=lambda: history_to_json(hist, lineages, provision=provision, grep=grep, diffs=diffs),
        markdown=lambda: render.render_history_markdown(
            hist, lineages, detail=detail, ascii=use_ascii, max_depth=depth, diffs=diffs
        ),
        text=lambda: render.HistoryReport(
            hist, lineages, ascii=use_ascii, detail=detail, max_depth=depth, diffs=diffs
        ),
        color=color,
        width=width,
        output=output,
    )


@app.command("blame")
def blame_command(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The latest draft (in DIR or not).", show_default=False)
    ],
    history_dir: Annotated[
        list[str],
        typer.Option(
            "--history",
            metavar="DIR|FILE",
            help="The earlier drafts: a directory, or files (repeat the option).",
            show_default=False,
        ),
    ],
    format: FormatOpt = HistoryFormat.text,
    since: SinceOpt = None,
    order: OrderOpt = Order.auto,
    threshold: ThresholdOpt = None,
    no_restore: NoRestoreOpt = False,
    restore_threshold: RestoreThresholdOpt = None,
    ascii: AsciiOpt = False,
    color: ColorOpt = ColorMode.auto,
    width: WidthOpt = None,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX,
    paragraphs: ParagraphsOpt = False,
    points_only: PointsOnlyOpt = False,
) -> None:
    """For each point of FILE: the draft that introduced it and the draft that last changed its substance."""
    from ..blame import blame

    series, file_draft = _read_series(
        history_dir,
        max_bytes=max_bytes,
        paragraphs=paragraphs,
        points_only=points_only,
        order=order,
        extra=file,
    )
    refuse_overwriting_inputs(output, (file, *(d.source for d in series)))
    latest = os.path.realpath(file) if file != "-" else None
    at = [k for k, d in enumerate(series) if latest is not None and os.path.realpath(d.source) == latest]
    if at:  # FILE is part of the series: its history is what comes before it
        drafts = series[: at[0] + 1]
    else:
        drafts = series + [file_draft]  # type: ignore[list-item]
    hist = _build(
        drafts,
        since=since,
        until=None,
        threshold=threshold,
        restore=not no_restore,
        restore_threshold=restore_threshold,
        what="blame",
    )
    entries = blame(hist)
    from ..render import history as render
    from ..render.history_json import blame_to_json

    _emit(
        format,
        json=lambda: blame_to_json(hist, entries),
        markdown=lambda: render.render_blame_markdown(hist, entries),
        text=lambda: render.BlameReport(hist, entries, ascii=_ascii_wanted(ascii, output)),
        color=color,
        width=width,
        output=output,
    )
