"""Golden files: `draftdiff compare` on the drafts/ series in every format at a fixed width.

A difference means users will see something else. If it is intended, regenerate deliberately with
`python tests/regen_golden.py` and review `git diff tests/golden/`.
"""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from regen_golden import GOLDEN, cases, golden_name, run


@pytest.mark.parametrize(("old", "new", "suffix"), cases(), ids=lambda v: str(v).split("/")[-1][:2])
def test_golden(old: str, new: str, suffix: str) -> None:
    path = GOLDEN / golden_name(old, new, suffix)
    assert path.exists(), f"{path} missing: run python tests/regen_golden.py"
    code, text = run(old, new, suffix)
    assert code == 0
    expected = path.read_text(encoding="utf-8")
    if suffix == "json":  # compare as data first, for a readable failure
        assert json.loads(text) == json.loads(expected)
    assert text == expected, f"{path.name} differs: regenerate deliberately (python tests/regen_golden.py)"


def test_golden_json_files_follow_the_schema() -> None:
    schema = json.loads(resources.files("draftdiff").joinpath("schemas/compare.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(GOLDEN.glob("compare-*.json"))
    assert len(files) >= 3
    for path in files:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))


def test_plain_golden_files_hold_no_escape_codes_and_colour_ones_do() -> None:
    us_e3 = " ".join(line.strip() for line in (GOLDEN / "compare-01-02.txt").read_text(encoding="utf-8").splitlines())
    assert "[-600,000-] {+800,000+}" in us_e3  # the diff is visible without colour
    assert "\x1b[9;31m600,000" in (GOLDEN / "compare-01-02.ansi.txt").read_text(encoding="utf-8")
    for path in GOLDEN.glob("compare-*.txt"):
        text = path.read_text(encoding="utf-8")
        if path.name.endswith(".ansi.txt"):
            assert "\x1b[" in text and "[-" not in text
        else:
            assert "\x1b" not in text
            assert max(len(line) for line in text.splitlines()) <= 100
