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


def _norm(lines: list[list]) -> list[list[tuple[str, object]]]:
    """Segments as (text, style or None), empty ones left out: what a console writes from them."""
    return [[(seg.text, seg.style or None) for seg in line if seg.text] for line in lines]


def test_random_texts_wrap_like_rich() -> None:
    """ASCII texts (the fast wrapping) and others, with and without spans, at many widths, with and
    without colour: the same segments as rich's own ``render_lines``."""
    import random

    from draftdiff.render.terminal import _rstrip

    rng = random.Random(12)
    pieces = [
        "a",
        "bb",
        "ccc ",
        "  ",
        "word",
        "x" * 30,
        " ",
        "\n",
        "longer-word",
        ".",
        " \n ",
        "y" * 90,
        "é",
        "日本",
    ]
    consoles = [
        Console(width=80, color_system=None),
        Console(width=80, force_terminal=True, color_system="truecolor"),
    ]
    for trial in range(3000):
        text = Text(style=rng.choice(["", "bold", "dim"]))
        for _ in range(rng.randint(0, 5)):
            words = "".join(
                rng.choice(pieces[:-2] if trial % 2 else pieces) for _ in range(rng.randint(0, 6))
            )
            text.append(words, style=rng.choice(["", "", "bold", "red strike"]) if trial % 3 else "")
        width = rng.randint(1, 60)
        for console in consoles:
            options = console.options.update_width(width)
            ours = _norm([_rstrip(line) for line in _text_lines(console, text, options)])
            theirs = _norm(
                [_rstrip(line) for line in console.render_lines(text, options, pad=False, new_lines=False)]
            )
            assert ours == theirs, (text.plain, text.spans, width)


def test_plain_text_is_what_the_console_prints() -> None:
    """The report written without a console (no colour) is byte for byte what rich prints, at widths that
    wrap, fold and crop, with --all and --side-by-side."""
    import io
    from pathlib import Path

    from draftdiff.compare import compare
    from draftdiff.read import parse_draft
    from draftdiff.render.terminal import CompareReport

    drafts = sorted(Path(__file__).resolve().parents[1].joinpath("drafts").glob("0*.md"))
    read = [parse_draft(p.read_text(encoding="utf-8"), source=p.name) for p in drafts]
    cmps = [compare(read[0], read[1]), compare(read[2], read[3])]
    for cmp in cmps:
        for width in (12, 20, 33, 80, 150):
            for show_all, side in ((False, False), (True, True)):
                console = Console(
                    width=width, color_system=None, file=io.StringIO(), highlight=False, markup=False
                )
                report = CompareReport(cmp, show_all=show_all, side_by_side=side)
                console.print(report)
                assert report.plain_text(console) == console.file.getvalue(), (width, show_all)
