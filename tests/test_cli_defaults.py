"""The CLI's help states the defaults of the option objects, and every command falls back to one width
(issue 13)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from draftdiff.align.tuning import DEFAULTS, RESTORE_REVISED_EXTRA, RESTORE_THRESHOLD
from draftdiff.cli import common
from draftdiff.cli.app import app
from draftdiff.compare import CompareOptions


def help_of(command: str) -> str:
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    return " ".join(result.output.split())


def test_compare_help_states_the_engine_threshold() -> None:
    m = re.search(r"on their words alone \[default: ([0-9.]+)\]", help_of("compare"))
    assert m and float(m.group(1)) == DEFAULTS.threshold == CompareOptions().threshold


def test_history_help_states_the_restore_thresholds() -> None:
    text = help_of("history")
    m = re.search(r"\(default ([0-9.]+), or the engine's threshold if higher; ([0-9.]+) more", text)
    assert m and (float(m.group(1)), float(m.group(2))) == (RESTORE_THRESHOLD, RESTORE_REVISED_EXTRA)


@pytest.mark.parametrize(
    ("width", "columns", "expected"),
    [
        (None, None, common.FALLBACK_WIDTH),
        (None, "132", 132),
        (None, "5", common.FALLBACK_WIDTH),
        (60, "132", 60),
    ],
)
def test_one_width_fallback(monkeypatch: pytest.MonkeyPatch, width, columns, expected) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    if columns is not None:
        monkeypatch.setenv("COLUMNS", columns)
    assert common.output_width(width, "report.txt") == expected


def test_compare_and_history_wrap_a_file_at_the_same_fallback(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    long = "The parties agree " + "and agree again " * 20 + "to meet."
    a, b = tmp_path / "01.md", tmp_path / "02.md"
    a.write_text(f"1. {long}\n2. Ceasefire at once.\n", encoding="utf-8")
    b.write_text(f"1. {long} Soon.\n2. Ceasefire at once.\n", encoding="utf-8")
    widths = []
    for args in (["compare", str(a), str(b)], ["history", str(a), str(b)]):
        out = tmp_path / f"{args[0]}.txt"
        result = CliRunner().invoke(app, [*args, "--color", "never", "-o", str(out)])
        assert result.exit_code in (0, 1), result.output
        widths.append(max(len(line) for line in out.read_text(encoding="utf-8").splitlines()))
    assert 40 < widths[0] <= common.FALLBACK_WIDTH and widths[1] <= common.FALLBACK_WIDTH, widths
