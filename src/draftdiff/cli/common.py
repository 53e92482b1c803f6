"""Options and helpers shared by the commands: reading drafts, colour, atomic output."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from ..sources import DEFAULT_MAX_BYTES
from . import state

if TYPE_CHECKING:
    from rich.console import Console

    from ..model import Draft


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


MaxBytesOpt = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this many bytes.", show_default=True)
]
ParagraphsOpt = Annotated[
    bool,
    typer.Option(
        "--paragraphs",
        help="Read every draft as paragraphs: one point per paragraph or list item (ids ¶1, ¶2 ...), even a "
        "numbered one. (By default only a draft without numbered points is, and all drafts when they are "
        "not numbered alike.)",
    ),
]
PointsOnlyOpt = Annotated[
    bool,
    typer.Option(
        "--points-only",
        help="Never read paragraphs as points: a draft without numbered points is an error (exit 2).",
    ),
]
ColorOpt = Annotated[
    ColorMode,
    typer.Option("--color", help="Colour: auto (a terminal, unless NO_COLOR is set), always or never."),
]
OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", help="Write the report to this file (atomically) instead of stdout.")
]
WidthOpt = Annotated[int | None, typer.Option("--width", min=20, help="Width of terminal output (default: the terminal's).")]

DEFAULT_MAX = DEFAULT_MAX_BYTES

#: Width of text output written to no terminal (a file, a pipe) when neither --width nor $COLUMNS says:
#: the one fallback of every command.
FALLBACK_WIDTH = 80


def output_width(width: int | None, output: str | None) -> int:
    """The width of a text report: --width; else the terminal's when writing to one; else $COLUMNS (20 or
    more); else ``FALLBACK_WIDTH``."""
    if width:
        return width
    if output in (None, "-") and sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= 20 else FALLBACK_WIDTH


def load_draft(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES, paragraphs: bool = False, points_only: bool = False) -> Draft:
    """Read one draft named on the command line (a path, ``-`` or ``REV:PATH``); see load_drafts."""
    return load_drafts([spec], max_bytes=max_bytes, paragraphs=paragraphs, points_only=points_only)[0]


def load_drafts(
    specs: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES, paragraphs: bool = False, points_only: bool = False
) -> list[Draft]:
    """Read the drafts of one command as a set (read.together); a note on stderr for paragraph readings.

    ``paragraphs`` is --paragraphs (every draft as paragraphs), ``points_only`` is --points-only (markers
    only: a draft without points is refused); neither: drafts without numbered points are read as
    paragraphs, and all of them when they are not numbered alike.
    """
    from ..read.together import WHY_ASKED, paragraph_notes, read_together

    if paragraphs and points_only:
        raise typer.BadParameter("--paragraphs and --points-only exclude each other", param_hint="--points-only")
    mode: bool | str = "always" if paragraphs else not points_only
    readings = read_together(specs, max_bytes=max_bytes, paragraphs=mode)
    asked = f"({WHY_ASKED})"
    for line in paragraph_notes(readings):
        if line.endswith(asked):  # the note ends with the setting; the file name before it stays as it is
            line = line[: -len(asked)] + f"({state.cli_terms(WHY_ASKED)})"
        state.note(line)
    return [r.draft for r in readings]


def use_color(mode: ColorMode, stream=None) -> bool:  # type: ignore[no-untyped-def]
    """Whether to colour: --color wins; then NO_COLOR, then FORCE_COLOR; else only on a terminal."""
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never:
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def make_console(
    mode: ColorMode = ColorMode.auto, *, file=None, width: int | None = None, record: bool = False  # type: ignore[no-untyped-def]
) -> Console:
    """A rich Console that honours --color/NO_COLOR/FORCE_COLOR and never emits markup from data."""
    from rich.console import Console

    color = use_color(mode, file)
    return Console(
        file=file or sys.stdout,
        color_system="truecolor" if color else None,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        record=record,
        legacy_windows=False,
    )


def refuse_overwriting_inputs(output: str | None, inputs: tuple[str | None, ...]) -> None:
    """A read-only command never replaces a draft: --output naming one of the inputs is an error."""
    from ..errors import DraftdiffError

    if output in (None, "-") or not os.path.exists(output):
        return
    for spec in inputs:
        if spec and spec != "-" and os.path.exists(spec) and os.path.samefile(spec, output):
            raise DraftdiffError("--output names an input file; refusing to overwrite it", source=output)


def write_output(text: str, path: str | None) -> None:
    """Write text to stdout, or to path atomically (a temporary file in the same folder, then a rename)."""
    if path is None or path == "-":
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:
            # An output that cannot hold every character (PYTHONIOENCODING=ascii, a legacy console):
            # what it cannot hold is written as visible escapes (\xb7, \u041a), never a crash.
            encoding = getattr(sys.stdout, "encoding", None) or "ascii"
            sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
        sys.stdout.flush()
        return
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False
    if special:  # /dev/null, a FIFO, a terminal: write to it; renaming over it would replace the device
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".draftdiff-", suffix=".tmp", dir=folder)
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
