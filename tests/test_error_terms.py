"""Library errors speak in library terms (``max_bytes``, ``paragraphs=True``); the CLI names its options
(``--max-bytes``, ``--paragraphs``) in the same one line (issue 13)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from draftdiff.cli.state import cli_terms, in_cli_terms
from draftdiff.errors import InputError
from draftdiff.read import parse_draft
from draftdiff.read.together import paragraph_notes, parse_together
from draftdiff.sources import read_source


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "draftdiff", *args], capture_output=True, cwd=cwd, check=False)


def test_the_size_limit_in_library_and_in_cli_terms(tmp_path) -> None:
    big = tmp_path / "max_bytes.md"  # a file name holding the setting's name is never rewritten
    big.write_text("1. " + "word " * 100 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_source(str(big), max_bytes=50)
    assert "--" not in info.value.message and "max_bytes (50 bytes)" in info.value.message
    assert in_cli_terms(info.value) == f"{big}: larger than --max-bytes (50 bytes); refusing to read it"
    proc = run("show", "--max-bytes", "50", str(big))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1
    assert err == f"draftdiff: error: {big}: larger than --max-bytes (50 bytes); refusing to read it\n"


def test_no_points_in_library_and_in_cli_terms(tmp_path) -> None:
    with pytest.raises(InputError) as info:
        parse_draft("Just prose here.\n", "memo.md", paragraphs=False)
    assert "--" not in str(info.value) and "paragraphs=True" in info.value.message
    assert cli_terms(info.value.message).endswith("use --paragraphs to read each paragraph as a point")


def test_the_paragraphs_note_in_library_and_in_cli_terms(tmp_path) -> None:
    notes = paragraph_notes(parse_together([(b"1. One.\n", "a.md")], paragraphs="always"))
    assert notes == ["a.md read as 1 paragraph (paragraphs=True)"]
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("1. One point.\n", encoding="utf-8")
    b.write_text("1. One point, reworded.\n", encoding="utf-8")
    proc = run("compare", "--paragraphs", "--format", "json", str(a), str(b))
    assert proc.returncode in (0, 1)
    assert f"draftdiff: note: {a} read as 1 paragraph (--paragraphs)\n" in proc.stderr.decode()


def test_no_core_message_names_a_cli_option() -> None:
    # every raise in the core (all of src/draftdiff but cli/ and the renderers), and the message constants
    # it raises or prints, in library terms: a literal such as "--max-bytes" there is a CLI word
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "src" / "draftdiff"
    flag = re.compile(r"(^|[\s(])--[a-z]")
    bad = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(("cli/", "render/")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes: list[ast.AST] = [n for n in ast.walk(tree) if isinstance(n, ast.Raise)]
        nodes += [
            n.value
            for n in tree.body
            if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and re.search(r"MESSAGE|^WHY_", t.id) for t in n.targets)
        ]
        for node in nodes:
            for c in ast.walk(node):
                if isinstance(c, ast.Constant) and isinstance(c.value, str) and flag.search(c.value):
                    bad.append(f"{rel}:{c.lineno}: {c.value!r}")
    assert not bad, bad
