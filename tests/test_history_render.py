"""Renderers of the history and blame: terminal table, Markdown, JSON against its schema, hostile text."""

from __future__ import annotations

import io
import json
from importlib import resources

import jsonschema
import pytest
from rich.console import Console

from draftdiff.changes import Change, Comparison, Flag, Kind
from draftdiff.history import blame, build_history
from draftdiff.model import Draft, Point, draft_from_texts
from draftdiff.render.history import (
    BlameReport,
    HistoryReport,
    cell,
    legend,
    render_blame_markdown,
    render_history_markdown,
    series_sentence,
)
from draftdiff.render.history_json import blame_to_dict, history_to_dict, history_to_json


def schema(name):
    return json.loads(
        resources.files("draftdiff").joinpath(f"schemas/{name}.json").read_text(encoding="utf-8")
    )


def fixed(*changes):
    it = iter(changes)
    return lambda old, new: Comparison(old, new, tuple(next(it)))


HOSTILE = "[bold red]x[/] \x1b[31mred\x1b]0;title\x07 \u202eevil"


@pytest.fixture
def history():
    a = Draft(
        source="a.md",
        date="2025-11-20",
        points=(
            Point("1", "1", "**Territory.** The line is drawn."),
            Point("2", "2", "The army is capped at 600,000."),
            Point("3", "3", HOSTILE),
            Point("4", "4", "North crossings open."),
            Point("5", "5", "South crossings open."),
        ),
    )
    b = Draft(
        source="b.md",
        date="2025-11-23",
        points=(
            Point("1", "1", "**Territory.** The line is drawn.", track="Deferred to leaders' talks"),
            Point("2", "2", "The army is capped at 800,000."),
            Point("3", "3", "North and south crossings open."),
            Point("4", "4", "Something new \x1b[2J."),
        ),
    )
    return build_history(
        [a, b],
        compare=fixed(
            [
                Change(Kind.DEFERRED, ("1",), ("1",), 1.0, track="Deferred to leaders' talks"),
                Change(Kind.REVISED, ("2",), ("2",), 0.9, flags=(Flag("number", "600,000", "800,000"),)),
                Change(Kind.DROPPED, ("3",)),
                Change(Kind.MERGED, ("4", "5"), ("3",), 0.8, moved=True),
                Change(Kind.ADDED, (), ("4",)),
            ]
        ),
        restore=False,
    )


def render(renderable, width=100):
    console = Console(
        width=width, color_system=None, markup=False, highlight=False, record=True, file=io.StringIO()
    )
    console.print(renderable)
    return console.export_text()


def test_terminal_table_cells_summary_and_legend(history):
    out = render(HistoryReport(history), width=160)
    assert (
        "5 -> 3 points; 1 provision dropped along the way; 1 merged into others; 1 added; "
        "Territory deferred to leaders' talks" in out
    )
    assert "2025-11-20" in out and "2025-11-23" in out
    lines = out.splitlines()
    army = next(line for line in lines if "The army is capped" in line)
    assert army.split()[-2:] == ["2", "!2"]
    north = next(line for line in lines if line.lstrip().startswith("North and south"))
    assert north.split()[-2:] == ["4", "⤙3→"]
    south = next(line for line in lines if line.lstrip().startswith("South crossings"))
    assert south.split()[-2:] == ["5", "↦3"]
    assert "Legend" not in out  # the legend is one line of glyphs
    assert "= unchanged" not in out and "! revised" in out and "⏸ deferred" in out and "✗ dropped" in out


def test_ascii_fallback(history):
    out = render(HistoryReport(history, ascii=True))
    assert not any(ch in out for ch in "⤙↦⤚✗⏸↺→")
    assert "x dropped" in out and "M merged (absorbed others)" in out and "> merged into" in out
    assert cell(history.owner(0, "5").step_at(1), ascii=True) == ">3"


