"""JSON and TOML drafts: the accepted shapes, computed ids, the round trip, and errors naming the path."""

from __future__ import annotations

import dataclasses
import json

import pytest

from draftdiff.errors import InputError
from draftdiff.jsonform import draft_to_dict
from draftdiff.read import parse_draft


def test_bare_list_of_strings():
    d = parse_draft(b'["Ceasefire.", "Talks."]', "d.json", path="d.json")
    assert [(p.id, p.label, p.text, p.line) for p in d.points] == [("1", "1", "Ceasefire.", None), ("2", "2", "Talks.", None)]


def test_object_with_nested_points_and_computed_ids():
    data = {
        "title": "Plan",
        "date": "2025-11-20",
        "version": 2,
        "points": [
            {"label": "10", "text": "Guarantee:", "points": [{"label": "a", "text": "compensated"}, "lapses"]},
            {"label": "2.1", "text": "Scope", "points": [{"label": "2.1.3", "text": "Detail"}]},
        ],
    }
    d = parse_draft(json.dumps(data), "d.json", path="d.json")
    assert [p.id for p in d.walk()] == ["10", "10.a", "10.2", "2.1", "2.1.3"]
    assert d.title == "Plan" and d.date == "2025-11-20" and d.version == "2"
    assert d.metadata["title"] == "Plan"  # hand-written drafts keep their keys as metadata, like front matter


def test_toml_draft():
    src = 'title = "Plan"\ndate = 2025-11-24\n\n[[points]]\nlabel = "1"\ntext = "One"\n\n[[points.points]]\nlabel = "a"\ntext = "Sub"\n\n[[points]]\ntext = "Two"\n'
    d = parse_draft(src, "d.toml", path="d.toml")
    assert [(p.id, p.text) for p in d.walk()] == [("1", "One"), ("1.a", "Sub"), ("2", "Two")]
    assert d.date == "2025-11-24"


def test_format_keyword_and_sniffing():
    assert parse_draft('["a"]').points[0].text == "a"  # sniffed as JSON
    assert parse_draft('text = "x"\n[[points]]\ntext = "a"\n', format="toml").points[0].text == "a"
    assert parse_draft("[deferred] 1. a\n\n1. b\n").points[0].text == "b"  # a Markdown link stays Markdown


def test_round_trip_of_a_rich_markdown_draft():
    src = "---\ntitle: T\nwithdrawn: [4]\n---\n# T\n\nPre.\n\n1. One\n   - sub [parked: later]\n\n## Annex\n\n2. Two\n"
    d = parse_draft(src, "d.md")
    text = json.dumps(draft_to_dict(d, with_schema=True))
    back = parse_draft(text, "back.json", path="back.json")
    assert dataclasses.replace(back, source="d.md") == d
    assert back.point("1.1").track == "later" and back.point("2").track == "Annex"


def test_unknown_fields_of_a_schema_document_are_ignored():
    data = draft_to_dict(parse_draft("1. a\n"), with_schema=True)
    data["future_field"] = 1
    data["points"][0]["future_point_field"] = True
    assert parse_draft(json.dumps(data), path="x.json").points[0].text == "a"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"points": [{"text": "a"}, {"text": "b"}, {"text": "c"}, {"text": 3}]}, "points[3].text: expected a string"),
        ({"points": [{"label": "1"}]}, "points[0].text: missing"),
        ({"points": [{"text": "a", "points": [{"text": "b", "points": "x"}]}]}, "points[0].points[0].points: expected a list"),
        ({"points": [{"text": "a", "lable": "1"}]}, "points[0]: unknown key 'lable'"),
        ({"points": [5]}, "points[0]: expected a point"),
        ({"points": {}}, "points: expected a list"),
        ({"title": "x"}, "points: missing"),
        ({"points": []}, "points: the list of points is empty"),
        ({"schema": "other/9", "points": ["a"]}, "schema: unknown schema"),
        ({"points": ["a"], "withdrawn": "3"}, "withdrawn: expected a list"),
        ({"points": [{"id": "x", "text": "a"}, {"id": "x", "text": "b"}]}, "points[1].id: duplicate id 'x'"),
        ({"points": [{"text": "a", "line": 0}]}, "points[0].line: expected a positive integer"),
        ("just a string", "expected an object"),
    ],
)
def test_wrong_shapes_name_the_json_path(data, message):
    with pytest.raises(InputError) as exc:
        parse_draft(json.dumps(data), "d.json", path="d.json")
    assert message in str(exc.value)
    assert str(exc.value).startswith("d.json: ")


def test_malformed_json_and_toml_give_line_and_column():
    with pytest.raises(InputError) as exc:
        parse_draft(b'{\n  "points": [\n    "a",,\n  ]\n}', "d.json", path="d.json")
    assert exc.value.line == 3 and "column" in exc.value.message
    with pytest.raises(InputError) as exc:
        parse_draft(b'title = "x"\n[[points]\ntext = "a"\n', "d.toml", path="d.toml")
    assert exc.value.line == 2 and "not valid TOML" in exc.value.message
