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

CHECK_SCHEMA = "draftdiff.check/1"
GUARD_SCHEMA = "draftdiff.guard/1"


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


def _safe(text: str) -> str:
    from ..textsafe import escape_control

    return escape_control(text)


def _finding_line(finding: Finding) -> str:
    where = _safe(finding.source) + ("" if finding.line is None else f":{finding.line}")
    return f"{where}: {finding.code} {_safe(finding.message)}\n"


def _dumps(doc: dict) -> str:
    """JSON safe to print: bidi, C1 and invisible characters from file names and drafts as \\u escapes."""
    from ..render.json import dumps_safe

    return dumps_safe(doc)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


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
    trouble = [f for f in everything if f.code in TROUBLE_CODES]
    findings = [f for f in everything if f.code not in TROUBLE_CODES]

    for f in trouble:  # like any bad input: on stderr, one line each
        sys.stderr.write(_finding_line(f))
    if format is ReportFormat.json:
        by_code: dict[str, int] = {}
        for f in everything:
            by_code[f.code] = by_code.get(f.code, 0) + 1
        doc = {
            "schema": CHECK_SCHEMA,
            "codes": {code: CODES[code] for code in sorted(wanted)},
            "files": [
                {
                    "source": spec,
                    "status": "error"
                    if any(f.code in TROUBLE_CODES for f in found)
                    else ("findings" if found else "ok"),
                    "findings": [f.to_dict() for f in found],
                }
                for spec, found in per_file
            ],
            "summary": {
                "files": len(per_file),
                "files_with_findings": sum(1 for _, found in per_file if found),
                "findings": len(findings),
                "errors": len(trouble),
                "by_code": dict(sorted(by_code.items())),
            },
        }
        write_output(_dumps(doc), output)
    else:
        write_output("".join(_finding_line(f) for f in findings), output)
        if findings:
            dirty = sum(1 for _, found in per_file if any(f.code not in TROUBLE_CODES for f in found))
            sys.stderr.write(
                f"draftdiff check: {_plural(len(findings), 'finding')} in {dirty} of {_plural(len(files), 'file')}\n"
            )
    if trouble:
        raise typer.Exit(2)
    if findings:
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
    from ..guard import HINT, RepoCache, guard_file
    from . import state

    cache = RepoCache()
    results: list[GuardResult] = []
    errors: list[tuple[str, str]] = []
    for spec in files:
        try:
            results.append(guard_file(spec, against, max_bytes=max_bytes, _cache=cache))
        except DraftdiffError as exc:
            if state.DEBUG:
                raise
            errors.append((spec, state.in_cli_terms(exc)))
            state.error(state.in_cli_terms(exc))
    for r in results:
        if r.status == "unguarded" and r.note:
            sys.stderr.write(f"draftdiff guard: warning: {_safe(r.source)}: {_safe(r.note)}; not guarded\n")

    dropped = sum(len(r.dropped) for r in results)
    if format is ReportFormat.json:
        doc = {
            "schema": GUARD_SCHEMA,
            "against": against,
            "files": [r.to_dict() for r in results]
            + [{"source": s, "status": "error", "error": m} for s, m in errors],
            "summary": {
                "files": len(files),
                "dropped_silently": dropped,
                "files_failed": sum(1 for r in results if r.failed),
                "errors": len(errors),
            },
        }
        write_output(_dumps(doc), output)
    else:
        lines: list[str] = []
        for r in results:
            name = _safe(r.source)
            for d in r.dropped:
                text = d.text if len(d.text) <= 160 else d.text[:157].rstrip() + "..."
                with_subs = f" (with {_plural(d.subpoints, 'sub-point')})" if d.subpoints else ""
                lines.append(
                    f'{name}: provision {_safe(d.id)} dropped silently{with_subs}: "{_safe(text)}" ({HINT})\n'
                )
            if verbose:
                for a in r.acknowledged:
                    how = f"deferred to {_safe(a.track)!r}" if a.how == "deferred" and a.track else a.how
                    lines.append(f"{name}: provision {_safe(a.id)} {how} (acknowledged)\n")
                if r.status == "new":
                    lines.append(f"{name}: {_safe(r.note or 'new file')}: passes\n")
        write_output("".join(lines), output)
        if dropped:
            failed = sum(1 for r in results if r.failed)
            sys.stderr.write(
                f"draftdiff guard: {_plural(dropped, 'provision')} dropped silently in "
                f"{_plural(failed, 'file')} (against {_safe(against)})\n"
            )
    if errors:
        raise typer.Exit(2)
    if dropped:
        raise typer.Exit(1)
