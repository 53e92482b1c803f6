"""Golden files of `draftdiff history` / `blame` on the small series of tests/fixtures/history/.

The suite compares against tests/golden/history-*; it never writes them. Regenerate deliberately and
review `git diff tests/golden/` (every change there is a change users will see):

    python tests/test_history_golden.py

That also rewrites docs/history.svg, the history of drafts/ as the terminal shows it (for the README).
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
FIXTURES = "tests/fixtures/history"

#: golden name -> command line (paths relative to the repository, as they appear in the output)
CASES = {
    "history-drop-restore.txt": ["history", f"{FIXTURES}/drop-restore", "--color", "never", "--width", "100"],
    "history-drop-restore.ansi.txt": ["history", f"{FIXTURES}/drop-restore", "--color", "always", "--width", "100"],
    "history-drop-restore.md": ["history", f"{FIXTURES}/drop-restore", "--format", "markdown"],
    "history-defer-return.txt": ["history", f"{FIXTURES}/defer-return", "--color", "never", "--width", "100"],
    "history-merge-split.txt": ["history", f"{FIXTURES}/merge-split", "--color", "never", "--width", "100"],
    "history-merge-split.ascii.txt": [
        "history", f"{FIXTURES}/merge-split", "--ascii", "--color", "never", "--width", "100",
    ],
    "history-merge-split-provision.txt": [
        "history", f"{FIXTURES}/merge-split", "--provision", "2", "--color", "never", "--width", "120",
    ],
    "history-merge-split-provision.md": ["history", f"{FIXTURES}/merge-split", "-p", "3", "--format", "markdown"],
    "blame-merge-split.txt": [
        "blame", f"{FIXTURES}/merge-split/03-third.md", "--history", f"{FIXTURES}/merge-split",
        "--color", "never", "--width", "100",
    ],
}  # fmt: skip


def produce(args: list[str]) -> str:
    """The command's standard output, run in process from the repository folder."""
    import os

    from draftdiff.cli import main

    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main(list(args))
    finally:
        os.chdir(cwd)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name):
    path = GOLDEN / name
    assert path.is_file(), f"missing {path}: run python tests/test_history_golden.py"
    assert produce(CASES[name]) == path.read_text(encoding="utf-8")


def history_svg() -> str:
    """The terminal history of drafts/ (top-level provisions), as an SVG."""
    import os

    from rich.console import Console

    from draftdiff.history import build_history, draft_files, order_drafts
    from draftdiff.read import read_draft
    from draftdiff.render.history import HistoryReport

    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        hist = build_history(order_drafts([read_draft(p) for p in draft_files("drafts")]))
    finally:
        os.chdir(cwd)
    console = Console(
        record=True,
        width=110,
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
        markup=False,
        highlight=False,
        emoji=False,
    )
    console.print(HistoryReport(hist, max_depth=0))
    return console.export_svg(title="draftdiff history drafts/ --depth 0", unique_id="draftdiff-history")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    (REPO / "docs" / "history.svg").write_text(history_svg(), encoding="utf-8")
    print("wrote", REPO / "docs" / "history.svg")
    GOLDEN.mkdir(exist_ok=True)
    for name, args in sorted(CASES.items()):
        (GOLDEN / name).write_text(produce(args), encoding="utf-8", newline="")
        print("wrote", GOLDEN / name)
