"""Untrusted strings (draft text, titles, file names) made safe for each output format.

Every renderer passes every untrusted string through one of these before it is written:

- :func:`plain` for terminals and text: control, ANSI/OSC, bidi and invisible characters become visible
  escapes (rich markup needs nothing more: consoles are made with ``markup=False`` and text is put into
  :class:`rich.text.Text` objects, which never parse markup);
- :func:`md` for Markdown: ``plain`` and then every character Markdown could act on is backslash-escaped;
- :func:`html` for HTML: ``plain`` and then :func:`html.escape`.

>>> plain("[bold red]x\\x1b[31m")
'[bold red]x\\\\x1b[31m'
>>> md("a | b *c* _d_ <b> `e` [f](g) ~~h~~")
'a \\\\| b \\\\*c\\\\* \\\\_d\\\\_ \\\\<b> \\\\`e\\\\` \\\\[f\\\\](g) \\\\~\\\\~h\\\\~\\\\~'
>>> md("1. not a list"), md("# not a heading"), md("- not a bullet")
('1\\\\. not a list', '\\\\# not a heading', '\\\\- not a bullet')
>>> html('<script>"x" & \\u202e')
'&lt;script&gt;&quot;x&quot; &amp; \\\\u202e'
"""

from __future__ import annotations

import html as _html
import re

from ..textsafe import escape_control

__all__ = ["html", "md", "plain"]


def plain(text: str | None) -> str:
    """Text safe to print: no control sequences, no bidi reordering, one line."""
    return escape_control(text or "")


# Characters with a meaning anywhere in a CommonMark/GFM line: emphasis, code, links, HTML and autolinks
# (an escaped "<" opens neither), tables, strikethrough, entities, and the backslash itself.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<|~&!])")
# At the start of a line: headings, quotes, list items (1. 1) - + *), thematic breaks, setext underlines.
_MD_LEAD = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")


def md(text: str | None) -> str:
    """Text safe inside a Markdown paragraph or table cell: shown literally, never as formatting."""
    out = _MD_INLINE.sub(r"\\\1", plain(text))
    m = _MD_LEAD.match(out)
    if m:
        if m.group(2)[0].isdigit():  # "1. x" -> "1\. x": escape the delimiter after the number
            end = m.end()
            out = out[:end] + "\\" + out[end:]
        else:
            out = out[: m.start(2)] + "\\" + out[m.start(2) :]
    return out


def html(text: str | None) -> str:
    """Text safe inside HTML elements and quoted attributes."""
    return _html.escape(plain(text), quote=True)
