"""Untrusted text made safe to show: control characters become visible escapes.

Draft contents and file names come from anywhere (e-mail, PDFs, other tools). Before they reach a
terminal, a Markdown file or an HTML page, every character that could move the cursor, start an escape
sequence (ANSI CSI colours, OSC 8 hyperlinks, OSC 0 window titles), reorder the line (bidi overrides and
isolates) or hide text (zero-width and other format characters) is replaced by a visible escape such as
``\\x1b`` or ``\\u202e``. Printable text, including every script and the ordinary space, is unchanged.

>>> escape_control("plain text, 600,000 troops")
'plain text, 600,000 troops'
>>> escape_control("\\x1b[31mred\\x1b[0m")
'\\\\x1b[31mred\\\\x1b[0m'
>>> escape_control("abc\\u202edef")
'abc\\\\u202edef'
>>> escape_control("one\\ttwo")
'one two'
>>> escape_control("line one\\nline two"), escape_control("line one\\nline two", newlines=True)
('line one\\\\nline two', 'line one\\nline two')
"""

from __future__ import annotations

import unicodedata

__all__ = ["SAFE_FORMAT", "UNSAFE_CATEGORIES", "escape_control"]

#: Unicode categories shown as escapes: controls, format characters (bidi, zero-width, tags),
#: line/paragraph separators, surrogates (from undecodable bytes) and unassigned code points.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})

#: Harmless despite their category: the soft hyphen (common in text pasted from PDFs).
SAFE_FORMAT = frozenset({"\u00ad"})

_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape_char(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    o = ord(ch)
    if o < 0x100:
        return f"\\x{o:02x}"
    if o < 0x10000:
        return f"\\u{o:04x}"
    return f"\\U{o:08x}"


def _unsafe(ch: str) -> bool:
    return ch not in SAFE_FORMAT and unicodedata.category(ch) in UNSAFE_CATEGORIES


def escape_control(text: str, *, newlines: bool = False) -> str:
    """Text with every control, bidi and invisible format character shown as a visible escape.

    A tab becomes one space. With ``newlines=True`` a line feed is kept (for multi-line passages);
    otherwise it is shown as ``\\n`` so that one string stays on one line.
    """
    if text.isprintable():  # the common case: nothing to do
        return text
    if "\t" in text:
        text = text.replace("\t", " ")
    # Only pieces that fail the (C-speed) isprintable test are looked at character by character, so a
    # 50 MB draft with a line break every 80 characters costs well under a second, not a minute.
    return ("\n" if newlines else "\\n").join(_escape_line(line) for line in text.split("\n"))


_CHUNK = 512


def _escape_line(line: str) -> str:
    if line.isprintable():
        return line
    out: list[str] = []
    for start in range(0, len(line), _CHUNK):
        piece = line[start : start + _CHUNK]
        if piece.isprintable():
            out.append(piece)
        else:
            out.extend(_escape_char(ch) if _unsafe(ch) else ch for ch in piece)
    return "".join(out)
