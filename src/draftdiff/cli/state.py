"""Process-wide CLI state and the one-line error printer (no rich: it must work before anything loads)."""

from __future__ import annotations

import sys

DEBUG = False


def safe_line(text: str) -> str:
    """Make untrusted text safe for one terminal line: control characters shown as visible escapes."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "\t":
            out.append(" ")
        elif o < 0x20 or 0x7F <= o < 0xA0 or o in _BIDI_AND_INVISIBLE:
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


#: Bidi overrides/isolates and other invisible format characters that can reorder or hide text.
_BIDI_AND_INVISIBLE = frozenset(
    [0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)


def error(message: str) -> None:
    """One line on stderr: ``draftdiff: error: MESSAGE``."""
    sys.stderr.write(f"draftdiff: error: {safe_line(message)}\n")
    sys.stderr.flush()
