"""bench/speed.py --against REV: the mechanics of the speed gate (the revision, the temporary worktree,
the verdict), never its timings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import speed

pytestmark = pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs the git checkout")


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()


def test_the_revision_is_resolved_or_refused():
    commit, how = speed.resolve_against("HEAD")
    assert commit == _git("rev-parse", "HEAD") and how == "HEAD"
    with pytest.raises(speed.GateError, match="unknown revision 'no-such-rev'"):
        speed.resolve_against("no-such-rev")


def test_the_gate_runs_both_sources_and_leaves_no_worktree(capsys):
    before = _git("worktree", "list")
    assert speed.main(["--against", "HEAD", "--points", "30", "--runs", "1", "--max-ratio", "1000"]) == 0
    out = capsys.readouterr().out
    assert "old source: " + _git("rev-parse", "HEAD")[:12] in out
    assert "ratio current / old: " in out and "PASS" in out
    assert _git("worktree", "list") == before
    # a ratio bound no real run can meet fails the gate (exit 1)
    assert speed.main(["--against", "HEAD", "--points", "30", "--runs", "1", "--max-ratio", "1e-9"]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_a_bad_revision_is_one_line_and_exit_2(capsys):
    assert speed.main(["--against", "no-such-rev", "--points", "30"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("speed.py --against: unknown revision")
