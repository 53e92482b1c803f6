"""`git diff` by points: the textconv driver documented in docs/git.md, run by real git."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from test_sources import commit_files, git, isolate_git, make_repo

PLAN = """---
title: Plan
date: 2025-11-20
---

1. The sovereignty of Ukraine shall be confirmed.
2. Russia, Ukraine and NATO shall conclude a comprehensive agreement on non-aggression, and all
   ambiguities of the past thirty years shall be resolved.
3. Ukraine shall receive robust security guarantees.
"""
# The same draft with point 2 re-wrapped (no word changed) and point 3 reworded.
EDITED = PLAN.replace(
    "non-aggression, and all\n   ambiguities", "non-aggression,\n   and all ambiguities"
).replace("robust security", "strong security")


def changed_lines(diff: str) -> list[str]:
    """The - and + lines of a diff, without the file headers and without show's ``source:`` header line,
    which names git's temporary copy of the old blob and so differs in every textconv diff."""
    skip = ("+++", "---", "-source: ", "+source: ")
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(skip)]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch)
    r = make_repo(tmp_path / "repo")
    textconv = f"{shlex.quote(sys.executable)} -m draftdiff show --format text"
    git(r, "config", "diff.draftdiff.textconv", textconv)
    commit_files(r, {".gitattributes": "*.md diff=draftdiff\n*.json diff=draftdiff\n", "plan.md": PLAN})
    return r


def test_git_diff_shows_points_not_lines(repo: Path) -> None:
    (repo / "plan.md").write_text(EDITED, encoding="utf-8")
    by_points = changed_lines(git(repo, "diff", "HEAD", "--", "plan.md"))
    assert by_points == [
        "-3  Ukraine shall receive robust security guarantees.",
        "+3  Ukraine shall receive strong security guarantees.",
    ]
    by_lines = changed_lines(git(repo, "diff", "--no-textconv", "HEAD", "--", "plan.md"))
    assert len(by_lines) == 6  # the re-wrapped lines count as changed in a line diff


def test_committed_versions_keep_their_format(repo: Path) -> None:
    """git hands the driver a temporary file that keeps the extension, so JSON reads as JSON."""
    commit_files(repo, {"terms.json": '{"points": ["Ceasefire at once.", "Talks within a week."]}'})
    commit_files(repo, {"terms.json": '{"points": ["Ceasefire at once.", "Talks within a month."]}'})
    assert changed_lines(git(repo, "log", "-p", "-1", "--format=", "--", "terms.json")) == [
        "-2  Talks within a week.",
        "+2  Talks within a month.",
    ]
