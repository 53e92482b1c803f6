"""`draftdiff compare` and `draftdiff schema` end to end (in-process): options, colour, output, exit status."""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from conftest import DRAFTS
from draftdiff.cli import main
from render_samples import HOSTILE, HOSTILE_NAME

US = str(DRAFTS / "01-us-28-point-plan.md")
E3 = str(DRAFTS / "02-e3-counter-proposal.md")
GENEVA = str(DRAFTS / "03-geneva-19-point-reconstruction.md")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("draftdiff").joinpath("schemas/compare.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


# --- usage errors: checked before any draft is read -------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--fail-on", "dropped,vanished"], "vanished"),
        (["--fail-on", ","], "--fail-on"),
        (["--pin", "7"], "OLD=NEW"),
        (["--unpin", "7=5=3"], "OLD=NEW"),
        (["--format", "pdf"], "--format"),
        (["--color", "sometimes"], "--color"),
        (["--threshold", "1.5"], "--threshold"),
        (["--width", "5"], "--width"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    code, out, err = run(capsys, "compare", "missing-old.md", "missing-new.md", *args)
    assert code == 2 and out == ""
    assert needle in err and "Traceback" not in err


def test_both_from_stdin_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compare", "-", "-")
    assert code == 2 and "standard input" in err


def test_old_draft_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = Path(US).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(capsys, "compare", "-", E3, "-f", "json", "--fail-on", "dropped")
    assert code == 1
    d = json.loads(out)
    assert d["old"]["source"] == "-" and d["summary"]["dropped"] >= 1


def test_missing_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", US, "no-such-draft.md")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no-such-draft.md" in err


# --- the report ------------------------------------------------------------------------------------


def test_text_report_us_to_e3(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", US, E3, "--width", "400")
    assert code == 0 and err == ""
    assert "\x1b" not in out  # captured output is not a terminal: no colour
    assert "01-us-28-point-plan.md -> " in out and " · 28 -> 26 points\n" in out
    assert "number: 600,000 -> 800,000" in out
    dropped = out.split("Dropped (")[1].split("\n\n")[0]
    assert re.search(r"^  3  withdrawn \(the new draft says so\)$", dropped, re.MULTILINE)
    assert "[-" in out and "{+" in out


def test_deferred_to_leaders_talks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", E3, GENEVA, "--width", "300")
    assert code == 0
    summary = out.splitlines()[2]
    assert re.search(r"\b\d+ deferred to leaders' talks\b", summary)
    assert "Deferred (" in out


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({}, [], False),
        ({"FORCE_COLOR": "1"}, [], True),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ],
)
def test_colour_choice(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, env: dict[str, str], args: list[str], coloured: bool
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    code, out, _ = run(capsys, "compare", US, E3, *args)
    assert code == 0
    assert ("\x1b[" in out) is coloured
    if not coloured:
        assert "[-" in out  # the diff stays visible without colour


@pytest.mark.parametrize("width", ["40", "72", "120"])
def test_width(capsys: pytest.CaptureFixture[str], width: str) -> None:
    _, out, _ = run(capsys, "compare", US, E3, "--width", width, "--side-by-side")
    assert max(len(line) for line in out.splitlines()) <= int(width)


def test_all_lists_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    _, short, _ = run(capsys, "compare", US, E3)
    _, full, _ = run(capsys, "compare", US, E3, "--all")
    assert "not listed" in short and "not listed" not in full
    assert "Unchanged (" in full and len(full) > len(short)


@pytest.mark.parametrize(("fmt", "start"), [("markdown", "# "), ("html", "<!DOCTYPE html>"), ("json", "{")])
def test_formats(capsys: pytest.CaptureFixture[str], fmt: str, start: str) -> None:
    code, out, _ = run(capsys, "compare", US, E3, "--format", fmt, "--color", "always")
    assert code == 0 and out.startswith(start) and "\x1b" not in out


def test_json_follows_the_schema_and_records_options(
    capsys: pytest.CaptureFixture[str], validator: jsonschema.Draft202012Validator
) -> None:
    code, out, _ = run(capsys, "compare", US, E3, "-f", "json", "--threshold", "0.6", "--pin", "6=6")
    assert code == 0
    data = json.loads(out)
    validator.validate(data)
    assert data["options"]["threshold"] == 0.6 and data["options"]["pins"] == [["6", "6"]]
    cap = next(c for c in data["changes"] if c["old"] == ["6"])
    assert cap["matched_by"] == "pin" and cap["new"] == ["6"]
    assert {"type": "number", "old": "600,000", "new": "800,000"} in cap["flags"]


def test_pins_file_and_unpin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    pins = tmp_path / "pins.txt"
    pins.write_text("# forbid the obvious pairing\n1!=1\n", encoding="utf-8")
    code, out, _ = run(capsys, "compare", US, E3, "-f", "json", "--pins", str(pins))
    assert code == 0
    data = json.loads(out)
    validator.validate(data)
    assert data["options"]["unpins"] == [["1", "1"]]
    assert not any(c["old"] == ["1"] and c["new"] == ["1"] for c in data["changes"])
    code, out, _ = run(capsys, "compare", US, E3, "-f", "json", "--unpin", "1=1")
    assert code == 0
    assert not any(c["old"] == ["1"] and c["new"] == ["1"] for c in json.loads(out)["changes"])


def test_bad_pins(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pins = tmp_path / "pins.txt"
    pins.write_text("3 -> 5\n", encoding="utf-8")
    code, _, err = run(capsys, "compare", US, E3, "--pins", str(pins))
    assert code == 2 and f"{pins}:1:" in err
    code, _, err = run(capsys, "compare", US, E3, "--pin", "99=1")
    assert code == 2 and "99" in err and err.count("\n") == 1


# --- exit status and output --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([US, US], 0),
        ([US, E3], 0),
        ([US, US, "--exit-code"], 0),
        ([US, E3, "--exit-code"], 1),
        ([US, E3, "--fail-on", "dropped"], 1),
        ([US, E3, "--fail-on", "merged,split"], 0),
        ([US, US, "--fail-on", "dropped,deferred,moved,renumbered"], 0),
        ([E3, GENEVA, "--fail-on", "deferred"], 1),
        ([E3, GENEVA, "--fail-on", "renumbered"], 1),
    ],
)
def test_exit_status(capsys: pytest.CaptureFixture[str], args: list[str], expected: int) -> None:
    code, out, _ = run(capsys, "compare", *args, "-f", "json")
    assert code == expected
    assert json.loads(out)["schema"] == "draftdiff.compare/1"  # the report is written whatever the status


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = run(capsys, "compare", US, E3, "-f", "html", "-o", str(target))
    assert code == 0 and out == "" and err == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind
    code, _, _ = run(capsys, "compare", US, E3, "-o", str(tmp_path / "report.txt"), "--color", "auto")
    assert "\x1b" not in (tmp_path / "report.txt").read_text(encoding="utf-8")  # auto: files get no colour


@pytest.mark.parametrize("where", ["no-such-dir/report.txt", "."])
def test_unwritable_output(capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str) -> None:
    code, out, err = run(capsys, "compare", US, E3, "-o", str(tmp_path / where))
    assert code == 2 and out == ""
    assert err.startswith("draftdiff: error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_output_never_overwrites_an_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("1. One.\n2. Two.\n", encoding="utf-8")
    before = draft.read_bytes()
    code, _, err = run(capsys, "compare", US, str(draft), "-o", str(draft))
    assert code == 2 and "refusing to overwrite" in err and draft.read_bytes() == before


def test_no_progress_in_pipes(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compare", US, GENEVA)
    assert code == 0 and err == ""


# --- hostile content and file names, end to end ------------------------------------------------------


@pytest.fixture
def hostile_drafts(tmp_path: Path) -> tuple[str, str]:
    old = tmp_path / HOSTILE_NAME
    new = tmp_path / (HOSTILE_NAME + ".new.md")
    body = HOSTILE.replace("\r", "")  # a CR would end the line in a Markdown source
    old.write_text(f"---\ntitle: T {body}\n---\n\n1. First {body}\n2. Kept point.\n3. Gone {body}\n", "utf-8")
    new.write_text(f"1. First {body} more\n2. Kept point.\n3. New {body} [bold]\n", "utf-8")
    return str(old), str(new)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_hostile_drafts_end_to_end(
    capsys: pytest.CaptureFixture[str], hostile_drafts: tuple[str, str], fmt: str
) -> None:
    code, out, err = run(capsys, "compare", *hostile_drafts, "-f", fmt, "--color", "always", "--width", "300")
    assert code == 0 and err == ""
    without_sgr = re.sub(r"\x1b\[[0-9;]*m", "", out)
    for ch in ("\x1b", "\x07", "\x9b", "\u202e", "\x08"):
        assert ch not in without_sgr
    if fmt == "text":
        assert "[bold red]ALERT[/bold red]" in without_sgr
        assert "\\x1b]0;title\\x07\\u202e[bold]x.md" in without_sgr  # the file name, visibly escaped


def test_hostile_file_name_in_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "compare", str(tmp_path / HOSTILE_NAME), US)
    assert code == 2 and "\x1b" not in err and "\u202e" not in err and "\\x1b" in err


# --- schema ------------------------------------------------------------------------------------------


def test_schema_lists_and_prints(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    names = out.split()
    assert code == 0 and "compare" in names and names == sorted(names)
    folder = Path(str(resources.files("draftdiff").joinpath("schemas")))
    assert names == sorted(p.stem for p in folder.glob("*.json"))
    code, out, _ = run(capsys, "schema", "compare")
    assert code == 0
    assert json.loads(out) == json.loads((folder / "compare.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(json.loads(out))


@pytest.mark.parametrize("name", ["nope", "../pyproject", "compare.json"])
def test_schema_unknown(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = run(capsys, "schema", name)
    assert code == 2 and out == "" and "compare" in err and err.count("\n") == 1


def test_every_shipped_schema_is_valid() -> None:
    folder = Path(str(resources.files("draftdiff").joinpath("schemas")))
    for path in folder.glob("*.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))
    assert os.path.exists(folder / "compare.json")


def test_every_option_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    import typer.main

    from conftest import REPO
    from draftdiff.cli.app import app

    command = typer.main.get_command(app).commands["compare"]  # type: ignore[attr-defined]
    docs = (REPO / "docs" / "cli-guide.md").read_text(encoding="utf-8")
    section = docs.split("## draftdiff compare", 1)[1].split("\n## ", 1)[0]
    code, helptext, _ = run(capsys, "compare", "--help")
    assert code == 0
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in section, f"{opt} is not documented in docs/cli-guide.md"
                assert opt in helptext


def test_an_output_that_cannot_encode_unicode(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii", write_through=True))
    try:
        main(["compare", US, E3, "--width", "300"])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = raw.getvalue().decode("ascii")
    assert code == 0 and " \\xb7 28 -> 26 points" in out
