"""Reading drafts from files and from git revisions (REV:PATH), including hostile revision arguments.

The helpers at the top (``git``, ``make_repo``) are also used by the guard and pre-commit tests.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from draftdiff.errors import InputError
from draftdiff.sources import (
    MissingAtRevision,
    NoSuchRevision,
    NotInRepository,
    git_show,
    parse_rev_spec,
    read_source,
    repo_path,
    resolve_commit,
)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


#: A git configuration file that does not exist, which git reads as empty (os.devnull would make the
#: tests depend on /dev/null being intact).
EMPTY_CONFIG = Path(__file__).resolve().parent / "no-such-dir" / "none.gitconfig"


def invoke(argv: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the draftdiff command line in this process (much faster than a subprocess): exit status,
    stdout and stderr as a CompletedProcess."""
    from draftdiff.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    code: int = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(argv))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(old)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def git(repo: Path, *args: str, check: bool = True) -> str:
    """Run git in repo with a fixed identity and no user/system configuration; its stdout."""
    env = {**os.environ, **GIT_ENV, "GIT_CONFIG_GLOBAL": str(EMPTY_CONFIG)}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def make_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    return path


def commit_files(repo: Path, files: dict[str, str], message: str = "drafts") -> str:
    """Write files (path -> text), commit them, return the commit id."""
    for name, text in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git(repo, "add", "--", name)
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed identity and no user configuration for every git this test runs (draftdiff's too)."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(EMPTY_CONFIG))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits of drafts/plan.md, cwd inside it, git isolated from user config."""
    isolate_git(monkeypatch)
    r = make_repo(tmp_path / "repo")
    commit_files(r, {"drafts/plan.md": "1. First version.\n", "README.md": "top\n"}, "one")
    commit_files(r, {"drafts/plan.md": "1. Second version.\n"}, "two")
    monkeypatch.chdir(r)
    return r


def test_parse_rev_spec_forms() -> None:
    assert parse_rev_spec("HEAD~1:drafts/plan.md") == ("HEAD~1", "drafts/plan.md")
    assert parse_rev_spec("feature/x:plan.md") == ("feature/x", "plan.md")
    assert parse_rev_spec("HEAD:./plan.md") == ("HEAD", "./plan.md")
    assert parse_rev_spec("v1:a:b.md") == ("v1", "a:b.md")
    for spec in ("plan.md", ":plan.md", "HEAD:", "-", ""):
        assert parse_rev_spec(spec) is None, spec


def test_reads_a_path_at_two_revisions(repo: Path) -> None:
    assert read_source("HEAD:drafts/plan.md").data == b"1. Second version.\n"
    old = read_source("HEAD~1:drafts/plan.md")
    assert old.data == b"1. First version.\n"
    assert old.name == "HEAD~1:drafts/plan.md"
    assert old.path == "drafts/plan.md"  # the extension picks the reader
    sha = git(repo, "rev-parse", "HEAD~1").strip()
    assert read_source(f"{sha[:10]}:drafts/plan.md").data == b"1. First version.\n"
    git(repo, "branch", "feature/old", "HEAD~1")
    assert read_source("feature/old:drafts/plan.md").data == b"1. First version.\n"


def test_path_is_relative_to_the_top_folder_and_dot_slash_to_cwd(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "drafts")
    assert read_source("HEAD:drafts/plan.md").data == b"1. Second version.\n"  # like git: from the top
    assert read_source("HEAD:./plan.md").data == b"1. Second version.\n"  # ./ from the current folder
    assert read_source("HEAD:../README.md").data == b"top\n"
    with pytest.raises(MissingAtRevision):
        read_source("HEAD:plan.md")  # there is no plan.md at the top


def test_an_existing_file_wins_over_rev_path(repo: Path) -> None:
    odd = repo / "HEAD:drafts"
    odd.mkdir()
    (odd / "plan.md").write_text("1. On disk.\n", encoding="utf-8")
    assert read_source("HEAD:drafts/plan.md").data == b"1. On disk.\n"
    assert read_source("HEAD:drafts/plan.md").path == "HEAD:drafts/plan.md"


@pytest.mark.parametrize(
    "rev",
    ["--output=/tmp/draftdiff-pwned", "-p", "--exec=touch pwned", "-", "--"],
)
def test_revisions_starting_with_a_dash_are_refused(repo: Path, rev: str) -> None:
    with pytest.raises(NoSuchRevision, match="starts with '-'"):
        read_source(f"{rev}:drafts/plan.md")
    assert not Path("/tmp/draftdiff-pwned").exists()
    assert not (repo / "pwned").exists()


@pytest.mark.parametrize(
    "rev", ["HEAD;rm -rf /", "$(id)", "`id`", "HEAD|id", "HEAD && touch pwned", "no-such-rev"]
)
def test_shell_syntax_and_unknown_revisions_are_just_unknown(repo: Path, rev: str) -> None:
    with pytest.raises(NoSuchRevision, match="no such git revision"):
        read_source(f"{rev}:drafts/plan.md")
    assert not (repo / "pwned").exists()
    assert (repo / "drafts" / "plan.md").exists()


def test_control_characters_in_a_revision_are_refused(repo: Path) -> None:
    with pytest.raises(NoSuchRevision, match="control character"):
        git_show("HEAD\x1b[31m", "drafts/plan.md", name="x")


def test_path_missing_at_that_revision(repo: Path) -> None:
    commit_files(repo, {"drafts/new.md": "1. New.\n"}, "three")
    assert read_source("HEAD:drafts/new.md").data == b"1. New.\n"
    with pytest.raises(MissingAtRevision, match="'drafts/new.md' does not exist at revision 'HEAD~1'"):
        read_source("HEAD~1:drafts/new.md")


def test_a_folder_at_a_revision_is_not_a_draft(repo: Path) -> None:
    with pytest.raises(InputError, match="is a folder at revision"):
        read_source("HEAD:drafts")


def test_max_bytes_applies_to_revisions(repo: Path) -> None:
    with pytest.raises(InputError, match="max_bytes"):
        read_source("HEAD:drafts/plan.md", max_bytes=5)


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    monkeypatch.chdir(lonely)
    with pytest.raises(NotInRepository, match="not inside a git repository"):
        read_source("HEAD:plan.md")
    with pytest.raises(NotInRepository):
        resolve_commit("HEAD", name="x")
    (lonely / "plan.md").write_text("1. x\n", encoding="utf-8")
    with pytest.raises(NotInRepository):
        repo_path(str(lonely / "plan.md"))


def test_slashed_name_that_is_neither_file_nor_revision(repo: Path) -> None:
    with pytest.raises(InputError, match="no such file, and no such git revision 'drafts/plan'"):
        read_source("drafts/plan:v2.md")


def test_repo_path_from_a_subfolder_and_through_a_symlinked_folder(repo: Path, tmp_path: Path) -> None:
    top, rel = repo_path(str(repo / "drafts" / "plan.md"))
    assert (Path(top), rel) == (repo.resolve(), "drafts/plan.md")
    link = tmp_path / "link"
    link.symlink_to(repo / "drafts", target_is_directory=True)
    assert repo_path(str(link / "plan.md"))[1] == "drafts/plan.md"


def test_files_and_errors_on_disk(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_bytes(b"1. x\n")
    assert read_source(str(tmp_path / "d.md")).data == b"1. x\n"
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "missing.md"))
    with pytest.raises(InputError, match="is a directory"):
        read_source(str(tmp_path))


def test_cli_reports_hostile_revisions_in_one_line_each(repo: Path) -> None:
    """Through the real command line: exit 2, one line on stderr per name, nothing run or written."""
    specs = [
        "--output=/tmp/draftdiff-pwned:drafts/plan.md",
        "-p:drafts/plan.md",
        "HEAD;rm -rf /:drafts/plan.md",
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "draftdiff", "check", "--", *specs],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert lines == [
        (
            "--output=/tmp/draftdiff-pwned:drafts/plan.md: DD001 revision '--output=/tmp/draftdiff-pwned' starts "
            "with '-'; refusing it"
        ),
        "-p:drafts/plan.md: DD001 revision '-p' starts with '-'; refusing it",
        "HEAD;rm -rf /:drafts/plan.md: DD001 no such file, and no such git revision 'HEAD;rm -rf /'",
    ]
    assert not Path("/tmp/draftdiff-pwned").exists()
    assert (repo / "drafts" / "plan.md").exists()
