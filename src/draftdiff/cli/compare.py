"""draftdiff compare OLD NEW: what became of every provision, as a report or as JSON.

Heavy modules (rich, the engine, the renderers) are imported inside the command, so that
``draftdiff --help`` stays fast.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..align.tuning import DEFAULTS
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
    load_drafts,
    refuse_overwriting_inputs,
    use_color,
    write_output,
)

if TYPE_CHECKING:
    from ..changes import Comparison

#: What --fail-on accepts: the kinds, plus "moved" and "renumbered" (flags of matched pairs).
FAIL_ON_CHOICES = (
    "unchanged",
    "reworded",
    "revised",
    "merged",
    "split",
    "dropped",
    "added",
    "deferred",
    "moved",
    "renumbered",
)


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


def parse_fail_on(value: str | None) -> frozenset[str]:
    """The set named by ``--fail-on dropped,deferred``; an unknown name is a usage error.

    >>> sorted(parse_fail_on("dropped, deferred"))
    ['deferred', 'dropped']
    """
    if not value:
        return frozenset()
    names = {v.strip().lower() for v in value.split(",") if v.strip()}
    unknown = sorted(names - set(FAIL_ON_CHOICES))
    if unknown or not names:
        raise typer.BadParameter(
            f"unknown kind {', '.join(map(repr, unknown)) or repr(value)}; choose from {', '.join(FAIL_ON_CHOICES)}",
            param_hint="--fail-on",
        )
    return frozenset(names)


def parse_pair(value: str, option: str) -> tuple[str, str]:
    """``OLD=NEW`` as (old_id, new_id); anything else is a usage error.

    >>> parse_pair("7=5", "--pin")
    ('7', '5')
    """
    old, sep, new = value.partition("=")
    old, new = old.strip(), new.strip()
    if not sep or not old or not new or "=" in new or old.endswith("!"):
        raise typer.BadParameter(f"expected OLD=NEW (point ids), got {value!r}", param_hint=option)
    return old, new


def failed(cmp: Comparison, fail_on: frozenset[str]) -> bool:
    """True when a change at any level is of one of the kinds (or moved / renumbered) in fail_on."""
    for change in cmp.walk():
        if change.kind.value in fail_on:
            return True
        if ("moved" in fail_on and change.moved) or ("renumbered" in fail_on and change.renumbered):
            return True
    return False


@contextmanager
def progress(message: str, *, delay: float = 0.4) -> Iterator[None]:
    """A spinner on stderr, shown only if the work lasts longer than ``delay`` seconds and stderr is a
    terminal (never in pipes or files)."""
    if not getattr(sys.stderr, "isatty", lambda: False)():
        yield
        return
    from rich.console import Console

    from ..textsafe import escape_control

    console = Console(stderr=True, markup=False, highlight=False, emoji=False)
    status = console.status(escape_control(message))
    lock = threading.Lock()
    state = {"done": False, "started": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                status.start()
                state["started"] = True

    timer = threading.Timer(delay, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["started"]:
                status.stop()


def _read_pins(spec: str, max_bytes: int) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    from ..compare import parse_pins
    from ..errors import InputError
    from ..sources import read_source

    source = read_source(spec, max_bytes=max_bytes)
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"pins file is not valid UTF-8 (byte {exc.start})", source=source.name) from None
    return parse_pins(text, source.name)


def _render(
    cmp: Comparison, fmt: Format, *, options: dict[str, Any], color: bool, width: int | None, **kw: bool
) -> str:
    if fmt is Format.json:
        from ..render.json import comparison_to_json

        return comparison_to_json(cmp, options=options)
    if fmt is Format.markdown:
        from ..render.markdown import render_markdown

        return render_markdown(cmp, show_all=kw["show_all"])
    if fmt is Format.html:
        from ..render.html import render_html

        return render_html(cmp, show_all=kw["show_all"])
    import io

    from ..render.terminal import CompareReport
    from .common import make_console

    buf = io.StringIO()
    console = make_console(ColorMode.always if color else ColorMode.never, file=buf, width=width)
    report = CompareReport(cmp, show_all=kw["show_all"], side_by_side=kw["side_by_side"])
    if not color:  # the same text, without rich's work per segment (a huge report: several times faster)
        return report.plain_text(console)
    console.print(report)
    return buf.getvalue()


def _width(width: int | None, output: str | None) -> int:
    """The report's width (:func:`~draftdiff.cli.common.output_width`)."""
    from .common import output_width

    return output_width(width, output)