def test_hostile_text_is_escaped_everywhere(history):
    out = render(HistoryReport(history))
    md_out = render_history_markdown(history)
    detail = render(HistoryReport(history, [history.owner(0, "3")], detail=True))
    for text in (out, md_out, detail):
        assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "\\x1b[31mred" in detail and "\\u202eevil" in detail
    assert "[bold red]x[/]" in detail  # markup shown literally, not interpreted
    assert "\\[bold red\\]" in md_out
    blob = history_to_json(history)
    assert "\x1b" not in blob and "\u202e" not in blob
    assert json.loads(blob)["lineages"][2]["steps"][0]["text"] == HOSTILE  # the data itself is intact


def test_provision_detail_shows_each_step_in_words(history):
    army = history.owner(0, "2")
    out = render(HistoryReport(history, history.related(army.id), detail=True))
    assert "revised; number: 600,000 -> 800,000" in out
    assert "The army is capped at 800,000." in out
    merged = render(HistoryReport(history, history.related(history.owner(0, "4").id), detail=True))
    assert "merged with 5" in merged and "merged into 3" in merged


def test_markdown_table(history):
    md_out = render_history_markdown(history)
    assert md_out.startswith("## History of 2 drafts: 2025-11-20 -> 2025-11-23\n")
    assert "| Provision | 2025-11-20 (5) | 2025-11-23 (3) |" in md_out
    assert "| The army is capped at... | 2 | \\!2 |" in md_out
    assert "Legend: " in md_out


def test_json_validates_and_links_are_consistent(history):
    data = history_to_dict(history)
    jsonschema.validate(data, schema("history"))
    ids = {ln["id"] for ln in data["lineages"]}
    for ln in data["lineages"]:
        for st in ln["steps"]:
            for ref in [st["into"], st["origin"], *st["partners"]]:
                assert ref is None or ref in ids
    assert data["summary"]["sentence"] == series_sentence(history)
    assert data["pairs"][0]["summary"]["merged"] == 1
    assert [d["points"] for d in data["drafts"]] == [5, 3] and data["drafts"][1]["deferred"] == 1
    one = history_to_dict(history, history.related(history.owner(0, "2").id), provision="2")
    jsonschema.validate(one, schema("history"))
    assert one["provision"] == "2" and len(one["lineages"]) == 1


def test_blame_formats():
    ds = [
        draft_from_texts(["A.", "B."], source="v1.md", version="v1"),
        draft_from_texts(["A!", "B.", "C."], source="v2.md", version="v2"),
        draft_from_texts(["A!!", "B.", "C."], source="v3.md", version="v3"),
    ]
    h = build_history(
        ds,
        compare=fixed(
            [
                Change(Kind.REVISED, ("1",), ("1",), 0.6),
                Change(Kind.UNCHANGED, ("2",), ("2",)),
                Change(Kind.ADDED, (), ("3",)),
            ],
            [
                Change(Kind.REWORDED, ("1",), ("1",), 0.9),
                Change(Kind.UNCHANGED, ("2",), ("2",)),
                Change(Kind.UNCHANGED, ("3",), ("3",)),
            ],
        ),
        restore=False,
    )
    entries = blame(h)
    data = blame_to_dict(h, entries)
    jsonschema.validate(data, schema("blame"))
    assert [
        (p["id"], p["introduced"]["name"], p["changed"]["name"], p["changed"]["fate"]) for p in data["points"]
    ] == [("1", "v1", "v2", "revised"), ("2", "v1", "v1", "initial"), ("3", "v2", "v2", "added")]
    out = render(BlameReport(h, entries))
    row = next(line for line in out.splitlines() if line.strip().startswith("1 "))
    assert row.split()[:4] == ["1", "v1", "v2", "(revised)"]
    assert "| 3 | v2 | v2 (added) | C. |" in render_blame_markdown(h, entries)


def test_legend_lists_only_glyphs_in_use(history):
    text = legend(history, history.lineages)
    assert "↺" not in text and "⤚" not in text and "⤙ merged" in text
