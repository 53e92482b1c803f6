"""What ``draftdiff check`` and ``draftdiff guard`` print: the "draftdiff.check/1" and "draftdiff.guard/1"
JSON documents (docs/check.md, ``draftdiff schema check``) and the one-line-per-finding text.

Every renderer takes the same plain inputs (for check: each file with its findings; for guard: the
results, and the files that could not be guarded), so another format (SARIF, say) is one more function
beside these. The ``*_document`` functions return JSON-ready dicts, :func:`to_json` writes them safe to
print. Nothing here imports rich or typer.

>>> from draftdiff.lint import Finding
>>> found = [("a.md", [Finding("a.md", 3, "DD102", "point 4 follows 2")]), ("b.md", [])]
>>> doc = check_document(found, codes={"DD102": "numbering gap"})
>>> doc["schema"], [f["status"] for f in doc["files"]], doc["summary"]["by_code"]
('draftdiff.check/1', ['findings', 'ok'], {'DD102': 1})
>>> check_text(found), check_summary(found)
('a.md:3: DD102 point 4 follows 2\\n', 'draftdiff check: 1 finding in 1 of 2 files\\n')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..textsafe import escape_control
from .json import dumps_safe

if TYPE_CHECKING:
    from ..guard import GuardResult
    from ..lint import Finding

__all__ = [
    "CHECK_SCHEMA",
    "GUARD_SCHEMA",
    "FileFindings",
    "check_document",
    "check_summary",
    "check_text",
    "finding_line",
    "guard_document",
    "guard_summary",
    "guard_text",
    "guard_warnings",
    "to_json",
]

CHECK_SCHEMA = "draftdiff.check/1"
GUARD_SCHEMA = "draftdiff.guard/1"

#: One file given to ``check``, with the findings on it (those selected), in the order given.
FileFindings = tuple[str, Sequence["Finding"]]


def to_json(doc: Mapping[str, Any]) -> str:
    """A document as indented JSON, safe to print: bidi, C1 and invisible characters from file names
    and drafts as ``\\uXXXX`` escapes. Ends with a newline."""
    return dumps_safe(doc)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _is_trouble(finding: Finding) -> bool:
    from ..lint import TROUBLE_CODES

    return finding.code in TROUBLE_CODES


def finding_line(finding: Finding) -> str:
    """``PATH:LINE: CODE message``, one line, every untrusted string escaped."""
    where = escape_control(finding.source) + ("" if finding.line is None else f":{finding.line}")
    return f"{where}: {finding.code} {escape_control(finding.message)}\n"


def check_document(per_file: Sequence[FileFindings], *, codes: Mapping[str, str]) -> dict[str, Any]:
    """The "draftdiff.check/1" document: ``codes`` are the codes looked for (code -> what it means)."""
    everything = [f for _, found in per_file for f in found]
    by_code: dict[str, int] = {}
    for f in everything:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    errors = sum(1 for f in everything if _is_trouble(f))
    return {
        "schema": CHECK_SCHEMA,
        "codes": {code: codes[code] for code in sorted(codes)},
        "files": [
            {
                "source": spec,
                "status": "error" if any(_is_trouble(f) for f in found) else ("findings" if found else "ok"),
                "findings": [f.to_dict() for f in found],
            }
            for spec, found in per_file
        ],
        "summary": {
            "files": len(per_file),
            "files_with_findings": sum(1 for _, found in per_file if found),
            "findings": len(everything) - errors,
            "errors": errors,
            "by_code": dict(sorted(by_code.items())),
        },
    }


def check_text(per_file: Sequence[FileFindings]) -> str:
    """One line per finding (trouble, such as an unreadable file, is left to stderr)."""
    return "".join(finding_line(f) for _, found in per_file for f in found if not _is_trouble(f))


def check_summary(per_file: Sequence[FileFindings]) -> str:
    """The closing line for stderr when there were findings (empty when there were none)."""
    findings = sum(1 for _, found in per_file for f in found if not _is_trouble(f))
    if not findings:
        return ""
    dirty = sum(1 for _, found in per_file if any(not _is_trouble(f) for f in found))
    return f"draftdiff check: {_plural(findings, 'finding')} in {dirty} of {_plural(len(per_file), 'file')}\n"


def guard_document(
    results: Sequence[GuardResult], errors: Sequence[tuple[str, str]], *, against: str, files: int
) -> dict[str, Any]:
    """The "draftdiff.guard/1" document: ``errors`` are (file, message) for files that could not be
    guarded; ``files`` is how many were given."""
    return {
        "schema": GUARD_SCHEMA,
        "against": against,
        "files": [r.to_dict() for r in results]
        + [{"source": s, "status": "error", "error": m} for s, m in errors],
        "summary": {
            "files": files,
            "dropped_silently": sum(len(r.dropped) for r in results),
            "files_failed": sum(1 for r in results if r.failed),
            "errors": len(errors),
        },
    }


def guard_text(results: Sequence[GuardResult], *, verbose: bool = False) -> str:
    """One line per provision dropped silently (with ``verbose``, also per acknowledged one and per new
    file), every untrusted string escaped."""
    from ..guard import HINT

    esc = escape_control
    lines: list[str] = []
    for r in results:
        name = esc(r.source)
        for d in r.dropped:
            text = d.text if len(d.text) <= 160 else d.text[:157].rstrip() + "..."
            with_subs = f" (with {_plural(d.subpoints, 'sub-point')})" if d.subpoints else ""
            lines.append(
                f'{name}: provision {esc(d.id)} dropped silently{with_subs}: "{esc(text)}" ({HINT})\n'
            )
        if verbose:
            for a in r.acknowledged:
                how = f"deferred to {esc(a.track)!r}" if a.how == "deferred" and a.track else a.how
                lines.append(f"{name}: provision {esc(a.id)} {how} (acknowledged)\n")
            if r.status == "new":
                lines.append(f"{name}: {esc(r.note or 'new file')}: passes\n")
    return "".join(lines)


def guard_warnings(results: Sequence[GuardResult]) -> str:
    """Lines for stderr about files that could not be guarded (their old version would not parse)."""
    esc = escape_control
    return "".join(
        f"draftdiff guard: warning: {esc(r.source)}: {esc(r.note)}; not guarded\n"
        for r in results
        if r.status == "unguarded" and r.note
    )


def guard_summary(results: Sequence[GuardResult], *, against: str) -> str:
    """The closing line for stderr when something was dropped silently (empty otherwise)."""
    dropped = sum(len(r.dropped) for r in results)
    if not dropped:
        return ""
    failed = sum(1 for r in results if r.failed)
    return (
        f"draftdiff guard: {_plural(dropped, 'provision')} dropped silently in "
        f"{_plural(failed, 'file')} (against {escape_control(against)})\n"
    )
