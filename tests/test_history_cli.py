"""`draftdiff history` and `draftdiff blame` through the command line (in process)."""

from __future__ import annotations

import json
import shutil
from importlib import resources

import jsonschema
import pytest

from conftest import DRAFTS, REPO
from draftdiff.cli import main

FIXTURES = REPO / "tests" / "fixtures" / "history"


def schema(name):
    return json.loads(
        resources.files("draftdiff").joinpath(f"schemas/{name}.json").read_text(encoding="utf-8")
    )


def run(capsys, *args):
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    out, err = capsys.readouterr()
    return code, out, err


def test_history_of_a_directory_text(capsys):
    code, out, err = run(capsys, "history", str(DRAFTS), "--color", "never", "--width", "160")
    assert code == 0 and err == ""
    assert "\x1b" not in out
    assert out.startswith("History of 4 drafts: 2025-11-20 -> 2025-11-23 -> 2025-11-24 -> 2025-12-23\n")
    assert "28 -> 26 -> 19 -> 20 points;" in out and "restored" in out
    assert "✗ dropped" in out.splitlines()[-1]
    assert "README" not in out  # drafts/README.md is not a draft


def test_history_json_validates(capsys):
    code, out, _ = run(capsys, "history", str(DRAFTS), "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, schema("history"))
    assert [d["name"] for d in data["drafts"]] == ["2025-11-20", "2025-11-23", "2025-11-24", "2025-12-23"]
    assert data["summary"]["points"] == [28, 26, 19, 20]
    assert len(data["pairs"]) == 3
    us3 = next(ln for ln in data["lineages"] if ln["steps"][0]["ids"] == ["3"] and ln["start"] == 0)
    assert [s["fate"] for s in us3["steps"]][:3] == ["initial", "dropped", "restored"]


def test_history_files_ordered_by_date_whatever_the_order_given(capsys):
    files = sorted(str(p) for p in DRAFTS.glob("0*.md"))
    code, out, _ = run(capsys, "history", *reversed(files), "--format", "json")
    assert code == 0
    assert [d["date"] for d in json.loads(out)["drafts"]] == sorted(
        d["date"] for d in json.loads(out)["drafts"]
    )
    _code, out, _ = run(capsys, "history", *reversed(files), "--format", "json", "--order", "given")
    assert json.loads(out)["drafts"][0]["name"] == "2025-12-23"


def test_history_markdown(capsys):
    code, out, _ = run(capsys, "history", str(FIXTURES / "drop-restore"), "--format", "markdown")
    assert code == 0
    assert out.startswith("## History of 3 drafts: 2025-01-10 -> 2025-01-20 -> 2025-02-01\n")
    assert "| Provision | 2025-01-10 (4) | 2025-01-20 (3) | 2025-02-01 (4) |" in out
    assert "| All combatants receive a full... | 2 | ✗ | ↺4 |" in out


def test_provision_follows_one(capsys):
    code, out, _ = run(
        capsys, "history", str(DRAFTS), "--provision", "26", "--color", "never", "--width", "140"
    )
    assert code == 0
    assert "dropped (declared withdrawn)" in out
    assert "amnesty" in out.lower()
    code, out, _ = run(capsys, "history", str(DRAFTS), "-p", "2025-11-24:21", "--format", "json")
    data = json.loads(out)
    assert data["provision"] == "2025-11-24:21"
    assert data["lineages"][0]["steps"][0]["ids"] == ["3"]  # Geneva 21 is the US point 3, restored


def test_since_until(capsys):
    code, out, _ = run(capsys, "history", str(DRAFTS), "--since", "2025-11-21", "--format", "json")
    assert code == 0
    assert [d["name"] for d in json.loads(out)["drafts"]] == ["2025-11-23", "2025-11-24", "2025-12-23"]
    _code, out, _ = run(
        capsys,
        "history",
        str(DRAFTS),
        "--until",
        "03-geneva-19-point-reconstruction",
        "--since",
        "02-e3-counter-proposal.md",
        "--format",
        "json",
    )
    assert [d["name"] for d in json.loads(out)["drafts"]] == ["2025-11-23", "2025-11-24"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2025-12-01"], "needs at least 2 drafts, got 1 after --since/--until"),
        (["--since", "nonsense"], "names no draft of the series and is not a date"),
        (["--provision", "99"], "no draft of the series has a point with that id"),
        (["--provision", "1999-01-01:1"], "no draft called"),
    ],
)
def test_trouble_is_one_line_and_exit_2(capsys, args, message):
    code, out, err = run(capsys, "history", str(DRAFTS), *args)
    assert code == 2 and out == ""
    assert err.startswith("draftdiff: error: ") and message in err and err.count("\n") == 1


