"""Regenerate the golden files of `draftdiff compare` on drafts/ (tests/golden/). Run deliberately:

    python tests/regen_golden.py          # rewrite every golden file
    python tests/regen_golden.py --check  # only report which ones differ (exit 1 if any)

Then review `git diff tests/golden/` before committing: every change there is a change users will see.
The suite (tests/test_cli_compare_golden.py) never writes these files; it compares against them.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
WIDTH = "100"

#: (old, new) drafts compared; paths relative to the repository (as they appear in the output).
PAIRS = [
    ("drafts/01-us-28-point-plan.md", "drafts/02-e3-counter-proposal.md"),
    ("drafts/02-e3-counter-proposal.md", "drafts/03-geneva-19-point-reconstruction.md"),
    ("drafts/03-geneva-19-point-reconstruction.md", "drafts/04-20-point-framework.md"),
    ("drafts/01-us-28-point-plan.md", "drafts/03-geneva-19-point-reconstruction.md"),
]

#: suffix of the golden file -> the compare options that produce it.
FORMATS = {
    "txt": ["--color", "never"],
    "ansi.txt": ["--color", "always"],
    "all.txt": ["--color", "never", "--all", "--side-by-side"],
    "md": ["--format", "markdown"],
    "html": ["--format", "html"],
    "json": ["--format", "json"],
}


def golden_name(old: str, new: str, suffix: str) -> str:
    return f"compare-{Path(old).name[:2]}-{Path(new).name[:2]}.{suffix}"


def normalise(text: str) -> str:
    """The draftdiff version appears in HTML and JSON; golden files must not change with it."""
    from draftdiff import __version__

    return text.replace(f'"version": "{__version__}"', '"version": "VERSION"').replace(
        f"draftdiff {__version__}", "draftdiff VERSION"
    )


def run(old: str, new: str, suffix: str) -> tuple[int, str]:
    """Run `draftdiff compare` in-process from the repository root; (exit status, normalised stdout)."""
    from draftdiff.cli import main

    out = io.StringIO()
    cwd = os.getcwd()
    env = {k: os.environ.pop(k) for k in ("NO_COLOR", "FORCE_COLOR", "COLUMNS") if k in os.environ}
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            try:
                main(["compare", old, new, "--width", WIDTH, *FORMATS[suffix]])
                code = 0
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        os.chdir(cwd)
        os.environ.update(env)
    return code, normalise(out.getvalue())


def cases() -> list[tuple[str, str, str]]:
    return [(old, new, suffix) for old, new in PAIRS for suffix in FORMATS]


SVG = REPO / "docs" / "report.svg"
SVG_PAIR = PAIRS[0]


def report_svg() -> str:
    """The terminal report of US plan -> E3 counter-proposal as an SVG (rich's own export), for the docs."""
    from rich.console import Console

    from draftdiff.compare import compare
    from draftdiff.read import read_draft
    from draftdiff.render.terminal import CompareReport

    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        cmp = compare(read_draft(SVG_PAIR[0]), read_draft(SVG_PAIR[1]))
    finally:
        os.chdir(cwd)
    console = Console(
        record=True, width=int(WIDTH), file=io.StringIO(), color_system="truecolor", force_terminal=True,
        markup=False, highlight=False, emoji=False,
    )
    console.print(CompareReport(cmp))
    return console.export_svg(title=f"draftdiff compare {SVG_PAIR[0]} {SVG_PAIR[1]}", unique_id="draftdiff")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    svg = report_svg()
    if not SVG.exists() or SVG.read_text(encoding="utf-8") != svg:
        print(("differs: " if check else "wrote: ") + str(SVG.relative_to(REPO)))
        if not check:
            SVG.write_text(svg, encoding="utf-8")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    differ = 0
    for old, new, suffix in cases():
        code, text = run(old, new, suffix)
        if code != 0:
            print(f"draftdiff compare {old} {new} {suffix}: exit {code}", file=sys.stderr)
            return 2
        path = GOLDEN / golden_name(old, new, suffix)
        same = path.exists() and path.read_text(encoding="utf-8") == text
        if not same:
            differ += 1
            print(("differs: " if check else "wrote: ") + str(path.relative_to(REPO)))
            if not check:
                path.write_text(text, encoding="utf-8", newline="")
    print(f"{len(cases())} golden files, {differ} {'differ' if check else 'rewritten'}")
    return 1 if check and differ else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main(sys.argv[1:]))
