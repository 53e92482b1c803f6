"""The Markdown report: structure, the table of changes, diffs, and rendering through a real parser."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from draftdiff.render.markdown import md_diff, render_markdown
from draftdiff.render.report import build_report
from render_samples import SAMPLE


def to_html(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def test_summary_table_and_groups() -> None:
    out = render_markdown(SAMPLE)
    assert out.startswith("# Plan A (2025-11-20) → Plan B (2025-11-23)\n")
    assert "**11 -> 11 points:** 6 kept (2 of them revised, 1 reworded); 2 merged into 1;" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    listed = sum(1 for _ in build_report(SAMPLE).rows())
    assert len(rows) == 1 + listed  # header + one row per listed change (children included)
    assert "| revised | 4 | 2 | number: 600,000 -> 800,000; similarity 0.86 |" in rows
    assert "| ↳ revised | 6\\.b | 5\\.b | similarity 0.70 |" in rows
    heads = re.findall(r"^## (.+)$", out, re.MULTILINE)
    assert heads[:3] == ["Changes", "Dropped (1)", "Deferred (1)"] and heads[-2:] == ["Added (1)", "Unchanged"]


def test_diffs_strike_deletions_and_bold_insertions() -> None:
    out = render_markdown(SAMPLE)
    assert "The army is capped at ~~600,000~~ **800,000**." in out
    html = to_html(out)
    assert "<s>600,000</s> <strong>800,000</strong>" in html
    assert "- **b** revised (similarity 0.70): Void ~~on attack~~ **if attacked**." in out


def test_table_renders_with_a_row_per_change() -> None:
    html = to_html(render_markdown(SAMPLE))
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == sum(1 for _ in build_report(SAMPLE).rows())
    assert all(row.count("<td>") == 4 for row in body.split("<tr>")[1:])


def test_md_diff_markers_go_around_words_not_spaces() -> None:
    from draftdiff.changes import DiffOp

    out = md_diff([DiffOp("equal", "a"), DiffOp("delete", " b c "), DiffOp("equal", "d")])
    assert out == "a ~~b c~~ d"
    assert "<s>b c</s>" in to_html(out)


def test_all_lists_unchanged_points() -> None:
    assert "Sovereignty is confirmed." not in render_markdown(SAMPLE)
    assert "Sovereignty is confirmed." in render_markdown(SAMPLE, show_all=True)