def test_one_draft_or_none(capsys, tmp_path):
    code, _, err = run(capsys, "history", str(DRAFTS / "01-us-28-point-plan.md"))
    assert code == 2 and "needs at least 2 drafts, got 1" in err
    code, _, err = run(capsys, "history", str(tmp_path))
    assert code == 2 and "no draft files" in err
    code, _, err = run(
        capsys, "history", str(tmp_path / "missing.md"), str(DRAFTS / "01-us-28-point-plan.md")
    )
    assert code == 2 and "missing.md" in err and "no such file" in err


def test_output_file_and_ascii(capsys, tmp_path):
    target = tmp_path / "history.txt"
    code, out, _ = run(capsys, "history", str(FIXTURES / "merge-split"), "--ascii", "--output", str(target))
    assert code == 0 and out == ""
    text = target.read_text(encoding="utf-8")
    assert "M merged (absorbed others)" in text and not any(ch in text for ch in "⤙↦⤚✗")


def test_hostile_file_names_are_escaped(capsys, tmp_path):
    for n, name in enumerate(["01-\x1b[31mred.md", "02-\u202eevil.md"]):
        shutil.copy(
            FIXTURES / "drop-restore" / sorted(p.name for p in (FIXTURES / "drop-restore").iterdir())[n],
            tmp_path / name,
        )
    code, out, _ = run(capsys, "history", str(tmp_path), "--order", "given", "--color", "never")
    assert code == 0
    # the dates name the columns; the file names appear nowhere unescaped
    assert "\x1b" not in out and "\u202e" not in out
    for d in tmp_path.iterdir():
        (d).write_text(d.read_text(encoding="utf-8").replace("date:", "x-date:"), encoding="utf-8")
    code, out, _ = run(capsys, "history", str(tmp_path), "--color", "never", "--width", "200")
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b[31mred" in out and "\\u202eevil" in out


def test_blame_latest_in_the_directory(capsys):
    code, out, _ = run(
        capsys,
        "blame",
        str(DRAFTS / "04-20-point-framework.md"),
        "--history",
        str(DRAFTS),
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, schema("blame"))
    assert len(data["drafts"]) == 4
    by_id = {p["id"]: p for p in data["points"]}
    assert by_id["11"]["introduced"]["name"] == "2025-11-20"  # non-nuclear status, US 18
    assert by_id["11"]["changed"] == {"draft": 0, "name": "2025-11-20", "fate": "initial"}  # never changed
    # elections (US 25): revised by the E3, only reworded in December
    assert by_id["18"]["changed"] == {"draft": 1, "name": "2025-11-23", "fate": "revised"}
    assert by_id["21"]["introduced"]["name"] == "2025-11-20"  # US 3, restored in Geneva
    assert by_id["21"]["changed"]["name"] in ("2025-11-24", "2025-12-23")


def test_blame_cuts_the_series_at_file_and_takes_an_outside_file(capsys, tmp_path):
    code, out, _ = run(
        capsys,
        "blame",
        str(DRAFTS / "02-e3-counter-proposal.md"),
        "--history",
        str(DRAFTS),
        "--format",
        "json",
    )
    assert [d["name"] for d in json.loads(out)["drafts"]] == ["2025-11-20", "2025-11-23"]
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    for p in sorted(DRAFTS.glob("0*.md"))[:3]:
        shutil.copy(p, earlier / p.name)
    latest = tmp_path / "latest.md"
    shutil.copy(DRAFTS / "04-20-point-framework.md", latest)
    code, out, _ = run(
        capsys, "blame", str(latest), "--history", str(earlier), "--color", "never", "--width", "160"
    )
    assert code == 0
    assert out.startswith("Blame of ") and "over 4 drafts" in out
    code, out, _ = run(capsys, "blame", str(latest), "--history", str(earlier), "--format", "markdown")
    assert "| Id | Introduced | Last changed | Text |" in out


@pytest.mark.parametrize(
    "args, restored", [([], True), (["--restore-threshold", "0.95"], False), (["--no-restore"], False)]
)
def test_restore_options(capsys, args, restored):
    code, out, _ = run(capsys, "history", str(FIXTURES / "drop-restore"), "--format", "json", *args)
    assert code == 0
    summary = json.loads(out)["summary"]
    assert (summary["restored"], summary["added"]) == ((1, 0) if restored else (0, 1))


def test_grep_follows_provisions_by_their_words(capsys):
    code, out, _ = run(capsys, "history", str(DRAFTS), "--grep", "AMNESTY", "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, schema("history"))
    assert data["grep"] == "AMNESTY" and data["lineages"]
    assert all(
        any("amnesty" in (s["text"] or "").lower() for s in ln["steps"]) or ln["parent"]
        for ln in data["lineages"]
    )
    assert data["lineages"][0]["steps"][-1]["fate"] == "dropped"
    code, out, _ = run(capsys, "history", str(DRAFTS), "-g", "amnesty", "--color", "never", "--width", "140")
    assert code == 0 and "dropped (declared withdrawn)" in out
    code, out, err = run(capsys, "history", str(DRAFTS), "--grep", "no such words anywhere")
    assert code == 2 and "no provision of the series contains that text" in err


def test_a_stdout_that_cannot_encode_unicode_gets_ascii_and_escapes(tmp_path):
    import os
    import subprocess
    import sys

    draft = "1. Kyiv and Kharkiv: the line of contact.\n2. Prisoners are exchanged.\n"
    (tmp_path / "a.md").write_text(draft, encoding="utf-8")
    (tmp_path / "b.md").write_text(draft.replace("Kyiv", "Київ"), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "NO_COLOR": "1"}

    def run_ascii(*args):
        proc = subprocess.run(
            [sys.executable, "-m", "draftdiff", *args], capture_output=True, env=env, check=False
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.decode("ascii")  # nothing but ASCII on the wire

    out = run_ascii("history", str(tmp_path), "--grep", "Kharkiv", "--width", "120")
    assert "\\u041a\\u0438\\u0457\\u0432" in out  # Київ, as escapes
    assert "-----" in out  # the table rule, in ASCII
    assert "= unchanged" in out or "~ reworded" in out or "! revised" in out
    out = run_ascii("blame", str(tmp_path / "b.md"), "--history", str(tmp_path), "--width", "120")
    assert "\\u041a\\u0438\\u0457\\u0432 and Kharkiv" in out


def test_output_never_overwrites_a_draft(capsys, tmp_path):
    for p in (FIXTURES / "drop-restore").iterdir():
        shutil.copy(p, tmp_path / p.name)
    first = tmp_path / "01-first.md"
    before = first.read_bytes()
    code, _, err = run(capsys, "history", str(tmp_path), "--output", str(first))
    assert code == 2 and "refusing to overwrite" in err and first.read_bytes() == before
    code, _, err = run(
        capsys, "blame", str(tmp_path / "03-third.md"), "--history", str(tmp_path), "-o", str(first)
    )
    assert code == 2 and "refusing to overwrite" in err and first.read_bytes() == before


def test_provision_view_carries_word_diffs(capsys):
    code, out, _ = run(capsys, "history", str(DRAFTS), "--provision", "6", "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, schema("history"))
    army = data["lineages"][0]["steps"]
    assert "diff" not in army[0]  # nothing to compare the first text with
    ops = [(d["op"], d["text"].strip()) for d in army[1]["diff"]]
    assert ("delete", "600,000") in ops and ("insert", "800,000") in ops
    assert all("diff" not in s or s["diff"] for s in army)
    code, out, _ = run(
        capsys, "history", str(DRAFTS), "--provision", "6", "--color", "never", "--width", "160"
    )
    assert "[-600,000-] {+800,000+}" in out
    code, out, _ = run(capsys, "history", str(DRAFTS), "--provision", "6", "--format", "markdown")
    assert "~~600,000~~ **800,000**" in out
    code, out, _ = run(capsys, "history", str(DRAFTS), "--format", "json")
    assert all("diff" not in s for ln in json.loads(out)["lineages"] for s in ln["steps"])  # table: no diffs
