"""Hostile draft text and file names (rich markup, ANSI CSI, OSC 8 / OSC 0, C1, bidi, controls) come out
literally or as visible escapes in every format: nothing reaches the terminal or the page as a command."""

from __future__ import annotations

import io
import json
import re

import pytest
from markdown_it import MarkdownIt

from draftdiff.cli.common import ColorMode, make_console
from draftdiff.render.html import render_html
from draftdiff.render.json import comparison_to_json
from draftdiff.render.markdown import render_markdown
from draftdiff.render.terminal import CompareReport
from render_samples import HOSTILE, hostile_comparison

SGR = re.compile(r"\x1b\[[0-9;]*m")  # what rich itself emits for colour
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\r", "\x08", "\x00")
VISIBLE = ("\\x1b[31m", "\\x1b]8;;https://evil.example/\\x07", "\\x1b]0;pwned\\x07", "\\x9b2J", "\\u202etxt.exe")


def terminal(color: bool, **kw: bool) -> str:
    buf = io.StringIO()
    console = make_console(ColorMode.always if color else ColorMode.never, file=buf, width=400)
    console.print(CompareReport(hostile_comparison(), **kw))
    return buf.getvalue()


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("side_by_side", [False, True])
def test_terminal(color: bool, side_by_side: bool) -> None:
    out = terminal(color, side_by_side=side_by_side)
    if not color:
        assert "\x1b" not in out
    text = SGR.sub("", out)  # only rich's own colour codes may remain; remove them
    for ch in RAW:
        assert ch not in text
    for shown in VISIBLE:
        assert shown in text
    assert "[bold red]ALERT[/bold red]" in text  # markup shown literally, not interpreted
    assert "evil\\x1b[31m\\x1b]0;title\\x07\\u202e[bold]x.md" in text  # the file name
    if color:  # every escape sequence in the output is a plain SGR colour code
        assert re.findall(r"\x1b[^\[]", out) == []
        assert re.sub(r"\x1b\[[0-9;]*m", "", out).count("\x1b") == 0


def test_markdown() -> None:
    out = render_markdown(hostile_comparison())
    for ch in RAW:
        assert ch not in out
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(out)
    assert "<script" not in html and "<a " not in html and "<code>" not in html
    assert "<em>star</em>" not in html and "<em>under</em>" not in html
    # what a reader sees, once rendered, is the literal text
    plain = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    plain = plain.replace("&quot;", '"')
    for literal in ("[bold red]ALERT[/bold red]", "*star* _under_ `tick` [link](http://x) ~~s~~ &amp;", "<script>"):
        assert literal in plain
    for shown in VISIBLE:
        assert shown in plain
    # the table keeps four cells per row although the text holds "|"
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert all(row.count("<td>") == 4 for row in body.split("<tr>")[1:])


def test_html() -> None:
    out = render_html(hostile_comparison())
    for ch in RAW:
        assert ch not in out
    assert "<script" not in out and "href=" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "[bold red]ALERT[/bold red]" in out
    for shown in VISIBLE:
        assert shown in out


def test_json_keeps_the_data_but_no_raw_control() -> None:
    out = comparison_to_json(hostile_comparison())
    for ch in RAW:
        assert ch not in out
    assert json.loads(out)["old"]["points"][0]["text"] == HOSTILE
