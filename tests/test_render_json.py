"""The "draftdiff.compare/1" JSON: the contract, the JSON Schema, stability."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from draftdiff.render.json import comparison_to_dict, comparison_to_json
from render_samples import SAMPLE, hostile_comparison


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("draftdiff").joinpath("schemas/compare.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_contract_fields(validator: jsonschema.Draft202012Validator) -> None:
    d = comparison_to_dict(SAMPLE, options={"threshold": 0.5})
    validator.validate(d)
    assert d["schema"] == "draftdiff.compare/1"
    assert d["summary"] == SAMPLE.summary()
    assert d["options"] == {"threshold": 0.5}
    revised = next(c for c in d["changes"] if c["old"] == ["4"])
    assert revised == {
        "kind": "revised",
        "old": ["4"],
        "new": ["2"],
        "similarity": 0.86,
        "confidence": 0.9,
        "matched_by": "fuzzy",
        "moved": False,
        "renumbered": True,
        "flags": [{"type": "number", "old": "600,000", "new": "800,000"}],
        "track": None,
        "diff": [
            {"op": "equal", "text": "The army is capped at "},
            {"op": "delete", "text": "600,000"},
            {"op": "insert", "text": "800,000"},
            {"op": "equal", "text": "."},
        ],
        "alternatives": [],
        "children": [],
    }
    parent = next(c for c in d["changes"] if c["old"] == ["6"])
    assert [c["kind"] for c in parent["children"]] == ["unchanged", "revised"]


def test_each_point_id_in_exactly_one_change_at_the_top(validator: jsonschema.Draft202012Validator) -> None:
    d = comparison_to_dict(SAMPLE)
    olds = sorted(i for c in d["changes"] for i in c["old"])
    news = sorted(i for c in d["changes"] for i in c["new"])
    assert olds == sorted(p["id"] for p in d["old"]["points"])
    assert news == sorted(p["id"] for p in d["new"]["points"])


def test_text_round_trips_and_is_terminal_safe(validator: jsonschema.Draft202012Validator) -> None:
    cmp = hostile_comparison()
    text = comparison_to_json(cmp)
    assert json.loads(text) == comparison_to_dict(cmp)
    validator.validate(json.loads(text))
    for ch in ("\x1b", "\x07", "\x9b", "\u202e", "\r", "\x08"):
        assert ch not in text


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.update(schema="draftdiff.compare/2"),
        lambda d: d["changes"][0].update(kind="vanished"),
        lambda d: d["changes"][0].pop("diff"),
        lambda d: d["changes"][0].update(similarity=1.5),
        lambda d: d["summary"].pop("moved"),
        lambda d: d["changes"][2].update(new=["1"]),  # a dropped change with a new point
        lambda d: d["old"]["points"][0].pop("id"),
    ],
)
def test_the_schema_rejects_broken_output(validator: jsonschema.Draft202012Validator, breakage) -> None:  # type: ignore[no-untyped-def]
    d = comparison_to_dict(SAMPLE)
    breakage(d)
    assert not validator.is_valid(d)
