"""``draftdiff check FILE...`` (lint drafts) and ``draftdiff guard FILE... [--against REV]``.

Both print one line per finding, like a linter, and exit 0 (clean), 1 (findings / a provision dropped
silently) or 2 (trouble: a file that could not be read or parsed, a bad revision, not a repository).
Every file is examined even after trouble with an earlier one. Heavy modules load inside the functions.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .common import DEFAULT_MAX, MaxBytesOpt, OutputOpt, write_output

if TYPE_CHECKING:
    from ..guard import GuardResult
    from ..lint import Finding


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


def _files_arg(help: str) -> typer.models.ArgumentInfo:
    return typer.Argument(metavar="FILE", help=help, show_default=False)


FilesArg = Annotated[
    list[str],
    _files_arg(
        "Draft files: paths, - for standard input, or REV:PATH (a file as committed at a git revision)."
    ),
]
FormatOpt = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="text: one line per finding; json: draftdiff.check/1.")
]
CodesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="CODES",
        help="Do not report these codes (comma-separated; a prefix such as DD1 covers DD101-DD105). "
        "DD001 (unreadable input) is always reported.",
        show_default=False,
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="CODES",
        help="Report only these codes (comma-separated, prefixes allowed); default: all.",
        show_default=False,
    ),
]


def _split(values: list[str] | None) -> list[str]:
    return [part for value in values or () for part in value.split(",") if part.strip()]


@app.command("check")
def check(
    files: FilesArg,
    format: FormatOpt = ReportFormat.text,
    ignore: CodesOpt = None,
    select: SelectOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX,
    output: OutputOpt = None,
) -> None:
    """Lint drafts: unreadable input, duplicate ids, numbering gaps and disorder, empty points,
    mixed numbering styles, a front-matter date that is not ISO 8601 or a top block that is not front matter,
    deferred tracks with no points.

    Prints PATH:LINE: CODE message per finding (codes: docs/check.md). Exit status 0 when clean,
    1 on findings, 2 when a file could not be read or parsed (DD001, printed on stderr).
    """
    from dataclasses import replace

    from ..errors import DraftdiffError
    from ..lint import CODES, TROUBLE_CODES, lint_source, select_codes
    from ..render import findings as render
    from . import state

    try:
        wanted = select_codes(_split(select), _split(ignore))
    except ValueError as exc:
        raise DraftdiffError(str(exc)) from None
    if files.count("-") > 1:
        raise DraftdiffError("standard input (-) can be read only once")

    per_file: list[tuple[str, list[Finding]]] = []
    for spec in files:
        # the linter speaks in library terms (max_bytes); the report names this command's options
        found = [
            replace(f, message=state.cli_terms(f.message))
            for f in lint_source(spec, max_bytes=max_bytes)
            if f.code in wanted
        ]
        per_file.append((spec, found))
    everything = [f for _, found in per_file for f in found]
    trouble = any(f.code in TROUBLE_CODES for f in everything)

    for f in everything:  # like any bad input: on stderr, one line each
        if f.code in TROUBLE_CODES:
            sys.stderr.write(render.finding_line(f))
    if format is ReportFormat.json:
        write_output(
            render.to_json(render.check_document(per_file, codes={c: CODES[c] for c in wanted})), output
        )
    else:
        write_output(render.check_text(per_file), output)
        sys.stderr.write(render.check_summary(per_file))
    if trouble:
        raise typer.Exit(2)
    if any(f.code not in TROUBLE_CODES for f in everything):
        raise typer.Exit(1)


GuardFilesArg = Annotated[
    list[str],
    _files_arg(
        "Draft files in a git work tree (or REV:PATH); each is compared with its version at --against."
    ),
]


@app.command("guard")
def guard(
    files: GuardFilesArg,
    against: Annotated[
        str, typer.Option("--against", metavar="REV", help="The git revision to compare with.")
    ] = "HEAD",
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text: one line per provision; json: draftdiff.guard/1."),
    ] = ReportFormat.text,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list provisions withdrawn or deferred with a word.")
    ] = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX,
    output: OutputOpt = None,
) -> None:
    """Fail when a provision was dropped silently: gone since REV (default HEAD), neither deferred to a
    track nor acknowledged in the new draft (front matter 'withdrawn: [ids]' or a Withdrawn section).

    Exit status 0 when nothing was dropped silently (new files pass), 1 when something was (each named
    with its old id and text), 2 on trouble (unreadable file, unknown revision, not a git repository).
    """
    from ..errors import DraftdiffError
    from ..guard import RepoCache, guard_file
    from ..render import findings as render
    from . import state

    cache = RepoCache()
    results: list[GuardResult] = []
    errors: list[tuple[str, str]] = []
    for spec in files:
        try:
            results.append(guard_file(spec, against, max_bytes=max_bytes, cache=cache))
        except DraftdiffError as exc:
            if state.DEBUG:
                raise
            errors.append((spec, state.in_cli_terms(exc)))
            state.error(state.in_cli_terms(exc))
    sys.stderr.write(render.guard_warnings(results))

    if format is ReportFormat.json:
        write_output(
            render.to_json(render.guard_document(results, errors, against=against, files=len(files))), output
        )
    else:
        write_output(render.guard_text(results, verbose=verbose), output)
        sys.stderr.write(render.guard_summary(results, against=against))
    if errors:
        raise typer.Exit(2)
    if any(r.failed for r in results):
        raise typer.Exit(1)
