"""`draftdiff guard` in a temporary git repository, through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import DRAFTS, REPO
from test_sources import commit_files, git, invoke, isolate_git, make_repo

SCHEMA = json.loads((REPO / "src" / "draftdiff" / "schemas" / "guard.json").read_text(encoding="utf-8"))

PLAN = """---
title: Plan
date: 2025-11-20
---

1. The sovereignty of Ukraine shall be confirmed.
2. A full amnesty shall apply to all parties for acts committed during the war.
3. The United States shall give a security guarantee on these conditions:
   a. the United States shall be compensated for providing the guarantee;
   b. the guarantee shall lapse if Ukraine invades Russia;
   c. a coordinated military response shall follow any renewed invasion.
4. Ukraine shall hold elections within one hundred days of the signature.
"""
AMNESTY = "2. A full amnesty shall apply to all parties for acts committed during the war.\n"
LAPSE = "   b. the guarantee shall lapse if Ukraine invades Russia;\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch)
    r = make_repo(tmp_path / "repo")
    commit_files(r, {"drafts/plan.md": PLAN}, "first draft")
    monkeypatch.chdir(r)
    return r


def guard(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return invoke(["guard", *args], cwd)


def test_through_a_real_process(repo: Path) -> None:
    """Once as a separate process: exit status 1 and the message, nothing else."""
    write(repo, PLAN.replace(AMNESTY, ""))
    proc = subprocess.run(
        [sys.executable, "-m", "draftdiff", "guard", "drafts/plan.md"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1 and proc.stdout.startswith("drafts/plan.md: provision 2 dropped silently: ")
    assert proc.stderr == "draftdiff guard: 1 provision dropped silently in 1 file (against HEAD)\n"


def write(repo: Path, text: str, name: str = "drafts/plan.md") -> None:
    (repo / name).write_text(text, encoding="utf-8")


def test_unchanged_and_reworded_pass(repo: Path) -> None:
    assert guard("drafts/plan.md").returncode == 0
    write(repo, PLAN.replace("full amnesty", "complete amnesty"))
    proc = guard("drafts/plan.md")
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stderr


def test_silent_drop_fails_naming_id_and_text(repo: Path) -> None:
    write(
        repo,
        PLAN.replace(AMNESTY, "")
        .replace("3. The United", "2. The United")
        .replace("4. Ukraine", "3. Ukraine"),
    )
    proc = guard("drafts/plan.md")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == (
        'drafts/plan.md: provision 2 dropped silently: "A full amnesty shall apply to all parties for acts '
        "committed during the war.\" (add it to 'withdrawn:' or a Withdrawn section, or move it to a "
        "deferred track)\n"
    )
    assert "1 provision dropped silently in 1 file (against HEAD)" in proc.stderr


def test_withdrawn_in_front_matter_or_section_passes(repo: Path) -> None:
    dropped = PLAN.replace(AMNESTY, "")
    write(repo, dropped.replace("date: 2025-11-20\n", "date: 2025-11-23\nwithdrawn: [2]\n"))
    proc = guard("-v", "drafts/plan.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "drafts/plan.md: provision 2 withdrawn (acknowledged)" in proc.stdout
    write(repo, dropped + "\n## Withdrawn\n\n- 2: the amnesty clause was deleted\n")
    assert guard("drafts/plan.md").returncode == 0


def test_deferred_to_a_track_passes(repo: Path) -> None:
    deferred = PLAN.replace(AMNESTY, "") + "\n## Deferred to leaders' talks\n\n5. " + AMNESTY[3:]
    write(repo, deferred)
    proc = guard("-v", "drafts/plan.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (
        'provision 2 deferred to "Deferred to leaders\' talks"' in proc.stdout or "deferred to" in proc.stdout
    )


def test_a_dropped_sub_point_fails_and_can_be_withdrawn(repo: Path) -> None:
    write(repo, PLAN.replace(LAPSE, "").replace("   c. a coordinated", "   b. a coordinated"))
    proc = guard("drafts/plan.md")
    assert proc.returncode == 1
    assert (
        'provision 3.b dropped silently: "the guarantee shall lapse if Ukraine invades Russia;"'
        in proc.stdout
    )
    write(repo, PLAN.replace(LAPSE, "").replace("date: 2025-11-20\n", "date: 2025-11-20\nwithdrawn: [3.b]\n"))
    assert guard("drafts/plan.md").returncode == 0


def test_new_files_pass_and_against_an_older_revision(repo: Path) -> None:
    write(repo, "1. A brand new text.\n", "drafts/new.md")
    assert guard("drafts/new.md").returncode == 0
    write(repo, PLAN.replace(AMNESTY, ""))
    commit_files(repo, {"drafts/plan.md": PLAN.replace(AMNESTY, "")}, "amnesty gone")
    assert guard("drafts/plan.md").returncode == 0  # HEAD already lacks it
    proc = guard("--against", "HEAD~1", "drafts/plan.md")
    assert proc.returncode == 1 and "provision 2 dropped silently" in proc.stdout
    # REV:PATH as the file: the committed version guarded against an older one.
    proc = guard("--against", "HEAD~1", "HEAD:drafts/plan.md")
    assert proc.returncode == 1 and "HEAD:drafts/plan.md: provision 2 dropped silently" in proc.stdout


def test_from_a_subfolder_and_from_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    write(repo, PLAN.replace(AMNESTY, ""))
    proc = guard("plan.md", cwd=repo / "drafts")
    assert proc.returncode == 1 and "plan.md: provision 2 dropped silently" in proc.stdout
    proc = guard(str(repo / "drafts" / "plan.md"), cwd=tmp_path)  # the file's repository is used
    assert proc.returncode == 1


def test_trouble_exit_2(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for rev in ("--output=/tmp/draftdiff-pwned", "-p", "no-such-rev", "HEAD;rm -rf /", "$(id)"):
        proc = guard(f"--against={rev}", "drafts/plan.md")
        assert proc.returncode == 2, rev
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert not Path("/tmp/draftdiff-pwned").exists()
    assert guard("drafts/missing.md").returncode == 2
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "plan.md").write_text(PLAN, encoding="utf-8")
    proc = guard("plan.md", cwd=outside)
    assert proc.returncode == 2 and "not inside a git repository" in proc.stderr


def test_several_files_one_in_trouble(repo: Path) -> None:
    write(repo, PLAN.replace(AMNESTY, ""))
    proc = guard("drafts/missing.md", "drafts/plan.md")
    assert proc.returncode == 2
    assert "provision 2 dropped silently" in proc.stdout and "drafts/missing.md: no such file" in proc.stderr


def test_first_commit_and_unparseable_old_version_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch)
    fresh = make_repo(tmp_path / "fresh")
    write(fresh, PLAN, "plan.md")
    assert guard("plan.md", cwd=fresh).returncode == 0  # no commits yet
    assert (
        guard("--against", "HEAD~3", "plan.md", cwd=fresh).returncode == 2
    )  # but a named revision must exist
    commit_files(fresh, {"plan.json": '{"points": ['}, "broken json")
    write(fresh, '{"points": ["One.", "Two."]}', "plan.json")
    proc = guard("plan.json", cwd=fresh)
    assert proc.returncode == 0 and "not guarded" in proc.stderr


def test_json_report(repo: Path) -> None:
    write(repo, PLAN.replace(AMNESTY, "").replace("date: 2025-11-20\n", "date: 2025-11-20\nwithdrawn: [3]\n"))
    write(repo, "1. New.\n", "drafts/new.md")
    proc = guard("--format", "json", "drafts/plan.md", "drafts/new.md", "drafts/missing.md")
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, SCHEMA)
    plan, new, missing = doc["files"]
    assert plan["status"] == "dropped" and [d["id"] for d in plan["dropped"]] == ["2"]
    assert plan["dropped"][0]["line"] == 7 and plan["commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert new["status"] == "new" and missing["status"] == "error"
    assert doc["summary"] == {"files": 3, "dropped_silently": 1, "files_failed": 1, "errors": 1}


def test_the_example_series_guards_as_expected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The E3 edit committed over the US plan under one name: 3 and 26 are withdrawn (acknowledged), but the
    E3 also cut sub-points (10.d, the Moscow-missile clause, among them) without listing them: the guard
    names those, and only sub-points."""
    isolate_git(monkeypatch)
    r = make_repo(tmp_path / "series")
    commit_files(r, {"plan.md": (DRAFTS / "01-us-28-point-plan.md").read_text(encoding="utf-8")}, "US")
    e3 = (DRAFTS / "02-e3-counter-proposal.md").read_text(encoding="utf-8")
    write(r, e3, "plan.md")
    proc = guard("--format", "json", "plan.md", cwd=r)
    (result,) = json.loads(proc.stdout)["files"]
    assert proc.returncode == 1
    assert {a["id"] for a in result["acknowledged"] if a["how"] == "withdrawn"} == {"3", "26"}
    dropped = {d["id"] for d in result["dropped"]}
    assert "10.d" in dropped and all("." in i for i in dropped)
    assert "Moscow" in next(d["text"] for d in result["dropped"] if d["id"] == "10.d")
    # Listing them as withdrawn too lets the edit through.
    write(r, e3.replace("withdrawn: [3, 26]", f"withdrawn: [3, 26, {', '.join(sorted(dropped))}]"), "plan.md")
    proc = guard("plan.md", cwd=r)
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stdout
