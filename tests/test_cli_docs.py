"""docs/cli.md is generated from --help (draftdiff.cli.docs): it fails here when the two disagree."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import REPO
from draftdiff.cli.app import app
from draftdiff.cli.docs import render_cli_docs

DOCS = REPO / "docs" / "cli.md"
COMMANDS = ["compare", "history", "blame", "show", "check", "guard", "schema"]


def test_docs_cli_md_is_the_generated_reference() -> None:
    import difflib

    want, got = DOCS.read_text(encoding="utf-8"), render_cli_docs()
    delta = "".join(
        difflib.unified_diff(want.splitlines(True), got.splitlines(True), "docs/cli.md", "--help")
    )
    assert want == got, (
        "docs/cli.md is out of date: run  python3 -m draftdiff.cli.docs > docs/cli.md\n" + delta
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_of_the_help_is_in_the_reference(command: str) -> None:
    # the help a user gets (another width) names the same options as the reference's section
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=60)
    assert result.exit_code == 0
    section = DOCS.read_text(encoding="utf-8").split(f"## draftdiff {command}\n", 1)[1].split("\n## ", 1)[0]
    options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", result.output))
    assert options and options == set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", section))


def test_the_reference_is_the_same_at_any_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERM", "dumb")
    assert render_cli_docs() == DOCS.read_text(encoding="utf-8")
