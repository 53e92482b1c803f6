"""Property tests: whatever text a draft holds, every format renders it without raising and without a
single raw control, escape, bidi or invisible format character reaching the output."""

from __future__ import annotations

import io
import json
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from draftdiff.changes import Change, Comparison, DiffOp, Flag, Kind
from draftdiff.cli.common import ColorMode, make_console
from draftdiff.model import Draft, Point
from draftdiff.render.html import render_html
from draftdiff.render.json import comparison_to_json
from draftdiff.render.markdown import render_markdown
from draftdiff.render.terminal import CompareReport

# Text biased towards the dangerous: controls, ESC sequences, bidi, Markdown and HTML syntax.
DANGER = st.sampled_from(
    ["\x1b[31m", "\x1b]8;;http://x\x07", "\x1b]0;t\x07", "\x9b", "\u202e", "\u2066", "\u200b", "\r", "\x08",
     "\x00", "\x7f", "|", "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", "~", "#", "- ", "1. ", "\\", "[bold]"]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), DANGER), max_size=6).map("".join)
UNSAFE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    n = draw(st.integers(1, 4))
    texts = draw(st.lists(TEXT, min_size=2 * n, max_size=2 * n))
    sub = draw(TEXT)
    old = tuple(Point(str(i + 1), draw(TEXT) or "x", texts[i], points=(Point(f"{i + 1}.a", "a", sub),)) for i in range(n))
    new = tuple(Point(str(i + 1), str(i + 1), texts[n + i], track=draw(st.none() | TEXT)) for i in range(n))
    changes = []
    for i in range(n):
        kind = draw(st.sampled_from([Kind.REVISED, Kind.REWORDED, Kind.UNCHANGED, Kind.DEFERRED]))
        diff = (DiffOp("equal", draw(TEXT)), DiffOp("delete", texts[i]), DiffOp("insert", texts[n + i]))
        changes.append(
            Change(kind, (old[i].id,), (new[i].id,), similarity=0.5, matched_by=draw(TEXT), track=draw(TEXT),
                   flags=(Flag(draw(TEXT), draw(st.none() | TEXT), draw(st.none() | TEXT)),), diff=diff,
                   children=(Change(Kind.DROPPED, (f"{i + 1}.a",)),))
        )
    return Comparison(
        Draft(source=draw(TEXT), title=draw(st.none() | TEXT), date=draw(st.none() | TEXT), points=old),
        Draft(source=draw(TEXT), title=draw(st.none() | TEXT), points=new),
        tuple(changes),
    )


def raw_unsafe(text: str) -> set[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # rich's own colour codes
    return {ch for ch in text if ch not in "\n\u00ad" and unicodedata.category(ch) in UNSAFE}  # soft hyphen: harmless


@settings(max_examples=60, deadline=None)
@given(comparisons(), st.booleans(), st.booleans())
def test_terminal(cmp: Comparison, color: bool, side: bool) -> None:
    buf = io.StringIO()
    make_console(ColorMode.always if color else ColorMode.never, file=buf, width=60).print(
        CompareReport(cmp, side_by_side=side, show_all=True)
    )
    assert raw_unsafe(buf.getvalue()) == set()


@settings(max_examples=60, deadline=None)
@given(comparisons())
def test_markdown_html_json(cmp: Comparison) -> None:
    md = render_markdown(cmp, show_all=True)
    assert raw_unsafe(md) == set()
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    assert "<a " not in html and "<code>" not in html and "<script" not in html.lower()
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert all(row.count("<td>") == 4 for row in body.split("<tr>")[1:])
    page = render_html(cmp, show_all=True)
    assert raw_unsafe(page) == set() and "<script" not in page.lower()
    text = comparison_to_json(cmp)
    assert raw_unsafe(text) == set()
    assert json.loads(text)["changes"][0]["diff"][1]["text"] == cmp.changes[0].diff[1].text