@app.command("compare")
def compare_command(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="The earlier draft: a file, - for stdin, or REV:PATH.")
    ],
    new: Annotated[
        str, typer.Argument(metavar="NEW", help="The later draft: a file, - for stdin, or REV:PATH.")
    ],
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="text: the report for people; json: the draftdiff.compare/1 contract (docs/json-compare.md); "
            "markdown: for pull requests and briefs; html: one self-contained page.",
        ),
    ] = Format.text,
    show_all: Annotated[
        bool,
        typer.Option("--all", "-a", help="List unchanged points and sub-points too, instead of a count."),
    ] = False,
    side_by_side: Annotated[
        bool,
        typer.Option(
            "--side-by-side", "-y", help="Show revised and reworded points as two columns (old | new)."
        ),
    ] = False,
    width: WidthOpt = None,
    color: ColorOpt = ColorMode.auto,
    output: OutputOpt = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="Exit 1 when anything differs at any level (any change other than unchanged, or a move or "
            "renumbering); 0 when the drafts match.",
        ),
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="KINDS",
            help="Exit 1 when a change of one of these kinds occurs at any level: a comma list of "
            + ", ".join(FAIL_ON_CHOICES)
            + " (e.g. --fail-on dropped,deferred).",
        ),
    ] = None,
    pin: Annotated[
        list[str] | None,
        typer.Option("--pin", metavar="OLD=NEW", help="Force this pairing of point ids (repeatable)."),
    ] = None,
    unpin: Annotated[
        list[str] | None,
        typer.Option("--unpin", metavar="OLD=NEW", help="Forbid this pairing of point ids (repeatable)."),
    ] = None,
    pins: Annotated[
        str | None,
        typer.Option(
            "--pins",
            metavar="FILE",
            help="Read pairings from FILE: lines OLD=NEW force, OLD!=NEW forbid, # starts a comment.",
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="Similarity (0..1) at which two points may be paired on their words alone "
            f"[default: {DEFAULTS.threshold}].",
        ),
    ] = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX,
    paragraphs: ParagraphsOpt = False,
    points_only: PointsOnlyOpt = False,
) -> None:
    """Compare two drafts and say what became of every provision.

    Exit status: 0 (also when the drafts differ), 1 with --exit-code or --fail-on when the condition is
    met, 2 on trouble (unreadable input, a bad option).
    """
    fail_set = parse_fail_on(fail_on)
    pin_pairs = [parse_pair(v, "--pin") for v in pin or ()]
    unpin_pairs = [parse_pair(v, "--unpin") for v in unpin or ()]
    if old == "-" and new == "-":
        raise typer.BadParameter("only one of OLD and NEW can be - (standard input)", param_hint="OLD/NEW")

    from ..compare import CompareOptions, compare
    from ..errors import DraftdiffError

    refuse_overwriting_inputs(output, (old, new, pins))

    if pins:
        file_pins, file_unpins = _read_pins(pins, max_bytes)
        pin_pairs = list(file_pins) + pin_pairs
        unpin_pairs = list(file_unpins) + unpin_pairs
    settings: dict[str, Any] = {"pins": tuple(pin_pairs), "unpins": tuple(unpin_pairs)}
    if threshold is not None:
        settings["threshold"] = threshold
    options = CompareOptions(**settings)

    with progress("Reading and comparing drafts…"):
        old_draft, new_draft = load_drafts(
            [old, new], max_bytes=max_bytes, paragraphs=paragraphs, points_only=points_only
        )
        cmp = compare(old_draft, new_draft, options)

    to_stdout = output in (None, "-")
    colour = fmt is Format.text and use_color(color, sys.stdout if to_stdout else _NotATerminal)
    recorded = {
        "threshold": options.threshold,
        "margin": options.margin,
        "pins": [list(p) for p in options.pins],
        "unpins": [list(p) for p in options.unpins],
        "paragraphs": paragraphs,
        "points_only": points_only,
    }
    text = _render(
        cmp,
        fmt,
        options=recorded,
        color=colour,
        width=_width(width, output),
        show_all=show_all,
        side_by_side=side_by_side,
    )
    try:
        write_output(text, output)
    except OSError as exc:
        raise DraftdiffError(f"cannot write the report: {exc.strerror or exc}", source=output) from None

    if (exit_code and cmp.has_differences) or (fail_set and failed(cmp, fail_set)):
        raise typer.Exit(1)


class _NotATerminal:
    """Stands for an output file when deciding on colour: --color auto means no colour in files."""

    @staticmethod
    def isatty() -> bool:
        return False
