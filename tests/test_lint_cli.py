"""`draftdiff check` through the real reader and command line: linter lines, exit status, JSON schema,
--ignore/--select, trouble with some files while the others are still checked, and the example drafts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import DRAFTS, REPO
from draftdiff.lint import CODES, lint_source
from test_sources import invoke

SCHEMA = json.loads((REPO / "src" / "draftdiff" / "schemas" / "check.json").read_text(encoding="utf-8"))

CLEAN = "---\ntitle: Clean\ndate: 2025-11-20\n---\n\n1. Ceasefire at once.\n2. Exchange of prisoners.\n3. Elections.\n"
MESSY = """---
title: Messy
date: 23 Nov 2025
---

1. Ceasefire at once.
2. Exchange of prisoners.
2. Elections within 100 days.
5. Sanctions lifted in stages.
4) Frozen assets invested.
6.
"""


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """In this process, except when there is standard input to give."""
    if stdin is None:
        return invoke(list(args), cwd)
    return subprocess.run(
        [sys.executable, "-m", "draftdiff", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "messy.md").write_text(MESSY, encoding="utf-8")
    return tmp_path


def test_clean_draft_exit_0_and_no_output(files: Path) -> None:
    proc = run("check", "clean.md", cwd=files)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_messy_draft_one_line_per_finding(files: Path) -> None:
    proc = run("check", "messy.md", cwd=files)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    codes = [(line.split(":")[1], line.split()[1]) for line in lines]
    assert ("3", "DD201") in codes  # the date line of the front matter
    assert ("8", "DD101") in codes  # 2 twice
    assert ("9", "DD102") in codes  # 3 and 4 missing after 2 ... 5
    assert ("10", "DD105") in codes  # 4) in a list of 1.
    assert ("10", "DD103") in codes  # 4 after 5
    assert ("11", "DD104") in codes  # 6. with nothing
    assert all(line.startswith("messy.md:") for line in lines)
    assert "draftdiff check:" in proc.stderr and "findings in 1 of 1 file" in proc.stderr


def test_ignore_and_select(files: Path) -> None:
    proc = run("check", "--ignore", "DD1", "--ignore=DD201", "messy.md", cwd=files)
    assert (proc.returncode, proc.stdout) == (0, "")
    proc = run("check", "--select", "DD201,DD104", "messy.md", cwd=files)
    assert proc.returncode == 1
    assert sorted(line.split()[1] for line in proc.stdout.splitlines()) == ["DD104", "DD201"]
    proc = run("check", "--ignore", "DD777", "messy.md", cwd=files)
    assert proc.returncode == 2 and "unknown code 'DD777'" in proc.stderr and proc.stdout == ""


def test_trouble_is_exit_2_and_the_other_files_are_still_checked(files: Path) -> None:
    (files / "broken.json").write_text('{"points": [', encoding="utf-8")
    proc = run("check", "missing.md", "broken.json", "messy.md", "clean.md", cwd=files)
    assert proc.returncode == 2
    err = proc.stderr.splitlines()
    assert err[0].startswith("missing.md: DD001 ") and "no such file" in err[0]
    assert err[1].startswith("broken.json") and " DD001 " in err[1]
    assert "Traceback" not in proc.stderr
    assert "messy.md:9: DD102" in proc.stdout  # the readable files were linted all the same


def test_json_report_matches_the_schema(files: Path) -> None:
    proc = run("check", "--format", "json", "clean.md", "messy.md", "nope.md", cwd=files)
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert [f["status"] for f in doc["files"]] == ["ok", "findings", "error"]
    assert doc["summary"]["errors"] == 1 and doc["summary"]["findings"] == len(doc["files"][1]["findings"])
    assert doc["files"][2]["findings"][0]["code"] == "DD001"
    ok = run("check", "-f", "json", "clean.md", cwd=files)
    assert ok.returncode == 0
    jsonschema.validate(json.loads(ok.stdout), SCHEMA)


def test_hostile_text_is_escaped(files: Path) -> None:
    name = "evil\x1b]0;pwned\x07.md"
    (files / name).write_text("1. Ceasefire.\n3. \x1b[31mred\u202e text.\n", encoding="utf-8")
    proc = run("check", name, cwd=files)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and "\u202e" not in proc.stdout
    assert "evil\\x1b]0;pwned\\x07.md:2: DD102" in proc.stdout


def test_stdin_and_output_file(files: Path) -> None:
    proc = run("check", "-", stdin=MESSY, cwd=files)
    assert proc.returncode == 1 and proc.stdout.startswith("-:3: DD201")
    proc = run("check", "-o", "report.txt", "messy.md", cwd=files)
    assert proc.returncode == 1 and proc.stdout == ""
    assert (files / "report.txt").read_text(encoding="utf-8").startswith("messy.md:3: DD201")


def test_the_example_drafts_are_clean() -> None:
    """The E3 edit keeps the US numbering with 3 and 26 withdrawn; the deferred sections continue it."""
    drafts = sorted(DRAFTS.glob("0*.md"))
    assert len(drafts) >= 3
    for path in drafts:
        assert lint_source(str(path)) == [], path.name


def test_auto_numbered_markdown_list_is_clean(tmp_path: Path) -> None:
    (tmp_path / "auto.md").write_text("1. One.\n1. Two.\n1. Three.\n", encoding="utf-8")
    assert lint_source(str(tmp_path / "auto.md")) == []


def test_the_corpus(corpus: Path) -> None:
    """Real documents from ../shared/corpus: every finding has a known code and a line inside the file;
    a bullet list that switches from '-' to '*' (which Markdown renders as two lists) is one DD105."""
    for path in sorted(corpus.rglob("*.md")):
        if path.name == "SOURCES.md":
            continue
        n_lines = path.read_text(encoding="utf-8").count("\n") + 1
        for f in lint_source(str(path)):
            assert f.code in CODES, f
            assert f.line is None or 1 <= f.line <= n_lines, f
    aup = corpus / "github-acceptable-use-policies" / "06-2022-03-14.md"
    mixed = [f for f in lint_source(str(aup)) if f.code == "DD105"]
    assert [(f.line, "'*' after '-'" in f.message, "7 points use it" in f.message) for f in mixed] == [
        (47, True, True)
    ]


def test_output_to_a_device_writes_to_it_and_keeps_it(files: Path) -> None:
    """--output /dev/null must not replace the device with a regular file (an atomic rename would)."""
    import os
    import stat

    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip(f"{os.devnull} is not a character device here")
    proc = run("check", "-o", os.devnull, "messy.md", cwd=files)
    assert proc.returncode == 1 and proc.stdout == ""
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
