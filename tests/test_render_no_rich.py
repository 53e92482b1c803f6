"""The JSON and plain-text renderers load without rich: a script (or a pre-commit hook) writing JSON
pays nothing for the terminal renderer. Each check runs in a fresh interpreter, so modules already
imported by other tests cannot hide an import."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import draftdiff

SRC = str(Path(draftdiff.__file__).parent.parent)

MODULES = [
    "draftdiff.render.json",
    "draftdiff.render.history_json",
    "draftdiff.render.findings",
    "draftdiff.render.draft",
]

# every JSON writer and the show/check/guard text, run on a small series
USE = textwrap.dedent(
    """
    from draftdiff.compare import compare
    from draftdiff.guard import GuardResult, guard_drafts
    from draftdiff.history import build_history, blame
    from draftdiff.lint import Finding
    from draftdiff.model import draft_from_texts
    from draftdiff.render import draft, findings, history_json, json

    a = draft_from_texts(["Ceasefire at once.", "Amnesty for all."], source="a.md")
    b = draft_from_texts(["Ceasefire at once!"], source="b.md")
    json.comparison_to_json(compare(a, b))
    h = build_history([a, b])
    history_json.history_to_json(h)
    history_json.blame_to_json(h, blame(h))
    draft.draft_json(a), draft.draft_text(a)
    per_file = [("a.md", [Finding("a.md", 1, "DD102", "gap")])]
    findings.to_json(findings.check_document(per_file, codes={"DD102": "gap"}))
    findings.check_text(per_file), findings.check_summary(per_file)
    report = guard_drafts(a, b)
    result = GuardResult("b.md", "dropped", "HEAD", dropped=report.dropped)
    findings.to_json(findings.guard_document([result], [], against="HEAD", files=1))
    findings.guard_text([result], verbose=True), findings.guard_summary([result], against="HEAD")
    """
)


def _loaded_rich(code: str) -> str:
    script = code + "\nimport sys\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={"PYTHONPATH": SRC}, check=True
    )
    return done.stdout.strip()


@pytest.mark.parametrize("module", MODULES)
def test_importing_a_json_renderer_leaves_rich_out(module: str) -> None:
    assert _loaded_rich(f"import {module}") == "[]"


def test_writing_every_json_document_leaves_rich_out() -> None:
    assert _loaded_rich(USE) == "[]"


def test_the_check_finds_rich_when_it_is_loaded() -> None:
    """The probe itself works: the terminal renderer does load rich."""
    assert "rich.console" in _loaded_rich("import draftdiff.render.history")
