"""draftdiff show: the text tree, the draftdiff.draft/1 JSON (valid against the schema), and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import DRAFTS, REPO
from draftdiff.read import parse_draft

SCHEMA = json.loads((REPO / "src/draftdiff/schemas/draft.json").read_text(encoding="utf-8"))

SAMPLE = """---
title: Sample plan
date: 2025-11-20
version: v1
withdrawn: [9]
---

Preamble.

## Main

1. Ceasefire.
   a) at once
2. Talks [deferred: leaders' talks]

## Deferred to leaders' talks

3. Territory.
"""


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "draftdiff", *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120, check=False
    )


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "plan.md"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_text_output_is_a_stable_tree(sample: Path):
    proc = run("show", str(sample))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert out.splitlines() == [
        "title: Sample plan",
        "date: 2025-11-20",
        "version: v1",
        "points: 4 (3 top-level)",
        "withdrawn: 9",
        "",
        "| Preamble.",
        "== Main",
        "1  Ceasefire.",
        "  1.a  at once",
        "2  Talks",
        "    [track: leaders' talks]",
        "== Deferred to leaders' talks",
        "3  Territory.",
        "    [track: Deferred to leaders' talks]",
    ]


def test_json_output_validates_and_reads_back(sample: Path, tmp_path: Path):
    proc = run("show", "--format", "json", str(sample))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["schema"] == "draftdiff.draft/1"
    assert data["points"][1]["track"] == "leaders' talks"
    assert data["withdrawn"] == ["9"]
    back_path = tmp_path / "back.json"
    back_path.write_bytes(proc.stdout)
    again = run("show", "--format", "json", str(back_path))
    assert json.loads(again.stdout) == {**data, "source": str(back_path)}


def test_json_of_every_draft_validates_against_the_schema():
    from draftdiff.jsonform import draft_to_dict
    from draftdiff.read import read_draft

    files = sorted(DRAFTS.glob("0*.md"))
    if not files:
        pytest.skip("drafts/ not written yet")
    for path in files:
        jsonschema.validate(draft_to_dict(read_draft(str(path)), with_schema=True), SCHEMA)


def test_control_characters_never_reach_the_terminal(tmp_path: Path):
    path = tmp_path / "evil\x1b]0;x\x07.md"
    path.write_bytes("1. red \x1b[31mALERT\x1b[0m and \u202eevil\u202c\n2. bell\x07 ok\n".encode())
    for fmt in ("text", "json"):
        proc = run("show", "--format", fmt, str(path))
        assert proc.returncode == 0, proc.stderr
        out = proc.stdout.decode()
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
        assert ("\\x1b[31mALERT" if fmt == "text" else "\\u001b[31mALERT") in out
    data = json.loads(run("show", "--format", "json", str(path)).stdout)
    assert data["points"][0]["text"] == "red \x1b[31mALERT\x1b[0m and \u202eevil\u202c"  # escaped, not altered


BAD_INPUTS = [
    ("missing", None, "no such file"),
    ("directory", "DIR", "is a directory"),
    ("empty", b"", "empty file"),
    ("whitespace", b" \n\n\t\n", "only whitespace"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    ("invalid-utf8", b"1. fine\n2. caf\xe9\n", ":2: not valid UTF-8"),
    ("malformed-json", b'{"points": [\n  "a",\n  ]\n}', ":3: not valid JSON"),
    ("wrong-shape-json", b'{"points": [{"text": 3}]}', "points[0].text: expected a string"),
    ("malformed-toml", b'title = "x"\npoints = [\n', "not valid TOML"),
    ("bad-front-matter", b"---\ntitle: x\nthis is not a key\n---\n1. a\n", ":3: front matter line"),
    ("too-deep", "".join("  " * i + "- x\n" for i in range(150)).encode(), "nested deeper than 100"),
]


@pytest.mark.parametrize("name, content, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path: Path, name, content, message):
    suffix = {"malformed-json": ".json", "wrong-shape-json": ".json", "malformed-toml": ".toml"}.get(name, ".md")
    path = tmp_path / f"{name}{suffix}"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    proc = run("show", str(path))
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"draftdiff: error: {path}")
    assert message in err


def test_max_bytes_refuses_larger_input(sample: Path):
    proc = run("show", "--max-bytes", "10", str(sample))
    assert proc.returncode == 2 and b"--max-bytes" in proc.stderr


def test_paragraphs_option(tmp_path: Path):
    path = tmp_path / "prose.md"
    path.write_text("# Prose\n\nFirst paragraph\nwrapped.\n\nSecond one.\n", encoding="utf-8")
    proc = run("show", "--paragraphs", str(path))
    assert proc.returncode == 0
    assert "\u00b61  First paragraph wrapped.\n\u00b62  Second one.\n" in proc.stdout.decode()


def test_stdin_and_utf16(tmp_path: Path):
    proc = run("show", "-", stdin="1. één\r\n2. twee\r\n".encode("utf-16"))
    assert proc.returncode == 0, proc.stderr
    assert "1  één\n2  twee\n" in proc.stdout.decode()


def test_output_file_is_written(sample: Path, tmp_path: Path):
    out = tmp_path / "out.txt"
    proc = run("show", "-o", str(out), str(sample))
    assert proc.returncode == 0 and proc.stdout == b""
    assert out.read_text(encoding="utf-8").startswith("title: Sample plan\n")


def test_show_text_is_deterministic_for_a_git_textconv(sample: Path):
    a = run("show", "--format", "text", str(sample)).stdout
    b = run("show", "--format", "text", str(sample)).stdout
    assert a == b


def test_library_text_and_json_helpers_agree_with_the_cli(sample: Path):
    from draftdiff.render.draft import draft_text

    d = parse_draft(sample.read_bytes(), str(sample))
    assert draft_text(d) == run("show", str(sample)).stdout.decode()
