"""This repository's pre-commit hooks, run by the real pre-commit framework in a temporary repository.

The hooks are taken from a snapshot of this working tree (its files, committed in a temporary git
repository, so that uncommitted work is what gets tested). The user repository's .pre-commit-config.yaml
points at that snapshot, ``pre-commit install`` puts the hook in place, and every scenario is a real
``git commit`` that succeeds or fails. pre-commit builds the hook environment once per test session
(it pip-installs draftdiff into a virtualenv, in PRE_COMMIT_HOME under a session temporary folder).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_sources import EMPTY_CONFIG, GIT_ENV, git

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

GOOD = """---
title: Plan
date: 2025-11-20
---

1. The sovereignty of Ukraine shall be confirmed.
2. A full amnesty shall apply to all parties for acts committed during the war.
3. Ukraine shall hold elections within one hundred days of the signature.
"""


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, **GIT_ENV, "GIT_CONFIG_GLOBAL": str(EMPTY_CONFIG), "PRE_COMMIT_HOME": str(home)}
    env.pop("PRE_COMMIT", None)
    env["PRE_COMMIT_COLOR"] = "never"
    env["NO_COLOR"] = "1"
    return env


def _snapshot_files() -> list[str]:
    """Tracked and untracked-but-not-ignored files of this working tree (what a commit of it would hold);
    outside a git checkout (an unpacked sdist), what pip needs to install the package."""
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    if proc.returncode == 0 and proc.stdout:
        names = proc.stdout.decode().split("\0")
    else:
        names = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]
        names += [str(p.relative_to(REPO)) for p in (REPO / "src").rglob("*") if "__pycache__" not in p.parts]
    return [name for name in names if name and (REPO / name).is_file() and ".egg-info" not in name]


@pytest.fixture(scope="session")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """(snapshot repository, its commit, PRE_COMMIT_HOME) shared by every test of the session."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    snap = tmp_path_factory.mktemp("draftdiff-snapshot")
    for name in _snapshot_files():
        target = snap / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    git(snap, "init", "-q", "-b", "main")
    git(snap, "add", "-A")
    git(snap, "commit", "-q", "-m", "snapshot of the working tree")
    return snap, git(snap, "rev-parse", "HEAD").strip(), tmp_path_factory.mktemp("pre-commit-home")


class UserRepo:
    """A repository that uses draftdiff's hooks through its .pre-commit-config.yaml."""

    def __init__(self, path: Path, hooks: tuple[Path, str, Path]) -> None:
        snap, rev, home = hooks
        self.path, self.env = path, _env(home)
        path.mkdir()
        git(path, "init", "-q", "-b", "main")
        (path / ".pre-commit-config.yaml").write_text(
            f"repos:\n- repo: {snap}\n  rev: {rev}\n  hooks:\n  - id: draftdiff-check\n  - id: draftdiff-guard\n",
            encoding="utf-8",
        )
        self.run([sys.executable, "-m", "pre_commit", "install"], check=True)
        (path / "drafts").mkdir()

    def run(self, argv: list[str], check: bool = False) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(argv, cwd=self.path, env=self.env, capture_output=True, text=True, check=False)
        if check and proc.returncode != 0:
            raise AssertionError(f"{argv} failed:\n{proc.stdout}\n{proc.stderr}")
        return proc

    def commit(self, files: dict[str, str], message: str = "edit") -> subprocess.CompletedProcess[str]:
        """Write and stage files, then `git commit` (which runs the hooks); the finished process."""
        for name, text in files.items():
            (self.path / name).write_text(text, encoding="utf-8")
        self.run(["git", "add", "-A"], check=True)
        return self.run(["git", "commit", "-m", message])


@pytest.fixture
def user_repo(tmp_path: Path, hooks: tuple[Path, str, Path]) -> UserRepo:
    return UserRepo(tmp_path / "user", hooks)


def _out(proc: subprocess.CompletedProcess[str]) -> str:
    return proc.stdout + proc.stderr


def test_manifest_offers_both_hooks() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"draftdiff-check", "draftdiff-guard"}
    assert hooks["draftdiff-check"]["entry"] == "draftdiff check"
    assert hooks["draftdiff-guard"]["entry"] == "draftdiff guard"
    assert all(h["language"] == "python" for h in hooks.values())


def test_a_good_draft_passes_and_readme_is_not_linted(user_repo: UserRepo) -> None:
    proc = user_repo.commit(
        {"drafts/plan.md": GOOD, "drafts/README.md": "What these drafts are. No numbered points here.\n"}
    )
    assert proc.returncode == 0, _out(proc)
    assert "draftdiff check" in _out(proc) and "Passed" in _out(proc)
    assert git(user_repo.path, "log", "--oneline").count("\n") == 1


def test_a_malformed_draft_fails_check(user_repo: UserRepo) -> None:
    bad = GOOD.replace("date: 2025-11-20", "date: 20 November 2025").replace("3. Ukraine", "5. Ukraine")
    proc = user_repo.commit({"drafts/plan.md": bad})
    assert proc.returncode != 0
    out = _out(proc)
    assert "drafts/plan.md:3: DD201" in out
    assert "drafts/plan.md:8: DD102 numbering jumps from 2 to 5" in out
    assert git(user_repo.path, "log", "--oneline", check=False) == ""  # nothing was committed
    unreadable = user_repo.commit({"drafts/plan.md": GOOD, "drafts/terms.json": '{"points": [1, 2'})
    assert unreadable.returncode != 0
    assert "drafts/terms.json" in _out(unreadable) and "DD001" in _out(unreadable)


def test_a_silently_dropped_provision_fails_guard_and_acknowledged_ones_pass(user_repo: UserRepo) -> None:
    assert user_repo.commit({"drafts/plan.md": GOOD}, "first draft").returncode == 0
    silent = GOOD.replace(
        "2. A full amnesty shall apply to all parties for acts committed during the war.\n", ""
    )
    silent = silent.replace("3. Ukraine", "2. Ukraine")  # renumbered, so the linter has nothing to say
    proc = user_repo.commit({"drafts/plan.md": silent})
    assert proc.returncode != 0
    out = _out(proc)
    assert (
        'drafts/plan.md: provision 2 dropped silently: "A full amnesty shall apply to all parties for acts '
        'committed during the war."' in out
    )
    assert "draftdiff check" in out and "Passed" in out  # check passed; the guard failed the commit

    withdrawn = silent.replace("date: 2025-11-20\n", "date: 2025-11-23\nwithdrawn: [2]\n")
    proc = user_repo.commit({"drafts/plan.md": withdrawn}, "amnesty withdrawn")
    assert proc.returncode == 0, _out(proc)


def test_a_provision_moved_to_a_deferred_track_passes(user_repo: UserRepo) -> None:
    assert user_repo.commit({"drafts/plan.md": GOOD}, "first draft").returncode == 0
    deferred = GOOD.replace(
        "2. A full amnesty shall apply to all parties for acts committed during the war.\n", ""
    )
    deferred = deferred.replace("3. Ukraine", "2. Ukraine")
    deferred += "\n## Deferred to leaders' talks\n\n3. A full amnesty shall apply to all parties for acts committed during the war.\n"
    proc = user_repo.commit({"drafts/plan.md": deferred}, "amnesty deferred")
    assert proc.returncode == 0, _out(proc)
