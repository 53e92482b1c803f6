"""The terminal report's line-by-line wrapping gives what rich's own rendering gives."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from draftdiff.render.terminal import _text_lines


def _rich(console: Console, text: Text, width: int) -> list[str]:
    options = console.options.update_width(width)
    return ["".join(seg.text for seg in line) for line in console.render_lines(text, options, pad=False)]


def _ours(console: Console, text: Text, width: int) -> list[str]:
    return [
        "".join(seg.text for seg in line)
        for line in _text_lines(console, text, console.options.update_width(width))
    ]


def test_long_styled_text_wraps_like_rich() -> None:
    console = Console(width=80, color_system=None)
    text = Text("a" * 30 + " ", style="bold")
    for k in range(300):
        text.append(f"word{k} ", style="red" if k % 7 == 0 else "")
    assert _ours(console, text, 40) == _rich(console, text, 40)
    assert len(_ours(console, text, 40)) > 50


def test_line_style_is_kept() -> None:
    console = Console(width=40, force_terminal=True, color_system="standard")
    text = Text("the parties shall agree " * 10, style="bold")
    styles = {
        seg.style for line in _text_lines(console, text, console.options) for seg in line if seg.text.strip()
    }
    assert any(s is not None and s.bold for s in styles)
