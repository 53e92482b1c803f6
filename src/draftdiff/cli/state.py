"""Process-wide CLI state and the one-line error printer (no rich: it must work before anything loads)."""

from __future__ import annotations

import sys

from ..textsafe import escape_control

DEBUG = False


def safe_line(text: str) -> str:
    """Untrusted text made safe for one terminal line (one escaping rule for the whole tool)."""
    return escape_control(text)


def error(message: str) -> None:
    """One line on stderr: ``draftdiff: error: MESSAGE``."""
    sys.stderr.write(f"draftdiff: error: {safe_line(message)}\n")
    sys.stderr.flush()
